from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from genk.core import pagecache
from genk.core.permissions import can
from genk.core.refusals import attempt
from neighbourhoods.models import District

from . import services
from .eligibility import respondent_problem
from .forms import AnswerForm
from .models import Answer, Choice, Question, Response, Survey
from .results import results as compute_results


def _survey(request, slug) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("audience_district"), slug=slug)
    if not can(request.user, "surveys.view_survey", survey):
        raise Http404
    return survey


def _next_moment(surveys, now):
    """The next opening or closing of these surveys: what a visitor's page shows changes then."""
    moments = [m for s in surveys for m in (s.opens_at, s.closes_at) if m > now]
    return min(moments) if moments else None


# The public pages are kept for visitors (genk.core.pagecache.public_page) under the versions of
# what they show: the surveys with their audience's district (`audience_label`), and for the
# results the questions, choices, responses and answers; until a survey opens or closes.


@pagecache.public_page("surveys", "index", tables=[Survey, District])
def index(request):
    now = timezone.now()
    surveys = list(Survey.objects.published().select_related("audience_district").order_by("closes_at"))
    response = render(
        request,
        "surveys/index.html",
        {
            "open": [s for s in surveys if s.opens_at <= now < s.closes_at],
            "closed": [s for s in surveys if s.closes_at <= now and s.results_public],
        },
    )
    return pagecache.keep_until(response, _next_moment(surveys, now))


# A visitor sees no questions (the form is for those who may answer): the survey and its audience.
@pagecache.public_page("surveys", "detail", tables=[Survey, District])
def detail(request, slug):
    now = timezone.now()
    survey = _survey(request, slug)
    questions = list(survey.questions.select_related("show_if_choice").prefetch_related("choices"))
    can_answer = can(request.user, "surveys.answer_survey", survey)
    form = AnswerForm(request.POST or None, survey=survey, questions=questions) if can_answer else None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_answer:
            raise PermissionDenied(respondent_problem(request.user, survey))
        if form.is_valid():
            done, _response = attempt(request, lambda: services.submit_response(survey, request.user, form))
            if done:
                messages.success(request, _("Bedankt! Je antwoorden zijn bewaard."))
            return redirect(survey)
    response = (
        Response.objects.filter(survey=survey, respondent=request.user).first()
        if request.user.is_authenticated
        else None
    )
    page = render(
        request,
        "surveys/detail.html",
        {
            "survey": survey,
            "form": form,
            "problem": None if can_answer else respondent_problem(request.user, survey),
            "response": response,
            "can_see_results": can(request.user, "surveys.view_results", survey),
        },
    )
    # "opent op …", "Meld je aan", "gesloten" and the link to the results follow the clock.
    return pagecache.keep_until(page, _next_moment([survey], now))


@pagecache.public_page("surveys", "results", tables=[Survey, District, Question, Choice, Response, Answer])
def results(request, slug):
    survey = _survey(request, slug)
    if not can(request.user, "surveys.view_results", survey):
        if not survey.results_public:  # a real refusal, that says why
            raise PermissionDenied(_("De stad maakt de resultaten van deze bevraging niet publiek."))
        # Not a refusal: the results come when the survey closes.
        pending = render(request, "surveys/results_pending.html", {"survey": survey})
        return pagecache.keep_until(pending, _next_moment([survey], timezone.now()))
    total, rows = compute_results(survey, with_texts=False)
    return render(request, "surveys/results.html", {"survey": survey, "total": total, "results": rows, "staff": False})

import csv
import io

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from genk.core.permissions import can, require, staff_required
from genk.core.refusals import attempt, refusals_to
from participation.ownership import managed_by

from . import services
from .forms import QuestionForm, SurveyForm
from .models import Answer, Question, Response, Survey
from .results import results as compute_results

NOT_YOUR_SURVEY = gettext_lazy("Deze bevraging hoort bij een andere dienst: alleen haar medewerkers beheren ze.")


def _survey(request, slug):
    """The survey, for staff of its department (and administrators); others get a 403 that says why."""
    survey = get_object_or_404(Survey.objects.select_related("audience_district", "department"), slug=slug)
    require(request.user, "surveys.manage_survey", survey, message=NOT_YOUR_SURVEY)
    return survey


@staff_required
def survey_list(request):
    surveys = (
        managed_by(Survey.objects.all(), request.user).annotate(n_responses=Count("responses")).order_by("-opens_at")
    )
    return render(request, "surveys/staff/list.html", {"surveys": surveys})


@staff_required
def survey_form(request, slug=None):
    survey = _survey(request, slug) if slug else None
    form = SurveyForm(request.POST or None, instance=survey, user=request.user)
    if request.method == "POST" and form.is_valid():
        survey = services.save_survey(form, request.user)
        messages.success(request, _("De bevraging is bewaard."))
        return redirect("surveys_staff:detail", slug=survey.slug)
    return render(request, "surveys/staff/survey_form.html", {"form": form, "survey": survey})


@staff_required
def detail(request, slug):
    survey = _survey(request, slug)
    questions = survey.questions.select_related("show_if_choice__question").prefetch_related("choices")
    return render(
        request,
        "surveys/staff/detail.html",
        {
            "survey": survey,
            "questions": questions,
            "locked": services.structure_locked(survey),
            "responses": survey.responses.count(),
        },
    )


def _back_to_survey(request, slug, **kwargs):
    return reverse("surveys_staff:detail", kwargs={"slug": slug})


@staff_required
@require_POST
@refusals_to(_back_to_survey)
def publish(request, slug):
    survey = _survey(request, slug)
    services.set_published(survey, request.user, request.POST.get("publish") == "1")
    return redirect("surveys_staff:detail", slug=survey.slug)


@staff_required
def question_form(request, slug, pk=None):
    survey = _survey(request, slug)
    question = get_object_or_404(Question, survey=survey, pk=pk) if pk else None
    form = QuestionForm(request.POST or None, instance=question, survey=survey)
    if request.method == "POST" and form.is_valid():
        saved, _question = attempt(request, lambda: services.save_question(form, survey, request.user), form=form)
        if saved:
            messages.success(request, _("De vraag is bewaard."))
            return redirect("surveys_staff:detail", slug=survey.slug)
    return render(request, "surveys/staff/question_form.html", {"form": form, "survey": survey, "question": question})


@staff_required
@require_POST
@refusals_to(_back_to_survey)
def question_action(request, slug, pk, action):
    survey = _survey(request, slug)
    question = get_object_or_404(Question.objects.select_related("survey"), survey=survey, pk=pk)
    if action == "verwijderen":
        services.delete_question(question, request.user)
    elif action in ("omhoog", "omlaag"):
        services.move_question(question, request.user, -1 if action == "omhoog" else 1)
    else:
        raise Http404
    return redirect("surveys_staff:detail", slug=survey.slug)


@staff_required
def results(request, slug):
    survey = _survey(request, slug)
    total, rows = compute_results(survey, with_texts=can(request.user, "surveys.view_free_text", survey))
    return render(request, "surveys/results.html", {"survey": survey, "total": total, "results": rows, "staff": True})


def _table(survey, *, with_texts: bool):
    """Free-text answers only for those who may read them (the owning department)."""
    questions = list(survey.questions.prefetch_related("choices"))
    if not with_texts:
        questions = [q for q in questions if q.kind != Question.Kind.TEXT]
    choice_text = {c.pk: c.text for q in questions for c in q.choices.all()}
    values: dict[int, dict[int, list[str]]] = {}
    for response_id, question_id, choice_id, number, text in (
        Answer.objects.filter(response__survey=survey)
        .order_by("pk")
        .values_list("response_id", "question_id", "choice_id", "number", "text")
    ):
        value = choice_text.get(choice_id) if choice_id else (str(number) if number is not None else text)
        values.setdefault(response_id, {}).setdefault(question_id, []).append(value)
    headers = [_("antwoord"), _("ingevuld op"), _("wijk")] + [
        f"{i}. {q.text}" for i, q in enumerate(questions, start=1)
    ]
    rows = []
    responses = Response.objects.filter(survey=survey).select_related("neighbourhood").order_by("pk")
    for number, response in enumerate(responses, start=1):
        answers = values.get(response.pk, {})
        rows.append(
            [number, response.created.date().isoformat(), response.neighbourhood.name if response.neighbourhood else ""]
            + ["; ".join(answers.get(q.pk, [])) for q in questions]
        )
    return headers, rows


@staff_required
def export(request, slug, fmt):
    """All responses, one row each, without names (a running number, the date and the wijk)."""
    survey = _survey(request, slug)
    headers, rows = _table(survey, with_texts=can(request.user, "surveys.view_free_text", survey))
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title="antwoorden")
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="bevraging-{survey.slug}.{fmt}"'
    return response

"""The public pages of FairTrade town (/wereldburgerschap/fairtrade/): the progress overview,
the directory of fair-trade points with its map, a point's page, registering a point and
one's own points.

The overview, the directory and a point's page are kept whole for visitors
(`genk.core.pagecache.public_page`) under the versions of the tables they show; the free places
on the coming activities' cards may lag `caching.REGISTRATION_LAG` seconds. The overview's copy
ends at midnight (steering-group members whose term ended, the current year) or when the first
coming activity ends, whichever is first."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from genk.accounts.models import Organisation
from genk.core import pagecache
from genk.core.files import private_file_response
from genk.core.permissions import can, permission_required
from genk.core.refusals import attempt, refusals_to
from neighbourhoods.models import Neighbourhood
from worldcitizenship import programmes
from worldcitizenship.caching import ACTIVITY_LAG, ACTIVITY_TABLES, keep_until_coming_change, next_midnight
from worldcitizenship.follows import following
from worldcitizenship.partnership.forms import FollowForm

from . import follows, services, workflow
from .filters import PointFilter
from .forms import MessageForm, PointForm
from .models import Criterion, Evidence, Point, Progress, SteeringMeeting, SteeringMember

PAGE_SIZE = 50


def _year(request) -> int:
    try:
        year = int(request.GET.get("jaar", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@pagecache.public_page(
    "fairtrade",
    "overview",
    tables=[Criterion, Progress, Evidence, Point, Neighbourhood, SteeringMember, SteeringMeeting, *ACTIVITY_TABLES],
    lag=ACTIVITY_LAG,
    params={"jaar"},
)
def overview(request):
    year = _year(request)
    data = services.overview(year)
    today = timezone.localdate()
    activities = programmes.coming_activities(programmes.Programme.FAIRTRADE)
    response = render(
        request,
        "fairtrade/overview.html",
        {
            "overview": data,
            "members": SteeringMember.objects.filter(Q(until__isnull=True) | Q(until__gte=today)),
            "meetings": SteeringMeeting.objects.filter(date__year=year).only("date", "place")[:12],
            "years": sorted({year, today.year, *services.years()}, reverse=True),
            "can_manage": can(request.user, "fairtrade.manage_campaign"),
            "programme_activities": activities,
            "criteria_loaded": bool(data.lines),
            "follow_subject": follows.SUBJECT,
            "following": following(request.user, follows.SUBJECT),
            "follow_form": FollowForm(),
        },
    )
    pagecache.keep_until(response, next_midnight())
    return keep_until_coming_change(response, activities)


@pagecache.public_page("fairtrade", "directory", tables=[Point, Neighbourhood], params={"soort", "wijk", "pagina"})
def directory(request):
    filterset = PointFilter(request.GET, queryset=Point.objects.approved())
    points = filterset.qs.for_list().order_by("name", "pk")
    page = Paginator(points, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "fairtrade/directory.html",
        {
            "filter": filterset,
            "page": page,
            "points": list(page.object_list),
            "filtered": any(v for k, v in request.GET.items() if k != "pagina"),
        },
    )


def _point(request, pk) -> Point:
    point = get_object_or_404(Point.objects.select_related("neighbourhood", "organisation"), pk=pk)
    if not can(request.user, "fairtrade.view_point", point):
        raise Http404
    return point


@pagecache.public_page("fairtrade", "point", tables=[Point, Neighbourhood, Organisation])
def point(request, pk):
    point = _point(request, pk)
    return render(
        request,
        "fairtrade/point.html",
        {
            "point": point,
            "point_list": [point],
            "can_withdraw": point.status == Point.Status.APPROVED
            and can(request.user, "fairtrade.withdraw_point", point),
            "can_review": can(request.user, "fairtrade.review_point", point),
            "withdraw_form": MessageForm(),
        },
    )


REGISTER_REASON = gettext_lazy("Log in om een fairtradepunt aan te melden.")


@permission_required("fairtrade.add_point", reason=REGISTER_REASON)
def register(request):
    form = PointForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "organisation"}
        organisation = form.cleaned_data.get("organisation")
        ok, created = attempt(
            request, lambda: services.register_point(request.user, organisation=organisation, **values), form=form
        )
        if ok:
            messages.success(
                request,
                _(
                    "Bedankt! De dienst Wereldburgerschap kijkt je aanmelding na; je krijgt een bericht zodra ze beslist."
                ),
            )
            return redirect(created.get_absolute_url())
    return render(request, "fairtrade/register.html", {"form": form})


@login_required
def mine(request):
    organisations = request.user.organisation_memberships.current().values("organisation")
    points = (
        Point.objects.filter(Q(applicant=request.user) | Q(organisation__in=organisations))
        .select_related("neighbourhood")
        .order_by("-created")
    )
    return render(request, "fairtrade/mine.html", {"points": points})


@require_POST
@permission_required("fairtrade.withdraw_point", lambda request, pk: _point(request, pk))
@refusals_to(lambda request, pk: Point.objects.get(pk=pk).get_absolute_url())
def withdraw(request, pk):
    point = _point(request, pk)
    form = MessageForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    workflow.withdraw(point, request.user, message)
    messages.success(request, _("Het punt staat niet meer in de gids."))
    return redirect(point.get_absolute_url())


def evidence_file(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("progress"), pk=pk)
    if not evidence.file or not can(request.user, "fairtrade.view_evidence", evidence):
        raise Http404
    return private_file_response(evidence.file, evidence.file.name.rsplit("/", 1)[-1], cache_seconds=0)


def criteria(request):
    people, known, wijken = services.population_info()
    items = list(Criterion.objects.order_by("number"))
    for item in items:
        item.needed = item.threshold(people)
    summary = services.Overview(
        year=timezone.localdate().year, population=people, lines=[], wijken_known=known, wijken=wijken
    )
    return render(request, "fairtrade/criteria.html", {"criteria": items, "overview": summary})

"""Public and member pages of the advisory councils.

Every page asks the database a fixed number of queries, whatever the number of meetings,
items, documents or members: lists are paginated or prefetched, and permissions are checked
per object in Python with the viewer's council roles read once (predicates.council_roles).
"""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk.accounts.models import Department, Organisation
from genk.core import pagecache
from genk.core.files import private_file_response
from genk.core.permissions import can
from genk.core.refusals import attempt
from neighbourhoods.models import Place

from . import services, workflow
from .forms import ApplicationForm, RemarkForm, RsvpForm
from .models import (
    Advice,
    AdviceRequest,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Ballot,
    Council,
    CouncilMembership,
    Meeting,
    MembershipApplication,
    Minutes,
    MinutesRemark,
    Vote,
)
from .predicates import council_roles


def minutes_of(meeting: Meeting):
    try:
        return meeting.minutes
    except ObjectDoesNotExist:
        return None


# The public pages a visitor sees are kept whole (genk.core.pagecache.public_page) under the
# versions of the tables they show. They also change with time: a meeting starts or ends, a
# membership or an advice request runs out at midnight (`_until`).
COUNCIL_TABLES = [Council, CouncilMembership, Meeting, Advice]
# Members' public names (accounts_user is written at every login): at most this many seconds
# late after a change of name or an erasure.
NAME_LAG = {get_user_model(): 60}


def _until(response, *moments):
    """Keep a copy of `response` no longer than the next local midnight and the first of the
    future `moments`."""
    now = timezone.now()
    midnight = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time.min))
    return pagecache.keep_until(response, min([midnight, *(m for m in moments if m is not None and m > now)]))


@pagecache.public_page("councils", "list", tables=COUNCIL_TABLES)
def council_list(request):
    today, now = timezone.localdate(), timezone.now()
    current = (Q(memberships__start__isnull=True) | Q(memberships__start__lte=today)) & (
        Q(memberships__end__isnull=True) | Q(memberships__end__gte=today)
    )
    next_meeting = (
        Meeting.objects.filter(council=OuterRef("pk"), starts_at__gte=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    advice_count = (
        Advice.objects.filter(council=OuterRef("pk"), status__in=Advice.PUBLIC_STATES)
        .order_by()
        .values("council")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    councils = (
        Council.objects.active()
        .annotate(
            member_count=Count("memberships", filter=current, distinct=True),
            next_meeting=Subquery(next_meeting),
            advice_count=Subquery(advice_count),
        )
        .order_by("name")
    )
    councils = list(councils)
    response = render(request, "councils/list.html", {"councils": councils})
    return _until(response, *(c.next_meeting for c in councils))


@pagecache.public_page(
    "councils",
    "council",
    tables=[*COUNCIL_TABLES, Department, Organisation, Place, AdviceRequest],
    lag=NAME_LAG,
    params={"pagina"},
)
def council_detail(request, slug):
    council = get_object_or_404(Council.objects.select_related("department"), slug=slug)
    now = timezone.now()
    members = list(council.memberships.current().select_related("user", "organisation").by_rank())
    upcoming = list(council.meetings.upcoming(now).select_related("place")[:12])
    past = Paginator(council.meetings.past(now).select_related("place"), 20).get_page(request.GET.get("pagina"))
    advice = list(council.advice.public().select_related("department").order_by("-sent_at", "-pk")[:5])
    requests = list(council.advice_requests.open().order_by("deadline", "pk"))
    roles = council_roles(request.user).get(council.pk, set())
    open_application = None
    if request.user.is_authenticated and not roles:
        open_application = MembershipApplication.objects.open().filter(council=council, user=request.user).first()
    for meeting in [*upcoming, *past]:
        meeting.council = council
    context = {
        "council": council,
        "members": members,
        "upcoming": upcoming,
        "past": past,
        "advice": advice,
        "requests": requests,
        "is_member": bool(roles),
        "can_manage": can(request.user, "councils.manage_council", council),
        "can_apply": request.user.is_authenticated and not roles and open_application is None and council.is_active,
        "open_application": open_application,
        "can_request_advice": can(request.user, "councils.request_advice", council),
        "today": timezone.localdate(),
        "year": timezone.localdate().year,
    }
    return _until(render(request, "councils/detail.html", context), *(m.ends_at for m in upcoming))


def membership_history(request, slug):
    council = get_object_or_404(Council, slug=slug)
    memberships = council.memberships.select_related("user", "organisation").order_by("-start", "-pk")
    page = Paginator(memberships, 50).get_page(request.GET.get("pagina"))
    return render(request, "councils/members.html", {"council": council, "page": page, "today": timezone.localdate()})


@pagecache.public_page(
    "councils",
    "meeting",
    tables=[
        *COUNCIL_TABLES,
        Place,
        Minutes,
        MinutesRemark,
        AgendaItem,
        AgendaDocument,
        Vote,
        Ballot,
        Attendance,
    ],
    lag=NAME_LAG,
)
def meeting_detail(request, pk):
    meeting = get_object_or_404(
        Meeting.objects.select_related("council", "place", "minutes", "minutes__approved_in"), pk=pk
    )
    user = request.user
    council = meeting.council
    roles = council_roles(user).get(council.pk, set())
    attendances = list(meeting.attendances.select_related("user").order_by("-has_vote", "user__display_name", "pk"))
    meeting._prefetched_objects_cache = {"attendances": attendances}
    meeting._invited_user_ids = {a.user_id for a in attendances}
    summary = meeting.attendance_summary()
    if not attendances:
        voting = council.memberships.current(timezone.localdate(meeting.starts_at)).voting().count()
        summary.voting, summary.required = voting, council.quorum_required(voting)

    items = list(
        meeting.items.prefetch_related(
            "documents",
            Prefetch(
                "votes",
                queryset=Vote.objects.prefetch_related(
                    Prefetch(
                        "ballots",
                        queryset=Ballot.objects.select_related("user").order_by("choice", "user__display_name"),
                    )
                ),
            ),
            Prefetch("advice", queryset=Advice.objects.order_by("pk")),
        )
    )
    insider = bool(roles) or can(user, "councils.manage_meeting", meeting)
    visible = []
    for item in items:
        if not can(user, "councils.view_agendaitem", item):
            continue
        item.visible_documents = [d for d in item.documents.all() if can(user, "councils.download_document", d)]
        item.visible_advice = [a for a in item.advice.all() if a.is_public or insider]
        visible.append(item)

    minutes = minutes_of(meeting)
    can_view_minutes = minutes is not None and can(user, "councils.view_minutes", meeting)
    remarks = []
    if (
        minutes is not None
        and insider
        and meeting.status in (Meeting.Status.MINUTES_DRAFT, Meeting.Status.MINUTES_REMARKS)
    ):
        remarks = list(MinutesRemark.objects.filter(minutes=minutes).select_related("author"))
    siblings = council.meetings.exclude(pk=meeting.pk)
    previous_meeting = siblings.filter(starts_at__lt=meeting.starts_at).order_by("-starts_at").first()
    next_meeting = siblings.filter(starts_at__gt=meeting.starts_at).order_by("starts_at").first()
    my_attendance = next((a for a in attendances if a.user_id == user.pk), None)
    can_rsvp = can(user, "councils.rsvp_meeting", meeting) and my_attendance is not None
    can_remark = can(user, "councils.remark_minutes", meeting)
    context = {
        "meeting": meeting,
        "council": council,
        "items": visible,
        "hidden_items": len(items) - len(visible),
        "can_view_agenda": can(user, "councils.view_agenda", meeting),
        "can_view_link": can(user, "councils.view_online_link", meeting),
        "can_manage": can(user, "councils.manage_meeting", meeting),
        "is_member": bool(roles),
        "summary": summary,
        "attendances": attendances,
        "show_attendance_names": insider or can_view_minutes,
        "show_votes": insider or can_view_minutes,
        "minutes": minutes if can_view_minutes else None,
        "remarks": remarks,
        "my_attendance": my_attendance,
        "rsvp_form": RsvpForm(initial={"answer": my_attendance.rsvp}) if can_rsvp else None,
        "remark_form": RemarkForm() if can_remark else None,
        "previous_meeting": previous_meeting,
        "next_meeting": next_meeting,
        "now": timezone.now(),
    }
    response = render(request, "councils/meeting.html", context)
    return _until(response, meeting.starts_at, meeting.ends_at)


def document_download(request, pk):
    """The only way to a council document: checks councils.download_document first."""
    document = get_object_or_404(AgendaDocument.objects.select_related("item__meeting__council"), pk=pk)
    if not can(request.user, "councils.download_document", document):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(_("Dit document is alleen voor de leden van de raad."))
    return private_file_response(
        document.file,
        document.original_name,
        document.content_type,
        cache_seconds=0 if document.confidential else 300,
    )


def advice_list(request, slug):
    council = get_object_or_404(Council, slug=slug)
    advice = council.advice.public().select_related("department").order_by("-sent_at", "-pk")
    page = Paginator(advice, 20).get_page(request.GET.get("pagina"))
    return render(
        request, "councils/advice_list.html", {"council": council, "page": page, "today": timezone.localdate()}
    )


def advice_detail(request, pk):
    advice = get_object_or_404(
        Advice.objects.select_related(
            "council", "department", "request", "agenda_item__meeting", "vote", "responsible"
        ),
        pk=pk,
    )
    if not can(request.user, "councils.view_advice", advice):
        raise Http404
    item_visible = advice.agenda_item_id is not None and can(
        request.user, "councils.view_agendaitem", advice.agenda_item
    )
    context = {
        "advice": advice,
        "council": advice.council,
        "item_visible": item_visible,
        "today": timezone.localdate(),
        "can_change": can(request.user, "councils.change_advice", advice),
        "can_answer": advice.status == Advice.Status.SENT and can(request.user, "councils.answer_advice", advice),
    }
    return render(request, "councils/advice_detail.html", context)


@login_required
def apply(request, slug):
    council = get_object_or_404(Council, slug=slug)
    if not can(request.user, "councils.apply_council", council):
        messages.info(request, _("Je bent al lid van deze raad of je kandidatuur wordt behandeld."))
        return redirect(council)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done, _result = attempt(request, lambda: services.apply_to_council(council, request.user, **form.cleaned_data))
        if done:
            messages.success(
                request, _("Je kandidatuur is ingediend. Het secretariaat van de raad neemt contact met je op.")
            )
        return redirect(council)
    return render(request, "councils/apply.html", {"council": council, "form": form})


@login_required
@require_POST
def withdraw_application(request, pk):
    application = get_object_or_404(MembershipApplication.objects.select_related("council"), pk=pk)
    done, _result = attempt(request, lambda: workflow.withdraw_application(application, request.user))
    if done:
        messages.success(request, _("Je kandidatuur is ingetrokken."))
    return redirect(application.council)


@login_required
def my_meetings(request):
    now = timezone.now()
    user = request.user
    attendances = list(
        Attendance.objects.filter(user=user, meeting__ends_at__gte=now)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting__council", "meeting__place")
        .order_by("meeting__starts_at")
    )
    memberships = list(
        CouncilMembership.objects.current().filter(user=user).select_related("council").order_by("council__name")
    )
    council_ids = [m.council_id for m in memberships]
    to_review = list(
        Meeting.objects.filter(council_id__in=council_ids, status=Meeting.Status.MINUTES_REMARKS)
        .select_related("council", "minutes")
        .order_by("starts_at")
    )
    planned = list(
        Meeting.objects.filter(council_id__in=council_ids, status=Meeting.Status.PLANNED, starts_at__gte=now)
        .select_related("council")
        .order_by("starts_at")
    )
    applications = list(MembershipApplication.objects.filter(user=user).select_related("council")[:10])
    return render(
        request,
        "councils/my_meetings.html",
        {
            "attendances": attendances,
            "memberships": memberships,
            "to_review": to_review,
            "planned": planned,
            "applications": applications,
            "now": now,
        },
    )


@login_required
@require_POST
def rsvp(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("council"), pk=pk)
    form = RsvpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies of je komt of verontschuldigd bent."))
        return redirect(meeting)
    done, attendance = attempt(request, lambda: services.rsvp(meeting, request.user, form.cleaned_data["answer"]))
    if done:
        messages.success(
            request, _("Je antwoord is genoteerd: %(answer)s.") % {"answer": attendance.get_rsvp_display()}
        )
    return redirect(meeting)


@login_required
@require_POST
def remark(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("council", "minutes"), pk=pk)
    form = RemarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Schrijf je opmerking voor je ze verstuurt."))
        return redirect(meeting)
    services.add_remark(meeting, request.user, form.cleaned_data["body"])
    messages.success(request, _("Je opmerking is bezorgd aan het secretariaat."))
    return redirect(f"{meeting.get_absolute_url()}#verslag")

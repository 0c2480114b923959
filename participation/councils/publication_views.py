"""What the councils publish besides their pages: calendar feeds (iCalendar), open data
(Popolo JSON) and the yearly report (page and XLSX). Public, no sign-in."""

from datetime import timedelta

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from genk.core.permissions import can

from . import ical, popolo, reports
from .models import AgendaItem, Council, Meeting


def _feed_response(meetings, name: str, filename: str, *, by_meeting=None, disposition="inline") -> HttpResponse:
    meetings = list(meetings)
    if by_meeting is None:
        items = AgendaItem.objects.filter(meeting__in=meetings, is_confidential=False).order_by(
            "meeting_id", "position"
        )
        by_meeting = {}
        for item in items:
            by_meeting.setdefault(item.meeting_id, []).append(item)
    response = HttpResponse(
        ical.feed(meetings, name=name, items_by_meeting=by_meeting), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def meeting_ics(request, pk):
    """One meeting for one's own calendar (issue 16): for members and the public alike, with the
    agenda items and the online link this person may see on the meeting's page."""
    meeting = get_object_or_404(Meeting.objects.select_related("council", "place"), pk=pk)
    items = [i for i in meeting.items.order_by("position") if can(request.user, "councils.view_agendaitem", i)]
    if not can(request.user, "councils.view_online_link", meeting):
        meeting.online_url = ""  # not saved: only left out of this download
    return _feed_response(
        [meeting],
        f"{meeting.council.name}: {meeting.display_title}",
        f"vergadering-{meeting.pk}.ics",
        by_meeting={meeting.pk: items},
        disposition="attachment",
    )


def _feed_meetings():
    since = timezone.now() - timedelta(days=400)
    return (
        Meeting.objects.public()
        .exclude(status=Meeting.Status.PLANNED)
        .filter(starts_at__gte=since)
        .select_related("council", "place")
        .order_by("starts_at", "pk")
    )


def council_feed(request, slug):
    council = get_object_or_404(Council, slug=slug)
    return _feed_response(_feed_meetings().filter(council=council), council.name, f"{council.slug}.ics")


def public_feed(request):
    return _feed_response(_feed_meetings(), _("Adviesraden van Genk"), "adviesraden-genk.ics")


def open_data(request):
    councils = Council.objects.all()
    if request.GET.get("raad"):
        councils = councils.filter(slug=request.GET["raad"])
    response = JsonResponse(popolo.build(councils), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def report(request, slug, year=None):
    council = get_object_or_404(Council, slug=slug)
    this_year = timezone.localdate().year
    year = year or this_year
    if not 2000 <= year <= this_year + 1:
        raise Http404
    data = reports.year_report(council, year)
    return render(
        request,
        "councils/report.html",
        {
            "council": council,
            "report": data,
            "year": year,
            "previous_year": year - 1,
            "next_year": year + 1 if year < this_year else None,
        },
    )


def report_xlsx(request, slug, year):
    council = get_object_or_404(Council, slug=slug)
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise Http404
    content = reports.report_xlsx(reports.year_report(council, year))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="jaarverslag-{council.slug}-{year}.xlsx"'
    return response

"""The yearly report of a council: meetings, attendance, advice and the city's timeliness.

Definitions (also in README.md):
- meetings held: meetings of the year that took place (status held up to published);
- attendance rate: of the members invited to the meetings held, the share recorded present;
- advice given: advice sent to the city in the year;
- answered on time: of the advice given whose deadline has passed or that was answered, the
  share the city answered on or before its deadline (advice still within its deadline is not
  counted yet).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Advice, AdviceRequest, Attendance, Council, Meeting


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class MeetingRow:
    meeting: Meeting
    invited: int
    present: int
    excused: int
    absent: int
    voting: int
    voting_present: int
    quorum_required: int

    @property
    def quorum_reached(self) -> bool:
        return self.voting > 0 and self.voting_present >= self.quorum_required


@dataclass
class YearReport:
    council: Council
    year: int
    meetings: list[MeetingRow] = field(default_factory=list)
    meetings_cancelled: int = 0
    advice: list[Advice] = field(default_factory=list)
    requests_received: int = 0
    today: object = None

    @property
    def held(self) -> list[MeetingRow]:
        return [r for r in self.meetings if r.meeting.was_held]

    @property
    def meetings_held(self) -> int:
        return len(self.held)

    @property
    def invited_total(self) -> int:
        return sum(r.invited for r in self.held)

    @property
    def present_total(self) -> int:
        return sum(r.present for r in self.held)

    @property
    def attendance_rate(self) -> Decimal | None:
        return _share(self.present_total, self.invited_total)

    @property
    def advice_given(self) -> int:
        return len(self.advice)

    @property
    def advice_answered(self) -> int:
        return sum(1 for a in self.advice if a.status == Advice.Status.ANSWERED)

    @property
    def advice_due(self) -> int:
        return sum(1 for a in self.advice if a.status == Advice.Status.ANSWERED or a.answer_due < self.today)

    @property
    def advice_on_time(self) -> int:
        return sum(1 for a in self.advice if a.answered_on_time)

    @property
    def on_time_share(self) -> Decimal | None:
        return _share(self.advice_on_time, self.advice_due)

    @property
    def advice_overdue(self) -> int:
        return sum(1 for a in self.advice if a.is_overdue(self.today))

    def outcome_counts(self) -> list[tuple[str, int]]:
        return [(label, sum(1 for a in self.advice if a.outcome == value)) for value, label in Advice.Outcome.choices]


def year_report(council: Council, year: int, today=None) -> YearReport:
    """Three queries: meetings with their attendance counts, the advice sent, the requests."""
    present = Q(attendances__presence=Attendance.Presence.PRESENT)
    meetings = (
        Meeting.objects.filter(council=council, starts_at__year=year)
        .annotate(
            n_invited=Count("attendances"),
            n_present=Count("attendances", filter=present),
            n_excused=Count("attendances", filter=Q(attendances__presence=Attendance.Presence.EXCUSED)),
            n_absent=Count("attendances", filter=Q(attendances__presence=Attendance.Presence.ABSENT)),
            n_voting=Count("attendances", filter=Q(attendances__has_vote=True)),
            n_voting_present=Count("attendances", filter=present & Q(attendances__has_vote=True)),
        )
        .order_by("starts_at", "pk")
    )
    report = YearReport(council=council, year=year, today=today or timezone.localdate())
    for m in meetings:
        m.council = council
        if m.status == Meeting.Status.CANCELLED:
            report.meetings_cancelled += 1
            continue
        report.meetings.append(
            MeetingRow(
                meeting=m,
                invited=m.n_invited,
                present=m.n_present,
                excused=m.n_excused,
                absent=m.n_absent,
                voting=m.n_voting,
                voting_present=m.n_voting_present,
                quorum_required=council.quorum_required(m.n_voting),
            )
        )
    report.advice = list(
        Advice.objects.filter(council=council, sent_at__year=year)
        .select_related("department")
        .order_by("sent_at", "pk")
    )
    for advice in report.advice:
        advice.council = council
    report.requests_received = AdviceRequest.objects.filter(council=council, created__year=year).count()
    return report


def report_xlsx(report: YearReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    wb = Workbook()
    summary = wb.active
    summary.title = _("Samenvatting")[:31]
    summary.append([_("Jaarverslag %(year)s – %(council)s") % {"year": report.year, "council": report.council.name}])
    summary["A1"].font = bold
    summary.append([])
    rows = [
        (_("Vergaderingen gehouden"), report.meetings_held),
        (_("Vergaderingen geannuleerd"), report.meetings_cancelled),
        (_("Uitgenodigde leden (gehouden vergaderingen)"), report.invited_total),
        (_("Aanwezig"), report.present_total),
        (_("Aanwezigheidsgraad (%)"), float(report.attendance_rate) if report.attendance_rate is not None else None),
        (_("Adviezen gegeven"), report.advice_given),
        (_("Adviezen beantwoord"), report.advice_answered),
        (_("Adviezen waarvan de termijn verstreken is of die beantwoord zijn"), report.advice_due),
        (_("Tijdig beantwoord"), report.advice_on_time),
        (_("Aandeel tijdig beantwoord (%)"), float(report.on_time_share) if report.on_time_share is not None else None),
        (_("Adviesvragen van de stad ontvangen"), report.requests_received),
    ]
    for label, value in rows:
        summary.append([str(label), value])
    summary.column_dimensions["A"].width = 60

    sheet = wb.create_sheet(_("Vergaderingen")[:31])
    header = [
        _("Datum"),
        _("Titel"),
        _("Status"),
        _("Uitgenodigd"),
        _("Aanwezig"),
        _("Verontschuldigd"),
        _("Afwezig"),
        _("Stemgerechtigd"),
        _("Quorum"),
        _("Quorum bereikt"),
    ]
    sheet.append([str(h) for h in header])
    for row in report.meetings:
        sheet.append(
            [
                timezone.localtime(row.meeting.starts_at).replace(tzinfo=None),
                row.meeting.display_title,
                str(row.meeting.get_status_display()),
                row.invited,
                row.present,
                row.excused,
                row.absent,
                row.voting,
                row.quorum_required,
                str(_("ja")) if row.quorum_reached else str(_("nee")),
            ]
        )
        sheet.cell(row=sheet.max_row, column=1).number_format = "DD-MM-YYYY HH:MM"

    sheet = wb.create_sheet(_("Adviezen")[:31])
    header = [
        _("Titel"),
        _("Bezorgd op"),
        _("Antwoord verwacht tegen"),
        _("Status"),
        _("Gevolg"),
        _("Beantwoord op"),
        _("Tijdig"),
    ]
    sheet.append([str(h) for h in header])
    for advice in report.advice:
        on_time = advice.answered_on_time
        sheet.append(
            [
                advice.title,
                timezone.localdate(advice.sent_at),
                advice.answer_due,
                str(advice.get_status_display()),
                str(advice.get_outcome_display()) if advice.outcome else "",
                timezone.localdate(advice.answered_at) if advice.answered_at else None,
                "" if on_time is None else (str(_("ja")) if on_time else str(_("nee"))),
            ]
        )
    for ws in wb.worksheets[1:]:
        for cell in ws[1]:
            cell.font = bold
    out = BytesIO()
    wb.save(out)
    return out.getvalue()

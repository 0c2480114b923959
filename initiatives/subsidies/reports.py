"""The staff report per scheme and budget year: applications, grants, payments, pending and
refused files, and the average processing time, on screen and as XLSX (openpyxl).

A file counts in the year it is charged to (`budget_year`: the year of the decision, until
then the year of submission). Figures, per scheme:

- applications: files submitted at some point (drafts never count; a withdrawn file that was
  submitted does);
- pending: submitted and not decided yet (intake, information asked, assessment, proposal),
  with the amounts asked;
- granted: files with a grant (granted, report submitted or approved, closed), with Σ granted;
- recovered: Σ recovered of those; committed = granted − recovered (what the budget carries);
- paid: Σ payments on the scheme's files of that year;
- refused, withdrawn: counts;
- budget and remaining (budget − committed), when the scheme has a budget for the year;
- average processing days: mean of (college session date − day of submission, in Brussels)
  over the files decided (granted or refused), to one decimal.

Every figure comes from a constant number of queries, whatever the number of files.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Payment, Scheme, SchemeBudget, SubsidyFile

ZERO = Decimal("0.00")
S = SubsidyFile.Status


@dataclass
class Row:
    scheme: Scheme | None  # None: the total row
    budget: Decimal | None = None
    applications: int = 0
    pending: int = 0
    pending_amount: Decimal = ZERO
    granted: int = 0
    granted_amount: Decimal = ZERO
    recovered: Decimal = ZERO
    paid: Decimal = ZERO
    refused: int = 0
    withdrawn: int = 0
    processing_days: list[int] = field(default_factory=list, repr=False)

    @property
    def name(self) -> str:
        return self.scheme.name if self.scheme else _("Totaal")

    @property
    def committed(self) -> Decimal:
        return self.granted_amount - self.recovered

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.committed

    @property
    def decided(self) -> int:
        return len(self.processing_days)

    @property
    def average_processing_days(self) -> Decimal | None:
        if not self.processing_days:
            return None
        mean = Decimal(sum(self.processing_days)) / Decimal(len(self.processing_days))
        return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Report:
    year: int
    rows: list[Row]
    total: Row


def visible_schemes(user):
    """The schemes whose figures `user` may see: administrators and the decision-makers see
    all; other civil servants the schemes of their departments."""
    from . import conf

    schemes = Scheme.objects.select_related("department").order_by("position", "name")
    if user.is_superuser:
        return schemes
    from genk.accounts.models import DepartmentMembership

    memberships = DepartmentMembership.objects.current().filter(user=user)
    if memberships.filter(department__slug=conf.decision_department()).exists():
        return schemes
    return schemes.filter(department_id__in=memberships.values("department_id"))


def available_years(schemes) -> list[int]:
    """The years with a budget or a file for `schemes`, and this year; newest first."""
    years = set(SchemeBudget.objects.filter(scheme__in=schemes).values_list("year", flat=True).distinct())
    years |= set(
        SubsidyFile.objects.not_draft().filter(scheme__in=schemes).values_list("budget_year", flat=True).distinct()
    )
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


def build(schemes, year: int) -> Report:
    schemes = list(schemes)
    ids = [s.pk for s in schemes]
    files = SubsidyFile.objects.filter(scheme_id__in=ids, budget_year=year).exclude(status=S.DRAFT)
    submitted = Q(submitted_at__isnull=False)
    pending = Q(status__in=SubsidyFile.IN_PROGRESS_STATES)
    granted = Q(status__in=SubsidyFile.COMMITTED_STATES, outcome=SubsidyFile.Outcome.GRANTED)
    figures = {
        f["scheme_id"]: f
        for f in files.order_by()
        .values("scheme_id")
        .annotate(
            applications=Count("pk", filter=submitted),
            pending=Count("pk", filter=pending),
            pending_amount=Sum("amount_requested", filter=pending),
            granted=Count("pk", filter=granted),
            granted_amount=Sum("amount_granted", filter=granted),
            recovered=Sum("amount_recovered", filter=granted),
            refused=Count("pk", filter=Q(status=S.REFUSED)),
            withdrawn=Count("pk", filter=Q(status=S.WITHDRAWN) & submitted),
        )
    }
    paid = dict(
        Payment.objects.filter(file__scheme_id__in=ids, file__budget_year=year)
        .exclude(file__status=S.DRAFT)
        .order_by()
        .values("file__scheme_id")
        .annotate(total=Sum("amount"))
        .values_list("file__scheme_id", "total")
    )
    budgets = dict(SchemeBudget.objects.filter(scheme_id__in=ids, year=year).values_list("scheme_id", "amount"))
    days = defaultdict(list)
    decided = files.filter(submitted, status__in=SubsidyFile.DECIDED_STATES, decided_on__isnull=False)
    for scheme_id, submitted_at, decided_on in decided.values_list("scheme_id", "submitted_at", "decided_on"):
        days[scheme_id].append((decided_on - timezone.localtime(submitted_at).date()).days)

    rows = []
    total = Row(scheme=None)
    for scheme in schemes:
        data = figures.get(scheme.pk, {})
        row = Row(
            scheme=scheme,
            budget=budgets.get(scheme.pk),
            applications=data.get("applications", 0),
            pending=data.get("pending", 0),
            pending_amount=data.get("pending_amount") or ZERO,
            granted=data.get("granted", 0),
            granted_amount=data.get("granted_amount") or ZERO,
            recovered=data.get("recovered") or ZERO,
            paid=paid.get(scheme.pk) or ZERO,
            refused=data.get("refused", 0),
            withdrawn=data.get("withdrawn", 0),
            processing_days=days.get(scheme.pk, []),
        )
        if not scheme.is_active and row.budget is None and not data:
            continue  # an old scheme with nothing in this year
        rows.append(row)
        for name in ("applications", "pending", "pending_amount", "granted", "granted_amount", "recovered", "paid"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.refused += row.refused
        total.withdrawn += row.withdrawn
        total.processing_days.extend(row.processing_days)
        if row.budget is not None:
            total.budget = (total.budget or ZERO) + row.budget
    return Report(year=year, rows=rows, total=total)


def columns() -> list[tuple[str, str, str]]:
    """(attribute, heading, kind) of the report's columns; kind is "text", "count", "euro" or "days"."""
    return [
        ("name", _("Reglement"), "text"),
        ("budget", _("Budget"), "euro"),
        ("applications", _("Aanvragen"), "count"),
        ("pending", _("In behandeling"), "count"),
        ("pending_amount", _("Gevraagd (in behandeling)"), "euro"),
        ("granted", _("Toegekend (aantal)"), "count"),
        ("granted_amount", _("Toegekend (euro)"), "euro"),
        ("recovered", _("Teruggevorderd"), "euro"),
        ("paid", _("Betaald"), "euro"),
        ("remaining", _("Resterend budget"), "euro"),
        ("refused", _("Geweigerd"), "count"),
        ("withdrawn", _("Ingetrokken"), "count"),
        ("average_processing_days", _("Gemiddelde doorlooptijd (dagen)"), "days"),
    ]


EURO_FORMAT = '"€" #,##0.00'
DAYS_FORMAT = "0.0"


def xlsx_response(report: Report) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Rapport %(year)s") % {"year": report.year}
    cols = columns()
    sheet.append([heading for _attr, heading, _kind in cols])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in [*report.rows, report.total]:
        sheet.append([_cell(getattr(row, attr)) for attr, _heading, _kind in cols])
        for cell, (_attr, _heading, kind) in zip(sheet[sheet.max_row], cols, strict=True):
            if kind == "euro":
                cell.number_format = EURO_FORMAT
            elif kind == "days":
                cell.number_format = DAYS_FORMAT
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 40
    sheet.freeze_panes = "B2"
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="subsidies-rapport-{report.year}.xlsx"'
    return response


def _cell(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # never a formula
    return value

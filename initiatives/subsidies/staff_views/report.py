"""The report per scheme and year, on screen and as XLSX."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from genk.core.permissions import require, staff_required

from .. import reports
from ..staff_forms import (
    ReportForm,
)
from .common import NO_REPORTS

# The report per scheme and year.


def _report(request):
    user = request.user
    require(user, "subsidies.view_reports", message=NO_REPORTS)
    schemes = reports.visible_schemes(user)
    years = reports.available_years(schemes)
    form = ReportForm(request.GET or None, years=years)
    year = form.cleaned_data["jaar"] if form.is_bound and form.is_valid() else timezone.localdate().year
    return form, reports.build(schemes, year)


@staff_required
@require_GET
def report(request):
    form, result = _report(request)
    columns = reports.columns()
    table = [
        (row, [(getattr(row, attr), kind) for attr, _heading, kind in columns]) for row in [*result.rows, result.total]
    ]
    return render(
        request,
        "subsidies/staff/report.html",
        {"form": form, "report": result, "columns": columns, "table": table, "section": "report"},
    )


@staff_required
@require_GET
def report_xlsx(request):
    _form, result = _report(request)
    return reports.xlsx_response(result)

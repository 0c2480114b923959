"""The coordinators' export of one organisation's sign-ups and hours in a year, as CSV or XLSX."""

import csv
import io
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SignUp

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def signups_table(organisation, year: int) -> tuple[list[str], list[list]]:
    headers = [
        _("Vacature"),
        _("Begin"),
        _("Einde"),
        _("Vrijwilliger"),
        _("E-mailadres"),
        _("Status"),
        _("Uren"),
        _("Status van de uren"),
        _("Toestemming ouder of voogd"),
    ]
    rows = []
    signups = (
        SignUp.objects.filter(shift__opportunity__organisation=organisation, shift__start__year=year)
        .select_related("shift__opportunity", "volunteer", "hours")
        .order_by("shift__start", "pk")
    )
    for signup in signups:
        entry = signup.hour_entry
        rows.append(
            [
                signup.shift.opportunity.title,
                timezone.localtime(signup.shift.start).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(signup.shift.end).strftime("%Y-%m-%d %H:%M"),
                signup.volunteer.public_name,
                "" if signup.volunteer.erased_at else signup.volunteer.email,
                str(signup.get_status_display()),
                entry.hours if entry else None,
                str(entry.get_status_display()) if entry else "",
                signup.guardian_name,
            ]
        )
    return headers, rows


def respond(table: tuple[list[str], list[list]], fmt: str, filename: str) -> HttpResponse:
    headers, rows = table
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows([["" if v is None else v for v in row] for row in rows])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=filename[:31])
        sheet.append(headers)
        for row in rows:
            sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response

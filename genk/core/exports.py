"""Tables for staff as files: `respond((headers, rows), "csv"|"xlsx", filename)` answers a
download (CSV in UTF-8, or an XLSX sheet written with openpyxl; Decimal amounts become numbers
in the sheet). Any other format is a 404. Apps build their (headers, rows) and call this."""

import csv
import io
from decimal import Decimal

from django.http import Http404, HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(table: tuple[list[str], list[list]], title: str) -> bytes:
    """The table as the bytes of an XLSX file with one sheet called `title` (for a download or
    an email attachment)."""
    from openpyxl import Workbook

    headers, rows = table
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(headers)
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def respond(table: tuple[list[str], list[list]], fmt: str, filename: str) -> HttpResponse:
    headers, rows = table
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows([["" if v is None else v for v in row] for row in rows])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(table, filename), content_type=XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response

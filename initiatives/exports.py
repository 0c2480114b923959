"""Staff exports of the initiatives with their figures: CSV (csv module) and XLSX (openpyxl)."""

import csv
from io import BytesIO

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from genk.core.notifications import absolute_url

from .models import Initiative


def columns() -> list[str]:
    return [
        _("nummer"),
        _("titel"),
        _("soort"),
        _("status"),
        _("wijk"),
        _("stadsdeel"),
        _("thema's"),
        _("gevraagde hulp"),
        _("initiatiefnemers"),
        _("steunbetuigingen"),
        _("steunbetuigingen die meetellen"),
        _("drempel"),
        _("reacties"),
        _("aangemaakt op"),
        _("ingediend op"),
        _("gepubliceerd op"),
        _("steun mogelijk tot"),
        _("drempel bereikt op"),
        _("antwoord verwacht tegen"),
        _("beantwoord op"),
        _("antwoord"),
        _("verantwoordelijke medewerker"),
        _("gerealiseerd op"),
        _("link"),
    ]


def _when(value):
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _safe(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def rows():
    """One row per initiative that was ever submitted (drafts stay private), in a constant
    number of queries."""
    queryset = (
        Initiative.objects.not_draft()
        .select_related("neighbourhood__district", "handler")
        .prefetch_related("themes", "initiators")
        .order_by("pk")
    )
    for i in queryset.iterator(chunk_size=1000):
        yield [_safe(value) for value in _row(i)]


def _row(i) -> list:
    return [
        i.pk,
        i.title,
        i.get_kind_display(),
        i.get_status_display(),
        i.neighbourhood.name if i.neighbourhood_id else (_("heel Genk") if i.city_wide else ""),
        i.neighbourhood.district.name if i.neighbourhood_id and i.neighbourhood.district_id else "",
        ", ".join(t.name for t in i.themes.all()),
        ", ".join(i.help_asked()),
        len(i.initiators.all()),
        i.support_count,
        i.counted_support_count,
        i.threshold or "",
        i.comment_count,
        _when(i.created),
        _when(i.submitted_at),
        _when(i.published_at),
        _when(i.supports_close_at),
        _when(i.threshold_reached_at),
        _when(i.answer_due),
        _when(i.answered_at),
        i.get_outcome_display() if i.outcome else "",
        i.handler.public_name if i.handler_id else "",
        _when(i.realised_at),
        absolute_url(i.get_absolute_url()) if i.published_at else "",
    ]


def _filename(extension: str) -> str:
    return f"initiatieven-{timezone.localdate():%Y-%m-%d}.{extension}"


class _Echo:
    def write(self, value):
        return value


def csv_response():
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield "\ufeff"  # a BOM, so spreadsheet programs read UTF-8
        yield writer.writerow(columns())
        for row in rows():
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def xlsx_response():
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Initiatieven"))
    sheet.append(columns())
    for row in rows():
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response

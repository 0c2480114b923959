"""Staff tables as files (genk.core.exports.respond)."""

import io
from decimal import Decimal

import pytest
from django.http import Http404
from openpyxl import load_workbook

from genk.core.exports import XLSX, respond

TABLE = (["Project", "Bedrag"], [["Speelplein Bret", Decimal("2500.50")], ["Moestuin", None]])


def test_csv_keeps_the_rows_and_leaves_empty_cells_empty():
    response = respond(TABLE, "csv", "projecten")
    assert response["Content-Disposition"] == 'attachment; filename="projecten.csv"'
    assert response.content.decode().splitlines() == ["Project,Bedrag", "Speelplein Bret,2500.50", "Moestuin,"]


def test_xlsx_has_numbers_for_amounts():
    response = respond(TABLE, "xlsx", "projecten")
    assert response["Content-Type"] == XLSX
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]] == ["Speelplein Bret", 2500.5]


def test_another_format_is_not_found():
    with pytest.raises(Http404):
        respond(TABLE, "pdf", "projecten")

"""The staff report per scheme and budget year: exact figures on screen and in the XLSX file,
who may see which schemes, and a constant number of queries."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from initiatives.subsidies import reports
from initiatives.subsidies.models import Scheme, SchemeBudget, SubsidyFile
from tests.factories import DepartmentFactory

from .factories import SchemeFactory, department_member, make_file

pytestmark = pytest.mark.django_db
S = SubsidyFile.Status
URL = "/beheer/subsidies/rapport/"


def _timeline(file, *, submitted_days_ago, processing_days=None):
    """Submitted at noon (Brussels) `submitted_days_ago` days ago; decided `processing_days` later."""
    today = timezone.localdate()
    submitted = today - timedelta(days=submitted_days_ago)
    fields = {
        "submitted_at": timezone.make_aware(datetime.combine(submitted, time(12)), timezone.get_current_timezone())
    }
    if processing_days is not None:
        fields["decided_on"] = submitted + timedelta(days=processing_days)
    SubsidyFile.objects.filter(pk=file.pk).update(**fields)


@pytest.fixture
def figures(db):
    """Two schemes of the participation department and one of Cultuur, with files in every
    kind of state this year and one the year before."""
    year = timezone.localdate().year
    wijk = SchemeFactory(name="Wijkbudget", slug="wijkbudget", position=1, budget=Decimal("10000.00"))
    burger = SchemeFactory(name="Burgerinitiatieven", slug="burgerinitiatieven", position=2, budget=Decimal("5000.00"))
    cultuur = SchemeFactory(
        name="Cultuurprojecten",
        slug="cultuurprojecten",
        position=3,
        department=DepartmentFactory(name="Cultuur", slug="cultuur"),
        budget=Decimal("3000.00"),
    )
    # Wijkbudget, this year.
    make_file(S.SUBMITTED, scheme=wijk, amount_requested=Decimal("1000.00"))
    make_file(S.ASSESSMENT, scheme=wijk, amount_requested=Decimal("800.00"))
    granted = make_file(S.GRANTED, scheme=wijk, amount_requested=Decimal("1200.00"))  # advance paid: 960
    _timeline(granted, submitted_days_ago=50, processing_days=30)
    closed = make_file(S.CLOSED, scheme=wijk, amount_requested=Decimal("1000.00"))  # paid in full: 1000
    _timeline(closed, submitted_days_ago=60, processing_days=45)
    refused = make_file(S.REFUSED, scheme=wijk, amount_requested=Decimal("2000.00"))
    _timeline(refused, submitted_days_ago=20, processing_days=12)
    make_file(S.WITHDRAWN, scheme=wijk)
    make_file(S.DRAFT, scheme=wijk, amount_requested=Decimal("999.00"))
    approved = make_file(S.REPORT_APPROVED, scheme=wijk, amount_requested=Decimal("1000.00"))  # advance: 800
    SubsidyFile.objects.filter(pk=approved.pk).update(amount_recovered=Decimal("200.00"))
    _timeline(approved, submitted_days_ago=30, processing_days=20)
    last_year = make_file(S.GRANTED, scheme=wijk, amount_requested=Decimal("500.00"))
    SubsidyFile.objects.filter(pk=last_year.pk).update(budget_year=year - 1)
    SchemeBudget.objects.create(scheme=wijk, year=year - 1, amount=Decimal("8000.00"))
    # Burgerinitiatieven.
    big = make_file(S.GRANTED, scheme=burger, amount_requested=Decimal("2000.00"), paid=Decimal("1600.00"))
    _timeline(big, submitted_days_ago=14, processing_days=14)
    make_file(S.INFO_REQUESTED, scheme=burger, amount_requested=Decimal("700.00"))
    # Cultuur.
    make_file(S.GRANTED, scheme=cultuur, amount_requested=Decimal("300.00"), paid=Decimal("0"))
    return {"year": year, "wijk": wijk, "burger": burger, "cultuur": cultuur}


def test_the_report_figures_are_exact(figures):
    report = reports.build(Scheme.objects.filter(slug__in=["wijkbudget", "burgerinitiatieven"]), figures["year"])
    wijk, burger = report.rows
    assert wijk.name == "Wijkbudget" and burger.name == "Burgerinitiatieven"
    assert (wijk.applications, wijk.pending, wijk.granted, wijk.refused, wijk.withdrawn) == (7, 2, 3, 1, 1)
    assert wijk.pending_amount == Decimal("1800.00")
    assert wijk.granted_amount == Decimal("3200.00") and wijk.recovered == Decimal("200.00")
    assert wijk.committed == Decimal("3000.00")
    assert wijk.paid == Decimal("2760.00")  # 960 + 1000 + 800
    assert wijk.budget == Decimal("10000.00") and wijk.remaining == Decimal("7000.00")
    assert wijk.average_processing_days == Decimal("26.8")  # (30 + 45 + 12 + 20) / 4 = 26.75
    assert (burger.applications, burger.pending, burger.granted, burger.refused) == (2, 1, 1, 0)
    assert burger.pending_amount == Decimal("700.00") and burger.paid == Decimal("1600.00")
    assert burger.remaining == Decimal("3000.00") and burger.average_processing_days == Decimal("14.0")
    total = report.total
    assert (total.applications, total.pending, total.granted, total.refused, total.withdrawn) == (9, 3, 4, 1, 1)
    assert total.granted_amount == Decimal("5200.00") and total.paid == Decimal("4360.00")
    assert total.budget == Decimal("15000.00") and total.remaining == Decimal("10000.00")
    assert total.average_processing_days == Decimal("24.2")  # (107 + 14) / 5

    previous = reports.build(Scheme.objects.filter(slug="wijkbudget"), figures["year"] - 1)
    (row,) = previous.rows
    assert (row.applications, row.granted, row.granted_amount, row.budget) == (
        1,
        1,
        Decimal("500.00"),
        Decimal("8000.00"),
    )
    assert row.remaining == Decimal("7500.00")


def test_the_report_page_shows_the_schemes_of_the_department(client, figures, civil_servant):
    client.force_login(civil_servant)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert "Wijkbudget" in html and "Burgerinitiatieven" in html and "Cultuurprojecten" not in html
    for text in ("€\u00a03.200,00", "€\u00a02.760,00", "€\u00a07.000,00", "26,8", "€\u00a05.200,00", "24,2"):
        assert text in html, text
    assert f'href="/beheer/subsidies/rapport.xlsx?jaar={figures["year"]}"' in html
    html = client.get(f"{URL}?jaar={figures['year'] - 1}").content.decode()
    assert "€\u00a0500,00" in html and "€\u00a07.500,00" in html
    # A year nobody has: the form says so, the page still works (this year).
    assert client.get(f"{URL}?jaar=1999").status_code == 200


def test_the_decision_makers_see_every_scheme(client, figures, decision_maker, admin_user):
    for user in (decision_maker, admin_user):
        client.force_login(user)
        html = client.get(URL).content.decode()
        assert "Cultuurprojecten" in html and "Wijkbudget" in html


def test_the_report_is_for_staff_of_the_subsidy_departments(client, figures, resident):
    stranger = department_member(DepartmentFactory(name="Mobiliteit", slug="mobiliteit"))
    client.force_login(stranger)
    response = client.get(URL)
    assert response.status_code == 403 and "medewerkers van de diensten die subsidies behandelen" in (
        response.content.decode()
    )
    assert client.get("/beheer/subsidies/rapport.xlsx").status_code == 403
    client.force_login(resident)
    assert client.get(URL).status_code == 403


def test_the_xlsx_has_the_same_figures(client, figures, civil_servant):
    client.force_login(civil_servant)
    response = client.get(f"/beheer/subsidies/rapport.xlsx?jaar={figures['year']}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert f'filename="subsidies-rapport-{figures["year"]}.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.title == f"Rapport {figures['year']}"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Reglement",
        "Budget",
        "Aanvragen",
        "In behandeling",
        "Gevraagd (in behandeling)",
        "Toegekend (aantal)",
        "Toegekend (euro)",
        "Teruggevorderd",
        "Betaald",
        "Resterend budget",
        "Geweigerd",
        "Ingetrokken",
        "Gemiddelde doorlooptijd (dagen)",
    ]
    assert rows[1] == ["Wijkbudget", 10000, 7, 2, 1800, 3, 3200, 200, 2760, 7000, 1, 1, 26.8]
    assert rows[2] == ["Burgerinitiatieven", 5000, 2, 1, 700, 1, 2000, 0, 1600, 3000, 0, 0, 14]
    assert rows[3] == ["Totaal", 15000, 9, 3, 2500, 4, 5200, 200, 4360, 10000, 1, 1, 24.2]
    assert len(rows) == 4
    assert sheet["G2"].number_format == '"€" #,##0.00' and sheet["M2"].number_format == "0.0"
    assert sheet["A4"].font.bold


def test_the_report_query_count_is_constant(client, civil_servant, django_assert_num_queries):
    schemes = [SchemeFactory(name=f"Reglement {n}", slug=f"rapport-{n}") for n in range(3)]

    def add(count):
        for n in range(count):
            make_file([S.SUBMITTED, S.GRANTED, S.REFUSED, S.CLOSED][n % 4], scheme=schemes[n % 3])

    add(4)
    client.force_login(civil_servant)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    add(24)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200

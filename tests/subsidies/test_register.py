"""The public subsidy register: privacy (never a person), only granted files, exact totals,
filters, pagination, the CSV, and query counts that do not grow with the number of files."""

import csv
import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.subsidies.models import SubsidyFile
from tests.factories import NeighbourhoodFactory, OrganisationFactory, UserFactory

from .factories import SchemeFactory, add_co_applicant, make_file

pytestmark = pytest.mark.django_db
S = SubsidyFile.Status

PAGE = "/subsidies/register/"
CSV = "/subsidies/register.csv"
JSON = "/subsidies/register/360giving.json"

LEAD_NAME = "Mieke Vermeulen"
LEAD_EMAIL = "mieke.vermeulen@example.be"
LEAD_ADDRESS = "Zavelstraat 99"
HOLDER = "M. Vermeulenprivé"
IBAN = "BE68539007547034"
CO_NAME = "Youssef Elamrani"
CO_ADDRESS = "Heiblokstraat 17"
PRIVATE = [
    b"Vermeulen",
    LEAD_EMAIL.encode(),
    b"Zavelstraat",
    HOLDER.encode(),
    IBAN.encode(),
    b"BE68 5390",
    b"Elamrani",
    b"Heiblok",
]


def body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def granted(status=S.GRANTED, *, year, decided_on, amount, **fields) -> SubsidyFile:
    file = make_file(status, amount_granted=Decimal(amount), **fields)
    SubsidyFile.objects.filter(pk=file.pk).update(budget_year=year, decided_on=decided_on)
    file.refresh_from_db()
    return file


@pytest.fixture
def data(db):
    """Four granted files in two schemes, two years, two wijken and city-wide, and one file in
    every state that is not in the register."""
    wijkbudget = SchemeFactory(name="Wijkbudget", slug="wijkbudget")
    solidarity = SchemeFactory(name="Internationale solidariteit", slug="internationale-solidariteit")
    waterschei = NeighbourhoodFactory(name="Waterschei", slug="waterschei", code="71016W02")
    winterslag = NeighbourhoodFactory(name="Winterslag", slug="winterslag", code="71016W05")
    lead = UserFactory(display_name=LEAD_NAME, email=LEAD_EMAIL)
    organisation = OrganisationFactory(
        name="Genk voor Francistown vzw", slug="genk-francistown", enterprise_number="0412.345.614"
    )
    files = {
        "group": granted(
            year=2025,
            decided_on=date(2025, 6, 3),
            amount="1234.50",
            scheme=wijkbudget,
            applicant=lead,
            applicant_address=LEAD_ADDRESS,
            account_holder=HOLDER,
            iban=IBAN,
            neighbourhood=waterschei,
            title="Speelstraat in de Boslaan",
            description="Een zomer lang   spelen op straat,\nmet de hele buurt.",
        ),
        "closed": granted(
            S.CLOSED,
            year=2026,
            decided_on=date(2026, 2, 10),
            amount="2500.00",
            scheme=wijkbudget,
            neighbourhood=waterschei,
            title="Moestuin aan de cité",
        ),
        "organisation": granted(
            S.REPORT_APPROVED,
            year=2026,
            decided_on=date(2026, 3, 16),
            amount="99.99",
            scheme=solidarity,
            applicant_kind=SubsidyFile.ApplicantKind.ORGANISATION,
            organisation=organisation,
            neighbourhood=None,
            city_wide=True,
            title="Schoolbanken voor Francistown",
        ),
        "report": granted(
            S.REPORT_SUBMITTED,
            year=2026,
            decided_on=date(2026, 4, 1),
            amount="0.01",
            scheme=solidarity,
            neighbourhood=winterslag,
            title="Fairtrade-ontbijt",
        ),
    }
    add_co_applicant(files["group"], user=UserFactory(display_name=CO_NAME), address=CO_ADDRESS)
    hidden = {
        status: make_file(status, scheme=wijkbudget, neighbourhood=waterschei, title=f"Niet openbaar {status}")
        for status in (S.DRAFT, S.SUBMITTED, S.INFO_REQUESTED, S.ASSESSMENT, S.PROPOSED, S.REFUSED, S.WITHDRAWN)
    }
    return {
        "files": files,
        "hidden": hidden,
        "lead": lead,
        "wijkbudget": wijkbudget,
        "solidarity": solidarity,
        "waterschei": waterschei,
        "winterslag": winterslag,
        "organisation": organisation,
    }


def references(response) -> set[str]:
    return {row["file"].reference for row in response.context["rows"]}


# Privacy.


def test_a_resident_group_is_never_named_in_the_page_csv_or_json(client, data):
    group = data["files"]["group"]
    for url in (PAGE, CSV, JSON, f"{PAGE}?q=Speelstraat", f"{CSV}?jaar=2025", f"{JSON}?wijk=waterschei"):
        content = body(client.get(url))
        assert group.reference.encode() in content, url
        assert b"Een groep inwoners" in content, url
        for private in PRIVATE:
            assert private not in content, (url, private)


def test_the_search_never_matches_a_person(client, data):
    for text in ("Vermeulen", LEAD_EMAIL, "Zavelstraat", IBAN, "Elamrani", "Heiblok"):
        response = client.get(PAGE, {"q": text})
        assert references(response) == set(), text
        assert response.context["totals"]["all"]["count"] == 0


def test_the_register_never_loads_private_fields(data):
    from django.core.exceptions import FieldFetchBlocked

    from initiatives.subsidies import opendata

    file = opendata.register_queryset().get(pk=data["files"]["group"].pk)
    for field in ("applicant_address", "iban", "account_holder", "applicant"):
        with pytest.raises(FieldFetchBlocked):
            getattr(file, field)


# What is in the register.


def test_only_granted_files_are_listed(client, data):
    listed = {f.reference for f in data["files"].values()}
    assert references(client.get(PAGE)) == listed
    csv_content = body(client.get(CSV)).decode("utf-8-sig")
    json_content = json.loads(body(client.get(JSON)))
    assert {row[0] for row in csv.reader(StringIO(csv_content), delimiter=";")} - {"referentie"} == listed
    assert {g["id"].removeprefix("360G-samengenk-") for g in json_content["grants"]} == listed
    for file in data["hidden"].values():
        for content in (body(client.get(PAGE)), csv_content.encode(), json.dumps(json_content).encode()):
            assert file.reference.encode() not in content
            assert file.title.encode() not in content


def test_the_page_shows_recipient_scheme_amount_date_purpose_and_place(client, data):
    response = client.get(PAGE)
    text = response.content.decode()
    assert "Subsidieregister" in text
    assert "Genk voor Francistown vzw" in text and "Een groep inwoners" in text
    assert "€\u00a01.234,50" in text and "€\u00a00,01" in text
    assert '<time datetime="2025-06-03">3 juni 2025</time>' in text
    assert "Een zomer lang spelen op straat, met de hele buurt." in text
    assert "heel Genk" in text and "Winterslag" in text
    # Newest decision first.
    assert [row["file"].title for row in response.context["rows"]] == [
        "Fairtrade-ontbijt",
        "Schoolbanken voor Francistown",
        "Moestuin aan de cité",
        "Speelstraat in de Boslaan",
    ]


# Totals.


def test_totals_per_scheme_year_and_neighbourhood_are_exact(client, data):
    response = client.get(PAGE)
    totals = response.context["totals"]
    assert totals["all"] == {"count": 4, "amount": Decimal("3834.50")}
    assert [(t["scheme__name"], t["count"], t["amount"]) for t in totals["schemes"]] == [
        ("Internationale solidariteit", 2, Decimal("100.00")),
        ("Wijkbudget", 2, Decimal("3734.50")),
    ]
    assert [(t["budget_year"], t["count"], t["amount"]) for t in totals["years"]] == [
        (2026, 3, Decimal("2600.00")),
        (2025, 1, Decimal("1234.50")),
    ]
    assert [(t["neighbourhood__name"], t["count"], t["amount"]) for t in totals["neighbourhoods"]] == [
        (None, 1, Decimal("99.99")),
        ("Waterschei", 2, Decimal("3734.50")),
        ("Winterslag", 1, Decimal("0.01")),
    ]
    text = response.content.decode()
    assert "4 subsidies, samen €\u00a03.834,50" in text
    assert "€\u00a03.734,50" in text and "€\u00a02.600,00" in text and "€\u00a0100,00" in text


def test_totals_follow_the_filter(client, data):
    response = client.get(PAGE, {"reglement": "internationale-solidariteit"})
    totals = response.context["totals"]
    assert totals["all"] == {"count": 2, "amount": Decimal("100.00")}
    assert [t["budget_year"] for t in totals["years"]] == [2026]
    assert "2 subsidies, samen €\u00a0100,00" in response.content.decode()
    assert "Alle cijfers op deze pagina gelden voor de gekozen filters." in response.content.decode()


def test_an_empty_register_says_so(client, db):
    response = client.get(PAGE)
    text = response.content.decode()
    assert "0 subsidies, samen €\u00a00,00" in text
    assert "Geen toegekende subsidies gevonden." in text


# Filters.


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"reglement": "wijkbudget"}, {"group", "closed"}),
        ({"jaar": "2025"}, {"group"}),
        ({"jaar": "2026", "reglement": "wijkbudget"}, {"closed"}),
        ({"wijk": "waterschei"}, {"group", "closed"}),
        ({"wijk": "heel-genk"}, {"organisation"}),
        ({"ontvanger": "organisatie"}, {"organisation"}),
        ({"ontvanger": "groep-inwoners"}, {"group", "closed", "report"}),
        ({"q": "moestuin"}, {"closed"}),
        ({"q": "Francistown vzw"}, {"organisation"}),
        ({"q": "spelen buurt"}, {"group"}),
        ({"q": "solidariteit"}, {"organisation", "report"}),
    ],
)
def test_filters(client, data, query, expected):
    response = client.get(PAGE, query)
    assert references(response) == {data["files"][key].reference for key in expected}
    assert response.context["totals"]["all"]["count"] == len(expected)


def test_filter_on_district(client, data):
    district = data["winterslag"].district
    response = client.get(PAGE, {"stadsdeel": district.slug})
    assert references(response) == {data["files"]["report"].reference}


def test_only_years_with_grants_are_offered(client, data):
    form = client.get(PAGE).context["filter"].form
    assert [value for value, _label in form.fields["jaar"].choices] == ["", "2026", "2025"]


def test_bad_filter_input_is_a_message_not_an_error(client, data):
    response = client.get(PAGE, {"jaar": "1999", "wijk": "nergens", "pagina": "zeven"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors.keys() == {"jaar", "wijk"}
    assert 'class="errorlist' in response.content.decode()
    assert len(references(response)) == 4


def test_the_downloads_keep_the_filter(client, data):
    response = client.get(PAGE, {"jaar": "2025", "pagina": "1"})
    text = response.content.decode()
    assert 'href="/subsidies/register.csv?jaar=2025"' in text
    assert 'href="/subsidies/register/360giving.json?jaar=2025"' in text
    rows = list(csv.reader(StringIO(body(client.get(CSV, {"jaar": "2025"})).decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [data["files"]["group"].reference]
    package = json.loads(body(client.get(JSON, {"jaar": "2025"})))
    assert [g["title"] for g in package["grants"]] == ["Speelstraat in de Boslaan"]
    assert package["downloadURL"].endswith("/subsidies/register/360giving.json?jaar=2025")


def test_pagination(client, data):
    base = data["files"]["closed"]
    clone_files(base, 30)
    first = client.get(PAGE)
    assert len(first.context["rows"]) == 25
    assert first.context["page"].paginator.count == 34
    assert 'href="?pagina=2"' in first.content.decode()
    second = client.get(PAGE, {"pagina": "2"})
    assert len(second.context["rows"]) == 9
    assert not references(first) & references(second)


def test_only_safe_methods(client, data):
    assert client.post(PAGE).status_code == 405
    assert client.post(CSV).status_code == 405


# The CSV.


def test_csv_columns_and_values(client, data):
    SubsidyFile.objects.filter(pk=data["files"]["closed"].pk).update(title="=SOM(A1:A9)")
    response = client.get(CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="subsidieregister-genk-')
    content = body(response)
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "referentie",
        "jaar",
        "reglement",
        "ontvanger",
        "soort ontvanger",
        "project",
        "omschrijving",
        "wijk",
        "bedrag toegekend (EUR)",
        "beslist op",
    ]
    by_reference = {row[0]: row for row in rows[1:]}
    group = data["files"]["group"]
    assert by_reference[group.reference] == [
        group.reference,
        "2025",
        "Wijkbudget",
        "Een groep inwoners",
        "groep inwoners",
        "Speelstraat in de Boslaan",
        "Een zomer lang spelen op straat, met de hele buurt.",
        "Waterschei",
        "1234,50",
        "2025-06-03",
    ]
    organisation = by_reference[data["files"]["organisation"].reference]
    assert organisation[3:5] == ["Genk voor Francistown vzw", "organisatie"]
    assert organisation[7:9] == ["heel Genk", "99,99"]
    assert by_reference[data["files"]["closed"].reference][5] == "'=SOM(A1:A9)"


# Query counts.


def clone_files(template: SubsidyFile, count: int, *, schemes=(), neighbourhoods=(), organisations=()):
    """`count` more granted files like `template`, in bulk, spread over the given relations."""
    start = SubsidyFile.objects.count()
    rows = []
    for n in range(count):
        organisation = organisations[n % len(organisations)] if organisations and n % 3 == 0 else None
        neighbourhood = neighbourhoods[n % len(neighbourhoods)] if neighbourhoods and n % 4 else None
        rows.append(
            SubsidyFile(
                reference=f"SUB-2099-{start + n:04d}",
                scheme=schemes[n % len(schemes)] if schemes else template.scheme,
                budget_year=2020 + n % 7,
                applicant_kind=(
                    SubsidyFile.ApplicantKind.ORGANISATION if organisation else SubsidyFile.ApplicantKind.RESIDENT_GROUP
                ),
                applicant=template.applicant,
                organisation=organisation,
                title=f"Project {n}",
                description=f"Beschrijving van project {n}.",
                neighbourhood=neighbourhood if neighbourhoods else template.neighbourhood,
                city_wide=bool(neighbourhoods) and neighbourhood is None,
                starts_on=template.starts_on,
                ends_on=template.ends_on,
                applicant_address=f"Geheime straat {n}",
                iban=IBAN,
                amount_requested=Decimal("1000.00"),
                status=(S.GRANTED, S.REPORT_SUBMITTED, S.REPORT_APPROVED, S.CLOSED)[n % 4],
                outcome=SubsidyFile.Outcome.GRANTED,
                amount_granted=Decimal("100.00") + n,
                decided_on=date(2020 + n % 7, 1 + n % 12, 1 + n % 28),
            )
        )
    SubsidyFile.objects.bulk_create(rows)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        body(client.get(url))
    return len(captured.captured_queries)


URLS = [
    PAGE,
    f"{PAGE}?jaar=2024&wijk=heel-genk&q=project&pagina=2",
    f"{PAGE}?reglement=wijkbudget&ontvanger=organisatie",
    CSV,
    f"{CSV}?jaar=2023",
    JSON,
    f"{JSON}?reglement=internationale-solidariteit",
]


def test_query_counts_are_constant_for_10_and_500_files(client, data, django_assert_num_queries):
    schemes = [data["wijkbudget"], data["solidarity"], SchemeFactory(name="Burgerinitiatieven", slug="burger")]
    neighbourhoods = [data["waterschei"], data["winterslag"], *(NeighbourhoodFactory() for _ in range(4))]
    organisations = [data["organisation"], *(OrganisationFactory() for _ in range(5))]
    template = data["files"]["group"]
    clone_files(template, 6, schemes=schemes, neighbourhoods=neighbourhoods, organisations=organisations)
    assert SubsidyFile.objects.in_register().count() == 10
    few = {url: queries(client, url) for url in URLS}
    clone_files(template, 490, schemes=schemes, neighbourhoods=neighbourhoods, organisations=organisations)
    assert SubsidyFile.objects.in_register().count() == 500
    for url in URLS:
        with django_assert_num_queries(few[url]):
            body(client.get(url))
    assert len(json.loads(body(client.get(JSON)))["grants"]) == 500

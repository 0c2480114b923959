"""The 360Giving export: valid against the official schema (the local copy; the package schema's
remote `$ref` resolves to it, never to the network), with the identifiers, amounts, dates and
places the standard asks; and a broken grant fails, so the check can fail."""

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

import initiatives.subsidies
from initiatives.subsidies import opendata
from initiatives.subsidies.models import SubsidyFile
from tests.factories import NeighbourhoodFactory, OrganisationFactory, UserFactory

from .factories import SchemeFactory, make_file

pytestmark = pytest.mark.django_db
S = SubsidyFile.Status
JSON = "/subsidies/register/360giving.json"
SCHEMA_DIR = Path(initiatives.subsidies.__file__).parent / "schema" / "360giving"


def load(name):
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


PACKAGE_SCHEMA = load("360-giving-package-schema.json")
GRANT_SCHEMA = load("360-giving-schema.json")
REMOTE_REF = PACKAGE_SCHEMA["properties"]["grants"]["items"]["$ref"]


def local_validator(*, format_checker=True):
    """The package schema with its remote `$ref` (and the grant schema's own `$id`) mapped to
    the local copy of the grant schema. A `Registry` given explicitly never retrieves a URL."""
    grant = DRAFT202012.create_resource(GRANT_SCHEMA)
    registry = Registry().with_resources([(REMOTE_REF, grant), (GRANT_SCHEMA["$id"], grant)])
    return Draft202012Validator(
        PACKAGE_SCHEMA, registry=registry, format_checker=opendata.format_checker() if format_checker else None
    )


def errors(package, **kwargs) -> list[str]:
    return [error.message for error in local_validator(**kwargs).iter_errors(package)]


def granted(status=S.GRANTED, *, year=2026, decided_on=date(2026, 3, 16), amount="1000.00", **fields):
    file = make_file(status, amount_granted=Decimal(amount), **fields)
    SubsidyFile.objects.filter(pk=file.pk).update(budget_year=year, decided_on=decided_on)
    file.refresh_from_db()
    return file


@pytest.fixture
def files(db):
    wijkbudget = SchemeFactory(name="Wijkbudget", slug="wijkbudget")
    solidarity = SchemeFactory(name="Internationale solidariteit", slug="internationale-solidariteit")
    waterschei = NeighbourhoodFactory(name="Waterschei", slug="waterschei", code="71016W02")
    with_kbo = OrganisationFactory(
        name="Genk voor Francistown vzw",
        slug="genk-francistown",
        enterprise_number="0412.345.614",
        website="https://francistown.example.be/",
    )
    without_kbo = OrganisationFactory(name="Buurtcomité Sledderlo", slug="buurtcomite-sledderlo", enterprise_number="")
    bad_kbo = OrganisationFactory(
        name="Fanfare Sint-Cecilia", slug="fanfare-sint-cecilia", enterprise_number="0412.345.615"
    )
    return {
        "group": granted(
            scheme=wijkbudget,
            neighbourhood=waterschei,
            amount="2500.00",
            title="Speelstraat",
            applicant=UserFactory(display_name="Mieke Vermeulen"),
            starts_on=date(2026, 7, 1),
            ends_on=date(2026, 8, 31),
        ),
        "kbo": granted(
            S.CLOSED,
            scheme=solidarity,
            applicant_kind=SubsidyFile.ApplicantKind.ORGANISATION,
            organisation=with_kbo,
            neighbourhood=None,
            city_wide=True,
            amount="1234.56",
            decided_on=date(2025, 11, 30),
            year=2025,
            title="Schoolbanken voor Francistown",
            description="",
            starts_on=None,
            ends_on=None,
        ),
        "local": granted(
            S.REPORT_SUBMITTED,
            scheme=wijkbudget,
            applicant_kind=SubsidyFile.ApplicantKind.ORGANISATION,
            organisation=without_kbo,
            neighbourhood=waterschei,
            amount="0.10",
            title="Buurtfeest",
        ),
        "bad_kbo": granted(
            S.REPORT_APPROVED,
            scheme=wijkbudget,
            applicant_kind=SubsidyFile.ApplicantKind.ORGANISATION,
            organisation=bad_kbo,
            neighbourhood=waterschei,
            title="Nieuwe uniformen",
        ),
        "refused": make_file(S.REFUSED, scheme=wijkbudget, title="Geweigerd"),
    }


def export(client, query=None) -> tuple[bytes, dict]:
    response = client.get(JSON, query or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.content, json.loads(response.content)


def by_title(package) -> dict:
    return {grant["title"]: grant for grant in package["grants"]}


# Validity.


def test_the_export_is_valid_against_the_official_schema(client, files):
    _raw, package = export(client)
    assert len(package["grants"]) == 4
    assert errors(package) == []
    assert opendata.validation_errors(package) == []


def test_the_remote_ref_resolves_only_to_the_local_copy(client, files):
    _raw, package = export(client)
    assert REMOTE_REF.startswith("https://raw.githubusercontent.com/ThreeSixtyGiving/")
    assert REMOTE_REF in {url for url, _resource in opendata.registry().items()}
    # Without the mapping the reference cannot resolve: nothing is fetched from the network.
    unmapped = Draft202012Validator(PACKAGE_SCHEMA, registry=Registry())
    with pytest.raises(Unresolvable):
        list(unmapped.iter_errors(package))


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("recipientOrganization", None, "is not valid under any of the given schemas"),
        ("description", None, "is not valid under any of the given schemas"),
        ("amountAwarded", "2500.00", "is not of type 'number'"),
        ("currency", "euro", "is not one of"),
        ("awardDate", "16/03/2026", "is not valid under any of the given schemas"),
        ("fundingOrganization", [{"name": "Stad Genk"}], "'id' is a required property"),
        ("dateModified", "2026-03-16", "is not a 'date-time'"),
        ("plannedDates", [{"startDate": "maart"}], "is not valid under any of the given schemas"),
    ],
)
def test_a_broken_grant_fails_validation(client, files, path, value, expected):
    _raw, package = export(client)
    broken = copy.deepcopy(package)
    grant = by_title(broken)["Speelstraat"]
    if value is None:
        del grant[path]
    else:
        grant[path] = value
    found = errors(broken)
    assert found and any(expected in message for message in found), found
    assert opendata.validation_errors(broken)


def test_an_empty_package_is_not_valid(client, db):
    _raw, package = export(client)
    assert package["grants"] == []
    assert any("should be non-empty" in message for message in errors(package))


def test_plain_dates_need_a_date_time_format_check():
    """The schema's dates are oneOf date-time | YYYY-MM-DD: without a date-time check a plain
    date matches both branches and is refused. Our checker tells them apart."""
    grant = {
        "id": "360G-samengenk-SUB-2026-0001",
        "title": "Speelstraat",
        "description": "Spelen op straat.",
        "currency": "EUR",
        "amountAwarded": 2500.0,
        "awardDate": "2026-03-16",
        "recipientOrganization": [{"id": "360G-samengenk-group-SUB-2026-0001", "name": "Een groep inwoners"}],
        "fundingOrganization": [{"id": "BE-BCE_KBO-0207437468", "name": "Stad Genk"}],
    }
    assert errors({"grants": [grant]}) == []
    assert errors({"grants": [grant]}, format_checker=False)
    checker = opendata.format_checker()
    for good in ("2026-03-16T10:00:00+01:00", "2026-03-16T09:00:00Z", "2026-03-16T10:00:00.5+02:00"):
        assert checker.conforms(good, "date-time"), good
    for bad in ("2026-03-16", "2026-03-16T10:00", "2026-02-30T10:00:00Z", "16/03/2026 10:00"):
        assert not checker.conforms(bad, "date-time"), bad
    assert checker.conforms("https://samen.genk.be/subsidies/register/", "uri")
    assert not checker.conforms("samen genk", "uri")


# Content.


def test_package_metadata(client, files):
    _raw, package = export(client)
    assert package["version"] == "1.4"
    assert package["license"] == "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0"
    assert package["publisher"] == {
        "identifier": "BE-BCE_KBO-0207437468",
        "name": "Stad Genk",
        "website": "http://127.0.0.1:8000/",
    }
    assert package["accessURL"] == "http://127.0.0.1:8000/subsidies/register/"
    assert package["downloadURL"] == "http://127.0.0.1:8000/subsidies/register/360giving.json"
    assert package["identifier"] == "360G-samengenk-register"
    assert package["modified"] == max(grant["dateModified"] for grant in package["grants"])


def test_grants(client, files):
    raw, package = export(client)
    grants = by_title(package)
    group = grants["Speelstraat"]
    reference = files["group"].reference
    assert group["id"] == f"360G-samengenk-{reference}"
    assert group["currency"] == "EUR"
    assert group["amountAwarded"] == 2500
    assert group["awardDate"] == "2026-03-16"
    assert group["recipientOrganization"] == [{"id": f"360G-samengenk-group-{reference}", "name": "Een groep inwoners"}]
    assert group["fundingOrganization"] == [
        {"id": "BE-BCE_KBO-0207437468", "name": "Stad Genk", "department": "Participatie"}
    ]
    assert group["grantProgramme"] == [{"code": "wijkbudget", "title": "Wijkbudget"}]
    assert group["beneficiaryLocation"] == [{"name": "Waterschei", "countryCode": "BE", "geoCode": "71016W02"}]
    assert group["plannedDates"] == [{"startDate": "2026-07-01", "endDate": "2026-08-31"}]
    assert group["dateModified"].startswith(str(date.today().year)) and group["dateModified"][-6] in "+-"

    kbo = grants["Schoolbanken voor Francistown"]
    assert kbo["recipientOrganization"] == [
        {
            "id": "BE-BCE_KBO-0412345614",
            "name": "Genk voor Francistown vzw",
            "companyNumber": "0412345614",
            "url": "https://francistown.example.be/",
            "addressCountry": "BE",
        }
    ]
    assert kbo["beneficiaryLocation"] == [{"name": "Genk", "countryCode": "BE", "geoCode": "71016"}]
    assert kbo["awardDate"] == "2025-11-30"
    assert kbo["description"] == "Schoolbanken voor Francistown"  # required: the title when empty
    assert "plannedDates" not in kbo
    assert grants["Buurtfeest"]["recipientOrganization"][0]["id"] == "360G-samengenk-org-buurtcomite-sledderlo"
    # An enterprise number that fails the check digits is not published as one.
    bad = grants["Nieuwe uniformen"]["recipientOrganization"][0]
    assert bad["id"] == "360G-samengenk-org-fanfare-sint-cecilia" and "companyNumber" not in bad
    assert "Geweigerd" not in grants


def test_amounts_are_numbers_with_two_decimals(client, files):
    raw, package = export(client)
    assert b'"amountAwarded": 2500.00,' in raw
    assert b'"amountAwarded": 1234.56,' in raw
    assert b'"amountAwarded": 0.10,' in raw
    assert by_title(package)["Buurtfeest"]["amountAwarded"] == 0.1


def test_the_prefix_and_the_funder_are_settings(client, files, settings):
    settings.SUBSIDIES_360GIVING_PREFIX = "360G-genk"
    settings.SUBSIDIES_FUNDER_KBO = "0876.543.270"
    _raw, package = export(client)
    group = by_title(package)["Speelstraat"]
    assert group["id"] == f"360G-genk-{files['group'].reference}"
    assert group["recipientOrganization"][0]["id"].startswith("360G-genk-group-")
    assert group["fundingOrganization"][0]["id"] == "BE-BCE_KBO-0876543270"
    assert package["publisher"]["identifier"] == "BE-BCE_KBO-0876543270"
    assert errors(package) == []


def test_the_json_is_dutch_whatever_the_interface_language(client, files, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    csv_text = b"".join(client.get("/subsidies/register.csv").streaming_content).decode("utf-8-sig")
    assert "all of Genk" in csv_text  # the interface (and the CSV) follow the language
    _raw, package = export(client)
    assert by_title(package)["Speelstraat"]["recipientOrganization"][0]["name"] == "Een groep inwoners"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0207.437.468", "0207437468"),
        ("BE 0207 437 468", "0207437468"),
        ("207437468", "0207437468"),
        ("0207437469", None),
        ("2207437468", None),
        ("", None),
        ("KBO onbekend", None),
    ],
)
def test_kbo_numbers(raw, expected):
    assert opendata.kbo_number(raw) == expected


def test_dumps_writes_decimals_as_numbers_and_leaves_text_alone():
    data = {
        "amount": Decimal("2500"),
        "small": Decimal("0.005"),
        "text": '"@dec-0@1.00" 2500.00',
        "day": date(2026, 3, 16),
    }
    assert opendata.dumps(data) == (
        b'{"amount": 2500.00, "small": 0.01, "text": "\\"@dec-0@1.00\\" 2500.00", "day": "2026-03-16"}'
    )


# The management command.


def test_the_command_writes_and_validates(files, tmp_path):
    target = tmp_path / "register.json"
    call_command("subsidies_360giving", "--validate", "-o", str(target))
    package = json.loads(target.read_bytes())
    assert len(package["grants"]) == 4
    assert errors(package) == []


def test_the_command_fails_on_an_invalid_package(db, tmp_path):
    with pytest.raises(CommandError, match="not valid"):
        call_command("subsidies_360giving", "--validate", "-o", str(tmp_path / "leeg.json"))

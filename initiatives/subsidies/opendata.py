"""Open data from the public subsidy register: the rows of the register (page and CSV) and the
360Giving Data Standard package (`grants`), with its validation against the official schema.

Privacy by construction: `register_queryset()` loads only the public fields of a granted file
(`PUBLIC_FIELDS`) and blocks any other field access (`FETCH_RAISE`), so the lead applicant, their
address, the IBAN and the co-applicants can never reach the register, the CSV or the JSON. A
resident group is always "Een groep inwoners".

Settings (each with a default; read at call time):

- `SUBSIDIES_360GIVING_PREFIX` ("360G-samengenk"): the prefix of every grant identifier. The
  city must register its own prefix with 360Giving (https://www.threesixtygiving.org/) before
  publishing to the 360Giving registry; the default is a placeholder.
- `SUBSIDIES_FUNDER_KBO` ("0207437468"): the city's enterprise number (KBO/BCE), 10 digits; the
  funder's identifier is `BE-BCE_KBO-<number>` (org-id.guide's list for Belgian enterprises).
- `SUBSIDIES_FUNDER_NAME` ("Stad Genk").
- `SUBSIDIES_OPEN_DATA_LICENSE` and `SUBSIDIES_OPEN_DATA_LICENSE_NAME`: the canonical URI and
  the name of the licence of the register's data, default the Flemish Modellicentie Gratis
  Hergebruik v1.0 (the Flemish government's standard open licence, compatible with CC BY 4.0;
  the neighbourhood codes in the data come from a dataset under it). For CC0 set
  "https://creativecommons.org/publicdomain/zero/1.0/" and "CC0 1.0".
"""

import json
import re
import secrets
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import FETCH_RAISE
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SCHEMA_DIR = Path(__file__).resolve().parent / "schema" / "360giving"
PACKAGE_SCHEMA = "360-giving-package-schema.json"
GRANT_SCHEMA = "360-giving-schema.json"
# The package schema (1.4.3) refers to the grant schema by this remote URL (note: 1.4.2), and
# the grant schema's own `$id` is the 1.4.3 URL: both resolve to the local copy.
GRANT_SCHEMA_URLS = (
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json",
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-schema.json",
)
STANDARD_VERSION = "1.4"

PREFIX_DEFAULT = "360G-samengenk"
FUNDER_KBO_DEFAULT = "0207437468"
FUNDER_NAME_DEFAULT = "Stad Genk"
LICENSE_DEFAULT = "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0"
LICENSE_NAME_DEFAULT = "Modellicentie Gratis Hergebruik v1.0"
ORG_ID_SCHEME = "BE-BCE_KBO"  # org-id.guide: Crossroads Bank for Enterprises (Belgium)
GENK_NIS_CODE = "71016"

RESIDENT_GROUP = gettext_lazy("Een groep inwoners")
CITY_WIDE = gettext_lazy("heel Genk")
SHORT_DESCRIPTION_CHARS = 200

# The only fields of a file (and its relations) the register ever loads.
PUBLIC_FIELDS = (
    "pk",
    "reference",
    "applicant_kind",
    "title",
    "description",
    "city_wide",
    "starts_on",
    "ends_on",
    "amount_granted",
    "decided_on",
    "budget_year",
    "modified",
    "scheme__name",
    "scheme__slug",
    "scheme__department__name",
    "organisation__name",
    "organisation__slug",
    "organisation__enterprise_number",
    "organisation__website",
    "neighbourhood__name",
    "neighbourhood__slug",
    "neighbourhood__code",
)


def _get(name, default):
    return getattr(settings, name, default)


def grant_prefix() -> str:
    return str(_get("SUBSIDIES_360GIVING_PREFIX", PREFIX_DEFAULT))


def funder_name() -> str:
    return str(_get("SUBSIDIES_FUNDER_NAME", FUNDER_NAME_DEFAULT))


def funder_id() -> str:
    number = kbo_number(str(_get("SUBSIDIES_FUNDER_KBO", FUNDER_KBO_DEFAULT)))
    if number is None:
        raise ValueError("SUBSIDIES_FUNDER_KBO is not a valid Belgian enterprise number")
    return f"{ORG_ID_SCHEME}-{number}"


def license_url() -> str:
    return str(_get("SUBSIDIES_OPEN_DATA_LICENSE", LICENSE_DEFAULT))


def license_name() -> str:
    return str(_get("SUBSIDIES_OPEN_DATA_LICENSE_NAME", LICENSE_NAME_DEFAULT))


# The register's rows.


def register_queryset():
    """Every granted subsidy, newest decision first, with only its public fields."""
    from .models import SubsidyFile

    return (
        SubsidyFile.objects.in_register()
        .select_related("scheme__department", "organisation", "neighbourhood")
        .only(*PUBLIC_FIELDS)
        .fetch_mode(FETCH_RAISE)
        .order_by("-decided_on", "-reference")
    )


def is_resident_group(file) -> bool:
    return file.applicant_kind != file.ApplicantKind.ORGANISATION or file.organisation is None


def recipient_name(file) -> str:
    """The organisation's name, or "Een groep inwoners": never a person's name."""
    if is_resident_group(file):
        return str(RESIDENT_GROUP)
    return file.organisation.name


def recipient_kind(file) -> str:
    return _("groep inwoners") if is_resident_group(file) else _("organisatie")


def place_name(file) -> str:
    """The neighbourhood, or "heel Genk" for a city-wide project (or one without a wijk)."""
    return file.neighbourhood.name if file.neighbourhood is not None else str(CITY_WIDE)


def short_description(file) -> str:
    return Truncator(" ".join(file.description.split())).chars(SHORT_DESCRIPTION_CHARS)


def cents(amount) -> Decimal:
    return Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def csv_amount(amount) -> str:
    """2500,00: a decimal comma and no thousands separator, which a Flemish spreadsheet reads as
    a number (the CSV is separated by semicolons for that reason, like initiatives/exports.py)."""
    return f"{cents(amount):.2f}".replace(".", ",")


def csv_columns() -> list[str]:
    return [
        _("referentie"),
        _("jaar"),
        _("reglement"),
        _("ontvanger"),
        _("soort ontvanger"),
        _("project"),
        _("omschrijving"),
        _("wijk"),
        _("bedrag toegekend (EUR)"),
        _("beslist op"),
    ]


def _safe(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_row(file) -> list:
    return [
        _safe(value)
        for value in (
            file.reference,
            file.budget_year,
            file.scheme.name,
            recipient_name(file),
            recipient_kind(file),
            file.title,
            " ".join(file.description.split()),
            place_name(file),
            csv_amount(file.amount_granted),
            file.decided_on.isoformat() if file.decided_on else "",
        )
    ]


def csv_rows(queryset):
    for file in queryset.iterator(chunk_size=1000):
        yield csv_row(file)


# The 360Giving package.


def kbo_number(raw: str) -> str | None:
    """The 10-digit Belgian enterprise number in `raw` ("0207.437.468", "BE 0207 437 468",
    or an old 9-digit one), or None when it is not a valid one (the last two digits are
    97 − the first eight modulo 97)."""
    digits = re.sub(r"\D", "", raw or "")
    if len(digits) == 9:
        digits = "0" + digits
    if len(digits) != 10 or digits[0] not in "01":
        return None
    if 97 - int(digits[:8]) % 97 != int(digits[8:]):
        return None
    return digits


def grant_id(file) -> str:
    return f"{grant_prefix()}-{file.reference}"


def recipient_organization(file) -> dict:
    if is_resident_group(file):
        return {"id": f"{grant_prefix()}-group-{file.reference}", "name": str(RESIDENT_GROUP)}
    organisation = file.organisation
    number = kbo_number(organisation.enterprise_number)
    recipient = {
        "id": f"{ORG_ID_SCHEME}-{number}" if number else f"{grant_prefix()}-org-{organisation.slug}",
        "name": organisation.name,
    }
    if number:
        recipient["companyNumber"] = number
    if organisation.website:
        recipient["url"] = organisation.website
    recipient["addressCountry"] = "BE"
    return recipient


def beneficiary_location(file) -> dict:
    if file.neighbourhood is not None:
        location = {"name": file.neighbourhood.name, "countryCode": "BE"}
        if file.neighbourhood.code:
            location["geoCode"] = file.neighbourhood.code
        return location
    return {"name": "Genk", "countryCode": "BE", "geoCode": GENK_NIS_CODE}


def _datetime(value: datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def grant(file, funder: dict) -> dict:
    item = {
        "id": grant_id(file),
        "title": file.title,
        "description": file.description or file.title,  # required by the standard
        "currency": "EUR",
        "amountAwarded": cents(file.amount_granted),
        "awardDate": file.decided_on.isoformat(),
        "recipientOrganization": [recipient_organization(file)],
        "fundingOrganization": [{**funder, "department": file.scheme.department.name}],
        "grantProgramme": [{"code": file.scheme.slug, "title": file.scheme.name}],
        "beneficiaryLocation": [beneficiary_location(file)],
        "fromOpenCall": "Yes",
        "dateModified": _datetime(file.modified),
    }
    if file.starts_on or file.ends_on:
        dates = {}
        if file.starts_on:
            dates["startDate"] = file.starts_on.isoformat()
        if file.ends_on:
            dates["endDate"] = file.ends_on.isoformat()
        item["plannedDates"] = [dates]
    return item


def package(queryset, *, download_url: str, access_url: str, website: str, now: datetime | None = None) -> dict:
    """The 360Giving `grants` package of the files in `queryset` (from `register_queryset()`),
    with the package metadata of the 1.4 package schema. Texts are the Dutch originals."""
    now = now or timezone.now()
    with translation.override("nl"):
        funder = {"id": funder_id(), "name": funder_name()}
        grants, last_modified = [], None
        for file in queryset.iterator(chunk_size=1000):
            grants.append(grant(file, funder))
            if last_modified is None or file.modified > last_modified:
                last_modified = file.modified
        return {
            "version": STANDARD_VERSION,
            "title": f"Subsidieregister {funder_name()}",
            "description": (
                f"De subsidies die {funder_name()} toekende, uit het openbare subsidieregister van Samen Genk. "
                "Een groep inwoners wordt niet bij naam genoemd."
            ),
            "identifier": f"{grant_prefix()}-register",
            "issued": timezone.localdate(now).isoformat(),
            "modified": _datetime(last_modified or now),
            "publisher": {"identifier": funder["id"], "name": funder_name(), "website": website},
            "license": license_url(),
            "accessURL": access_url,
            "downloadURL": download_url,
            "grants": grants,
        }


def dumps(data: dict) -> bytes:
    """JSON in UTF-8 where every Decimal is a number with exactly two decimals (2500.00), not a
    string and never a float's binary approximation. The stdlib encoder has no hook to write a
    raw number, so each Decimal goes out as a string with a random marker first and the marker
    and quotes are then removed: no text in the data can carry this call's marker."""
    marker = f"@dec-{secrets.token_hex(16)}@"

    def default(value):
        if isinstance(value, Decimal):
            return f"{marker}{cents(value):.2f}"
        if isinstance(value, datetime | date):
            return value.isoformat()
        raise TypeError(f"{type(value).__name__} is not JSON serialisable")

    text = json.dumps(data, default=default, ensure_ascii=False)
    return re.sub(rf'"{re.escape(marker)}(-?[0-9]+\.[0-9]{{2}})"', r"\1", text).encode()


# Validation against the official schema (the local copy: no network).


@cache
def load_schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def registry():
    """A `referencing.Registry` in which the grant schema's remote URLs are the local copy.
    The schemas declare `"$schema": "http://json-schema.org/draft/2020-12/schema"` (http, not
    the dialect's https id), which `referencing` does not recognise: the dialect is given."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    grant_schema = DRAFT202012.create_resource(load_schema(GRANT_SCHEMA))
    return Registry().with_resources((url, grant_schema) for url in GRANT_SCHEMA_URLS)


def format_checker():
    """jsonschema's format checker plus `date-time` (RFC 3339) and `uri` (genk.core.jsonschemas).
    The schema's dates are `oneOf: [{format: date-time}, {pattern: YYYY-MM-DD}]`: without a
    date-time check a plain date matches both branches, and `oneOf` then rejects it."""
    from genk.core.jsonschemas import format_checker as checker

    return checker()


def validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(PACKAGE_SCHEMA), registry=registry(), format_checker=format_checker())


def validation_errors(data) -> list[str]:
    """The schema errors of a package (parsed JSON), as readable lines; empty when valid."""
    errors = sorted(validator().iter_errors(data), key=lambda error: list(error.absolute_path))
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(package)'}: {Truncator(error.message).chars(300)}"
        for error in errors
    ]

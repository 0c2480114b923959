"""The applicant's pages: the schemes, and the IBAN check."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from initiatives.subsidies.models import RequiredDocument
from initiatives.subsidies.validators import format_iban, normalise_iban, validate_iban

from .applicant_pages import S, url
from .factories import (
    SchemeFactory,
    add_required_document,
    make_file,
)

pytestmark = pytest.mark.django_db

# The IBAN check.


@pytest.mark.parametrize(
    "value, expected",
    [
        ("BE68 5390 0754 7034", "BE68539007547034"),
        ("be68-5390-0754-7034", "BE68539007547034"),
        ("IBAN BE71 0961 2345 6769", "BE71096123456769"),
        ("NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"),
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
    ],
)
def test_valid_ibans_are_normalised(value, expected):
    assert validate_iban(value) == expected
    assert normalise_iban(value) == expected
    assert format_iban(expected).replace(" ", "") == expected


@pytest.mark.parametrize(
    "value, message",
    [
        ("BE68 5390 0754 7035", "controlecijfers"),
        ("BE68 5390 0754 703", "Een Belgisch rekeningnummer telt 16 tekens"),
        ("NL91 ABNA 0417 1643 0", "Een IBAN uit NL telt 18 tekens; dit telt er 17."),
        ("XX12 3456 7890", "‘XX’ is geen landcode"),
        ("1234567890", "Een IBAN begint met twee letters"),
    ],
)
def test_invalid_ibans_say_what_is_wrong(value, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validate_iban(value)
    assert message in " ".join(error.value.messages)


# The schemes.


def test_visitors_see_the_active_schemes_with_amounts_window_and_remaining_budget(client, scheme):
    SchemeFactory(name="Oud reglement", slug="oud", is_active=False)
    make_file(S.GRANTED, scheme=scheme, amount_granted=Decimal("2000.00"))
    scheme.closes_on = timezone.localdate() + timedelta(days=30)
    scheme.save()
    html = client.get(url("schemes")).content.decode()
    assert "Wijkbudget" in html
    assert "Oud reglement" not in html
    assert "van €\xa00,00 tot €\xa02.500,00" in html
    assert "€\xa048.000,00" in html  # 50,000 minus the 2,000 granted this year
    assert "tot en met" in html


def test_the_scheme_page_shows_rules_exclusions_criteria_documents_and_legal_basis(client, scheme):
    scheme.exclusions = "Niet voor straatfeesten, gewone clubwerking, religieuze of politieke activiteiten."
    scheme.min_group_size = 5
    scheme.min_distinct_addresses = 5
    scheme.once_per_group_per_year = True
    scheme.save()
    add_required_document(scheme, "Offerte van de grootste uitgave")
    add_required_document(scheme, "Facturen en betaalbewijzen", stage=RequiredDocument.Stage.REPORT)
    html = client.get(url("scheme", slug=scheme.slug)).content.decode()
    assert "Niet voor straatfeesten" in html
    assert "minstens 5 aanvragers" in html and "5 verschillende adressen" in html
    assert "één keer per groep per jaar" in html
    assert "Meerwaarde voor de buurt" in html and "Haalbaarheid" in html
    assert "Offerte van de grootste uitgave" in html
    assert "Facturen en betaalbewijzen" in html
    assert "Gemeenteraadsbesluit van 1 januari 2024." in html
    assert "Meld je aan om deze subsidie aan te vragen." in html


def test_a_closed_scheme_cannot_be_applied_for(client, resident, scheme):
    scheme.closes_on = timezone.localdate() - timedelta(days=1)
    scheme.opens_on = scheme.closes_on - timedelta(days=60)
    scheme.save()
    client.force_login(resident)
    assert "Vraag deze subsidie aan" not in client.get(url("scheme", slug=scheme.slug)).content.decode()
    response = client.get(url("apply", slug=scheme.slug))
    assert response.status_code == 403
    assert "de termijn om aan te vragen is niet open" in response.content.decode()

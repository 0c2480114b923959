"""Certificates of hours: issued from approved hours, printable for the volunteer and the
coordinator, verifiable by code (genuine or not, organisation, year, hours — no name), rate-limited."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from genk.core.refusals import NotAllowed
from volunteers import certificates
from volunteers.models import Certificate, HourEntry, SignUp, normalise_certificate_code

from .factories import ShiftFactory

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def hours_at(opportunity, volunteer, hours, status=HourEntry.Status.APPROVED, days_ago=1):
    start = timezone.now() - timedelta(days=days_ago)
    shift = ShiftFactory(opportunity=opportunity, start=start, end=start + timedelta(hours=4))
    signup = SignUp.objects.create(shift=shift, volunteer=volunteer, status=SignUp.Status.ATTENDED)
    return HourEntry.objects.create(signup=signup, hours=Decimal(hours), status=status, logged_by=volunteer)


@pytest.fixture
def approved(opportunity, volunteer):
    start = timezone.now()
    if start.month == 1 and start.day < 4:
        pytest.skip("the shifts would fall in the previous year")
    hours_at(opportunity, volunteer, "3", days_ago=1)
    hours_at(opportunity, volunteer, "2.5", days_ago=2)
    hours_at(opportunity, volunteer, "4", status=HourEntry.Status.LOGGED, days_ago=3)  # not approved: not counted


def test_issue_counts_approved_hours_only_and_reuses_the_code(approved, organisation, volunteer):
    first = certificates.issue(volunteer, organisation, YEAR, volunteer)
    assert first.hours == Decimal("5.5")
    assert certificates.issue(volunteer, organisation, YEAR, volunteer).code == first.code
    HourEntry.objects.filter(status=HourEntry.Status.LOGGED).update(status=HourEntry.Status.APPROVED)
    second = certificates.issue(volunteer, organisation, YEAR, volunteer)
    assert second.hours == Decimal("9.5") and second.code != first.code
    assert certificates.find(first.code).hours == Decimal("5.5")  # the earlier one stays genuine


def test_no_approved_hours_is_a_clear_refusal(opportunity, organisation, volunteer):
    with pytest.raises(NotAllowed, match="nog geen goedgekeurde uren"):
        certificates.issue(volunteer, organisation, YEAR, volunteer)


def test_volunteer_prints_their_certificate(client, approved, organisation, volunteer):
    client.force_login(volunteer)
    mine = client.get(reverse("volunteers:mine")).content.decode()
    url = reverse("volunteers:certificate", args=[organisation.slug, YEAR])
    assert url in mine
    page = client.get(url).content.decode()
    certificate = Certificate.objects.get()
    assert certificate.code in page and "5,5" in page and "Ayse Vrijwilliger" in page


def test_coordinator_prints_and_others_cannot(
    client, approved, organisation, volunteer, coordinator, other_coordinator
):
    client.force_login(coordinator)
    listing = client.get(reverse("volunteers_staff:certificates", args=[organisation.slug])).content.decode()
    url = reverse("volunteers_staff:certificate", args=[organisation.slug, YEAR, volunteer.pk])
    assert url in listing
    assert Certificate.objects.get().code if client.get(url).status_code == 200 else False
    client.force_login(other_coordinator)
    response = client.get(url)
    assert response.status_code == 403
    assert "enkel de vrijwilliger zelf en de coördinatoren" in response.content.decode()
    assert Certificate.objects.count() == 1
    response = client.get(reverse("volunteers_staff:certificates", args=[organisation.slug]))
    assert response.status_code == 403


def test_someone_else_cannot_issue_a_volunteers_certificate(approved, organisation, volunteer, resident):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        certificates.issue(volunteer, organisation, YEAR, resident)


def test_verification_shows_only_genuine_organisation_year_hours(client, approved, organisation, volunteer):
    certificate = certificates.issue(volunteer, organisation, YEAR, volunteer)
    for response in (
        client.get(reverse("volunteers:certificate_check", args=[certificate.code])),
        client.get(reverse("volunteers:certificate_check_form"), {"code": certificate.code.replace("-", "").lower()}),
    ):
        body = response.content.decode()
        assert response.status_code == 200
        assert "Dit attest is echt" in body and organisation.name in body and str(YEAR) in body and "5,5" in body
        assert "Ayse" not in body and volunteer.email not in body


def test_wrong_code_gets_a_clear_message(client, approved):
    response = client.get(reverse("volunteers:certificate_check_form"), {"code": "AAAA-BBBB-CCCC"})
    body = response.content.decode()
    assert "Geen attest met deze code" in body and "Kijk de code na" in body
    assert 'value="AAAA-BBBB-CCCC"' in body  # what was typed stays


def test_the_form_alone_looks_nothing_up(client):
    body = client.get(reverse("volunteers:certificate_check_form")).content.decode()
    assert "Geen attest" not in body and 'name="code"' in body


def test_verification_is_rate_limited(client, settings):
    settings.RATE_LIMITS = {"volunteers.certificate_check": "3/h"}
    url = reverse("volunteers:certificate_check_form")
    for _n in range(3):
        assert client.get(url, {"code": "AAAA-BBBB-CCCC"}).status_code == 200
    response = client.get(url, {"code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 429
    assert "probeer het over" in response.content.decode()


def test_code_normalisation():
    assert normalise_certificate_code(" abcd efgh 2345 ") == "ABCD-EFGH-2345"
    assert normalise_certificate_code("short") == "SHORT"


def test_mine_shows_allowances_against_the_caps(client, organisation, volunteer):
    from volunteers.models import Allowance, AllowanceCap

    AllowanceCap.objects.update_or_create(
        year=YEAR,
        category="general",
        defaults={"per_day": Decimal("42.31"), "per_year": Decimal("1692.51"), "source": "t"},
    )
    Allowance.objects.create(
        volunteer=volunteer,
        organisation=organisation,
        day=timezone.localdate(),
        system="flat_rate",
        amount=Decimal("20"),
    )
    client.force_login(volunteer)
    body = client.get(reverse("volunteers:mine")).content.decode()
    assert "42,31" in body and "1.692,51" in body and "20,00" in body and organisation.name in body
    assert "1.672,51" in body  # left this year


def test_pages_queries_do_not_grow_with_rows(client, organisation, opportunity, volunteer, coordinator):
    """Mijn vrijwilligerswerk (allowances and certificates), the coordinators' certificate list
    and a certificate: the same number of queries with 10 and with 60 approved entries/allowances."""
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UserFactory
    from volunteers.models import Allowance

    others = [volunteer]

    def grow(count):
        for _n in range(count):
            person = UserFactory()
            others.append(person)
            hours_at(opportunity, person, "2")
            hours_at(opportunity, volunteer, "1")
            Allowance.objects.create(
                volunteer=volunteer,
                organisation=organisation,
                day=date(YEAR, 1, 1) + timedelta(days=len(others)),
                system="flat_rate",
                amount=Decimal("1"),
            )

    urls = [
        (volunteer, reverse("volunteers:mine")),
        (volunteer, reverse("volunteers:certificate", args=[organisation.slug, YEAR])),
        (coordinator, reverse("volunteers_staff:certificates", args=[organisation.slug]) + f"?jaar={YEAR}"),
    ]

    def counts():
        found = []
        for user, url in urls:
            client.force_login(user)
            client.get(url)  # a first visit issues the certificate
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    if timezone.localdate().timetuple().tm_yday < 70:
        pytest.skip("the allowances of this test need 60 past days this year")
    grow(10)
    few = counts()
    grow(50)
    assert counts() == few

"""Allowances within Belgian volunteer law: one system per volunteer, organisation and year; the
flat-rate caps per day and per year across all organisations; the coordinators' page and export."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from genk.core.refusals import NotAllowed
from tests.factories import OrganisationFactory
from volunteers import allowances
from volunteers.models import Allowance, AllowanceCap, SignUp, VolunteerYear

from .factories import NoticeFactory, OpportunityFactory, ShiftFactory, coordinator_of

pytestmark = pytest.mark.django_db
DAY = date(2025, 3, 10)
FLAT, ACTUAL = Allowance.System.FLAT_RATE, Allowance.System.ACTUAL_COSTS


def worked_at(organisation, person):
    NoticeFactory(organisation=organisation, version=1)
    shift = ShiftFactory(opportunity=OpportunityFactory(organisation=organisation))
    SignUp.objects.create(shift=shift, volunteer=person, status=SignUp.Status.ATTENDED)


@pytest.fixture
def caps_2025(db):
    AllowanceCap.objects.update_or_create(
        year=2025,
        category="general",
        defaults={"per_day": Decimal("42.31"), "per_year": Decimal("1692.51"), "source": "test"},
    )


@pytest.fixture
def two_organisations(organisation, volunteer, caps_2025):
    other = OrganisationFactory(name="Sportclub Genk")
    SignUp.objects.create(
        shift=ShiftFactory(opportunity=OpportunityFactory(organisation=organisation)),
        volunteer=volunteer,
        status=SignUp.Status.ACCEPTED,
    )
    worked_at(other, volunteer)
    return organisation, other


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def receipt(name="kasticket.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def record(organisation, amount, *, day=DAY, system=FLAT, proof=None, volunteer=None, user=None, category="general"):
    """`proof`: a receipt's name (a PDF of that name is attached) for actual costs."""
    user = user or coordinator_of(organisation)
    return allowances.record_allowance(
        organisation,
        user,
        volunteer=volunteer,
        day=day,
        system=system,
        amount=Decimal(amount),
        proof=proof or "",
        proof_file=receipt(f"{proof}.pdf") if proof else None,
        category=category,
    )


def test_the_2025_caps_are_loaded_as_data():
    """The data migration's rows (loaded again here: a transactional test elsewhere may have flushed them)."""
    import importlib

    from django.apps import apps

    importlib.import_module("volunteers.migrations.0003_caps_2024_2025").load(apps, None)
    cap = AllowanceCap.objects.get(year=2025, category="general")
    assert (cap.per_day, cap.per_year) == (Decimal("42.31"), Decimal("1692.51"))
    assert "3 juli 2005" in cap.source
    assert AllowanceCap.objects.get(year=2024, category="higher").per_day is None


def test_daily_cap_holds_across_organisations(two_organisations, volunteer):
    a, b = two_organisations
    record(a, "30.00", volunteer=volunteer)
    with pytest.raises(NotAllowed, match="dagmaximum van €.42,31") as refused:
        record(b, "20.00", volunteer=volunteer)
    assert "30" not in str(refused.value)  # what the other organisation paid stays hidden
    assert Allowance.objects.filter(organisation=b).count() == 0
    record(b, "12.31", volunteer=volunteer)  # exactly up to the cap is allowed


def test_yearly_cap_holds_across_organisations(two_organisations, volunteer):
    a, b = two_organisations
    for n in range(40):  # 40 days × 42.00 = 1,680.00
        Allowance.objects.create(
            volunteer=volunteer,
            organisation=a,
            day=date(2025, 1, 1).replace(day=1 + n % 28, month=1 + n // 28),
            system=FLAT,
            amount=Decimal("42.00"),
        )
    with pytest.raises(NotAllowed, match="jaarmaximum van €.1.692,51"):
        record(b, "20.00", volunteer=volunteer)
    assert record(b, "12.51", volunteer=volunteer).amount == Decimal("12.51")


def test_higher_category_raises_only_the_yearly_cap(two_organisations, volunteer):
    a, b = two_organisations
    AllowanceCap.objects.update_or_create(
        year=2025, category="higher", defaults={"per_day": None, "per_year": Decimal("3000.00"), "source": "test"}
    )
    Allowance.objects.create(
        volunteer=volunteer, organisation=a, day=date(2025, 1, 2), system=FLAT, amount=Decimal("1690")
    )
    with pytest.raises(NotAllowed, match="jaarmaximum"):
        record(b, "40.00", volunteer=volunteer)
    assert record(b, "40.00", volunteer=volunteer, category="higher").category == "higher"
    with pytest.raises(NotAllowed, match="dagmaximum"):
        record(a, "42.32", volunteer=volunteer, category="higher", day=date(2025, 5, 5))


def test_no_caps_for_the_year_is_a_clear_refusal(two_organisations, volunteer):
    a, _b = two_organisations
    with pytest.raises(NotAllowed, match="2019 zijn de wettelijke maxima nog niet ingevoerd"):
        record(a, "10", volunteer=volunteer, day=date(2019, 5, 1))


def test_actual_costs_need_proof_and_have_no_cap(two_organisations, volunteer):
    a, b = two_organisations
    record(a, "42.31", volunteer=volunteer)
    with pytest.raises(NotAllowed, match="bewijs"):
        record(b, "80", volunteer=volunteer, system=ACTUAL)
    assert record(b, "80", volunteer=volunteer, system=ACTUAL, proof="treinticket").amount == Decimal("80")


def test_one_system_per_volunteer_organisation_and_year(two_organisations, volunteer):
    a, _b = two_organisations
    record(a, "10", volunteer=volunteer)
    with pytest.raises(NotAllowed, match="maar één stelsel"):
        record(a, "10", volunteer=volunteer, system=ACTUAL, proof="kasticket", day=date(2025, 6, 1))
    # another year may use the other system
    AllowanceCap.objects.update_or_create(
        year=2024,
        category="general",
        defaults={"per_day": Decimal("41.48"), "per_year": Decimal("1659.29"), "source": "t"},
    )
    record(a, "10", volunteer=volunteer, system=ACTUAL, proof="kasticket", day=date(2024, 6, 1))


def test_one_allowance_per_organisation_and_day(two_organisations, volunteer):
    a, _b = two_organisations
    record(a, "10", volunteer=volunteer)
    with pytest.raises(NotAllowed, match="al een vergoeding"):
        record(a, "5", volunteer=volunteer)


def test_only_for_people_who_worked_for_the_organisation(two_organisations, other_resident):
    a, _b = two_organisations
    with pytest.raises(NotAllowed, match="nog niet ingeschreven"):
        record(a, "10", volunteer=other_resident)


def test_the_year_row_is_made_once(two_organisations, volunteer):
    a, b = two_organisations
    record(a, "10", volunteer=volunteer)
    record(b, "10", volunteer=volunteer)
    assert VolunteerYear.objects.filter(volunteer=volunteer, year=2025).count() == 1


def test_another_coordinator_cannot_record(two_organisations, volunteer, other_coordinator):
    from django.core.exceptions import PermissionDenied

    a, _b = two_organisations
    with pytest.raises(PermissionDenied):
        record(a, "10", volunteer=volunteer, user=other_coordinator)


# The coordinators' page.


def test_page_records_and_lists(client, two_organisations, volunteer, coordinator):
    a, _b = two_organisations
    client.force_login(coordinator)
    url = reverse("volunteers_staff:allowances", args=[a.slug]) + "?jaar=2025"
    page = client.get(url)
    assert page.status_code == 200
    assert "42,31 per dag" in page.content.decode()
    response = client.post(
        url, {"volunteer": volunteer.pk, "day": "2025-03-10", "system": FLAT, "category": "general", "amount": "25.00"}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Ayse Vrijwilliger" in page and "25,00" in page


def test_page_shows_the_cap_error_and_keeps_the_input(client, two_organisations, volunteer, coordinator):
    a, b = two_organisations
    record(b, "40.00", volunteer=volunteer)
    client.force_login(coordinator)
    url = reverse("volunteers_staff:allowances", args=[a.slug])
    response = client.post(
        url,
        {
            "volunteer": volunteer.pk,
            "day": "2025-03-10",
            "system": FLAT,
            "category": "general",
            "amount": "10.00",
            "note": "vervoer",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "dagmaximum" in body and 'value="vervoer"' in body and "40,00" not in body
    assert not Allowance.objects.filter(organisation=a).exists()


def test_page_second_system_is_a_form_error(client, two_organisations, volunteer, coordinator):
    a, _b = two_organisations
    record(a, "10", volunteer=volunteer)
    client.force_login(coordinator)
    response = client.post(
        reverse("volunteers_staff:allowances", args=[a.slug]),
        {
            "volunteer": volunteer.pk,
            "day": "2025-04-10",
            "system": ACTUAL,
            "category": "general",
            "amount": "10",
            "proof": "kasticket",
            "proof_file": receipt(),
        },
    )
    assert "maar één stelsel" in response.content.decode()


def test_page_actual_costs_without_proof(client, two_organisations, volunteer, coordinator):
    a, _b = two_organisations
    client.force_login(coordinator)
    response = client.post(
        reverse("volunteers_staff:allowances", args=[a.slug]),
        {"volunteer": volunteer.pk, "day": "2025-04-10", "system": ACTUAL, "category": "general", "amount": "10"},
    )
    assert response.status_code == 200
    assert "voeg het bewijsstuk toe (PDF, JPEG of PNG)" in response.content.decode()


def test_page_refuses_another_coordinator(client, two_organisations, other_coordinator):
    a, _b = two_organisations
    client.force_login(other_coordinator)
    response = client.get(reverse("volunteers_staff:allowances", args=[a.slug]))
    assert response.status_code == 403
    assert "vrijwilligerscoördinatoren" in response.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export(client, two_organisations, volunteer, coordinator, fmt):
    a, b = two_organisations
    record(a, "25.50", volunteer=volunteer)
    record(b, "10.00", volunteer=volunteer)
    client.force_login(coordinator)
    response = client.get(reverse("volunteers_staff:allowance_export", args=[a.slug, 2025, fmt]))
    assert response.status_code == 200
    if fmt == "csv":
        text = response.content.decode()
        assert "Ayse Vrijwilliger" in text and "25.50" in text and "10.00" not in text
    else:
        assert response.content[:2] == b"PK"


def test_page_queries_do_not_grow_with_rows(
    client, two_organisations, volunteer, coordinator, django_assert_max_num_queries
):
    a, _b = two_organisations
    client.force_login(coordinator)
    url = reverse("volunteers_staff:allowances", args=[a.slug]) + "?jaar=2025"

    def add(count, start):
        Allowance.objects.bulk_create(
            Allowance(
                volunteer=volunteer,
                organisation=a,
                day=date(2025, 1 + (start + n) // 28, 1 + (start + n) % 28),
                system=FLAT,
                amount=Decimal("1"),
            )
            for n in range(count)
        )

    add(10, 0)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(200, 10)
    with django_assert_max_num_queries(len(few)):
        client.get(url)

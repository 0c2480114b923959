"""GDPR export and erasure, dashboard items, public activity and indicators."""

from datetime import timedelta

import pytest
from django.utils import timezone

from genk.accounts.services import erase_user
from genk.core import gdpr, indicators, portal
from genk.core.indicators import Period
from participation.councils import services
from participation.councils.models import CouncilMembership, Meeting, MembershipApplication, MinutesRemark
from tests.factories import CouncilFactory, NeighbourhoodFactory

from .factories import AdviceFactory, MeetingFactory, MembershipFactory, MinutesFactory

Role = CouncilMembership.Role
pytestmark = pytest.mark.django_db


def test_export_and_erase(council, board, member, invited_meeting, resident):
    meeting = MeetingFactory(council=council, status=Meeting.Status.MINUTES_REMARKS)
    MinutesRemark.objects.create(minutes=MinutesFactory(meeting=meeting), author=member, body="Opmerking")
    MembershipApplication.objects.create(
        council=council, user=member, motivation="Nogmaals", status=MembershipApplication.Status.DECLINED
    )
    data = gdpr.export_sections(member)["adviesraden"]
    assert data["lidmaatschappen"][0]["raad"] == "Seniorenraad"
    assert data["opmerkingen_op_verslagen"][0]["opmerking"] == "Opmerking"
    assert len(data["uitnodigingen"]) == 1
    erase_user(member)
    membership = CouncilMembership.objects.get(user=member)
    assert membership.end == timezone.localdate()  # history stays, the seat ends
    assert not MinutesRemark.objects.filter(author=member).exists()
    assert not MembershipApplication.objects.filter(user=member).exists()
    assert invited_meeting.attendances.filter(user=member).exists()
    member.refresh_from_db()
    assert member.public_name == "voormalige inwoner"


def test_dashboard_items(council, board, secretary, handler, resident):
    MembershipApplication.objects.create(council=council, user=resident, motivation="Graag")
    items = portal.dashboard_items(secretary)
    council_items = [i for i in items if i.label == "Seniorenraad"]
    assert council_items and council_items[0].count == 1
    AdviceFactory(council=council, sent=True)
    labels = {i.label: i.count for i in portal.dashboard_items(handler)}
    assert labels["Adviezen te beantwoorden"] == 1


def test_dashboard_items_cost_the_same_queries_for_one_or_many_councils(
    council, board, secretary, resident, other_resident, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    MembershipApplication.objects.create(council=council, user=resident, motivation="Graag")
    portal.dashboard_items(secretary)  # warm the per-user caches (MFA, departments)
    with CaptureQueriesContext(connection) as one:
        portal.dashboard_items(secretary)
    for name in ("Jeugdraad", "Cultuurraad", "Sportraad"):
        other = CouncilFactory(name=name, slug=name.lower(), department=council.department)
        MembershipFactory(council=other, role=Role.SECRETARY, user=secretary)
        MembershipApplication.objects.create(council=other, user=other_resident, motivation="Graag")
    MembershipApplication.objects.create(council=council, user=other_resident, motivation="Ik ook")
    with django_assert_num_queries(len(one)):
        items = portal.dashboard_items(secretary)
    counts = {i.label: i.count for i in items if i.section == "Adviesraden"}
    assert counts["Seniorenraad"] == 2 and counts["Jeugdraad"] == 1 and counts["Sportraad"] == 1


def test_public_activity(council, handler, past_meeting, secretary):
    advice = AdviceFactory(council=council, sent=True, title="Bushaltes")
    from participation.councils import workflow

    workflow.answer_advice(advice, handler, outcome="followed", answer="Ja.")
    titles = [a.title for a in portal.latest_activity(20)]
    assert "De stad antwoordde op het advies 'Bushaltes'" in titles


def test_indicators(council, board, member):
    from neighbourhoods.models import Place

    hood = NeighbourhoodFactory()
    member.neighbourhood = hood
    member.save()
    place = Place.objects.create(name="Dienstencentrum", slug="dc", address="Straat 1", neighbourhood=hood)
    start = timezone.now() - timedelta(days=3)
    MeetingFactory(
        council=council,
        place=place,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        rsvp_deadline=start,
        status=Meeting.Status.PUBLISHED,
    )
    period = Period(timezone.localdate() - timedelta(days=30), timezone.localdate())
    assert indicators.get("councils.meetings_held").by_neighbourhood(period) == {hood.pk: 1}
    assert indicators.get("councils.members").by_neighbourhood(period) == {hood.pk: 1}


def test_notifications_render_in_dutch(council, board, chair, civil_servant, django_capture_on_commit_callbacks):
    from genk.core.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        services.request_advice(
            council,
            civil_servant,
            title="Speelpleinen",
            question="Waar?",
            deadline=timezone.localdate() + timedelta(days=10),
        )
    notification = Notification.objects.get(recipient=chair)
    assert notification.subject == "Adviesvraag voor de Seniorenraad: Speelpleinen"
    assert "De stad vraagt de Seniorenraad om advies" in notification.body
    assert "&#x27;" not in notification.body


def test_shared_pages_render_with_council_items(client, council, board, secretary, resident, handler):
    """The home page (public activity), the staff dashboard and the data download include ours."""
    MembershipApplication.objects.create(council=council, user=resident, motivation="Graag")
    AdviceFactory(council=council, sent=True, title="Bushaltes")
    assert "Nieuw advies: Bushaltes" in client.get("/").content.decode()
    client.force_login(secretary)
    html = client.get("/beheer/").content.decode()
    assert "Seniorenraad" in html and "/beheer/adviesraden/seniorenraad/" in html
    client.force_login(resident)
    response = client.get("/profiel/mijn-gegevens/download/")
    assert response.status_code == 200
    assert "adviesraden" in response.content.decode()

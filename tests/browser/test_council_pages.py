"""Advisory councils in a real browser: every page the meeting's journey (test_councils.py) does
not walk, public and staff, for a council with a history, each checked with axe-core."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from participation.councils.models import Advice, Meeting
from participation.councils.services import sync_attendances
from tests.browser import test_councils as journey
from tests.councils.factories import (
    AdviceFactory,
    AdviceRequestFactory,
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
    VoteFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

people = journey.people
named = journey.named
message = journey.message


@pytest.fixture
def history(people):
    """What a council has after a while: a published meeting with a secret vote, a cancelled one,
    an invited one ahead, answered and overdue advice, an open request for advice, a former member."""
    council = people["council"]
    now = timezone.now().replace(microsecond=0)
    start = now - timedelta(days=40)
    published = MeetingFactory(
        council=council,
        title="Wintervergadering",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        rsvp_deadline=start - timedelta(days=3),
        status=Meeting.Status.PUBLISHED,
    )
    item = AgendaItemFactory(meeting=published, position=1, title="Digitale zitdagen")
    for user in (people["chair"], people["member"], people["other_member"]):
        AttendanceFactory(meeting=published, user=user, presence="present")
    VoteFactory(
        item=item, motion="Digitale zitdagen in elk dienstencentrum", is_secret=True, votes_for=2, abstentions=1
    )
    MinutesFactory(meeting=published, introduction="Opening door de voorzitter.", published_at=now)
    start = now - timedelta(days=10)
    MeetingFactory(
        council=council,
        title="Extra vergadering",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        rsvp_deadline=start,
        status=Meeting.Status.CANCELLED,
        cancelled_reason="De zaal was niet beschikbaar.",
    )
    ahead = MeetingFactory(council=council, title="Zomervergadering", status=Meeting.Status.INVITED)
    AgendaItemFactory(meeting=ahead, position=1, title="Hittezones in de wijken")
    sync_attendances(ahead)
    answered = AdviceFactory(council=council, sent=True, title="Digitale zitdagen", agenda_item=item)
    Advice.objects.filter(pk=answered.pk).update(
        status=Advice.Status.ANSWERED, outcome="followed", answer="De stad volgt het advies.", answered_at=now
    )
    late = AdviceFactory(council=council, sent=True, title="Toegankelijke bushaltes")
    Advice.objects.filter(pk=late.pk).update(answer_due=timezone.localdate() - timedelta(days=3))
    AdviceRequestFactory(council=council, title="Meerjarenplan 2026-2031")
    MembershipFactory(
        council=council,
        user=UserFactory(display_name="Jef Oud-lid"),
        start=timezone.localdate() - timedelta(days=2000),
        end=timezone.localdate() - timedelta(days=400),
    )
    return {"published": published, "ahead": ahead, "late": late}


def test_the_other_council_pages(browse, open_browser, people, history):
    """Every other page of the councils, public and staff, with axe-core."""
    council = people["council"]
    page = browse.page
    main = page.locator("main")
    slug = council.slug

    # Public pages.
    browse.goto("/adviesraden/")
    browse.follow(main.get_by_role("link", name="Seniorenraad"))
    browse.goto(f"/adviesraden/{slug}/leden/")
    assert "Jef Oud-lid" in main.inner_text()
    browse.goto(f"/adviesraden/{slug}/adviezen/")
    assert "antwoord te laat" in main.inner_text()
    browse.follow(main.get_by_role("link", name="Toegankelijke bushaltes"))
    assert "Het antwoord is te laat." in main.inner_text()
    browse.goto(f"/adviesraden/{slug}/jaarverslag/")
    browse.goto(history["published"].get_absolute_url())
    assert "geheime stemming" in main.inner_text()
    browse.follow(main.get_by_role("link", name=re.compile("Volgende vergadering")))
    assert "De zaal was niet beschikbaar." in main.inner_text()

    # A resident applies (a missing motivation first) and may withdraw.
    resident = open_browser()
    resident.login(people["resident"].email)
    resident.goto(f"/adviesraden/{slug}/")
    resident.follow(resident.page.locator("main").get_by_role("link", name="Kandidaat stellen om lid te worden"))
    resident.submit("Kandidatuur indienen")
    assert resident.page.locator(".error-summary").is_visible()
    resident.page.get_by_label(named("Waarom wil je lid worden?")).fill("Ik woon al veertig jaar in Winterslag.")
    resident.submit("Kandidatuur indienen")
    assert "Je kandidatuur is ingediend." in message(resident)
    assert resident.page.get_by_role("button", name="Kandidatuur intrekken").is_visible()

    # A member's own overview.
    member = open_browser()
    member.login(people["member"].email)
    member.goto("/adviesraden/mijn-vergaderingen/")
    invited = member.page.locator("main table").get_by_role("link")
    assert [invited.nth(i).get_attribute("href") for i in range(invited.count())] == [
        history["ahead"].get_absolute_url()
    ]

    # The secretary's pages: council, members, applications, settings, meeting forms, requests.
    browse.login(people["secretary"].email, totp_secret=people["secretary_totp"])
    browse.goto(f"/beheer/adviesraden/{slug}/")
    browse.goto(f"/beheer/adviesraden/{slug}/leden/")
    browse.goto(f"/beheer/adviesraden/{slug}/kandidaturen/")
    assert "Ik woon al veertig jaar in Winterslag." in main.inner_text()
    browse.goto(f"/beheer/adviesraden/{slug}/instellingen/")
    browse.goto(f"/beheer/adviesraden/vergadering/{history['ahead'].pk}/")
    browse.goto(f"/beheer/adviesraden/vergadering/{history['ahead'].pk}/bewerken/")
    browse.goto(f"/beheer/adviesraden/vergadering/{history['ahead'].pk}/annuleren/")
    browse.submit("Vergadering annuleren")
    assert page.locator(".error-summary").is_visible()  # a reason is required
    browse.goto(f"/beheer/adviesraden/vergadering/{history['published'].pk}/verslag/")
    browse.goto(f"/beheer/adviesraden/advies/{history['late'].pk}/")
    browse.goto(f"/beheer/adviesraden/{slug}/adviesvragen/nieuw/")
    browse.goto(f"/beheer/adviesraden/{slug}/adviezen/nieuw/")

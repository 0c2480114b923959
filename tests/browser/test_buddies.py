"""Language buddies in a real browser, every page checked with axe-core, with and without
JavaScript: a buddy match. The coordinator proposes a pair on the matching page, the learner and
the buddy each accept, the buddy logs a meeting and the coordinator approves it."""

import pytest
from django.utils import timezone

from tests.buddies.factories import BuddyFactory, LearnerFactory, ProgrammeFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.volunteers.factories import NoticeFactory, coordinator_of
from volunteers.buddies.models import Meeting, Pair

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_buddy_match(open_browser, live_server, javascript):
    organisation = OrganisationFactory(name="vzw Samen Sterk", slug="samen-sterk")
    NoticeFactory(organisation=organisation)
    programme = ProgrammeFactory(organisation=organisation, title="Taalmaatjes Winterslag")
    coordinator = coordinator_of(organisation)
    learner = LearnerFactory(opportunity=programme, user=UserFactory(display_name="Amina"), level="A2")
    buddy = BuddyFactory(opportunity=programme, user=UserFactory(display_name="Jan"))

    desk = open_browser(javascript=javascript)
    desk.login(coordinator.email)
    desk.goto(f"/beheer/vrijwilligers/taalmaatjes/{programme.pk}/")
    main = desk.page.locator("main")
    assert "1 leerder zonder koppel" in main.inner_text()
    desk.follow(main.get_by_role("button", name="Voorstellen Amina – Jan"))
    pair = Pair.objects.get()
    assert pair.status == Pair.Status.PROPOSED
    assert desk.path == f"/vrijwilligers/taalmaatjes/koppel/{pair.pk}/"

    for user in (learner.user, buddy.user):
        person = open_browser(javascript=javascript)
        person.login(user.email)
        person.goto("/vrijwilligers/taalmaatjes/")
        person.follow(person.page.locator("main").get_by_role("link", name="Taalmaatjes Winterslag: Amina – Jan"))
        assert "A2 – basis" in person.page.locator("main").inner_text()  # the learner, and the proposed buddy
        person.follow(person.page.locator("main").get_by_role("button", name="Ik aanvaard dit taalmaatje"))
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE
    assert "Jullie zijn taalmaatjes" in person.page.locator(".messages").inner_text()

    # The buddy (the last person) logs a meeting: a bad duration first, then a good one.
    main = person.page.locator("main")
    main.get_by_label("Datum").fill(timezone.localdate().isoformat())
    main.get_by_label("Duur (minuten)").fill("0")
    main.get_by_label("Wat hebben jullie geoefend?").fill("de bus nemen")
    person.submit("Noteren")
    assert person.page.locator(".error-summary").is_visible()
    assert main.get_by_label("Wat hebben jullie geoefend?").input_value() == "de bus nemen"
    assert not Meeting.objects.exists()
    main.get_by_label("Duur (minuten)").fill("60")
    person.submit("Noteren")
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.LOGGED and meeting.minutes == 60

    desk.goto(f"/beheer/vrijwilligers/taalmaatjes/{programme.pk}/")
    main = desk.page.locator("main")
    assert "de bus nemen" in main.inner_text()
    desk.follow(main.get_by_role("button", name=f"Goedkeuren {timezone.localdate():%d-%m-%Y}"))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.APPROVED
    assert "Niets om goed te keuren." in desk.page.locator("main").inner_text()

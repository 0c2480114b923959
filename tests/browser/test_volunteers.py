"""Volunteer work in a real browser, every page checked with axe-core, with and without
JavaScript: a resident finds an opportunity, reads the information notice and asks to join a
shift; the coordinator accepts with a message; the resident sees it on "Mijn vrijwilligerswerk"."""

import pytest

from tests.factories import OrganisationFactory, UserFactory
from tests.volunteers.factories import NoticeFactory, OpportunityFactory, ShiftFactory, coordinator_of
from volunteers.models import NoticeAcknowledgement, Opportunity, SignUp

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_find_sign_up_and_the_coordinator_accepts(open_browser, live_server, javascript):
    organisation = OrganisationFactory(name="Buurtwerk Sledderlo", slug="buurtwerk-sledderlo")
    NoticeFactory(organisation=organisation)
    opportunity = OpportunityFactory(
        organisation=organisation,
        title="Soep en babbel in het buurthuis",
        themes=["care"],
        signup_mode=Opportunity.SignUpMode.APPROVAL,
    )
    OpportunityFactory(title="Jeugdkamp begeleiden", themes=["youth"])
    ShiftFactory(opportunity=opportunity, capacity=3)
    coordinator = coordinator_of(organisation)
    resident = UserFactory(display_name="Ayse")

    volunteer = open_browser(javascript=javascript)
    page = volunteer.page
    volunteer.login(resident.email)
    volunteer.goto("/vrijwilligers/")
    page.locator("main").get_by_label("Thema").select_option("care")
    volunteer.submit("Toon")
    main = page.locator("main")
    assert main.get_by_role("link", name="Soep en babbel in het buurthuis").count() == 1
    assert main.get_by_role("link", name="Jeugdkamp begeleiden").count() == 0
    volunteer.follow(main.get_by_role("link", name="Soep en babbel in het buurthuis"))
    assert "Organisatienota van Buurtwerk Sledderlo, versie 1" in main.inner_text()
    volunteer.follow(main.get_by_role("link", name="Inschrijven"))

    # Without ticking the notice: an error summary, nothing saved.
    main.get_by_label("Bericht aan de coördinator (niet verplicht)").fill("Ik kook graag")
    volunteer.submit("Bevestig mijn inschrijving")
    assert page.locator(".error-summary").is_visible()
    assert not SignUp.objects.exists()
    assert main.get_by_label("Bericht aan de coördinator (niet verplicht)").input_value() == "Ik kook graag"
    main.get_by_label("Ik heb de organisatienota (versie 1) gelezen.").check()
    volunteer.submit("Bevestig mijn inschrijving")
    assert volunteer.path == "/vrijwilligers/mijn/"
    assert "Je aanvraag is verstuurd" in page.locator(".messages").inner_text()
    assert NoticeAcknowledgement.objects.filter(user=resident).count() == 1

    desk = open_browser(javascript=javascript)
    desk.login(coordinator.email)
    desk.goto("/beheer/vrijwilligers/")
    desk.follow(desk.page.locator("main").get_by_role("link", name="Soep en babbel in het buurthuis"))
    desk.page.locator("main").get_by_label("Bericht aan de vrijwilliger").fill("Welkom, tot woensdag!")
    desk.follow(desk.page.locator("main").get_by_role("button", name="Aanvaarden Ayse"))
    signup = SignUp.objects.get()
    assert signup.status == SignUp.Status.ACCEPTED and signup.coordinator_message == "Welkom, tot woensdag!"

    volunteer.goto("/vrijwilligers/mijn/")
    assert "ingeschreven" in page.locator("main").inner_text()


def test_waiting_list_promotion(open_browser, live_server):
    """A full shift: the resident joins the waiting list; when the volunteer with the place
    cancels on "Mijn vrijwilligerswerk", the resident is signed up and told."""
    from genk.core.models import Notification

    organisation = OrganisationFactory()
    NoticeFactory(organisation=organisation)
    opportunity = OpportunityFactory(organisation=organisation, title="Voorleesuur in de bib")
    shift = ShiftFactory(opportunity=opportunity, capacity=1)
    holder, resident = UserFactory(display_name="Jos"), UserFactory(display_name="Mina")
    SignUp.objects.create(shift=shift, volunteer=holder, status=SignUp.Status.ACCEPTED)

    waiting = open_browser(javascript=False)
    waiting.login(resident.email)
    waiting.goto(opportunity.get_absolute_url())
    main = waiting.page.locator("main")
    assert "volzet" in main.inner_text()
    waiting.follow(main.get_by_role("link", name="Op de wachtlijst"))
    main.get_by_label("Ik heb de organisatienota (versie 1) gelezen.").check()
    waiting.submit("Bevestig mijn inschrijving")
    assert "je staat op de wachtlijst" in waiting.page.locator(".messages").inner_text()

    leaving = open_browser()
    leaving.login(holder.email)
    leaving.goto("/vrijwilligers/mijn/")
    leaving.follow(
        leaving.page.locator("main").get_by_role("button", name="Annuleren Voorleesuur in de bib", exact=False)
    )
    assert "Je inschrijving is geannuleerd." in leaving.page.locator(".messages").inner_text()

    assert SignUp.objects.get(volunteer=resident).status == SignUp.Status.ACCEPTED
    assert Notification.objects.filter(recipient=resident, kind="volunteers.promoted").exists()
    waiting.goto("/vrijwilligers/mijn/")
    assert "Je staat op geen enkele wachtlijst." in waiting.page.locator("main").inner_text()

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


def past_signup(organisation, volunteer, title="Soep en babbel in het buurthuis"):
    from datetime import timedelta

    from django.utils import timezone

    opportunity = OpportunityFactory(organisation=organisation, title=title)
    start = timezone.now() - timedelta(days=1)
    shift = ShiftFactory(opportunity=opportunity, start=start, end=start + timedelta(hours=3))
    return SignUp.objects.create(shift=shift, volunteer=volunteer, status=SignUp.Status.ACCEPTED)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_log_and_approve_hours(open_browser, live_server, javascript):
    """The volunteer logs the hours of yesterday's shift; the coordinator approves them."""
    from volunteers.models import HourEntry

    organisation = OrganisationFactory(name="Buurtwerk Sledderlo", slug="buurtwerk-sledderlo")
    notice = NoticeFactory(organisation=organisation)
    resident = UserFactory(display_name="Ayse")
    NoticeAcknowledgement.objects.create(user=resident, notice=notice)
    signup = past_signup(organisation, resident)
    coordinator = coordinator_of(organisation)

    volunteer = open_browser(javascript=javascript)
    volunteer.login(resident.email)
    volunteer.goto("/vrijwilligers/mijn/")
    main = volunteer.page.locator("main")
    main.locator(f"#hours-{signup.pk}").fill("2.5")
    volunteer.follow(main.get_by_role("button", name="Uren ingeven Soep en babbel", exact=False))
    assert "Je uren zijn doorgegeven" in volunteer.page.locator(".messages").inner_text()
    assert HourEntry.objects.get().status == HourEntry.Status.LOGGED

    desk = open_browser(javascript=javascript)
    desk.login(coordinator.email)
    desk.goto(f"/beheer/vrijwilligers/vacature/{signup.shift.opportunity_id}/")
    desk.follow(desk.page.locator("main").get_by_role("button", name="Uren goedkeuren Ayse"))
    assert HourEntry.objects.get().status == HourEntry.Status.APPROVED
    assert SignUp.objects.get().status == SignUp.Status.ATTENDED


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_allowance_refused_over_the_cap(open_browser, live_server, javascript):
    """Another organisation already paid € 40 that day: € 10 more is refused in the form, with
    the daily cap and without the other's amount; the input stays, nothing is saved."""
    from datetime import date
    from decimal import Decimal

    from volunteers.models import Allowance, AllowanceCap

    AllowanceCap.objects.update_or_create(
        year=2025,
        category="general",
        defaults={"per_day": Decimal("42.31"), "per_year": Decimal("1692.51"), "source": "t"},
    )
    organisation = OrganisationFactory(name="Buurtwerk Sledderlo", slug="buurtwerk-sledderlo")
    other = OrganisationFactory(name="Sportclub Genk")
    resident = UserFactory(display_name="Ayse")
    past_signup(organisation, resident)
    Allowance.objects.create(
        volunteer=resident, organisation=other, day=date(2025, 3, 10), system="flat_rate", amount=Decimal("40")
    )
    coordinator = coordinator_of(organisation)

    desk = open_browser(javascript=javascript)
    desk.login(coordinator.email)
    desk.goto("/beheer/vrijwilligers/")
    desk.follow(desk.page.locator("main").get_by_role("link", name="Vergoedingen"))
    main = desk.page.locator("main")
    main.get_by_label("Vrijwilliger").select_option(label="Ayse")
    main.get_by_label("Dag").fill("2025-03-10")
    main.get_by_label("forfaitaire kostenvergoeding").check()
    main.get_by_label("Bedrag (euro)").fill("10.00")
    main.get_by_label("Omschrijving (niet verplicht)").fill("vervoer")
    desk.submit("Opslaan")
    text = main.inner_text()
    assert desk.page.locator(".error-summary").is_visible()
    assert "dagmaximum" in text and "40,00" not in text
    assert main.get_by_label("Omschrijving (niet verplicht)").input_value() == "vervoer"
    assert not Allowance.objects.filter(organisation=organisation).exists()
    main.get_by_label("Bedrag (euro)").fill("2.31")
    desk.submit("Opslaan")
    assert Allowance.objects.get(organisation=organisation).amount == Decimal("2.31")


def test_certificate_and_its_verification(open_browser, live_server):
    """The volunteer prints the certificate of approved hours; anyone checks its code, and a
    wrong code gets a clear message."""
    from decimal import Decimal

    from volunteers.models import Certificate, HourEntry

    organisation = OrganisationFactory(name="Buurtwerk Sledderlo", slug="buurtwerk-sledderlo")
    resident = UserFactory(display_name="Ayse")
    signup = past_signup(organisation, resident)
    HourEntry.objects.create(signup=signup, hours=Decimal("3"), status=HourEntry.Status.APPROVED, logged_by=resident)

    volunteer = open_browser()
    volunteer.login(resident.email)
    volunteer.goto("/vrijwilligers/mijn/")
    volunteer.follow(volunteer.page.locator("main").get_by_role("link", name="Buurtwerk Sledderlo", exact=False))
    code = Certificate.objects.get().code
    assert code in volunteer.page.locator("main").inner_text()

    visitor = open_browser(javascript=False)
    visitor.goto("/vrijwilligers/attest/")
    main = visitor.page.locator("main")
    main.get_by_label("Code van het attest").fill("AAAA-BBBB-CCCC")
    visitor.submit("Nakijken")
    assert "Geen attest met deze code" in main.inner_text()
    main.get_by_label("Code van het attest").fill(code.replace("-", " ").lower())
    visitor.submit("Nakijken")
    text = main.inner_text()
    assert "Dit attest is echt" in text and "Buurtwerk Sledderlo" in text and "Ayse" not in text


def test_flexible_work_sign_up_and_hours(open_browser, live_server):
    """Flexible work without shifts: the resident joins the opportunity as a whole and logs a
    day's hours; the coordinator approves them on the opportunity's page."""
    from datetime import timedelta

    from django.utils import timezone

    from volunteers.models import Commitment, FlexibleHours

    organisation = OrganisationFactory(name="Buurtwerk Sledderlo", slug="buurtwerk-sledderlo")
    NoticeFactory(organisation=organisation)
    opportunity = OpportunityFactory(organisation=organisation, title="Parkje proper houden", kind="flexible")
    resident = UserFactory(display_name="Ayse")
    coordinator = coordinator_of(organisation)

    volunteer = open_browser(javascript=False)
    volunteer.login(resident.email)
    volunteer.goto(opportunity.get_absolute_url())
    main = volunteer.page.locator("main")
    volunteer.follow(main.get_by_role("link", name="Meedoen"))
    main.get_by_label("Ik heb de organisatienota (versie 1) gelezen.").check()
    volunteer.submit("Bevestig mijn inschrijving")
    assert volunteer.path == "/vrijwilligers/mijn/"
    commitment = Commitment.objects.get()
    yesterday = timezone.localdate() - timedelta(days=1)
    main.locator(f"#flex-day-{commitment.pk}").fill(yesterday.isoformat())
    main.locator(f"#flex-hours-{commitment.pk}").fill("2")
    volunteer.follow(main.get_by_role("button", name="Uren ingeven Parkje proper houden"))
    assert FlexibleHours.objects.get().hours == 2

    desk = open_browser(javascript=False)
    desk.login(coordinator.email)
    desk.goto(f"/beheer/vrijwilligers/vacature/{opportunity.pk}/")
    desk.follow(desk.page.locator("main").get_by_role("button", name="Uren goedkeuren Ayse", exact=False))
    assert FlexibleHours.objects.get().status == FlexibleHours.Status.APPROVED

"""The SDG overview in a real browser, every page checked with axe-core and the Nu Html Checker,
with and without JavaScript: a visitor opens the overview, follows SDG 13 and sees items of
three apps (an initiative, a volunteer opportunity, an agenda activity) and the goal's local
indicator as a chart with its table; then the directory of solidarity organisations."""

from decimal import Decimal

import pytest

from genk.accounts.models import Organisation
from initiatives.models import Initiative
from tests.agenda.factories import ActivityFactory
from tests.factories import OrganisationFactory
from tests.initiatives.factories import in_state
from tests.volunteers.factories import OpportunityFactory
from worldcitizenship import tagging
from worldcitizenship.models import Goal, IndicatorValue, LocalIndicator, SolidarityProfile
from worldcitizenship.services import load_sdgs

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_one_goal_lists_items_from_three_apps(open_browser, live_server, javascript):
    load_sdgs()
    goal = Goal.objects.get(number=13)
    in_state(Initiative.Status.COLLECTING, title="Klimaatstraat Bret").sdgs.add(goal)
    tagging.set_tags(OpportunityFactory(title="Bomen planten in Kolderbos"), [13])
    ActivityFactory(title="Klimaatwandeling Zwartberg", sdgs=[13])
    indicator = LocalIndicator.objects.create(
        goal=goal, name="CO₂-uitstoot van de stad (voorbeeld)", unit="ton", source="Stad Genk", target_value=6500
    )
    for year, value in [(2022, 9800), (2023, 9300), (2024, 8900)]:
        IndicatorValue.objects.create(indicator=indicator, year=year, value=Decimal(value))
    profile = SolidarityProfile.objects.create(
        organisation=OrganisationFactory(name="Vrienden van Cochabamba", kind=Organisation.Kind.NORTH_SOUTH),
        countries=["BO"],
        description="Koffieboeren in Cochabamba.",
    )
    profile.sdgs.add(goal)

    visitor = open_browser(javascript=javascript)
    page = visitor.page
    visitor.goto("/wereldburgerschap/sdg/")
    main = page.locator("main")
    row = main.locator("tr", has=page.get_by_role("link", name="SDG 13 – Klimaatactie"))
    assert row.locator("td").last.inner_text() == "3"
    visitor.follow(main.locator(".sdg-grid").get_by_role("link", name="SDG 13"))
    assert visitor.path == "/wereldburgerschap/sdg/13/"
    for title in ["Klimaatstraat Bret", "Bomen planten in Kolderbos", "Klimaatwandeling Zwartberg"]:
        assert main.get_by_role("link", name=title).count() == 1
    for heading in ["Initiatieven (1)", "Vrijwilligerswerk (1)", "Activiteiten (1)"]:
        assert main.get_by_role("heading", name=heading).count() == 1
    assert main.locator("svg.sdg-chart").count() == 1
    assert main.get_by_role("table", name="CO₂-uitstoot van de stad (voorbeeld) (ton)").count() == 1
    visitor.follow(main.get_by_role("link", name="Bomen planten in Kolderbos"))
    assert visitor.path.startswith("/vrijwilligers/")

    visitor.goto("/wereldburgerschap/organisaties/")
    visitor.follow(page.locator("main").get_by_role("link", name="Vrienden van Cochabamba"))
    assert "Bolivia" in page.locator("main").inner_text()


def test_the_officer_enters_an_indicator_and_it_shows_in_the_report(open_browser, live_server):
    """The officer types yearly values (one bad line first: an error summary, nothing lost),
    the goal page shows the chart with its table, and the yearly report the year's value."""
    from django.utils import timezone

    from tests.factories import DepartmentMembershipFactory, UserFactory, enroll_mfa

    load_sdgs()
    officer = UserFactory(email="thabo@genk.be", display_name="Thabo Molefe")
    DepartmentMembershipFactory(
        user=officer, department__slug="wereldburgerschap", department__name="Wereldburgerschap"
    )
    secret = enroll_mfa(officer)
    last_year = timezone.localdate().year - 1

    staff = open_browser()
    staff.login("thabo@genk.be", totp_secret=secret)
    staff.goto("/beheer/wereldburgerschap/sdg/")
    main = staff.page.locator("main")
    staff.follow(main.get_by_role("link", name="Een indicator toevoegen"))
    main.locator("select[name=goal]").select_option(label="SDG 7 – Betaalbare en duurzame energie")
    main.locator("input[name=name]").fill("Zonnestroom op stadsgebouwen (voorbeeld)")
    main.locator("input[name=unit]").fill("MWh")
    main.locator("input[name=source]").fill("Energiebeheer")
    main.locator("select[name=chart]").select_option("bars")
    main.get_by_label("Waarden per jaar").fill(f"{last_year - 1}: 480\nveel")
    staff.submit("Bewaren")
    assert staff.page.locator(".error-summary").is_visible()
    assert main.locator("input[name=name]").input_value() == "Zonnestroom op stadsgebouwen (voorbeeld)"
    main.get_by_label("Waarden per jaar").fill(f"{last_year - 1}: 480\n{last_year}: 1.234,5")
    staff.submit("Bewaren")
    assert staff.path == "/beheer/wereldburgerschap/sdg/"
    staff.goto("/wereldburgerschap/sdg/7/")
    assert staff.page.locator("main svg.sdg-chart rect").count() == 2
    staff.goto(f"/wereldburgerschap/sdg/rapport/{last_year}/")
    assert "1.234,5 MWh" in staff.page.locator("main").inner_text()


def test_the_representative_edits_the_organisations_profile(open_browser, live_server):
    from genk.accounts.models import OrganisationMembership
    from tests.factories import OrganisationMembershipFactory, UserFactory

    load_sdgs()
    profile = SolidarityProfile.objects.create(
        organisation=OrganisationFactory(
            name="Waterputten voor Tamale", slug="tamale", kind=Organisation.Kind.NORTH_SOUTH
        ),
        countries=["GH"],
        description="Waterputten in Tamale.",
    )
    rep = UserFactory(email="amma@example.be", display_name="Amma")
    OrganisationMembershipFactory(
        organisation=profile.organisation, user=rep, role=OrganisationMembership.Role.REPRESENTATIVE
    )

    browser = open_browser(javascript=False)
    browser.login("amma@example.be")
    browser.goto("/wereldburgerschap/organisaties/tamale/")
    main = browser.page.locator("main")
    browser.follow(main.get_by_role("link", name="Het profiel aanpassen"))
    main.locator("textarea[name=description]").fill("Waterputten en schooltuinen in Tamale.")
    main.locator("select[name=countries]").select_option(["GH", "BF"])
    main.get_by_label("SDG 6 – Schoon water en sanitair").check()
    browser.submit("Bewaren")
    assert browser.path == "/wereldburgerschap/organisaties/tamale/"
    assert "Burkina Faso, Ghana" in main.inner_text() or "Ghana, Burkina Faso" in main.inner_text()
    browser.goto("/wereldburgerschap/organisaties/?sdg=6")
    assert browser.page.locator("main").get_by_role("link", name="Waterputten voor Tamale").count() == 1

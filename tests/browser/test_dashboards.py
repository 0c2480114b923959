"""The neighbourhood dashboards in a real browser, every page checked with axe-core (and the
Nu Html Checker): a director opens the dashboard of their wijk, changes the period (and gets
a clear error for an end before the start), opens the choropleth, drills down to the list
behind a figure and downloads it as CSV and XLSX; a visitor reads the public figures."""

from pathlib import Path

import pytest

from genk.core import indicators
from neighbourhoods.models import Neighbourhood, TeamMembership
from neighbourhoods.services import load_example_districts, load_neighbourhoods
from tests.factories import TeamMembershipFactory, enroll_mfa

pytestmark = pytest.mark.browser


@pytest.fixture
def gardens():
    """A figure registered by a test app, with the list behind it."""
    indicators.register("testapp.gardens", label="Geveltuinen (test)", unit="tuinen", public=True)(
        lambda period: {Neighbourhood.objects.get(code="71016W24").pk: 2}
    )
    indicators.items_for("testapp.gardens")(
        lambda wijk_id, period: (["Straat", "Tuinen"], [["Stalenstraat", 1], ["Vennestraat", 1]])
    )
    yield
    indicators.unregister("testapp.gardens")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_director_dashboard_period_choropleth_drilldown_and_export(open_browser, db, gardens, javascript):
    load_neighbourhoods()
    load_example_districts()
    wijk = Neighbourhood.objects.get(code="71016W24")
    director = TeamMembershipFactory(
        neighbourhood=wijk, role=TeamMembership.Role.DIRECTOR, user__email="nadia@example.be"
    ).user
    secret = enroll_mfa(director)

    browse = open_browser(javascript=javascript)
    page = browse.page
    browse.login(director.email, totp_secret=secret)
    browse.goto(f"/beheer/wijken/{wijk.slug}/")
    main = page.locator("main")
    assert "Dashboard Oud-Winterslag" in main.locator("h1").inner_text()
    assert "Geveltuinen (test)" in main.inner_text()

    # A period with the end before the start: a clear message, what was typed stays.
    page.get_by_label("Periode:", exact=True).select_option("range")
    page.get_by_label("Van:", exact=True).fill("2026-03-10")
    page.get_by_label("Tot en met:", exact=True).fill("2026-03-01")
    browse.submit("Toon")
    assert "De einddatum ligt vóór de begindatum" in page.locator(".error-summary").inner_text()
    assert page.get_by_label("Van:", exact=True).input_value() == "2026-03-10"

    # A year.
    page.get_by_label("Periode:", exact=True).select_option("year")
    page.get_by_label("Maand, kwartaal of jaar van deze dag:", exact=True).fill("2026-05-01")
    browse.submit("Toon")
    assert "Cijfers voor 2026" in main.inner_text()

    # The choropleth, coloured by the test figure.
    browse.follow(main.get_by_role("link", name="Kaart van de stad per cijfer"))
    page.get_by_label("Cijfer", exact=True).select_option("testapp.gardens")
    browse.submit("Toon")
    assert page.locator("main svg.choropleth path").count() >= 30
    assert "Legende" in main.inner_text()

    # Drill down and export.
    browse.goto(f"/beheer/wijken/{wijk.slug}/?soort=year&datum=2026-05-01")
    browse.follow(main.get_by_role("link", name="Geveltuinen (test)"))
    assert "Stalenstraat" in main.inner_text()
    with page.expect_download() as csv_download:
        main.get_by_role("link", name="Downloaden als CSV").click()
    text = Path(csv_download.value.path()).read_text(encoding="utf-8")
    assert text.splitlines()[:2] == ["Straat,Tuinen", "Stalenstraat,1"]
    with page.expect_download() as xlsx_download:
        main.get_by_role("link", name="Downloaden als XLSX").click()
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")

    # The public figures: for everyone.
    visitor = open_browser(javascript=javascript)
    visitor.goto(f"/wijken/{wijk.slug}/cijfers/")
    assert "Geveltuinen (test)" in visitor.page.locator("main").inner_text()
    browse.assert_every_page_checked()

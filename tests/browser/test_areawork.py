"""The area-based work in a real browser, every page checked with axe-core (and the Nu checker).

A wijkregisseur (signing in with a TOTP code) adds a priority and an action to the wijkplan,
starts the action with a note and completes it, publishes the plan; records a signal (the form
refuses a phone number, keeps the text) and sees the overview. A resident follows the wijk
with JavaScript, another without; a visitor reads the public wijkplan.
"""

import pytest
from django.utils import timezone

from neighbourhoods.areawork.models import Action, Follow, Plan, Signal
from neighbourhoods.models import TeamMembership
from tests.factories import (
    DepartmentMembershipFactory,
    NeighbourhoodFactory,
    TeamMembershipFactory,
    UserFactory,
    enroll_mfa,
)

pytestmark = pytest.mark.browser


def message(browse) -> str:
    return browse.page.locator(".messages").inner_text()


def test_a_wijkplan_action_updated_and_a_signal_recorded(open_browser):
    wijk = NeighbourhoodFactory(name="Kolderbos", slug="kolderbos")
    director = UserFactory(email="nadia.wijkregie@genk.be", display_name="Nadia El Amrani")
    TeamMembershipFactory(neighbourhood=wijk, user=director, role=TeamMembership.Role.DIRECTOR)
    DepartmentMembershipFactory(
        user=director, department__name="Gebiedsgerichte werking", department__slug="gebiedsgerichte-werking"
    )
    secret = enroll_mfa(director)
    year = timezone.localdate().year

    staff = open_browser()
    staff.login("nadia.wijkregie@genk.be", totp_secret=secret)
    staff.goto(f"/beheer/wijken/{wijk.slug}/wijkplan/{year}/")
    page = staff.page
    page.locator("main [name=priority-title]").fill("Jongeren een plek geven")
    staff.submit("Prioriteit toevoegen")
    assert "De prioriteit is toegevoegd" in message(staff)
    page.locator("main [name=action-title]").fill("Een jongerenraad starten")
    page.locator("main [name=action-deadline]").fill(f"{year}-12-31")
    staff.submit("Actie toevoegen")
    assert "De actie is toegevoegd" in message(staff)
    staff.follow(page.locator("main").get_by_role("link", name="Een jongerenraad starten"))
    page.locator("main [name=note]").fill("Eerste overleg met de jongeren gehad.")
    staff.submit("Starten")
    assert "bezig" in message(staff)
    action = Action.objects.get()
    assert action.status == Action.Status.IN_PROGRESS and action.progress_note.startswith("Eerste overleg")
    staff.submit("Klaar")
    assert Action.objects.get().status == Action.Status.DONE
    staff.follow(page.locator("main").get_by_role("link", name="Terug naar het wijkplan"))
    staff.submit("Publiek maken")
    assert Plan.objects.get().status == Plan.Status.PUBLISHED

    # A signal: a phone number is refused, the text stays; without it, it is recorded.
    staff.follow(page.locator("main nav").get_by_role("link", name="Signalen"))
    assert "Geen namen of individuele dossiers" in page.locator("main").inner_text()
    page.locator("main [name=theme]").select_option("loneliness")
    page.locator("main [name=description]").fill("Mevrouw van nummer 12 belt vaak: 0470 12 34 56.")
    staff.submit("Signaal noteren")
    assert "telefoonnummer" in page.locator(".error-summary").inner_text()
    assert "0470 12 34 56" in page.locator("main [name=description]").input_value()
    page.locator("main [name=description]").fill("Veel oudere bewoners van de flats komen weinig buiten.")
    staff.submit("Signaal noteren")
    assert "Het signaal is genoteerd" in message(staff)
    assert Signal.objects.get().theme == "loneliness"
    staff.follow(page.locator("main").get_by_role("link", name="Overzicht per thema en wijk"))
    assert "Eenzaamheid" in page.locator("main table").first.inner_text()

    # A visitor reads the public wijkplan.
    visitor = open_browser(javascript=False)
    visitor.goto(f"/wijken/{wijk.slug}/")
    visitor.follow(visitor.page.locator("main").get_by_role("link", name=f"Het wijkplan {year}", exact=False))
    assert "1 van de 1 acties zijn klaar" in visitor.page.locator("main").inner_text()
    for browser in (staff, visitor):
        browser.assert_every_page_checked()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_following_a_wijk(open_browser, javascript):
    wijk = NeighbourhoodFactory(name="Bret", slug="bret")
    UserFactory(email="fatma@example.be", display_name="Fatma Yilmaz")
    resident = open_browser(javascript=javascript)
    resident.goto(f"/wijken/{wijk.slug}/")
    resident.follow(resident.page.locator("main").get_by_role("link", name="Meld je aan om deze wijk te volgen"))
    resident.login("fatma@example.be", start=None)
    assert resident.path == f"/wijken/{wijk.slug}/volgen/"
    resident.page.locator("main").get_by_label("één bericht per dag").check()
    resident.submit("Volg deze wijk")
    assert "Je volgt Bret" in message(resident)
    assert Follow.objects.get().frequency == "daily"
    resident.submit("Niet meer volgen")
    assert "Je volgt Bret niet meer" in message(resident)
    assert not Follow.objects.exists()
    resident.assert_every_page_checked()

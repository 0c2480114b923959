"""FairTrade town in a real browser, every page checked with axe-core (and the Nu Html
Checker), with and without JavaScript: a resident registers a fair-trade point (first outside
its wijk: the error keeps the input), the world-citizenship officer approves it, and a visitor
finds it in the directory and sees the progress overview."""

import pytest
from django.utils import timezone

from tests.factories import NeighbourhoodFactory, enroll_mfa
from tests.neighbourhoods.factories import square
from worldcitizenship.fairtrade.models import Point
from worldcitizenship.fairtrade.services import load_criteria

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_register_approve_and_see_the_progress(open_browser, resident, worldcitizenship_officer, javascript):
    load_criteria()
    NeighbourhoodFactory(name="Winterslag", slug="winterslag", boundary=square(5.47, 50.97, 0.02), population=5000)
    NeighbourhoodFactory(name="Zwartberg", slug="zwartberg", boundary=square(5.52, 50.97, 0.02), population=5000)

    browse = open_browser(javascript=javascript)
    browse.goto("/wereldburgerschap/fairtrade/punten/aanmelden/", expect_status=200)
    browse.login(resident.email, start=None)
    assert browse.path.startswith("/wereldburgerschap/fairtrade/punten/aanmelden/")
    form = browse.page.locator("main form[method=post]")
    form.get_by_label("Naam:", exact=True).fill("Koffiebar De Bonen (voorbeeld)")
    form.get_by_label("Soort:", exact=True).select_option(label="café of restaurant")
    form.get_by_label("Adres:", exact=True).fill("Vennestraat 12, 3600 Genk")
    form.get_by_label("Wijk:", exact=True).select_option(label="Zwartberg")
    form.get_by_label("Breedtegraad:", exact=True).fill("50.98")
    form.get_by_label("Lengtegraad:", exact=True).fill("5.48")
    form.get_by_label("Wat je er vindt:", exact=True).fill("Fairtradekoffie en -thee")
    browse.submit("Aanmelden")
    assert "Dit punt ligt niet in de wijk Zwartberg" in browse.page.locator("main").inner_text()
    assert form.get_by_label("Naam:", exact=True).input_value() == "Koffiebar De Bonen (voorbeeld)"
    form.get_by_label("Wijk:", exact=True).select_option(label="Winterslag")
    browse.submit("Aanmelden")
    point = Point.objects.get()
    assert browse.path == point.get_absolute_url()
    assert point.status == Point.Status.SUBMITTED

    officer = open_browser(javascript=javascript)
    officer.login(worldcitizenship_officer.email, totp_secret=enroll_mfa(worldcitizenship_officer))
    officer.goto("/beheer/wereldburgerschap/fairtrade/")
    officer.follow(officer.page.locator(f'main a[href="/beheer/wereldburgerschap/fairtrade/punten/{point.pk}/"]'))
    officer.page.get_by_label("Bericht aan de aanvrager").fill("Welkom in de gids!")
    officer.submit("Goedkeuren")
    point.refresh_from_db()
    assert point.status == Point.Status.APPROVED
    year = timezone.localdate().year
    officer.goto(f"/beheer/wereldburgerschap/fairtrade/{year}/criterium/5/")
    officer.goto(f"/beheer/wereldburgerschap/fairtrade/{year}/verslag/")

    visitor = open_browser(javascript=javascript)
    visitor.goto("/wereldburgerschap/fairtrade/punten/?soort=horeca")
    visitor.follow(visitor.page.locator("main .place-list").get_by_role("link", name="Koffiebar De Bonen (voorbeeld)"))
    assert visitor.path == point.get_absolute_url()
    visitor.goto("/wereldburgerschap/fairtrade/")
    text = visitor.page.locator("main").inner_text()
    assert "1 van de 4 nodige fairtradepunten goedgekeurd" in text  # 10,000 residents / 2,500
    assert "Er ontbreken nog 3 punten." in text
    visitor.goto("/wereldburgerschap/fairtrade/criteria/")

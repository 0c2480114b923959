"""Places in a real browser, every page checked with axe-core, with and without JavaScript: a
resident finds a place in the directory and asks for a room, is told the free slots when the
request collides with an approved booking, asks again; the place's staff approve it."""

from decimal import Decimal

import pytest

from neighbourhoods.models import Booking
from tests.factories import NeighbourhoodFactory, enroll_mfa
from tests.neighbourhoods.conftest import place_staff  # noqa: F401 (a fixture)
from tests.neighbourhoods.factories import BookablePlaceFactory, BookingFactory, RoomFactory, at, future_day, square

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_find_a_place_ask_for_a_room_collide_and_get_it_approved(open_browser, resident, place_staff, javascript):  # noqa: F811
    wijk = NeighbourhoodFactory(name="Oud-Winterslag", slug="oud-winterslag", boundary=square(5.47, 50.97, 0.02))
    place = BookablePlaceFactory(
        name="Dienstencentrum De Kolk (voorbeeld)",
        neighbourhood=wijk,
        latitude=Decimal("50.98"),
        longitude=Decimal("5.48"),
        step_free=True,
    )
    room = RoomFactory(place=place, name="Polyvalente zaal", capacity=40)
    day = future_day(8)
    BookingFactory(room=room, start=at(day, 10), end=at(day, 12), status=Booking.Status.APPROVED)

    browse = open_browser(javascript=javascript)
    browse.goto("/plekken/?drempelvrij=on")
    browse.follow(browse.page.locator("main .place-list").get_by_role("link", name=place.name))
    assert browse.path == place.get_absolute_url()
    browse.follow(browse.page.get_by_role("link", name="Polyvalente zaal aanvragen"))
    browse.login(resident.email, start=None)
    assert browse.path.startswith(f"/plekken/{place.slug}/zalen/{room.pk}/aanvragen/")

    form = browse.page.locator("main form[method=post]")
    form.get_by_label("Datum:", exact=True).fill(day.isoformat())
    form.get_by_label("Van:", exact=True).fill("11:00")
    form.get_by_label("Tot:", exact=True).fill("13:00")
    form.get_by_label("Aantal personen:", exact=True).fill("25")
    form.get_by_label("Waarvoor heb je de zaal nodig?").fill("Algemene vergadering van het bewonerscomité")
    browse.submit("Aanvraag versturen")
    summary = browse.page.locator(".error-summary").inner_text()
    assert "al gereserveerd" in summary and "08:00–10:00, 12:00–22:00" in summary
    assert form.get_by_label("Aantal personen:", exact=True).input_value() == "25"  # the input is kept

    form.get_by_label("Van:", exact=True).fill("12:00")
    form.get_by_label("Tot:", exact=True).fill("14:00")
    browse.submit("Aanvraag versturen")
    assert browse.path == "/plekken/mijn-reservaties/"
    assert "aangevraagd" in browse.page.locator("main").inner_text()
    booking = Booking.objects.get(requester=resident)

    staff = open_browser(javascript=javascript)
    staff.login(place_staff.email, totp_secret=enroll_mfa(place_staff))
    staff.goto("/beheer/plekken/aanvragen/")
    staff.follow(staff.page.locator(f'main a[href="/beheer/plekken/reservaties/{booking.pk}/"]'))
    staff.page.get_by_label("Bericht aan de aanvrager").fill("De sleutel ligt aan het onthaal.")
    staff.submit("Goedkeuren")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.APPROVED
    assert "goedgekeurd" in staff.page.locator("main").inner_text()
    year, week, _ = day.isocalendar()
    staff.goto(f"/beheer/plekken/{place.slug}/week/?week={year}-W{week:02d}")
    assert "12:00–14:00" in staff.page.locator("main").inner_text()

    browse.goto("/plekken/mijn-reservaties/")
    assert "De sleutel ligt aan het onthaal." in browse.page.locator("main").inner_text()


def test_staff_edit_a_place_and_see_its_figures(open_browser, place_staff):  # noqa: F811
    wijk = NeighbourhoodFactory(name="Bret", slug="bret", boundary=square(5.49, 50.96, 0.01))
    place = BookablePlaceFactory(
        name="Buurthuis Bret (voorbeeld)", neighbourhood=wijk, latitude=Decimal("50.965"), longitude=Decimal("5.495")
    )
    staff = open_browser(javascript=False)
    staff.login(place_staff.email, totp_secret=enroll_mfa(place_staff))
    staff.goto("/beheer/plekken/")
    staff.follow(staff.page.locator("main").get_by_role("link", name=f"Bewerken — {place.name}"))
    page = staff.page
    page.locator("main [name=name]").fill("Dienstencentrum Bret (voorbeeld)")
    page.locator("main [name=latitude]").fill("50.99")  # outside Bret
    staff.submit("Bewaren")
    assert "Dit punt ligt niet in de wijk Bret" in page.locator("main").inner_text()
    assert page.locator("main [name=name]").input_value() == "Dienstencentrum Bret (voorbeeld)"
    page.locator("main [name=latitude]").fill("50.962")
    staff.submit("Bewaren")
    assert "zijn bewaard" in page.locator(".messages").inner_text()
    staff.goto("/beheer/plekken/")
    staff.follow(staff.page.locator("main").get_by_role("link", name="Cijfers — Dienstencentrum Bret (voorbeeld)"))
    assert "Cijfers van Dienstencentrum Bret (voorbeeld)" in page.locator("main h1").inner_text()
    assert page.locator("main table tfoot").is_visible()

"""The public places pages, booking requests and the staff pages, with their query counts."""

import datetime
from decimal import Decimal

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from neighbourhoods import workflow
from neighbourhoods.models import Booking, OpeningHours, PartnerArea, PartnerPlace, Place
from tests.factories import NeighbourhoodFactory, TeamMembershipFactory

from .factories import (
    BookablePlaceFactory,
    BookingFactory,
    PartnerFactory,
    PlaceFactory,
    RoomFactory,
    at,
    future_day,
    square,
)

pytestmark = pytest.mark.django_db


def queries(client, url):
    client.get(url)  # warm the caches (map, sessions)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)


# The directory and a place's page.


def test_the_directory_lists_and_filters_places(client):
    wijk = NeighbourhoodFactory(name="Winterslag", slug="winterslag", boundary=square())
    PlaceFactory(
        name="Dienstencentrum De Kolk (voorbeeld)", kind=Place.Kind.SERVICE_CENTRE, neighbourhood=wijk, step_free=True
    )
    PlaceFactory(name="Jeugdhuis Tondeldoos (voorbeeld)", kind=Place.Kind.YOUTH_CENTRE)
    page = client.get("/plekken/").content.decode()
    assert "De Kolk" in page and "Tondeldoos" in page
    page = client.get("/plekken/?soort=service_centre").content.decode()
    assert "De Kolk" in page and "Tondeldoos" not in page
    page = client.get("/plekken/?drempelvrij=on").content.decode()
    assert "De Kolk" in page and "Tondeldoos" not in page
    page = client.get("/plekken/?wijk=winterslag").content.decode()
    assert "De Kolk" in page and "Tondeldoos" not in page


def test_the_directory_shows_points_on_the_map_as_links(client):
    wijk = NeighbourhoodFactory(boundary=square(5.49, 50.96, 0.02))
    place = PlaceFactory(neighbourhood=wijk, latitude=Decimal("50.97"), longitude=Decimal("5.50"))
    page = client.get("/plekken/").content.decode()
    assert f'<a href="{place.get_absolute_url()}" class="place-link" aria-label="{place.name} (buurthuis)">' in page


def test_query_counts_do_not_grow_with_the_places(client):
    def fill(n):
        for _ in range(n):
            room = RoomFactory(place__neighbourhood=NeighbourhoodFactory(boundary=square()))
            BookingFactory(room=room)

    fill(2)
    place = Place.objects.first()
    few = queries(client, "/plekken/"), queries(client, place.get_absolute_url())
    fill(25)
    PartnerPlace.objects.create(partner=PartnerFactory(), place=place, role="Zitdag")
    TeamMembershipFactory(neighbourhood=place.neighbourhood).places.add(place)
    many = queries(client, "/plekken/"), queries(client, place.get_absolute_url())
    assert few == many


def test_a_place_page_shows_hours_exceptions_access_contact_team_partners_rooms(client):
    place = BookablePlaceFactory(
        name="Buurthuis Kolderbos (voorbeeld)",
        phone="089 00 00 00",
        induction_loop=True,
        open_daily=False,
    )
    OpeningHours.objects.create(place=place, weekday=0, opens=datetime.time(9), closes=datetime.time(12))
    OpeningHours.objects.create(place=place, weekday=0, opens=datetime.time(13, 30), closes=datetime.time(17))
    place.exceptions.create(date=future_day(3), closed=True, reason="Wapenstilstand")
    RoomFactory(place=place, name="Polyvalente zaal", capacity=80, price=Decimal("25.00"), free_for_associations=True)
    member = TeamMembershipFactory(neighbourhood=place.neighbourhood, public_email="buurtwerk@example.be")
    member.places.add(place)
    partner = PartnerFactory(name="Wijkpolitie Genk (voorbeeld)")
    PartnerPlace.objects.create(partner=partner, place=place, role="zitdag op dinsdag")
    page = client.get(place.get_absolute_url()).content.decode()
    for text in (
        "09:00–12:00, 13:30–17:00",
        "Wapenstilstand",
        "Ringleiding: ja",
        "089 00 00 00",
        "buurtwerk@example.be",
        "Wijkpolitie Genk (voorbeeld)",
        "zitdag op dinsdag",
        "Polyvalente zaal",
        "gratis voor verenigingen",
    ):
        assert text in page, text


def test_a_point_outside_the_wijk_is_refused():
    from django.core.exceptions import ValidationError

    wijk = NeighbourhoodFactory(boundary=square(5.49, 50.96, 0.01))
    place = PlaceFactory.build(neighbourhood=wijk, latitude=Decimal("50.99"), longitude=Decimal("5.495"))
    with pytest.raises(ValidationError, match="niet in de wijk"):
        place.full_clean()
    place.latitude = Decimal("50.965")
    place.full_clean()


def test_the_wijk_page_lists_its_places_and_partners_and_marks_them_on_the_map(client):
    wijk = NeighbourhoodFactory(boundary=square(5.49, 50.96, 0.02))
    place = PlaceFactory(
        neighbourhood=wijk, name="Bib Waterschei (voorbeeld)", latitude=Decimal("50.97"), longitude=Decimal("5.50")
    )
    PartnerArea.objects.create(
        partner=PartnerFactory(name="Sociaal verhuurkantoor (voorbeeld)"), neighbourhood=wijk, role="huurders"
    )
    page = client.get(wijk.get_absolute_url()).content.decode()
    assert "Bib Waterschei (voorbeeld)" in page
    assert "Sociaal verhuurkantoor (voorbeeld)" in page
    assert f'href="{place.get_absolute_url()}" class="place-link"' in page


# Asking for a room.


def request_url(room):
    return f"/plekken/{room.place.slug}/zalen/{room.pk}/aanvragen/"


def post_request(client, room, day, start, end, people=10, **extra):
    data = {"day": day.isoformat(), "start": start, "end": end, "people": people, "purpose": "Buurtfeest plannen"}
    data.update(extra)
    return client.post(request_url(room), data)


def test_visitors_are_sent_to_log_in(client):
    room = RoomFactory()
    response = client.get(request_url(room))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_a_resident_asks_for_a_room_and_finds_it_in_mijn_reservaties(client, resident):
    room = RoomFactory()
    client.force_login(resident)
    response = post_request(client, room, future_day(), "10:00", "12:00")
    assert response.status_code == 302 and response["Location"] == "/plekken/mijn-reservaties/"
    booking = Booking.objects.get()
    assert booking.requester == resident and booking.status == Booking.Status.REQUESTED
    page = client.get("/plekken/mijn-reservaties/").content.decode()
    assert room.name in page and "aangevraagd" in page
    response = client.post(f"/plekken/mijn-reservaties/{booking.pk}/annuleren/")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_a_colliding_request_keeps_the_input_and_names_the_free_slots(client, resident, place_staff):
    room = RoomFactory()
    day = future_day()
    workflow.approve(BookingFactory(room=room, start=at(day, 9), end=at(day, 12)), place_staff)
    client.force_login(resident)
    response = post_request(client, room, day, "11:00", "13:00", people=7)
    assert response.status_code == 200
    page = response.content.decode()
    assert "al gereserveerd" in page and "08:00–09:00, 12:00–22:00" in page
    assert 'value="7"' in page and "Buurtfeest plannen" in page
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "end", "people", "days", "message"),
    [
        ("12:00", "10:00", 5, 7, "Het einde moet na het begin liggen"),
        ("10:00", "12:00", 5, -1, "al voorbij"),
        ("06:00", "09:00", 5, 7, "buiten de openingsuren"),
        ("10:00", "12:00", 500, 7, "ten hoogste 30 personen"),
    ],
)
def test_bad_requests_get_a_clear_message_not_a_500(client, resident, start, end, people, days, message):
    room = RoomFactory()
    client.force_login(resident)
    response = post_request(client, room, future_day(days), start, end, people=people)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Booking.objects.exists()


def test_an_organisation_rep_asks_for_their_organisation(client, organisation_rep):
    room = RoomFactory()
    organisation = organisation_rep.organisation_memberships.get().organisation
    client.force_login(organisation_rep)
    assert organisation.name in client.get(request_url(room)).content.decode()
    post_request(client, room, future_day(), "10:00", "12:00", organisation=organisation.pk)
    assert Booking.objects.get().organisation == organisation


def test_a_room_that_is_not_bookable_says_why(client, resident):
    room = RoomFactory(bookable=False)
    client.force_login(resident)
    response = client.get(request_url(room))
    assert response.status_code == 403
    assert "niet online reserveren" in response.content.decode()


# Staff pages.


def test_staff_pages_are_for_the_places_department(client, resident, civil_servant, place_staff):
    room = RoomFactory()
    booking = BookingFactory(room=room)
    urls = [
        f"/beheer/plekken/{room.place.slug}/week/",
        f"/beheer/plekken/reservaties/{booking.pk}/",
        f"/beheer/plekken/{room.place.slug}/zalen/{room.pk}/reservaties.ics",
    ]
    client.force_login(resident)
    assert client.get("/beheer/plekken/").status_code == 403
    client.force_login(civil_servant)
    assert room.place.name not in client.get("/beheer/plekken/").content.decode()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "andere dienst" in response.content.decode()
    client.force_login(place_staff)
    assert room.place.name in client.get("/beheer/plekken/").content.decode()
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_staff_approve_and_decline_with_a_message(client, place_staff, resident):
    room = RoomFactory()
    day = future_day()
    first = BookingFactory(room=room, requester=resident, start=at(day, 10), end=at(day, 12))
    second = BookingFactory(room=room, start=at(day, 11), end=at(day, 13))
    client.force_login(place_staff)
    page = client.get("/beheer/plekken/aanvragen/").content.decode()
    assert f"/beheer/plekken/reservaties/{first.pk}/" in page and f"/beheer/plekken/reservaties/{second.pk}/" in page
    response = client.post(f"/beheer/plekken/reservaties/{first.pk}/", {"action": "approve", "message": "Welkom!"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Booking.Status.APPROVED and first.staff_message == "Welkom!"
    response = client.post(f"/beheer/plekken/reservaties/{second.pk}/", {"action": "approve", "message": ""})
    assert response.status_code == 200 and "Vrij op" in response.content.decode()
    response = client.post(f"/beheer/plekken/reservaties/{second.pk}/", {"action": "decline", "message": ""})
    assert "waarom" in response.content.decode()
    client.post(f"/beheer/plekken/reservaties/{second.pk}/", {"action": "decline", "message": "Al bezet."})
    second.refresh_from_db()
    assert second.status == Booking.Status.DECLINED


def test_the_week_view_navigates_and_counts_constant_queries(client, place_staff):
    room = RoomFactory()
    day = future_day()
    BookingFactory(room=room, start=at(day, 10), end=at(day, 12), purpose="Yoga")
    client.force_login(place_staff)
    year, week, _ = day.isocalendar()
    url = f"/beheer/plekken/{room.place.slug}/week/?week={year}-W{week:02d}"
    page = client.get(url).content.decode()
    assert "10:00–12:00" in page and 'rel="prev"' in page and 'rel="next"' in page
    few = queries(client, url)
    for hour in range(8, 21):
        for other in (RoomFactory(place=room.place), room):
            BookingFactory(
                room=other,
                start=at(day + datetime.timedelta(days=1), hour),
                end=at(day + datetime.timedelta(days=1), hour, 30),
            )
    assert queries(client, url) == few
    assert client.get(f"/beheer/plekken/{room.place.slug}/week/?week=onzin").status_code == 200


def test_the_room_feed_parses_with_local_times(client, place_staff):
    room = RoomFactory()
    day = future_day()
    BookingFactory(room=room, start=at(day, 19), end=at(day, 21), purpose="Repetitie")
    client.force_login(place_staff)
    response = client.get(f"/beheer/plekken/{room.place.slug}/zalen/{room.pk}/reservaties.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    start = events[0].decoded("dtstart")
    assert start.hour == 19 and str(start.tzinfo) == "Europe/Brussels"
    assert b"TZID=Europe/Brussels" in response.content
    assert calendar.walk("VTIMEZONE")


def _management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_staff_edit_details_hours_exceptions_and_rooms_and_it_is_audited(client, place_staff, civil_servant):
    from genk.core.models import AuditLogEntry

    wijk = NeighbourhoodFactory(boundary=square(5.49, 50.96, 0.01))
    place = BookablePlaceFactory(neighbourhood=wijk, open_daily=False)
    url = f"/beheer/plekken/{place.slug}/bewerken/"
    client.force_login(civil_servant)
    assert client.get(url).status_code == 403
    client.force_login(place_staff)
    assert client.get(url).status_code == 200
    data = {
        "name": place.name,
        "kind": place.kind,
        "neighbourhood": str(wijk.pk),
        "department": str(place.department_id),
        "address": "Nieuwe straat 1, 3600 Genk",
        "latitude": "50.99",  # outside the wijk
        "longitude": "5.495",
        "step_free": "on",
        **_management("uren", 1, 0),
        "uren-0-weekday": "0",
        "uren-0-opens": "09:00",
        "uren-0-closes": "12:00",
        **_management("afwijkend", 1, 0),
        "afwijkend-0-date": future_day(5).isoformat(),
        "afwijkend-0-closed": "on",
        "afwijkend-0-reason": "Brugdag",
        **_management("zalen", 1, 0),
        "zalen-0-name": "Keuken",
        "zalen-0-capacity": "10",
        "zalen-0-price": "0",
        "zalen-0-bookable": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "niet in de wijk" in response.content.decode()
    assert not place.hours.exists()  # nothing half-saved
    data["latitude"] = "50.965"
    response = client.post(url, data)
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.step_free and place.address == "Nieuwe straat 1, 3600 Genk"
    assert [str(h) for h in place.hours.all()] == ["maandag 09:00–12:00"]
    assert place.exceptions.get().reason == "Brugdag"
    assert place.rooms.get().name == "Keuken"
    assert AuditLogEntry.objects.filter(action="neighbourhoods.place.change", actor=place_staff).exists()


@pytest.mark.parametrize(("language", "text"), [("en", "Places in Genk"), ("fr", "Lieux à Genk")])
def test_the_pages_are_translated(client, settings, resident, place_staff, language, text):
    room = RoomFactory()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert text in client.get("/plekken/").content.decode()
    assert client.get(room.place.get_absolute_url()).status_code == 200
    client.force_login(resident)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert client.get(request_url(room)).status_code == 200
    assert client.get("/plekken/mijn-reservaties/").status_code == 200
    client.force_login(place_staff)
    for url in (
        "/beheer/plekken/",
        "/beheer/plekken/aanvragen/",
        f"/beheer/plekken/{room.place.slug}/week/",
        f"/beheer/plekken/{room.place.slug}/bewerken/",
    ):
        assert client.get(url).status_code == 200, url


def test_mijn_reservaties_and_the_queue_count_constant_queries(client, resident, place_staff):
    def fill(n):
        for _ in range(n):
            BookingFactory(requester=resident, room=RoomFactory())

    fill(1)
    client.force_login(resident)
    mine = queries(client, "/plekken/mijn-reservaties/")
    client.force_login(place_staff)
    queue = queries(client, "/beheer/plekken/aanvragen/"), queries(client, "/beheer/plekken/")
    fill(15)
    client.force_login(resident)
    assert queries(client, "/plekken/mijn-reservaties/") == mine
    client.force_login(place_staff)
    assert (queries(client, "/beheer/plekken/aanvragen/"), queries(client, "/beheer/plekken/")) == queue


def test_the_request_page_shows_the_free_moments_of_a_chosen_day(client, resident, place_staff):
    room = RoomFactory()
    day = future_day()
    workflow.approve(BookingFactory(room=room, start=at(day, 9), end=at(day, 12)), place_staff)
    client.force_login(resident)
    page = client.get(request_url(room) + f"?datum={day.isoformat()}").content.decode()
    assert "08:00–09:00, 12:00–22:00" in page
    assert client.get(request_url(room) + "?datum=onzin").status_code == 200


def test_a_place_page_lists_its_coming_activities_with_constant_queries(client):
    from tests.agenda.factories import ActivityFactory

    place = BookablePlaceFactory(name="Buurthuis De Brug (voorbeeld)")
    ActivityFactory(place=place, title="Taalcafé op dinsdag")
    ActivityFactory(place=place, title="Ontwerp", status="draft")
    ActivityFactory(title="Elders in Genk")
    page = client.get(place.get_absolute_url()).content.decode()
    assert "Taalcafé op dinsdag" in page
    assert "Ontwerp" not in page and "Elders in Genk" not in page
    few = queries(client, place.get_absolute_url())
    for n in range(15):
        ActivityFactory(place=place, title=f"Wandeling {n}")
    assert queries(client, place.get_absolute_url()) == few
    assert client.get(place.get_absolute_url()).content.decode().count("Wandeling ") == 9  # ten at most


def test_the_free_moments_picker_is_in_the_request_section_not_in_the_opening_hours(client, resident):
    room = RoomFactory()
    client.force_login(resident)
    html = client.get(request_url(room)).content.decode()
    request_at, free_at, post_at, hours_at = (
        html.index('id="request-heading"'),
        html.index('id="free-heading"'),
        html.index('method="post"', html.index("<main")),
        html.index('id="hours-heading"'),
    )
    assert request_at < free_at < post_at < hours_at

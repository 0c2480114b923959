"""Bookings in the dashboards' figures and in a person's data download and erasure."""

import datetime

import pytest

from genk.core import indicators
from genk.core.indicators import Period
from neighbourhoods import workflow
from neighbourhoods.models import Booking

from .factories import BookingFactory, RoomFactory, at, future_day

pytestmark = pytest.mark.django_db


def test_bookings_per_wijk_count_approved_bookings_starting_in_the_period(place_staff, django_assert_num_queries):
    room = RoomFactory()
    other = RoomFactory()
    day = future_day()
    for hour in (9, 11):
        workflow.approve(BookingFactory(room=room, start=at(day, hour), end=at(day, hour + 2)), place_staff)
    workflow.approve(BookingFactory(room=other, start=at(day, 9), end=at(day, 10)), place_staff)
    BookingFactory(room=room, start=at(day, 15), end=at(day, 16))  # only requested
    period = Period(day, day)
    with django_assert_num_queries(1):
        counted = indicators.get("neighbourhoods.bookings").compute(period)
    assert counted == {room.place.neighbourhood_id: 2, other.place.neighbourhood_id: 1}
    hours = indicators.get("neighbourhoods.booked_hours").compute(period)
    assert hours == {room.place.neighbourhood_id: 4.0, other.place.neighbourhood_id: 1.0}
    assert indicators.get("neighbourhoods.bookings").compute(Period(day + datetime.timedelta(days=1), day)) == {}


def test_bookings_are_in_the_download_and_anonymised_on_erasure(resident, place_staff):
    from genk.accounts.services import erase_user, export_user_data

    day = future_day()
    past = BookingFactory(requester=resident, purpose="Verjaardag van mijn moeder")
    Booking.objects.filter(pk=past.pk).update(start=at(future_day(-9), 10), end=at(future_day(-9), 12))
    coming = BookingFactory(requester=resident, room=RoomFactory(), start=at(day, 10), end=at(day, 11))
    workflow.approve(coming, place_staff)
    data = export_user_data(resident)["neighbourhoods"]["room_bookings"]
    assert [b["purpose"] for b in data] == ["Verjaardag van mijn moeder", "Repetitie van het buurtkoor"]
    erase_user(resident)
    past.refresh_from_db()
    coming.refresh_from_db()
    assert past.requester is None and past.purpose == "(gewist)"
    assert coming.status == Booking.Status.CANCELLED and coming.requester is None


def test_the_staff_dashboard_lists_the_places_i_manage_with_waiting_requests(client, place_staff, civil_servant):
    from neighbourhoods.portal import my_places

    room = RoomFactory()
    BookingFactory(room=room)
    BookingFactory(room=room, status=Booking.Status.APPROVED)
    [item] = my_places(place_staff)
    assert item.label == room.place.name and item.count == 1
    assert my_places(civil_servant) == []
    client.force_login(place_staff)
    assert room.place.name in client.get("/beheer/").content.decode()


def test_the_admin_pages_of_places_partners_and_bookings_open(client, admin_user):
    room = RoomFactory()
    booking = BookingFactory(room=room)
    client.force_login(admin_user)
    for url in (
        "/django-admin/neighbourhoods/place/",
        "/django-admin/neighbourhoods/place/add/",
        f"/django-admin/neighbourhoods/place/{room.place.pk}/change/",
        "/django-admin/neighbourhoods/partner/add/",
        "/django-admin/neighbourhoods/booking/",
        f"/django-admin/neighbourhoods/booking/{booking.pk}/change/",
    ):
        assert client.get(url).status_code == 200, url

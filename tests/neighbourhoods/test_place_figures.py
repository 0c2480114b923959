"""Figures per place and period on the place's staff page (/beheer/plekken/<place>/cijfers/):
activities, registrations, attendance and approved bookings per month, in a constant number of
queries. (The indicator registry has no place dimension: these figures are the page's only.)"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from neighbourhoods.agenda.models import Activity, Registration
from neighbourhoods.models import Booking
from tests.agenda.factories import ActivityFactory, RegistrationFactory

from .factories import BookingFactory, RoomFactory

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def moment(month, day, hour=19):
    return datetime.datetime(2027, month, day, hour, tzinfo=BRUSSELS)


def fill(room, n=1, offset=0):
    place = room.place
    for i in range(offset, offset + n):
        march = ActivityFactory(
            place=place, starts_at=moment(3, 3 + i), ends_at=moment(3, 3 + i, 21), status=Activity.Status.TOOK_PLACE
        )
        RegistrationFactory(activity=march, companions=2, status=Registration.Status.ATTENDED)
        RegistrationFactory(activity=march, status=Registration.Status.REGISTERED)
        RegistrationFactory(activity=march, status=Registration.Status.CANCELLED)
        ActivityFactory(place=place, starts_at=moment(4, 2 + i), ends_at=moment(4, 2 + i, 21))
        ActivityFactory(place=place, starts_at=moment(4, 9 + i), ends_at=moment(4, 9 + i, 21), status="cancelled")
        BookingFactory(room=room, start=moment(3, 10 + i, 9), end=moment(3, 10 + i, 12), status=Booking.Status.APPROVED)
        BookingFactory(
            room=room, start=moment(3, 10 + i, 14), end=moment(3, 10 + i, 16), status=Booking.Status.REQUESTED
        )
    ActivityFactory(starts_at=moment(3, 5), ends_at=moment(3, 5, 21))  # elsewhere


def test_the_staff_page_shows_the_figures_of_the_place_per_month(client, place_staff):
    room = RoomFactory(place__name="Buurthuis De Brug (voorbeeld)")
    fill(room)
    client.force_login(place_staff)
    response = client.get(f"/beheer/plekken/{room.place.slug}/cijfers/?van=2027-03-01&tot=2027-04-30")
    assert response.status_code == 200
    months = {m.first.month: m for m in response.context["months"]}
    assert (months[3].activities, months[3].registrations, months[3].attendance) == (1, 4, 3)
    assert (months[3].bookings, str(months[3].hours)) == (1, "3.0")
    assert (months[4].activities, months[4].registrations, months[4].bookings) == (1, 0, 0)
    total = response.context["total"]
    assert (total.activities, total.registrations, total.attendance, total.bookings) == (2, 4, 3, 1)
    html = response.content.decode()
    assert "maart 2027" in html and "<caption>" in html


def test_the_period_is_checked_and_the_page_is_the_departments(client, place_staff, civil_servant):
    room = RoomFactory()
    url = f"/beheer/plekken/{room.place.slug}/cijfers/"
    client.force_login(civil_servant)
    response = client.get(url)
    assert response.status_code == 403 and "andere dienst" in response.content.decode()
    client.force_login(place_staff)
    response = client.get(url + "?van=2027-05-01&tot=2027-04-01")
    assert response.status_code == 200
    assert "Het einde van de periode moet na het begin liggen." in response.content.decode()
    assert client.get(url + "?van=onzin&tot=").status_code == 200


def test_the_figures_take_the_same_queries_with_more_rows(client, place_staff):
    room = RoomFactory()
    fill(room, 1)
    client.force_login(place_staff)
    url = f"/beheer/plekken/{room.place.slug}/cijfers/?van=2027-01-01&tot=2027-12-31"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    fill(room, 6, offset=1)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)

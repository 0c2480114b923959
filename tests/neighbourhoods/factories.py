import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from neighbourhoods.models import Booking, OpeningException, OpeningHours, Partner, Place, Room
from tests.factories import DepartmentFactory, NeighbourhoodFactory, UserFactory


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Buurthuis {n}")
    slug = factory.Sequence(lambda n: f"buurthuis-{n}")
    kind = Place.Kind.COMMUNITY_CENTRE
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    address = factory.Sequence(lambda n: f"Voorbeeldstraat {n}, 3600 Genk")


class BookablePlaceFactory(PlaceFactory):
    """A place of a department, open every day 08:00–22:00."""

    class Meta:
        skip_postgeneration_save = True

    department = factory.SubFactory(DepartmentFactory, name="Dienstencentra", slug="dienstencentra")

    @factory.post_generation
    def open_daily(self, create, extracted, **kwargs):
        if create and extracted is not False:
            OpeningHours.objects.bulk_create(
                OpeningHours(place=self, weekday=day, opens=datetime.time(8), closes=datetime.time(22))
                for day in range(7)
            )


class RoomFactory(DjangoModelFactory):
    class Meta:
        model = Room

    place = factory.SubFactory(BookablePlaceFactory)
    name = factory.Sequence(lambda n: f"Zaal {n}")
    capacity = 30


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = Partner.Kind.WELFARE


def future_day(days=7) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class BookingFactory(DjangoModelFactory):
    class Meta:
        model = Booking

    room = factory.SubFactory(RoomFactory)
    requester = factory.SubFactory(UserFactory)
    start = factory.LazyFunction(lambda: at(future_day(), 14))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    purpose = "Repetitie van het buurtkoor"
    people = 12


def closed_on(place, day, reason="Feestdag"):
    return OpeningException.objects.create(place=place, date=day, closed=True, reason=reason)


# A square of about 1 km around Genk-Centrum, for wijken made by factories.
def square(west=5.49, south=50.96, size=0.01):
    return {
        "type": "Polygon",
        "coordinates": [
            [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]
        ],
    }

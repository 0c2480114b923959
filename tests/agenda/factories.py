from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from neighbourhoods.agenda.models import Activity, Registration
from neighbourhoods.models import Place
from tests.factories import DepartmentFactory, NeighbourhoodFactory, UserFactory


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Buurthuis {n}")
    slug = factory.Sequence(lambda n: f"buurthuis-{n}")
    kind = Place.Kind.COMMUNITY_CENTRE
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    address = factory.Sequence(lambda n: f"Stalenstraat {n}, 3600 Genk")


class ActivityFactory(DjangoModelFactory):
    """A published city activity next week, with 20 places and a waiting list."""

    class Meta:
        model = Activity

    title = factory.Sequence(lambda n: f"Activiteit {n}")
    description = "Een activiteit in de wijk."
    status = Activity.Status.PUBLISHED
    organiser_kind = Activity.OrganiserKind.CITY
    department = factory.SubFactory(DepartmentFactory)
    address = "Stadsplein 1, 3600 Genk"
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda a: a.starts_at + timedelta(hours=2))
    registration_enabled = True
    capacity = 20
    waiting_list_enabled = True
    published_at = factory.LazyFunction(timezone.now)
    themes = factory.LazyFunction(lambda: ["neighbourhood"])


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    activity = factory.SubFactory(ActivityFactory)
    user = factory.SubFactory(UserFactory)
    status = Registration.Status.REGISTERED

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from neighbourhoods.areawork.models import Action, Plan, Priority, Signal
from tests.factories import NeighbourhoodFactory


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ["neighbourhood", "year"]

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    introduction = "Samen werken we aan een warme wijk."


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Prioriteit {n}")


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    priority = factory.SubFactory(PriorityFactory)
    title = factory.Sequence(lambda n: f"Actie {n}")
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))


class SignalFactory(DjangoModelFactory):
    class Meta:
        model = Signal

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    theme = Signal.Theme.YOUTH
    observed_on = factory.LazyFunction(timezone.localdate)
    description = "Jongeren hangen 's avonds rond aan het speelplein; buren klagen over lawaai."

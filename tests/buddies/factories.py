import factory
from factory.django import DjangoModelFactory

from tests.factories import UserFactory
from volunteers.buddies.models import Buddy, Learner, Pair
from volunteers.models import Opportunity

from ..volunteers.factories import OpportunityFactory


class ProgrammeFactory(OpportunityFactory):
    title = factory.Sequence(lambda n: f"Taalmaatjes {n}")
    kind = Opportunity.Kind.DUTCH_PRACTICE
    themes = factory.LazyFunction(lambda: ["language"])


class LearnerFactory(DjangoModelFactory):
    class Meta:
        model = Learner

    opportunity = factory.SubFactory(ProgrammeFactory)
    user = factory.SubFactory(UserFactory)
    level = "A2"
    availability = factory.LazyFunction(lambda: ["tue_pm", "thu_ev"])
    languages = factory.LazyFunction(lambda: ["ar", "fr"])
    interests = "koken"


class BuddyFactory(DjangoModelFactory):
    class Meta:
        model = Buddy

    opportunity = factory.SubFactory(ProgrammeFactory)
    user = factory.SubFactory(UserFactory)
    availability = factory.LazyFunction(lambda: ["tue_pm", "sat_am"])
    languages = factory.LazyFunction(lambda: ["nl", "fr"])
    interests = "wandelen"


class PairFactory(DjangoModelFactory):
    class Meta:
        model = Pair

    opportunity = factory.SubFactory(ProgrammeFactory)
    learner = factory.SubFactory(LearnerFactory, opportunity=factory.SelfAttribute("..opportunity"))
    buddy = factory.SubFactory(BuddyFactory, opportunity=factory.SelfAttribute("..opportunity"))
    status = Pair.Status.PROPOSED

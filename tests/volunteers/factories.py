from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from genk.accounts.models import OrganisationMembership
from tests.factories import OrganisationFactory, OrganisationMembershipFactory, UserFactory
from volunteers.models import Allowance, InformationNotice, Opportunity, Shift


class OpportunityFactory(DjangoModelFactory):
    class Meta:
        model = Opportunity

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Vrijwilliger gezocht {n}")
    description = "Help mee in het dienstencentrum."
    themes = factory.LazyFunction(lambda: ["care"])
    languages = factory.LazyFunction(lambda: ["nl"])
    status = Opportunity.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ShiftFactory(DjangoModelFactory):
    class Meta:
        model = Shift

    opportunity = factory.SubFactory(OpportunityFactory)
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=3))
    capacity = 5


class NoticeFactory(DjangoModelFactory):
    class Meta:
        model = InformationNotice

    organisation = factory.SubFactory(OrganisationFactory)
    version = 1
    aims = "Ontmoeting in de wijk."
    legal_status = "vzw"
    insurance_civil_liability = "Ethias, polis 45.123.456"
    allowance_system = InformationNotice.AllowanceSystem.NONE


def coordinator_of(organisation, user=None):
    kwargs = {"user": user} if user else {}
    return OrganisationMembershipFactory(
        organisation=organisation, role=OrganisationMembership.Role.VOLUNTEER_COORDINATOR, **kwargs
    ).user


class AllowanceFactory(DjangoModelFactory):
    """An actual-costs allowance with a proof text (a flat-rate one goes through
    volunteers.allowances, which checks the caps)."""

    class Meta:
        model = Allowance

    volunteer = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    day = factory.LazyFunction(timezone.localdate)
    system = Allowance.System.ACTUAL_COSTS
    amount = Decimal("12.50")
    proof = "kasticket"

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from participation.budgets.models import Cycle, Heading, Phase, Proposal, Theme
from participation.budgets.phases import PHASE_ORDER
from tests.factories import DepartmentFactory, UserFactory


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class CycleFactory(DjangoModelFactory):
    class Meta:
        model = Cycle
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Burgerbudget {n}")
    slug = factory.Sequence(lambda n: f"burgerbudget-{n}")
    summary = "Inwoners kiezen samen projecten."
    scope = Cycle.Scope.CITY
    min_project_cost = Decimal("5000")
    max_project_cost = Decimal("100000")
    voting_min_age = 14
    proposal_min_age = 14
    voting_rule = Cycle.VotingRule.KNAPSACK
    tie_break_seed = "genk-test"
    is_published = True
    # The department of the `civil_servant` persona owns the cycles of the tests.
    department = factory.SubFactory(DepartmentFactory, name="Participatie", slug="participatie")

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.add(*(extracted or [ThemeFactory()]))


class HeadingFactory(DjangoModelFactory):
    class Meta:
        model = Heading

    cycle = factory.SubFactory(CycleFactory)
    name = factory.Sequence(lambda n: f"Deelbudget {n}")
    slug = factory.Sequence(lambda n: f"deelbudget-{n}")
    amount = Decimal("100000")
    eligible_count = 1000


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = Proposal

    heading = factory.SubFactory(HeadingFactory)
    cycle = factory.LazyAttribute(lambda o: o.heading.cycle)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "Een project voor de buurt."
    description = "Wat, waar en waarom."
    theme = factory.LazyAttribute(lambda o: o.cycle.themes.first() or ThemeFactory())
    estimated_cost = Decimal("10000")
    status = Proposal.Status.FEASIBLE


def set_phase(cycle: Cycle, active: str, *, now=None) -> Cycle:
    """Give `cycle` phases so that `active` is the active phase now ("announced": none started).

    Phases are ten days apart; the active one started a day ago."""
    now = now or timezone.now()
    index = -1 if active == "announced" else PHASE_ORDER.index(active)
    for i, kind in enumerate(PHASE_ORDER):
        starts = now - timedelta(days=1) + timedelta(days=10 * (i - index))
        if active == "announced":
            starts = now + timedelta(days=10 * (i + 1))
        Phase.objects.update_or_create(cycle=cycle, kind=kind, defaults={"starts_at": starts})
    cycle.__dict__.pop("phase_list", None)
    return Cycle.objects.for_page().get(pk=cycle.pk)


OIDC_APP = {
    "provider_id": "vlaanderen",
    "name": "Vlaanderen (eID / itsme)",
    "client_id": "samen-genk",
    "secret": "s3cret",
    "settings": {"server_url": "https://authenticatie.vlaanderen.be/op"},
}


def national_number(year: int, serial: int) -> str:
    """A valid national register number for someone born on 1 January `year`."""
    from participation.budgets.demo import example_national_number

    return example_national_number(year, serial)


def eid_login(user, number: str, *, claim: str = "rrn"):
    """What allauth stores after `user` logged in with the Flemish eID/itsme login (OpenID
    Connect), the national register number in the ID token. Needs the `oidc` fixture."""
    from allauth.socialaccount.models import SocialAccount

    user.__dict__.pop("_budgets_national_number", None)
    return SocialAccount.objects.create(
        user=user,
        provider=OIDC_APP["provider_id"],
        uid=f"acm-{user.pk}",
        extra_data={"id_token": {"sub": f"acm-{user.pk}", claim: number}, "userinfo": {"email": user.email}},
    )


def identify(cycle, staff, neighbourhood, *, number: str, year: int = 1985, user=None, label: str = "M. P."):
    """Staff at a service centre check an identity document (and link an account if named)."""
    from participation.budgets import ballots

    return ballots.register_paper_voter(
        cycle,
        staff,
        national_number=number,
        label=label,
        year_of_birth=year,
        neighbourhood=neighbourhood,
        document="eid",
        user=user,
    )

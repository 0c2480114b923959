from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import DistrictFactory, NeighbourhoodFactory, UserFactory

from .factories import CycleFactory, HeadingFactory, ProposalFactory, set_phase


@pytest.fixture
def district(db):
    return DistrictFactory(name="Oost (voorbeeld)", slug="oost")


@pytest.fixture
def other_district(db):
    return DistrictFactory(name="West (voorbeeld)", slug="west")


@pytest.fixture
def neighbourhood(district):
    return NeighbourhoodFactory(name="Winterslag", slug="winterslag", code="T-WS", district=district)


@pytest.fixture
def other_neighbourhood(other_district):
    return NeighbourhoodFactory(name="Sledderlo", slug="sledderlo", code="T-SL", district=other_district)


@pytest.fixture
def district_resident(neighbourhood):
    return UserFactory(display_name="Fatma Yilmaz", neighbourhood=neighbourhood, year_of_birth=1988)


@pytest.fixture
def other_district_resident(other_neighbourhood):
    return UserFactory(display_name="Jos Vanderhoven", neighbourhood=other_neighbourhood, year_of_birth=1970)


@pytest.fixture
def too_young(neighbourhood):
    return UserFactory(display_name="Lotte (13)", neighbourhood=neighbourhood, year_of_birth=timezone.now().year - 13)


@pytest.fixture
def city_cycle(db):
    """A city-wide knapsack cycle of € 100,000 in the voting phase with four feasible projects."""
    cycle = CycleFactory(name="Burgerbudget Genk", slug="burgerbudget")
    heading = HeadingFactory(cycle=cycle, name="Heel Genk", slug="heel-genk", amount=Decimal("100000"))
    for title, cost in [("Speeltuin", 40000), ("Moestuin", 30000), ("Zitbanken", 20000), ("Fietsenstalling", 50000)]:
        ProposalFactory(heading=heading, title=title, estimated_cost=Decimal(cost))
    return set_phase(cycle, "voting")


@pytest.fixture
def district_cycle(district, other_district):
    """A per-district cycle (residents vote in their own district) in the voting phase."""
    from participation.budgets.models import Cycle

    cycle = CycleFactory(
        name="Stadsdeelbudget",
        slug="stadsdeelbudget",
        scope=Cycle.Scope.DISTRICT,
        voting_residence=Cycle.Residence.DISTRICT,
        proposers=Cycle.Proposers.DISTRICT_RESIDENTS,
    )
    for d in (district, other_district):
        heading = HeadingFactory(cycle=cycle, district=d, name=d.name, slug=d.slug, amount=Decimal("50000"))
        ProposalFactory(heading=heading, title=f"Project in {d.name}", estimated_cost=Decimal("20000"))
    return set_phase(cycle, "voting")


@pytest.fixture
def paper_cycle(city_cycle):
    """`city_cycle`, taking paper ballots too: every voter, online or on paper, is identified."""
    from participation.budgets.models import Cycle

    city_cycle.paper_ballots = True
    city_cycle.save(update_fields=["paper_ballots"])
    return Cycle.objects.for_page().get(pk=city_cycle.pk)


@pytest.fixture
def oidc(settings):
    """The eID/itsme login (OpenID Connect) is configured."""
    from .factories import OIDC_APP

    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [OIDC_APP]}}

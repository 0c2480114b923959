"""Query counts do not grow with the number of projects."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participation.budgets import ballots, services
from participation.budgets.models import Proposal

from .factories import CycleFactory, HeadingFactory, set_phase

pytestmark = pytest.mark.django_db


def make_projects(heading, n, start=0):
    cycle = heading.cycle
    theme = cycle.themes.first()
    Proposal.objects.bulk_create(
        Proposal(
            cycle=cycle,
            heading=heading,
            title=f"Project {i:03d}",
            summary="Een project.",
            description="Uitleg.",
            theme=theme,
            estimated_cost=Decimal(5000 + i),
            status=Proposal.Status.FEASIBLE,
        )
        for i in range(start, start + n)
    )


@pytest.fixture
def cycle_with_projects(db):
    cycle = CycleFactory(slug="veel")
    heading = HeadingFactory(cycle=cycle, slug="heel-genk", amount=Decimal("1500000"))
    make_projects(heading, 10)
    return set_phase(cycle, "voting")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "page",
    [
        lambda cycle: reverse("budgets:proposals", kwargs={"slug": cycle.slug}),
        lambda cycle: (
            reverse("budgets:proposals", kwargs={"slug": cycle.slug}) + "?theme=&status=feasible&order=duurste"
        ),
        lambda cycle: reverse("budgets:ballot", kwargs={"slug": cycle.slug, "heading": "heel-genk"}),
        lambda cycle: reverse("budgets:cycle", kwargs={"slug": cycle.slug}),
    ],
    ids=["proposal-list", "proposal-list-filtered", "ballot", "cycle"],
)
def test_query_count_is_the_same_for_10_and_300_projects(
    client, cycle_with_projects, district_resident, django_assert_num_queries, page
):
    cycle = cycle_with_projects
    client.force_login(district_resident)
    heading = cycle.headings.get()
    ballots.cast_ballot(district_resident, heading, list(heading.proposals.values_list("pk", flat=True)[:3]))
    url = page(cycle)
    client.get(url)  # warm the session
    few = count_queries(client, url)
    make_projects(heading, 290, start=10)
    client.get(url)  # the first request after the write renders the cached cards afresh
    with django_assert_num_queries(few):
        client.get(url)


def test_results_page_query_count_is_constant(
    client, cycle_with_projects, district_resident, civil_servant, django_assert_num_queries
):
    cycle = cycle_with_projects
    heading = cycle.headings.get()
    ballots.cast_ballot(district_resident, heading, list(heading.proposals.values_list("pk", flat=True)[:3]))
    small = CycleFactory(slug="klein")
    small_heading = HeadingFactory(cycle=small, slug="heel-genk")
    make_projects(small_heading, 10)
    make_projects(heading, 290, start=10)
    for c in (small, cycle):
        services.publish_results(set_phase(c, "results"), civil_servant)
    few = count_queries(client, reverse("budgets:results", kwargs={"slug": "klein"}))
    with django_assert_num_queries(few):
        client.get(reverse("budgets:results", kwargs={"slug": cycle.slug}))


def test_ballot_page_query_count_is_constant_in_a_cycle_with_paper_ballots(
    client, cycle_with_projects, district_resident, civil_servant, neighbourhood, django_assert_num_queries
):
    from .factories import identify

    cycle = cycle_with_projects
    cycle.paper_ballots = True
    cycle.save(update_fields=["paper_ballots"])
    identify(cycle, civil_servant, neighbourhood, number="85073003328", user=district_resident)
    heading = cycle.headings.get()
    ballots.cast_ballot(district_resident, heading, list(heading.proposals.values_list("pk", flat=True)[:3]))
    client.force_login(district_resident)
    for page in ("budgets:ballot", "budgets:ballot_confirm"):
        url = reverse(page, kwargs={"slug": cycle.slug, "heading": "heel-genk"})
        client.get(url)
        few = count_queries(client, url)
        make_projects(heading, 290, start=10 + heading.proposals.count())
        client.get(url)  # the cached cards are rendered afresh once after the write
        with django_assert_num_queries(few):
            client.get(url)

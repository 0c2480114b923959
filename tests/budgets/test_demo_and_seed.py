import io

import pytest
from django.urls import reverse

from genk.accounts.demo import personas
from participation.budgets.demo import burgerbudget, district_budget
from participation.budgets.models import Ballot, Cycle, Proposal
from participation.budgets.seed import seed
from participation.surveys.demo import open_survey
from participation.surveys.models import Survey
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_ctx(db):
    from neighbourhoods.demo import neighbourhoods

    ctx = {"personas": {}, "stdout": io.StringIO()}
    personas(ctx)
    neighbourhoods(ctx)
    return ctx


def test_demo_has_a_round_in_voting_and_a_district_cycle_being_carried_out(client, demo_ctx):
    burgerbudget(demo_ctx)
    district_budget(demo_ctx)
    open_survey(demo_ctx)
    burgerbudget(demo_ctx)  # idempotent
    district_budget(demo_ctx)
    open_survey(demo_ctx)
    city = Cycle.objects.for_page().get(slug="burgerbudget-ronde-1")
    heading = city.headings.get()
    assert city.spec().vote
    # A real choice (issue 16): the projects on the ballot together cost clearly more than the amount.
    on_ballot = sum(p.cost for p in heading.proposals.on_ballot())
    assert on_ballot > heading.amount * 3 / 2
    assert {t.name for t in city.themes.all()} == {
        "Talentontwikkeling",
        "Armoede en sociale ongelijkheid",
        "Duurzaamheid en klimaat",
    }
    districts = Cycle.objects.for_page().get(slug="stadsdeelbudget-2025")
    assert districts.spec().post_updates and districts.results_published
    assert Proposal.objects.filter(cycle=districts, status__in=["selected", "completed"]).exists()
    assert "Voorbeeld" in client.get(city.get_absolute_url()).content.decode()
    # The burgerbudget also takes paper ballots: every ballot belongs to an identified person.
    assert city.paper_ballots
    city_ballots = Ballot.objects.filter(heading__cycle=city)
    assert city_ballots.filter(channel="paper").count() == 6 and city_ballots.filter(channel="online").count() == 24
    assert not city_ballots.filter(voter_record__isnull=True).exists()
    html = client.get(reverse("budgets:results", kwargs={"slug": districts.slug})).content.decode()
    assert "voorbeeld" in html.lower()
    survey = Survey.objects.get(slug="evaluatie-burgerbudget")
    assert survey.is_open() and survey.responses.count() == 6
    assert "Antwoorden versturen" not in client.get(survey.get_absolute_url()).content.decode()  # anonymous
    # The demo resident may vote in the city-wide round, and answer the survey.
    client.force_login(demo_ctx["personas"]["resident"]["user"])
    ballot_page = client.get(reverse("budgets:ballot", kwargs={"slug": city.slug, "heading": "heel-genk"}))
    assert ballot_page.status_code == 200 and "Nog over" in ballot_page.content.decode()  # a ballot, not guidance
    assert "Antwoorden versturen" in client.get(survey.get_absolute_url()).content.decode()


def test_city_scale_seed_at_small_scale(neighbourhood):
    for _ in range(30):
        UserFactory(neighbourhood=neighbourhood, verified=False)
    out = io.StringIO()
    report = seed(scale=0.0005, stdout=out)
    assert report["ballots"] == 50 and report["projects"] == 10
    cycle = Cycle.objects.get(slug="bench-burgerbudget")
    assert Ballot.objects.filter(heading__cycle=cycle, channel="online").count() == 30
    assert Ballot.objects.filter(heading__cycle=cycle, channel="paper").count() == 20
    assert cycle.paper_ballots
    assert not Ballot.objects.filter(heading__cycle=cycle, voter_record__isnull=True).exists()
    for ballot in Ballot.objects.filter(heading__cycle=cycle).prefetch_related("choices__proposal"):
        assert ballot.total_cost == sum(c.proposal.cost for c in ballot.choices.all()) <= ballot.heading.amount
    assert seed(scale=0.0005)["created"] is False

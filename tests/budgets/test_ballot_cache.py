"""The ballot page's project cards are cached for every voter of a heading (caching.py): each
voter still sees their own choices, a write to what the cards show is on the next page at
once, and the confirmation reads the voter's facts afresh under its lock."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participation.budgets import ballots, eligibility
from participation.budgets.ballots import BallotError
from participation.budgets.models import Ballot, Proposal, Theme
from tests.factories import UserFactory

from .factories import identify
from .test_queries import make_projects

pytestmark = pytest.mark.django_db


def url(cycle, page="budgets:ballot"):
    return reverse(page, kwargs={"slug": cycle.slug, "heading": "heel-genk"})


def ids(cycle, *titles):
    by_title = dict(Proposal.objects.filter(cycle=cycle).values_list("title", "pk"))
    return [by_title[t] for t in titles]


def proposal_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return sum('FROM "budgets_proposal"' in q["sql"] for q in ctx.captured_queries)


def card(html: str, title: str) -> str:
    """The <li> of the project `title` on the ballot page."""
    start = html.rindex("<li", 0, html.index(f">{title}</a>"))
    return html[start : html.index("</li>", start)]


def test_a_second_voter_gets_the_cards_from_the_cache_with_their_own_choices(
    client, city_cycle, district_resident, neighbourhood
):
    other = UserFactory(display_name="Jan Peeters", neighbourhood=neighbourhood, year_of_birth=1975)
    heading = city_cycle.headings.get()
    ballots.cast_ballot(district_resident, heading, ids(city_cycle, "Speeltuin", "Moestuin"))
    ballots.cast_ballot(other, heading, ids(city_cycle, "Fietsenstalling"))

    client.force_login(district_resident)
    assert proposal_queries(client, url(city_cycle)) == 1  # the cards are rendered and kept
    mine = client.get(url(city_cycle)).content.decode()
    client.force_login(other)
    assert proposal_queries(client, url(city_cycle)) == 0  # the same cards, from the cache
    theirs = client.get(url(city_cycle)).content.decode()

    assert "is-selected" in card(mine, "Speeltuin") and "is-selected" in card(mine, "Moestuin")
    assert "is-selected" not in card(mine, "Fietsenstalling")
    assert "is-selected" in card(theirs, "Fietsenstalling")
    assert "is-selected" not in card(theirs, "Speeltuin")
    # € 100,000 − € 50,000: the Speeltuin (€ 40,000) still fits, the voter's own sum.
    assert 'name="toevoegen"' in card(theirs, "Speeltuin")
    # € 100,000 − € 70,000: the Fietsenstalling (€ 50,000) does not fit for the first voter.
    assert "Past niet meer" in card(mine, "Fietsenstalling")


def test_a_project_taken_off_the_ballot_leaves_it_at_once(client, city_cycle, district_resident):
    client.force_login(district_resident)
    assert "Zitbanken" in client.get(url(city_cycle)).content.decode()
    project = Proposal.objects.get(cycle=city_cycle, title="Zitbanken")
    project.status = Proposal.Status.NOT_FEASIBLE  # as an administrator would, in the Django admin
    project.feasibility_note = "Geen plaats op het plein."
    project.save()
    assert "Zitbanken" not in client.get(url(city_cycle)).content.decode()


def test_a_revised_cost_title_or_theme_shows_at_once(client, city_cycle, district_resident):
    client.force_login(district_resident)
    client.get(url(city_cycle))
    project = Proposal.objects.get(cycle=city_cycle, title="Moestuin")
    project.revised_cost = Decimal("35000")
    project.save()
    html = client.get(url(city_cycle)).content.decode()
    assert "35.000" in card(html, "Moestuin")
    # A bulk write names the cycle: it moves that cycle's version.
    Proposal.objects.filter(cycle=city_cycle, pk=project.pk).update(title="Moestuin aan de kerk")
    html = client.get(url(city_cycle)).content.decode()
    assert ">Moestuin aan de kerk</a>" in html
    Theme.objects.filter(pk=project.theme_id).update(name="Groen")  # a bulk write: no signal …
    theme = Theme.objects.get(pk=project.theme_id)
    theme.name = "Groen en klimaat"
    theme.save()  # … the save moves the reference version
    assert "Groen en klimaat" in card(client.get(url(city_cycle)).content.decode(), "Moestuin aan de kerk")


def test_a_bulk_write_that_names_no_cycle_retires_every_ballot(client, city_cycle, district_resident):
    client.force_login(district_resident)
    client.get(url(city_cycle))
    Proposal.objects.filter(title="Speeltuin").update(title="Speelplein")
    assert ">Speelplein</a>" in client.get(url(city_cycle)).content.decode()


def test_the_ballot_page_reads_the_voter_in_one_query_whatever_the_number_of_projects(
    client, city_cycle, district_resident, django_assert_num_queries
):
    heading = city_cycle.headings.get()
    ballots.cast_ballot(district_resident, heading, ids(city_cycle, "Speeltuin"))
    client.force_login(district_resident)
    client.get(url(city_cycle))
    with CaptureQueriesContext(connection) as ctx:
        client.get(url(city_cycle))
    few = len(ctx)
    # session, user, heading with its cycle and phases, the voter (e-mail, record, paper
    # ballot, own ballot and choices), unread notifications, department membership (the menu)
    assert few == 6
    make_projects(heading, 300, start=10)
    client.get(url(city_cycle))  # the cards are rendered afresh once after the write
    with django_assert_num_queries(few):
        html = client.get(url(city_cycle)).content.decode()
    assert html.count('name="toevoegen"') + html.count('name="verwijderen"') >= 300


def test_confirming_reads_the_voters_facts_again_under_the_lock(
    paper_cycle, district_resident, civil_servant, neighbourhood
):
    """What the page read before the lock (no paper ballot yet) does not decide: a paper ballot
    entered in between is found under the lock."""
    heading = paper_cycle.headings.get()
    record = identify(paper_cycle, civil_servant, neighbourhood, number="85073003328", user=district_resident)
    eligibility.load_voter(district_resident, heading)
    assert eligibility.known_paper_ballot(district_resident, heading) is False
    ballots.enter_paper_ballot(civil_servant, heading, record, ids(paper_cycle, "Zitbanken"))
    with pytest.raises(BallotError):
        ballots.cast_ballot(district_resident, heading, ids(paper_cycle, "Speeltuin"))
    assert list(Ballot.objects.values_list("channel", flat=True)) == [Ballot.Channel.PAPER]
    assert eligibility.known_paper_ballot(district_resident, heading) is None  # forgotten after


def test_confirming_a_changed_ballot_costs_the_same_queries_for_10_and_300_projects(
    client, paper_cycle, district_resident, civil_servant, neighbourhood
):
    heading = paper_cycle.headings.get()
    identify(paper_cycle, civil_servant, neighbourhood, number="85073003328", user=district_resident)
    ballots.cast_ballot(district_resident, heading, ids(paper_cycle, "Speeltuin"))
    client.force_login(district_resident)
    draft = f"budgets:draft:{heading.pk}"

    def confirm(titles) -> int:
        session = client.session
        session[draft] = ids(paper_cycle, *titles)
        session.save()
        client.get(url(paper_cycle, "budgets:ballot_confirm"))
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(url(paper_cycle, "budgets:ballot_confirm"))
        assert response.status_code == 302
        return len(ctx)

    few = confirm(["Moestuin"])
    make_projects(heading, 300, start=10)
    assert confirm(["Zitbanken", "Moestuin"]) == few
    ballot = Ballot.objects.get(voter=district_resident)
    assert ballot.revision == 3
    assert sorted(ballot.choices.values_list("proposal__title", flat=True)) == ["Moestuin", "Zitbanken"]


def test_the_confirmation_renders_no_card(client, city_cycle, district_resident):
    """Confirming needs the projects' costs, not their cards: a confirmation before anyone
    opened the ballot renders no card (it keeps the projects' pk, title and cost only)."""
    from django.core.cache import cache

    from participation.budgets import caching

    heading = city_cycle.headings.get()
    client.force_login(district_resident)
    session = client.session
    session[f"budgets:draft:{heading.pk}"] = ids(city_cycle, "Speeltuin", "Moestuin")
    session.save()
    cards_key = caching.key("ballot-cards", heading.pk, versions=caching.cycle_versions(city_cycle.pk))
    response = client.get(url(city_cycle, "budgets:ballot_confirm"))
    html = response.content.decode()
    assert "Speeltuin" in html and "70.000" in html, html[
        html.find("budget-figures") : html.find("budget-figures") + 600
    ]
    assert cache.get(cards_key) is None
    response = client.post(url(city_cycle, "budgets:ballot_confirm"))
    assert response.status_code == 302 and cache.get(cards_key) is None
    assert sorted(Ballot.objects.get(voter=district_resident).choices.values_list("proposal__title", flat=True)) == [
        "Moestuin",
        "Speeltuin",
    ]

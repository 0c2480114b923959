"""What residents and visitors see and do on the public pages, without JavaScript."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from participation.budgets import ballots, services
from participation.budgets.models import Ballot, Follow, Proposal

from .factories import CycleFactory, HeadingFactory, ProposalFactory, ThemeFactory, set_phase

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"[ \t\r\n]+", " ", response.content.decode())


def pk_of(cycle, title):
    return Proposal.objects.get(cycle=cycle, title=title).pk


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        ("announced", "Binnenkort"),
        ("proposals", "Dien je voorstel in"),
        ("review", "Haalbaarheidsonderzoek"),
        ("voting", "Je kunt stemmen tot"),
        ("results", "De stemmen worden geteld"),
        ("implementation", "Uitvoering van de gekozen projecten"),
    ],
)
def test_cycle_page_follows_the_active_phase(client, city_cycle, phase, expected):
    set_phase(city_cycle, phase)
    response = client.get(city_cycle.get_absolute_url())
    assert response.status_code == 200
    assert expected in text(response)
    assert text(response).count("<h1") == 1


def test_unpublished_cycle_is_hidden_from_residents(client, resident):
    cycle = CycleFactory(is_published=False)
    client.force_login(resident)
    assert client.get(cycle.get_absolute_url()).status_code == 404


def test_index_lists_published_cycles(client, city_cycle):
    CycleFactory(name="Geheim ontwerp", is_published=False)
    html = text(client.get(reverse("budgets:index")))
    assert "Burgerbudget Genk" in html
    assert "Geheim ontwerp" not in html


class TestProposing:
    def form_data(self, cycle, **extra):
        heading = cycle.headings.first()
        return {
            "heading": heading.pk,
            "title": "Petanquebaan aan het plein",
            "summary": "Een petanquebaan voor jong en oud.",
            "description": "Op het pleintje naast de kerk, met twee zitbanken.",
            "theme": cycle.themes.first().pk,
            "location": "Marktplein",
            "estimated_cost": "12500",
            **extra,
        }

    def test_resident_proposes_and_edits_until_the_phase_ends(self, client, city_cycle, district_resident):
        cycle = set_phase(city_cycle, "proposals")
        client.force_login(district_resident)
        url = reverse("budgets:propose", kwargs={"slug": cycle.slug})
        assert client.get(url).status_code == 200
        response = client.post(url, self.form_data(cycle))
        proposal = Proposal.objects.get(title="Petanquebaan aan het plein")
        assert response.status_code == 302 and response.url == proposal.get_absolute_url()
        assert proposal.author == district_resident and proposal.status == Proposal.Status.SUBMITTED
        assert Follow.objects.filter(cycle=cycle, user=district_resident).exists()
        page = text(client.get(proposal.get_absolute_url()))
        assert "Wijzigen" in page and "€\xa012.500" in page
        edit = reverse("budgets:proposal_edit", kwargs={"slug": cycle.slug, "pk": proposal.pk})
        response = client.post(edit, self.form_data(cycle, estimated_cost="15000"))
        assert response.status_code == 302
        proposal.refresh_from_db()
        assert proposal.estimated_cost == Decimal("15000")
        set_phase(cycle, "review")
        response = client.get(edit)
        assert response.status_code == 403
        assert "niet (meer) wijzigen" in text(response)

    def test_cost_outside_the_range_is_explained(self, client, city_cycle, district_resident):
        cycle = set_phase(city_cycle, "proposals")
        client.force_login(district_resident)
        response = client.post(
            reverse("budgets:propose", kwargs={"slug": cycle.slug}), self.form_data(cycle, estimated_cost="150000")
        )
        assert response.status_code == 200
        assert "Een project kost tussen" in text(response)
        assert "error-summary" in text(response)
        assert not Proposal.objects.filter(title="Petanquebaan aan het plein").exists()

    def test_visitor_is_sent_to_login_and_proposing_outside_the_phase_says_why(
        self, client, city_cycle, district_resident
    ):
        cycle = set_phase(city_cycle, "proposals")
        url = reverse("budgets:propose", kwargs={"slug": cycle.slug})
        assert client.get(url).status_code == 302
        set_phase(cycle, "voting")
        client.force_login(district_resident)
        response = client.get(url)
        assert response.status_code == 403
        assert "alleen in de fase" in text(response)

    def test_resident_without_neighbourhood_is_told_what_to_do(self, client, city_cycle, resident):
        set_phase(city_cycle, "proposals")
        client.force_login(resident)
        response = client.get(reverse("budgets:propose", kwargs={"slug": city_cycle.slug}))
        assert response.status_code == 403
        assert "in welke wijk je woont" in text(response)

    def test_author_withdraws(self, client, city_cycle, district_resident):
        cycle = set_phase(city_cycle, "proposals")
        proposal = ProposalFactory(heading=cycle.headings.get(), author=district_resident, status="submitted")
        client.force_login(district_resident)
        url = reverse("budgets:proposal_withdraw", kwargs={"slug": cycle.slug, "pk": proposal.pk})
        assert client.post(url).status_code == 302
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.WITHDRAWN
        client.logout()
        assert client.get(proposal.get_absolute_url()).status_code == 404


class TestProposalList:
    def test_filter_by_theme_and_search_and_paginate(self, client):
        cycle = CycleFactory(
            themes=[ThemeFactory(name="Klimaat", slug="klimaat"), ThemeFactory(name="Talent", slug="talent")]
        )
        heading = HeadingFactory(cycle=cycle)
        climate, talent = cycle.themes.order_by("name")
        for i in range(25):
            ProposalFactory(heading=heading, theme=climate, title=f"Boom {i:02d}")
        ProposalFactory(heading=heading, theme=talent, title="Huiswerkklas")
        url = reverse("budgets:proposals", kwargs={"slug": cycle.slug})
        html = text(client.get(url))
        assert "26 voorstellen" in html and "Pagina 1 van 2" in html
        html = text(client.get(url, {"theme": talent.pk}))
        assert "Huiswerkklas" in html and "Boom 01" not in html
        html = text(client.get(url, {"q": "boom", "order": "titel", "pagina": 2}))
        assert "Boom 24" in html and "Boom 00" not in html
        # Pagination keeps the filter.
        assert "q=boom" in text(client.get(url, {"q": "boom"}))

    def test_withdrawn_proposals_are_not_listed(self, client, city_cycle):
        ProposalFactory(heading=city_cycle.headings.get(), title="Ingetrokken idee", status="withdrawn")
        html = text(client.get(reverse("budgets:proposals", kwargs={"slug": city_cycle.slug})))
        assert "Ingetrokken idee" not in html and "Speeltuin" in html


class TestBallotPage:
    def url(self, cycle):
        return reverse("budgets:ballot", kwargs={"slug": cycle.slug, "heading": "heel-genk"})

    def test_vote_without_javascript_add_remove_confirm_change(self, client, city_cycle, district_resident):
        client.force_login(district_resident)
        url = self.url(city_cycle)
        html = text(client.get(url))
        assert "Nog over" in html and "€\xa0100.000" in html
        response = client.post(url, {"toevoegen": pk_of(city_cycle, "Speeltuin")})
        assert response.status_code == 302 and response.url.endswith(f"#project-{pk_of(city_cycle, 'Speeltuin')}")
        client.post(url, {"toevoegen": pk_of(city_cycle, "Fietsenstalling")})
        html = text(client.get(url))
        assert "Toegevoegd: Fietsenstalling" in html
        # € 90.000 chosen: € 10.000 left, so the € 20.000 and € 30.000 projects no longer fit.
        assert re.search(r'budget-remaining">\s*€\xa010.000', html)
        assert html.count("Past niet meer in wat er over is.") == 2
        html = text(client.get(url) if client.post(url, {"toevoegen": pk_of(city_cycle, "Moestuin")}) else None)
        assert "past niet meer in het budget" in html
        client.post(url, {"verwijderen": pk_of(city_cycle, "Fietsenstalling")})
        client.post(url, {"toevoegen": pk_of(city_cycle, "Moestuin")})
        assert not Ballot.objects.exists()  # nothing counts before confirming
        confirm = reverse("budgets:ballot_confirm", kwargs={"slug": city_cycle.slug, "heading": "heel-genk"})
        html = text(client.get(confirm))
        assert "Bevestig mijn stem" in html and "Speeltuin" in html and "Moestuin" in html
        response = client.post(confirm)
        assert response.status_code == 302
        ballot = Ballot.objects.get()
        assert ballot.total_cost == Decimal("70000")
        html = text(client.get(url))
        assert "Je stem is bevestigd op" in html
        # Change: remove one, the page says the change is not confirmed yet.
        client.post(url, {"verwijderen": pk_of(city_cycle, "Moestuin")})
        assert "nog niet bevestigd" in text(client.get(url))
        client.post(confirm)
        ballot.refresh_from_db()
        assert ballot.revision == 2 and ballot.total_cost == Decimal("40000")
        assert Ballot.objects.count() == 1

    def test_confirming_an_empty_ballot_explains(self, client, city_cycle, district_resident):
        client.force_login(district_resident)
        confirm = reverse("budgets:ballot_confirm", kwargs={"slug": city_cycle.slug, "heading": "heel-genk"})
        html = text(client.get(confirm))
        assert "Kies minstens 1 project" in html and "Bevestig mijn stem" not in html

    @pytest.mark.parametrize(
        ("persona", "status", "reason"),
        [
            ("too_young", 403, "minstens 14 jaar"),
            ("resident", 403, "in welke wijk je woont"),
            ("visitor", 302, None),
        ],
    )
    def test_who_may_not_vote_is_told_why(self, request, client, city_cycle, persona, status, reason):
        user = request.getfixturevalue(persona)
        if user.is_authenticated:
            client.force_login(user)
        response = client.get(self.url(city_cycle))
        assert response.status_code == status
        if reason:
            assert reason in text(response)

    def test_resident_of_another_district_cannot_open_the_ballot(self, client, district_cycle, other_district_resident):
        client.force_login(other_district_resident)
        response = client.get(reverse("budgets:ballot", kwargs={"slug": district_cycle.slug, "heading": "oost"}))
        assert response.status_code == 403
        assert "stadsdeel waar je woont" in text(response)
        assert (
            client.get(reverse("budgets:ballot", kwargs={"slug": district_cycle.slug, "heading": "west"})).status_code
            == 200
        )
        response = client.get(reverse("budgets:vote", kwargs={"slug": district_cycle.slug}))
        assert response.status_code == 302 and response.url.endswith("/stemmen/west/")

    def test_choose_n_ballot_shows_the_choices_left(self, client, district_resident):
        cycle = CycleFactory(voting_rule="choose_n", max_choices=2)
        heading = HeadingFactory(cycle=cycle, slug="heel-genk")
        first, *_ = [ProposalFactory(heading=heading) for _ in range(3)]
        cycle = set_phase(cycle, "voting")
        client.force_login(district_resident)
        url = self.url(cycle)
        client.post(url, {"toevoegen": first.pk})
        html = text(client.get(url))
        assert "1 van hoogstens 2 projecten gekozen" in html and "nog 1 kiezen" in html


class TestResults:
    def test_results_are_public_only_after_publication(
        self, client, city_cycle, district_resident, other_district_resident, civil_servant
    ):
        heading = city_cycle.headings.get()
        ballots.cast_ballot(district_resident, heading, [pk_of(city_cycle, "Speeltuin"), pk_of(city_cycle, "Moestuin")])
        ballots.cast_ballot(
            other_district_resident, heading, [pk_of(city_cycle, "Speeltuin"), pk_of(city_cycle, "Fietsenstalling")]
        )
        url = reverse("budgets:results", kwargs={"slug": city_cycle.slug})
        assert "De resultaten zijn nog niet bekend." in text(client.get(url))
        cycle = set_phase(city_cycle, "results")
        assert "De resultaten zijn nog niet bekend." in text(client.get(url))
        services.publish_results(cycle, civil_servant)
        html = text(client.get(url))
        assert "Speeltuin" in html and "gekozen" in html
        assert "0,2% van 1.000 stemgerechtigden" in html
        # Speeltuin 2 votes (40k); Moestuin and Fietsenstalling 1 vote each: the cheaper Moestuin (30k)
        # comes first and fits; Fietsenstalling (50k) no longer fits in the 30k left.
        selected = set(Proposal.objects.filter(status="selected").values_list("title", flat=True))
        assert selected == {"Speeltuin", "Moestuin"}
        assert Proposal.objects.get(title="Fietsenstalling").status == "not_selected"
        assert "past niet meer in het budget" in html
        data = client.get(reverse("budgets:results_export", kwargs={"slug": cycle.slug, "fmt": "json"})).json()
        speeltuin = next(p for p in data["headings"][0]["projects"] if p["title"] == "Speeltuin")
        assert speeltuin["votes"] == {"online": 2, "paper": 0, "total": 2} and speeltuin["selected"] is True
        assert data["headings"][0]["turnout_percent"] == "0.2"
        csv_text = client.get(
            reverse("budgets:results_export", kwargs={"slug": cycle.slug, "fmt": "csv"})
        ).content.decode()
        assert "Speeltuin" in csv_text.splitlines()[1]
        xlsx = client.get(reverse("budgets:results_export", kwargs={"slug": cycle.slug, "fmt": "xlsx"}))
        assert xlsx.content[:2] == b"PK"

    def test_project_page_shows_votes_and_implementation(self, client, city_cycle, district_resident, civil_servant):
        heading = city_cycle.headings.get()
        speeltuin = pk_of(city_cycle, "Speeltuin")
        ballots.cast_ballot(district_resident, heading, [speeltuin])
        cycle = set_phase(city_cycle, "results")
        services.publish_results(cycle, civil_servant)
        cycle = set_phase(cycle, "implementation")
        proposal = Proposal.objects.get(pk=speeltuin)
        proposal.cycle = cycle
        services.post_update(proposal, civil_servant, progress=40, text="De ondergrond is gelegd.")
        html = text(client.get(proposal.get_absolute_url()))
        assert "Dit project is gekozen." in html
        assert "De ondergrond is gelegd." in html and "40% klaar" in html
        assert "Uitvoering van de gekozen projecten" in text(client.get(cycle.get_absolute_url()))


def test_follow_and_unfollow(client, city_cycle, district_resident):
    client.force_login(district_resident)
    url = reverse("budgets:follow", kwargs={"slug": city_cycle.slug})
    client.post(url, {"remind_to_vote": "on"})
    assert Follow.objects.get(user=district_resident).remind_to_vote is True
    assert "Je volgt deze ronde." in text(client.get(city_cycle.get_absolute_url()))
    client.post(url, {"stop": "1"})
    assert not Follow.objects.exists()

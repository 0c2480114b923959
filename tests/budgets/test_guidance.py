"""Issue 16, first hour: results not yet published and voting that needs an identity are guidance
(a normal page that says when, or how), not a 403 "Geen toegang"."""

import datetime

import pytest
from django.urls import reverse

from genk.core.formats import long_date
from neighbourhoods.models import OpeningHours, Place
from participation.budgets.models import Cycle
from tests.neighbourhoods.factories import PlaceFactory

from .factories import set_phase


def text(response):
    return response.content.decode()


def test_results_not_yet_published_say_when_they_come(client, city_cycle):
    url = reverse("budgets:results", kwargs={"slug": city_cycle.slug})
    response = client.get(url)
    assert response.status_code == 200
    html = text(response)
    assert "De resultaten zijn nog niet bekend." in html
    assert long_date(city_cycle.voting_closes_at) in html
    assert long_date(city_cycle.phase("results").starts_at) in html
    cycle = set_phase(city_cycle, "results")  # voting closed, not yet published
    response = client.get(url)
    assert response.status_code == 200 and "We publiceren de resultaten vanaf" in text(response)
    assert long_date(cycle.phase("results").starts_at) in text(response)


@pytest.fixture
def service_centre(neighbourhood):
    centre = PlaceFactory(
        name="Dienstencentrum Oud-Winterslag", kind=Place.Kind.SERVICE_CENTRE, neighbourhood=neighbourhood
    )
    OpeningHours.objects.create(place=centre, weekday=0, opens=datetime.time(9), closes=datetime.time(12, 30))
    PlaceFactory(name="Bibliotheek", kind=Place.Kind.LIBRARY, neighbourhood=neighbourhood)
    return centre


def ballot_url(cycle):
    return reverse("budgets:ballot", kwargs={"slug": cycle.slug, "heading": "heel-genk"})


def test_without_eid_login_the_voter_is_sent_to_a_service_centre(
    client, paper_cycle, district_resident, service_centre
):
    client.force_login(district_resident)
    for url in (ballot_url(paper_cycle), reverse("budgets:vote", kwargs={"slug": paper_cycle.slug})):
        response = client.get(url)
        assert response.status_code == 200, url
        html = text(response)
        assert "Zo kun je stemmen" in html
        assert "bevestig je eerst wie je bent" in html
        assert "Dienstencentrum Oud-Winterslag" in html and "09:00–12:30" in html
        assert "Bibliotheek" not in html
        assert "Aanmelden met eID of itsme" not in html


def test_with_eid_login_configured_the_voter_gets_the_button(client, oidc, paper_cycle, district_resident):
    client.force_login(district_resident)
    response = client.get(ballot_url(paper_cycle))
    assert response.status_code == 200
    html = text(response)
    assert "Aanmelden met eID of itsme" in html
    assert "/vlaanderen/" in html


def test_a_round_requiring_a_verified_residence_guides_too(client, city_cycle, district_resident, service_centre):
    Cycle.objects.filter(pk=city_cycle.pk).update(require_verified_residence=True)
    client.force_login(district_resident)
    response = client.get(ballot_url(city_cycle))
    assert response.status_code == 200
    assert "woonplaats bevestigd" in text(response) and "Dienstencentrum Oud-Winterslag" in text(response)


def test_a_real_lack_of_permission_stays_a_403_that_says_why(client, district_cycle, other_district_resident):
    client.force_login(other_district_resident)
    heading = district_cycle.headings.exclude(district=other_district_resident.neighbourhood.district).get()
    response = client.get(reverse("budgets:ballot", kwargs={"slug": district_cycle.slug, "heading": heading.slug}))
    assert response.status_code == 403
    assert "stadsdeel waar je woont" in text(response)

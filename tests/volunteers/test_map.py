"""The opportunity page shows its wijk on the server-rendered map of Genk (neighbourhoods.maps),
with the place as a marker when it has a point; city-wide work shows no map."""

from decimal import Decimal

import pytest
from django.urls import reverse

from neighbourhoods.models import Neighbourhood
from neighbourhoods.services import load_example_districts, load_neighbourhoods

from .factories import OpportunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wijken(db):
    load_neighbourhoods()
    load_example_districts()


def test_the_wijk_is_marked_on_the_map(client, wijken, organisation, notice):
    wijk = Neighbourhood.objects.get(slug="oud-winterslag")
    opportunity = OpportunityFactory(organisation=organisation, neighbourhood=wijk)
    body = client.get(reverse("volunteers:detail", args=[opportunity.slug])).content.decode()
    assert "<svg" in body and "Op de kaart" in body
    assert 'aria-current="page"' in body and "/wijken/oud-winterslag/" in body
    assert "met Oud-Winterslag gemarkeerd" in body
    assert "neighbourhoods/map.css" in body


def test_the_place_is_a_marker(client, wijken, organisation, notice):
    from tests.neighbourhoods.factories import PlaceFactory

    wijk = Neighbourhood.objects.get(slug="oud-winterslag")
    place = PlaceFactory(
        name="Buurthuis (voorbeeld)", neighbourhood=wijk, latitude=Decimal("50.9740"), longitude=Decimal("5.4870")
    )
    opportunity = OpportunityFactory(organisation=organisation, place=place)
    body = client.get(reverse("volunteers:detail", args=[opportunity.slug])).content.decode()
    assert place.get_absolute_url() in body and "Kaart van Genk met Buurthuis (voorbeeld)" in body


def test_city_wide_work_has_no_map(client, wijken, organisation, notice):
    opportunity = OpportunityFactory(organisation=organisation)
    body = client.get(reverse("volunteers:detail", args=[opportunity.slug])).content.decode()
    assert "<svg" not in body and "Op de kaart" not in body

"""The whole-page cache for visitors on the public volunteer pages (genk.core.pagecache): a
visitor's second GET costs no query; a write to any table a page shows is on the next GET (free
places within FREE_PLACES_LAG seconds); signed-in people get their own page; unknown
parameters are not cached."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from genk.core import pagecache
from tests.buddies.factories import ProgrammeFactory
from tests.factories import NeighbourhoodFactory, UserFactory
from tests.neighbourhoods.factories import PlaceFactory
from volunteers import views
from volunteers.models import Opportunity, Shift, SignUp

from .factories import NoticeFactory, OpportunityFactory, ShiftFactory

pytestmark = pytest.mark.django_db
LIST = reverse("volunteers:list")
ORGANISATIONS = reverse("volunteers:organisations")
BUDDIES = reverse("buddies:index")


@pytest.fixture
def wijk():
    return NeighbourhoodFactory(name="Winterslag", slug="winterslag")


@pytest.fixture
def work(organisation, notice, wijk):
    place = PlaceFactory(name="Buurthuis De Kolonie", neighbourhood=wijk, step_free=False)
    opportunity = OpportunityFactory(
        organisation=organisation, title="Soepbedeling", neighbourhood=wijk, place=place, themes=["care"]
    )
    ShiftFactory(opportunity=opportunity, start=timezone.now() + timedelta(days=3), capacity=2)
    return opportunity


def cached(url, django_assert_num_queries):
    """The first visitor renders the page; a second one gets it without a query."""
    first = Client().get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second["X-Page-Cache"] == "hit"
    return second.text


def pages(work):
    return [
        LIST,
        LIST + "?wijk=winterslag&thema=care&q=soepbedeling&pagina=1",
        work.get_absolute_url(),
        ORGANISATIONS,
        reverse("volunteers:organisation", args=[work.organisation.slug]),
    ]


def test_a_visitors_second_get_costs_no_query(work, django_assert_num_queries):
    ProgrammeFactory(organisation=work.organisation, title="Taalmaatjes Winterslag")
    for url in pages(work):
        text = cached(url, django_assert_num_queries)
        assert "Soepbedeling" in text or (url == ORGANISATIONS and "Buurtwerk Sledderlo" in text)
    assert "Taalmaatjes Winterslag" in cached(BUDDIES, django_assert_num_queries)


def test_writes_to_what_the_list_shows_are_on_the_next_get(work, wijk, django_assert_num_queries):
    cached(LIST, django_assert_num_queries)
    Opportunity.objects.filter(pk=work.pk).update(title="Soep en babbel")  # a bulk write
    assert "Soep en babbel" in Client().get(LIST).text
    work.organisation.name = "Vzw De Kolonie"
    work.organisation.save()
    assert "Vzw De Kolonie" in Client().get(LIST).text
    wijk.name = "Winterslag-Centrum"
    wijk.save()
    assert "Winterslag-Centrum" in Client().get(LIST).text
    soon = timezone.now() + timedelta(days=1)
    ShiftFactory(opportunity=work, start=soon)
    with translation.override("nl"):
        shown = dateformat.format(timezone.localtime(soon), "j F Y, H:i")
    assert shown in Client().get(LIST).text
    step_free = LIST + "?toegankelijk=on"
    assert "Soep en babbel" not in Client().get(step_free).text
    work.place.step_free = True
    work.place.save()
    assert "Soep en babbel" in Client().get(step_free).text
    OpportunityFactory(title="Nieuwe vacature")
    assert "Nieuwe vacature" in Client().get(LIST).text


def test_writes_to_what_an_opportunitys_page_shows_are_on_the_next_get(work, django_assert_num_queries, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(pagecache, "_now", lambda: clock[0])
    url = work.get_absolute_url()
    assert "2 van 2" in cached(url, django_assert_num_queries)
    Opportunity.objects.filter(pk=work.pk).update(description="Soep voor de hele buurt.")
    assert "Soep voor de hele buurt." in Client().get(url).text
    work.place.name = "Buurthuis Kolonie"
    work.place.save()
    assert "Buurthuis Kolonie" in Client().get(url).text
    NoticeFactory(organisation=work.organisation, version=2)
    assert "versie 2" in Client().get(url).text
    Shift.objects.filter(opportunity=work).update(capacity=4)
    assert "4 van 4" in Client().get(url).text
    # Free places (sign-ups) may lag, at most FREE_PLACES_LAG seconds.
    shift = work.shifts.get()
    SignUp.objects.create(shift=shift, volunteer=UserFactory(), status="accepted")
    clock[0] += views.FREE_PLACES_LAG - 1
    assert "4 van 4" in Client().get(url).text
    clock[0] += 2
    assert "3 van 4" in Client().get(url).text


def test_writes_to_the_directory_and_the_profile_are_on_the_next_get(work, django_assert_num_queries):
    profile = reverse("volunteers:organisation", args=[work.organisation.slug])
    cached(ORGANISATIONS, django_assert_num_queries)
    cached(profile, django_assert_num_queries)
    work.organisation.name = "Vzw De Kolonie"
    work.organisation.save()
    assert "Vzw De Kolonie" in Client().get(ORGANISATIONS).text
    assert "Vzw De Kolonie" in Client().get(profile).text
    OpportunityFactory(organisation=work.organisation, title="Moestuin")
    assert "Moestuin" in Client().get(profile).text
    NoticeFactory(organisation=work.organisation, version=2)
    assert "versie 2" in Client().get(profile).text
    Opportunity.objects.filter(organisation=work.organisation).update(status=Opportunity.Status.CLOSED)
    assert "Vzw De Kolonie" not in Client().get(ORGANISATIONS).text


def test_the_buddy_programmes_follow_their_opportunity(organisation, notice, django_assert_num_queries):
    programme = ProgrammeFactory(organisation=organisation, title="Taalmaatjes Winterslag")
    assert "Taalmaatjes Winterslag" in cached(BUDDIES, django_assert_num_queries)
    Opportunity.objects.filter(pk=programme.pk).update(title="Taalmaatjes Waterschei")
    assert "Taalmaatjes Waterschei" in Client().get(BUDDIES).text


def test_signed_in_people_get_their_own_page(client, work, volunteer):
    for url in pages(work):
        Client().get(url)
        Client().get(url)
    client.force_login(volunteer)
    listing = client.get(LIST)
    assert "X-Page-Cache" not in listing and reverse("volunteers:mine") in listing.text
    SignUp.objects.create(shift=work.shifts.get(), volunteer=volunteer, status="accepted")
    detail = client.get(work.get_absolute_url())
    assert "X-Page-Cache" not in detail and "ingeschreven" in detail.text.lower()
    assert reverse("volunteers:mine") not in Client().get(LIST).text


def test_unknown_parameters_are_not_cached(work):
    for url in (LIST + "?utm_source=nieuwsbrief", ORGANISATIONS + "?x=1", work.get_absolute_url() + "?ref=mail"):
        Client().get(url)
        assert "X-Page-Cache" not in Client().get(url)

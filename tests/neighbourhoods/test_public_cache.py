"""The public pages of the wijken and places are kept for visitors (genk.core.pagecache.public_page):
a visitor's repeated page runs no query; a write to anything a page shows is on the next GET;
what changes by time alone (the team valid today, a coming activity that ends) retires the copy;
signed-in people get their own page; unknown parameters are not kept (real PostgreSQL, Redis)."""

import datetime
import time

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from neighbourhoods import caching
from neighbourhoods.areawork.models import Plan, WijkPhoto
from neighbourhoods.models import (
    District,
    Neighbourhood,
    OpeningException,
    OpeningHours,
    Partner,
    PartnerArea,
    PartnerPlace,
    Place,
    Room,
    TeamMembership,
)
from participation.budgets.models import Cycle
from participation.councils.models import Council
from tests.agenda.factories import ActivityFactory
from tests.areawork.factories import PlanFactory
from tests.budgets.factories import ProposalFactory
from tests.councils.factories import MeetingFactory
from tests.factories import (
    DepartmentFactory,
    DistrictFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    TeamMembershipFactory,
    UserFactory,
)
from tests.initiatives.factories import InitiativeFactory
from tests.public_pages import gone_after, kept, not_kept_with_unknown_parameter, shows_after
from tests.volunteers.factories import OpportunityFactory

from .factories import PartnerFactory, PlaceFactory, RoomFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wijk():
    district = DistrictFactory(name="Stadsdeel Noord", slug="noord")
    return NeighbourhoodFactory(name="Waterschei", slug="waterschei", code="TESTWS", district=district)


@pytest.fixture
def director(wijk):
    return TeamMembershipFactory(neighbourhood=wijk, user=UserFactory(display_name="An Wijkregie")).user


@pytest.fixture
def place(wijk):
    return PlaceFactory(neighbourhood=wijk, name="Buurthuis De Kolonie", slug="de-kolonie")


@pytest.fixture
def partner(wijk, place):
    partner = PartnerFactory(name="Welzijnsschakel")
    PartnerArea.objects.create(partner=partner, neighbourhood=wijk, role="zitdag")
    PartnerPlace.objects.create(partner=partner, place=place, role="onthaal")
    return partner


# The wijken, a stadsdeel.


def test_the_wijken_index_is_kept_and_shows_every_write(wijk, place, django_assert_num_queries):
    url = "/wijken/"
    assert "Waterschei" in kept(url, django_assert_num_queries)
    shows_after(url, lambda: NeighbourhoodFactory(name="Zwartberg", slug="zwartberg"), "Zwartberg")
    shows_after(url, lambda: District.objects.filter(slug="noord").update(name="Stadsdeel Oost"), "Stadsdeel Oost")
    shows_after(
        url,
        lambda: PlaceFactory(neighbourhood=wijk, name="Jeugdhuis Genk-Noord", latitude=50.965, longitude=5.495),
        "Jeugdhuis Genk-Noord",
    )
    not_kept_with_unknown_parameter(url)


def test_a_stadsdeel_page_is_kept_and_shows_every_write(wijk, django_assert_num_queries):
    url = wijk.district.get_absolute_url()
    assert "Waterschei" in kept(url, django_assert_num_queries)
    shows_after(url, lambda: District.objects.filter(slug="noord").update(description="Rond de mijn."), "Rond de mijn.")
    shows_after(
        url,
        lambda: NeighbourhoodFactory(name="Winterslag", slug="winterslag", district=wijk.district),
        "Winterslag",
    )
    not_kept_with_unknown_parameter(url)
    assert Client().get("/wijken/stadsdelen/onbekend/").status_code == 404


# A wijk page.


def _hub_writes(wijk, place, director, partner):
    """(what, the write, the text it puts on the wijk page) for each kind of data the page shows."""
    organisation = OrganisationFactory(name="Vzw Buurtleven")
    meeting_place = PlaceFactory(neighbourhood=wijk, name="Zaal Lyrique")
    return [
        ("wijk", lambda: Neighbourhood.objects.filter(pk=wijk.pk).update(description="Mijnwijk."), "Mijnwijk."),
        ("district", lambda: District.objects.filter(pk=wijk.district_id).update(name="Genk-Noord"), "Genk-Noord"),
        (
            "team",
            lambda: TeamMembershipFactory(
                neighbourhood=wijk, role=TeamMembership.Role.STREET_WORK, public_email="straathoek@genk.be"
            ),
            "straathoek@genk.be",
        ),
        ("public name", lambda: type(director).objects.filter(pk=director.pk).update(display_name="An V."), "An V."),
        ("place", lambda: PlaceFactory(neighbourhood=wijk, name="Bibliotheek Noord"), "Bibliotheek Noord"),
        ("partner", lambda: Partner.objects.filter(pk=partner.pk).update(name="CAW Limburg"), "CAW Limburg"),
        (
            "partner in the wijk",
            lambda: PartnerArea.objects.create(
                partner=PartnerFactory(name="Wijkpolitie"), neighbourhood=wijk, role="wijkagent"
            ),
            "Wijkpolitie",
        ),
        (
            "photo",
            lambda: WijkPhoto.objects.create(
                neighbourhood=wijk, image="wijken/plein.jpg", image_alt="Het plein", caption="Zomerfeest op het plein"
            ),
            "Zomerfeest op het plein",
        ),
        (
            "wijkplan",
            lambda: Plan.objects.filter(pk=PlanFactory(neighbourhood=wijk).pk).update(
                status=Plan.Status.PUBLISHED, published_at=timezone.now()
            ),
            "Het wijkplan",
        ),
        ("activity", lambda: ActivityFactory(neighbourhood=wijk, title="Buurtbarbecue"), "Buurtbarbecue"),
        (
            "initiative",
            lambda: InitiativeFactory(neighbourhood=wijk, published=True, title="Geveltuintjes"),
            "Geveltuintjes",
        ),
        (
            "volunteer opportunity",
            lambda: OpportunityFactory(neighbourhood=wijk, title="Voorlezer gezocht", organisation=organisation),
            "Voorlezer gezocht",
        ),
        (
            "its organisation",
            lambda: type(organisation).objects.filter(pk=organisation.pk).update(name="Vzw Samen Noord"),
            "Vzw Samen Noord",
        ),
        ("council meeting", lambda: MeetingFactory(place=meeting_place, title="Wijkoverleg"), "Wijkoverleg"),
        ("budget project", lambda: ProposalFactory(neighbourhood=wijk, title="Speelbos"), "Speelbos"),
        (
            "council",
            lambda: Council.objects.filter(meetings__title="Wijkoverleg").update(name="Raad voor Waterschei"),
            "Raad voor Waterschei",
        ),
    ]


def test_a_wijk_page_is_kept_and_every_kind_of_data_it_shows_appears_on_the_next_get(
    wijk, place, director, partner, django_assert_num_queries
):
    url = wijk.get_absolute_url()
    page = kept(url, django_assert_num_queries)
    assert "An Wijkregie" in page and "Buurthuis De Kolonie" in page and "Welzijnsschakel" in page
    for what, write, text in _hub_writes(wijk, place, director, partner):
        shows_after(url, write, text)
        assert Client().get(url)["X-Page-Cache"] == "hit", what
    gone_after(
        url,
        lambda: Cycle.objects.filter(proposals__title="Speelbos").update(is_published=False),
        "Speelbos",
    )
    not_kept_with_unknown_parameter(url)


def test_a_wijk_page_forgets_a_team_member_who_left_and_raw_sql(wijk, director, django_assert_num_queries):
    url = wijk.get_absolute_url()
    gone_after(url, lambda: TeamMembership.objects.filter(user=director).delete(), "An Wijkregie")
    with connection.cursor() as cursor:
        shows_after(
            url,
            lambda: cursor.execute(
                "UPDATE neighbourhoods_neighbourhood SET description = %s WHERE id = %s", ["Via SQL.", wijk.pk]
            ),
            "Via SQL.",
        )


def test_a_coming_activity_leaves_the_kept_wijk_page_when_it_ends(wijk):
    now = timezone.now()
    ActivityFactory(
        neighbourhood=wijk,
        title="Koffieklets",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(seconds=2.5),
    )
    url = wijk.get_absolute_url()
    assert "Koffieklets" in Client().get(url).text
    assert Client().get(url)["X-Page-Cache"] == "hit"
    time.sleep(3)
    after = Client().get(url)
    assert "Koffieklets" not in after.text and "X-Page-Cache" not in after


def test_pages_that_show_today_are_kept_until_midnight(wijk, place, monkeypatch):
    """The team valid today, today's opening hours, the agenda from today: at midnight the
    copies go (here midnight is made to come in 2 seconds)."""
    tomorrow = caching.tomorrow()
    assert tomorrow > timezone.now() >= tomorrow - datetime.timedelta(days=1)
    assert timezone.localtime(tomorrow).time() == datetime.time(0, 0)
    monkeypatch.setattr(caching, "tomorrow", lambda: timezone.now() + datetime.timedelta(seconds=2.5))
    urls = [wijk.get_absolute_url(), place.get_absolute_url(), "/agenda/"]
    for url in urls:
        Client().get(url)
        assert Client().get(url)["X-Page-Cache"] == "hit", url
    time.sleep(3)
    for url in urls:
        assert "X-Page-Cache" not in Client().get(url), url


def test_a_signed_in_resident_gets_their_own_wijk_page(client, wijk, director):
    url = wijk.get_absolute_url()
    Client().get(url)
    visitor = Client().get(url)
    assert visitor["X-Page-Cache"] == "hit" and "Meld je aan om deze wijk te volgen" in visitor.text
    client.force_login(UserFactory())
    page = client.get(url)
    assert "X-Page-Cache" not in page
    assert 'action="/wijken/waterschei/volgen/"' in page.text
    assert "Meld je aan om deze wijk te volgen" not in page.text


# Places.


def test_the_places_directory_is_kept_per_filter_and_shows_every_write(wijk, place, django_assert_num_queries):
    url = "/plekken/"
    assert "Buurthuis De Kolonie" in kept(url, django_assert_num_queries)
    filtered = f"/plekken/?wijk={wijk.slug}&soort=community_centre&drempelvrij=on"
    assert "Buurthuis De Kolonie" not in kept(filtered, django_assert_num_queries)  # not step-free
    shows_after(filtered, lambda: Place.objects.filter(pk=place.pk).update(step_free=True), "Buurthuis De Kolonie")
    shows_after(url, lambda: PlaceFactory(neighbourhood=wijk, name="Park Noord"), "Park Noord")
    shows_after(
        url, lambda: Neighbourhood.objects.filter(pk=wijk.pk).update(name="Waterschei-Centrum"), "Waterschei-Centrum"
    )
    kept("/plekken/?pagina=2", django_assert_num_queries)
    not_kept_with_unknown_parameter(url)


def test_the_places_directory_gives_a_signed_in_person_their_bookings_link(client, place):
    Client().get("/plekken/")
    client.force_login(UserFactory())
    page = client.get("/plekken/")
    assert "X-Page-Cache" not in page and "Mijn reservaties" in page.text
    assert "Mijn reservaties" not in Client().get("/plekken/").text


def _place_writes(wijk, place, partner):
    department = DepartmentFactory(name="Dienst Welzijn", slug="welzijn")
    member = TeamMembershipFactory(
        neighbourhood=wijk, role=TeamMembership.Role.COMMUNITY_WORK, user=UserFactory(display_name="Bram Buurtwerk")
    )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return [
        ("place", lambda: Place.objects.filter(pk=place.pk).update(phone="089 65 00 00"), "089 65 00 00"),
        ("wijk", lambda: Neighbourhood.objects.filter(pk=wijk.pk).update(name="Waterschei-Zuid"), "Waterschei-Zuid"),
        ("department", lambda: Place.objects.filter(pk=place.pk).update(department=department), "Dienst Welzijn"),
        (
            "department name",
            lambda: type(department).objects.filter(pk=department.pk).update(name="Welzijnsdienst Genk"),
            "Welzijnsdienst Genk",
        ),
        (
            "hours",
            lambda: OpeningHours.objects.create(
                place=place, weekday=0, opens=datetime.time(9, 15), closes=datetime.time(11, 45)
            ),
            "11:45",
        ),
        (
            "exception",
            lambda: OpeningException.objects.create(place=place, date=tomorrow, closed=True, reason="Kermis"),
            "Kermis",
        ),
        ("room", lambda: RoomFactory(place=place, name="Polyvalente zaal"), "Polyvalente zaal"),
        ("partner", lambda: Partner.objects.filter(pk=partner.pk).update(name="CAW Limburg"), "CAW Limburg"),
        (
            "partner at the place",
            lambda: PartnerPlace.objects.create(partner=PartnerFactory(name="Kind en Gezin"), place=place),
            "Kind en Gezin",
        ),
        ("team at the place", lambda: place.team.add(member), "Bram Buurtwerk"),
        (
            "public name",
            lambda: type(member.user).objects.filter(pk=member.user_id).update(display_name="Bram B."),
            "Bram B.",
        ),
        (
            "team member's phone",
            lambda: TeamMembership.objects.filter(pk=member.pk).update(public_phone="0470 11 22 33"),
            "0470 11 22 33",
        ),
        ("activity", lambda: ActivityFactory(place=place, title="Repair café"), "Repair café"),
    ]


def test_a_place_page_is_kept_and_every_kind_of_data_it_shows_appears_on_the_next_get(
    wijk, place, partner, django_assert_num_queries
):
    url = place.get_absolute_url()
    assert "Welzijnsschakel" in kept(url, django_assert_num_queries)
    for what, write, text in _place_writes(wijk, place, partner):
        shows_after(url, write, text)
        assert Client().get(url)["X-Page-Cache"] == "hit", what
    gone_after(url, lambda: Room.objects.filter(place=place).delete(), "Polyvalente zaal")
    not_kept_with_unknown_parameter(url)
    assert Client().get("/plekken/onbekend/").status_code == 404


def test_a_coming_activity_leaves_the_kept_place_page_when_it_ends(place):
    now = timezone.now()
    ActivityFactory(
        place=place,
        title="Zumba",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(seconds=2.5),
    )
    url = place.get_absolute_url()
    assert "Zumba" in Client().get(url).text
    assert Client().get(url)["X-Page-Cache"] == "hit"
    time.sleep(3)
    assert "Zumba" not in Client().get(url).text

"""The home page is kept for visitors (genk.core.pagecache.public_page) under the versions of the
tables the apps name where they register their latest activity (genk.core.portal): a visitor's
repeated home page runs no query; what any app publishes is on the next GET; what appears or
goes by time alone (a phase that starts, a survey that opens) retires the copy at that moment;
a provider that names no tables keeps the page from being kept (real PostgreSQL, Redis)."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from genk.accounts.models import Organisation
from genk.core import portal, views
from neighbourhoods.models import District, Neighbourhood
from participation.budgets.models import Cycle, Phase
from participation.councils.models import Council, Meeting, Minutes
from participation.surveys.models import Survey
from tests.budgets.factories import CycleFactory
from tests.councils.factories import AdviceFactory, MeetingFactory, MinutesFactory
from tests.factories import CouncilFactory, DistrictFactory, NeighbourhoodFactory, UserFactory
from tests.initiatives.factories import InitiativeFactory
from tests.neighbourhoods.factories import square
from tests.public_pages import kept, not_kept_with_unknown_parameter, shows_after
from tests.surveys.factories import SurveyFactory
from tests.volunteers.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return NeighbourhoodFactory(
        name="Bokrijk", slug="bokrijk", district=DistrictFactory(name="Oost", slug="oost"), boundary=square()
    )


def test_every_app_names_the_tables_of_its_latest_activity():
    tables = portal.activity_tables()
    assert tables is not None
    for model in (Meeting, Minutes, Council, Phase, Cycle, Survey, District, Organisation):
        assert model in tables, model


def test_the_home_page_is_kept_and_what_every_app_publishes_is_on_the_next_get(city, django_assert_num_queries):
    kept("/", django_assert_num_queries)
    opportunity = OpportunityFactory(title="Voorlezer gezocht")
    council = CouncilFactory(name="Seniorenraad")
    meeting = MeetingFactory(council=council, title="Voorjaarsvergadering")
    survey_district = DistrictFactory(name="Zuid", slug="zuid")
    cycle = CycleFactory(name="Wijkbudget 2027")
    writes = [
        ("initiative", lambda: InitiativeFactory(published=True, title="Geveltuintjes"), "Geveltuintjes"),
        ("volunteers", lambda: OpportunityFactory(title="Kookouder gezocht"), "Kookouder gezocht"),
        (
            "organisation",
            lambda: Organisation.objects.filter(pk=opportunity.organisation_id).update(name="Vzw Taalbad"),
            "Vzw Taalbad",
        ),
        ("advice", lambda: AdviceFactory(council=council, sent=True, title="Veilige fietspaden"), "Veilige fietspaden"),
        (
            "council",
            lambda: Council.objects.filter(pk=council.pk).update(name="Raad van senioren"),
            "Raad van senioren",
        ),
        (
            "minutes",
            lambda: (
                MinutesFactory(meeting=meeting, published_at=timezone.now()),
                Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PUBLISHED),
            ),
            "Verslag gepubliceerd",
        ),
        (
            "survey",
            lambda: SurveyFactory(title="Hoe groen is je straat?", audience_district=survey_district),
            "Hoe groen is je straat?",
        ),
        ("its district", lambda: District.objects.filter(pk=survey_district.pk).update(name="Genk-Zuid"), "Genk-Zuid"),
        (
            "budget phase",
            lambda: Phase.objects.create(cycle=cycle, kind="proposals", starts_at=timezone.now() - timedelta(hours=1)),
            "Wijkbudget 2027",
        ),
        ("budget cycle", lambda: Cycle.objects.filter(pk=cycle.pk).update(name="Stadsbudget 2027"), "Stadsbudget 2027"),
        # The map: a wijk and its stadsdeel, also written in bulk.
        ("wijk", lambda: Neighbourhood.objects.filter(slug="bokrijk").update(name="Bokrijk-Park"), "Bokrijk-Park"),
        ("district", lambda: District.objects.filter(slug="oost").update(name="Genk-Oost"), "Genk-Oost"),
    ]
    for what, write, text in writes:
        shows_after("/", write, text)
        assert Client().get("/")["X-Page-Cache"] == "hit", what
    not_kept_with_unknown_parameter("/")


def test_what_appears_by_time_alone_retires_the_kept_home_page(city):
    SurveyFactory(title="Hoe groen is je straat?", opens_at=timezone.now() + timedelta(seconds=2.5))
    assert "Hoe groen is je straat?" not in Client().get("/").text
    assert Client().get("/")["X-Page-Cache"] == "hit"
    time.sleep(3)
    page = Client().get("/")
    assert "X-Page-Cache" not in page and "Hoe groen is je straat?" in page.text


def test_a_signed_in_person_gets_their_own_home_page(client, city):
    Client().get("/")
    assert "Maak een account" in Client().get("/").text
    client.force_login(UserFactory())
    page = client.get("/")
    assert "X-Page-Cache" not in page and "Maak een account" not in page.text


def test_a_provider_that_names_no_tables_keeps_the_home_page_from_being_kept(city, monkeypatch):
    def news(limit):
        return [portal.ActivityItem(kind="Nieuws", title="Nieuwe bib open", url="/bib/", when=timezone.now())]

    monkeypatch.setattr(portal, "_activity", [*portal._activity, news])
    views._home_page.cache_clear()
    try:
        for _ in range(2):
            page = Client().get("/")
            assert "Nieuwe bib open" in page.text and "X-Page-Cache" not in page
    finally:
        views._home_page.cache_clear()

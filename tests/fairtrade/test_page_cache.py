"""FairTrade's public pages kept whole for visitors (genk.core.pagecache): the progress overview,
the directory of points (with its filters) and a point's page. A visitor's second GET runs no
query; a write to anything shown shows on the next GET; the free places of the coming
activities within a minute; signed-in people get their own page; an unknown parameter is not
cached (real PostgreSQL and Redis)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from genk.core import pagecache
from tests.agenda.factories import ActivityFactory, RegistrationFactory
from tests.public_pages import fresh, kept
from worldcitizenship.caching import REGISTRATION_LAG
from worldcitizenship.fairtrade.models import Criterion, Evidence, Point, Progress, SteeringMeeting, SteeringMember
from worldcitizenship.fairtrade.services import progress_for

from .factories import PointFactory

pytestmark = pytest.mark.django_db

OVERVIEW = "/wereldburgerschap/fairtrade/"
DIRECTORY = "/wereldburgerschap/fairtrade/punten/"


@pytest.fixture
def point(criteria, wijk):
    return PointFactory(name="Wereldwinkel Genk", neighbourhood=wijk)


def test_the_overview_shows_every_write_on_the_next_get(point, django_assert_num_queries):
    year = timezone.localdate().year
    rows = progress_for(year)
    kept(OVERVIEW, django_assert_num_queries)
    writes = [
        (lambda: Progress.objects.filter(pk=rows[0].pk).update(status=Progress.Status.MET), "1 van de"),
        (
            lambda: Evidence.objects.create(
                progress=rows[1], kind="link", title="Raadsbesluit fairtrade", url="https://www.genk.be/"
            ),
            "Raadsbesluit fairtrade",
        ),
        (lambda: Criterion.objects.filter(number=1).update(title="Het stadsbestuur koopt eerlijk"), "koopt eerlijk"),
        (lambda: SteeringMember.objects.create(name="Lies Janssens", role="Voorzitter"), "Lies Janssens"),
        (lambda: SteeringMeeting.objects.create(date=timezone.localdate(), place="Stadhuis C-mine"), "Stadhuis C-mine"),
        (lambda: ActivityFactory(title="Fairtrade-ontbijt", programme="fairtrade"), "Fairtrade-ontbijt"),
    ]
    for write, shown in writes:
        write()
        assert shown in fresh(OVERVIEW), shown
        kept(OVERVIEW, django_assert_num_queries)
    # An approved point counts towards the criteria for shops at once.
    before = fresh_counts = Client().get(OVERVIEW).content.decode()
    PointFactory(name="Koffiebar De Bron", neighbourhood=point.neighbourhood, kind="shop")
    fresh_counts = fresh(OVERVIEW)
    assert fresh_counts != before


def test_the_overview_of_another_year_is_its_own_copy(point, django_assert_num_queries):
    year = timezone.localdate().year
    progress_for(year - 1)
    SteeringMeeting.objects.create(date=timezone.localdate().replace(year=year - 1), place="Vorig jaar, Stadhuis")
    assert "Vorig jaar, Stadhuis" in kept(f"{OVERVIEW}?jaar={year - 1}", django_assert_num_queries)
    assert "Vorig jaar, Stadhuis" not in kept(OVERVIEW, django_assert_num_queries)


def test_free_places_on_the_overview_lag_at_most_a_minute(point, monkeypatch, django_assert_num_queries):
    breakfast = ActivityFactory(title="Fairtrade-ontbijt", programme="fairtrade", capacity=1)
    assert "volzet" not in kept(OVERVIEW, django_assert_num_queries)
    RegistrationFactory(activity=breakfast)
    assert "volzet" not in Client().get(OVERVIEW).content.decode()  # the copy, within the lag
    now = pagecache._now()
    monkeypatch.setattr(pagecache, "_now", lambda: now + REGISTRATION_LAG + 1)
    assert "volzet" in fresh(OVERVIEW)


def test_the_overview_is_kept_until_midnight_or_the_first_coming_activity_ends(point):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from worldcitizenship.caching import next_midnight
    from worldcitizenship.fairtrade import views

    request = RequestFactory().get(OVERVIEW)
    request.user = AnonymousUser()
    assert views.overview.__wrapped__(request)._pagecache_until == next_midnight()
    soon = timezone.now() + timedelta(minutes=5)
    ActivityFactory(programme="fairtrade", starts_at=timezone.now() - timedelta(hours=1), ends_at=soon)
    request = RequestFactory().get(OVERVIEW)
    request.user = AnonymousUser()
    assert views.overview.__wrapped__(request)._pagecache_until == min(soon, next_midnight())


def test_signed_in_people_get_their_own_overview(client, point, resident, django_assert_num_queries):
    assert 'name="how"' not in kept(OVERVIEW, django_assert_num_queries)
    client.force_login(resident)
    response = client.get(OVERVIEW)
    assert "X-Page-Cache" not in response and 'name="how"' in response.content.decode()  # the follow form


@pytest.mark.parametrize("url", [DIRECTORY, f"{DIRECTORY}?soort=shop&wijk=ft-wijk", f"{DIRECTORY}?pagina=1"])
def test_the_directory_shows_every_write_on_the_next_get(url, point, other_wijk, django_assert_num_queries):
    assert "Wereldwinkel Genk" in kept(url, django_assert_num_queries)
    PointFactory(name="Fairtradecafé Zuid", neighbourhood=point.neighbourhood)
    assert "Fairtradecafé Zuid" in fresh(url)
    kept(url, django_assert_num_queries)
    type(point.neighbourhood).objects.filter(pk=point.neighbourhood_id).update(name="Winterslag-Oost")
    assert "Winterslag-Oost" in fresh(url)
    kept(url, django_assert_num_queries)
    Point.objects.filter(pk=point.pk).update(status=Point.Status.WITHDRAWN)
    assert "Wereldwinkel Genk" not in fresh(url)


def test_the_directory_does_not_keep_an_unknown_parameter(point):
    url = f"{DIRECTORY}?soort=shop&q=koffie"
    Client().get(url)
    assert "X-Page-Cache" not in Client().get(url)


def test_a_points_page_shows_every_write_on_the_next_get(point, django_assert_num_queries):
    url = point.get_absolute_url()
    assert "Wereldwinkel Genk" in kept(url, django_assert_num_queries)
    Point.objects.filter(pk=point.pk).update(offer="Koffie, thee en bananen.")
    assert "Koffie, thee en bananen." in fresh(url)
    kept(url, django_assert_num_queries)
    type(point.neighbourhood).objects.filter(pk=point.neighbourhood_id).update(name="Winterslag-Oost")
    assert "Winterslag-Oost" in fresh(url)
    Point.objects.filter(pk=point.pk).update(status=Point.Status.WITHDRAWN)
    assert Client().get(url).status_code == 404


def test_the_applicant_gets_their_own_point_page(client, point, django_assert_num_queries):
    url = point.get_absolute_url()
    assert "intrekken" not in kept(url, django_assert_num_queries)
    client.force_login(point.applicant)
    response = client.get(url)
    assert "X-Page-Cache" not in response and "/intrekken/" in response.content.decode()

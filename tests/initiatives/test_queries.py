"""Query counts stay constant with few and many rows (list, detail, staff queue, feed)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Comment, Initiative, Support, Update
from tests.factories import NeighbourhoodFactory, UserFactory

from .factories import ThemeFactory, in_state

pytestmark = pytest.mark.django_db
S = Initiative.Status


@pytest.fixture
def people(db):
    hood = NeighbourhoodFactory()
    return [UserFactory(neighbourhood=hood) for _ in range(40)]


def populate(count, people, *, supports=3, comments=2):
    themes = [ThemeFactory(name=f"Thema {n}", slug=f"q-thema-{n}") for n in range(3)]
    initiatives = []
    for n in range(count):
        initiative = in_state(S.COLLECTING if n % 3 else S.ANSWERED, title=f"Initiatief {n}")
        initiative.themes.set(themes[: 1 + n % 3])
        initiatives.append(initiative)
    Support.objects.bulk_create(
        [Support(initiative=i, user=p) for i in initiatives for p in people[:supports]], ignore_conflicts=True
    )
    Comment.objects.bulk_create(
        [
            Comment(initiative=i, author=people[n % len(people)], body="Goed idee!")
            for i in initiatives
            for n in range(comments)
        ]
    )
    Update.objects.bulk_create(
        [Update(initiative=i, author=i.created_by, title="Nieuws", body="Tekst") for i in initiatives]
    )
    return initiatives


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("signed_in", [False, True])
def test_list_query_count_is_constant(client, people, signed_in, django_assert_num_queries):
    if signed_in:
        client.force_login(people[0])
    populate(5, people)
    urls = [
        "/initiatieven/",
        "/initiatieven/?sorteer=meeste-steun&hulp=venue",
        "/initiatieven/?q=initiatief&thema=q-thema-0",
    ]
    few = {url: queries(client, url) for url in urls}
    populate(195, people)
    cache.clear()  # the filter form's HTML is cached: measure the uncached page again
    for url in urls:
        with django_assert_num_queries(few[url]):
            client.get(url)
    # Once cached, the filter form costs no query for its choices (wijken, stadsdelen, themes).
    for url in urls:
        assert queries(client, url) < few[url]


@pytest.mark.parametrize("signed_in", [False, True])
def test_detail_query_count_is_constant(client, people, signed_in, django_assert_num_queries):
    if signed_in:
        client.force_login(people[-1])
    small = populate(1, people, supports=5, comments=1)[0]
    few = queries(client, small.get_absolute_url())
    big = populate(1, people, supports=40, comments=29)[0]
    extra_supporters = [UserFactory() for _ in range(160)]
    Support.objects.bulk_create([Support(initiative=big, user=p) for p in extra_supporters])
    Update.objects.bulk_create(
        [Update(initiative=big, author=big.created_by, title=f"Nieuws {n}", body="x") for n in range(10)]
    )
    with django_assert_num_queries(few):
        response = client.get(big.get_absolute_url())
    assert response.status_code == 200


def test_staff_queue_and_feed_query_counts_are_constant(client, moderator, people, django_assert_num_queries):
    client.force_login(moderator)
    for n in range(3):
        in_state(S.SUBMITTED, title=f"Ingediend {n}", handler=moderator)
    populate(5, people)
    few_queue = queries(client, "/beheer/initiatieven/?lijst=alle")
    few_feed = queries(client, "/initiatieven/feed/")
    for n in range(60):
        in_state(S.SUBMITTED, title=f"Nog {n}", handler=moderator)
    populate(60, people)
    with django_assert_num_queries(few_queue):
        client.get("/beheer/initiatieven/?lijst=alle")
    with django_assert_num_queries(few_feed):
        client.get("/initiatieven/feed/")


def test_the_newest_first_page_can_be_read_from_an_index():
    """The default order of the list is served by the partial index `initiative_newest`, so the
    first page does not sort every published initiative (see bench/README.md for the figures)."""
    for _ in range(3):
        in_state(Initiative.Status.COLLECTING)
    queryset = Initiative.objects.listed().newest()[:12]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a handful of rows: make the planner show its index choice
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "initiative_newest" in plan, plan


def test_the_cached_filter_form_keeps_each_filters_values_and_follows_new_themes(client):
    NeighbourhoodFactory(name="Zwartberg-Noord", slug="zwartberg-noord")
    NeighbourhoodFactory(name="Winterslag 1", slug="winterslag-1")
    first = client.get("/initiatieven/?wijk=zwartberg-noord").content.decode()
    assert '<option value="zwartberg-noord" selected>' in first
    second = client.get("/initiatieven/?wijk=winterslag-1").content.decode()
    assert '<option value="winterslag-1" selected>' in second
    assert '<option value="zwartberg-noord" selected>' not in second
    again = client.get("/initiatieven/?wijk=zwartberg-noord").content.decode()
    assert '<option value="zwartberg-noord" selected>' in again
    ThemeFactory(name="Nachtleven", slug="nachtleven")  # staff add a theme: the filter offers it at once
    assert "Nachtleven" in client.get("/initiatieven/?wijk=zwartberg-noord").content.decode()
    # A form with errors is never served from (nor stored in) the cache: its errors show.
    assert "Er is iets niet in orde" in client.get("/initiatieven/?sorteer=willekeurig").content.decode()
    assert "Er is iets niet in orde" in client.get("/initiatieven/?sorteer=willekeurig").content.decode()
    assert "Er is iets niet in orde" not in client.get("/initiatieven/?sorteer=nieuwste").content.decode()

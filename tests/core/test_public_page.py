"""genk.core.pagecache.public_page: a visitor's second request costs no query; any write to a
table the page shows — a save, a bulk update, raw SQL, in this or another transaction —
shows on the next request; lagging tables within their bound; signed-in people, unknown
parameters, messages and pages that say so are never served a copy; the CSRF token is each
visitor's own (real Redis, real PostgreSQL)."""

import re
import threading

import pytest
from django.db import connection, transaction
from django.test import Client

from genk.core import pagecache
from neighbourhoods.models import District, Neighbourhood
from tests.core import public_page_urls
from tests.factories import NeighbourhoodFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.public_page_urls")]
URL = "/test/wijken/"


@pytest.fixture
def wijk():
    public_page_urls.RENDERS.clear()
    return NeighbourhoodFactory(name="Bokrijk")


def test_a_visitors_second_request_is_served_from_the_copy_without_a_query(client, wijk, django_assert_num_queries):
    first = client.get(URL)
    assert first.status_code == 200 and "Bokrijk" in first.text
    with django_assert_num_queries(0):
        second = Client().get(URL)
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.text.replace(_token(second), "") == first.text.replace(_token(first), "")
    assert public_page_urls.RENDERS == [URL]


def test_a_save_a_bulk_update_and_raw_sql_show_on_the_next_request(client, wijk):
    client.get(URL)
    wijk.name = "Bokrijk-Kolderbos"
    wijk.save()
    assert "Bokrijk-Kolderbos" in Client().get(URL).text
    Neighbourhood.objects.filter(pk=wijk.pk).update(name="Kolderbos")
    assert "Kolderbos" in Client().get(URL).text and "Bokrijk" not in Client().get(URL).text
    with connection.cursor() as cursor:
        cursor.execute("UPDATE neighbourhoods_neighbourhood SET name = %s WHERE id = %s", ["Winterslag", wijk.pk])
    assert "Winterslag" in Client().get(URL).text
    NeighbourhoodFactory(name="Waterschei")
    assert "Waterschei" in Client().get(URL).text
    Neighbourhood.objects.filter(name="Waterschei").delete()
    assert "Waterschei" not in Client().get(URL).text
    assert len(public_page_urls.RENDERS) == 6  # the second GET after the update was a copy


@pytest.mark.django_db(transaction=True)
def test_a_table_this_process_does_not_watch_moves_once_when_the_transaction_commits(monkeypatch):
    """Every table written moves on commit (another process's pages may show it), once per transaction."""
    # Pages of this process may watch accounts_user (people's names, with a lag): not here.
    monkeypatch.setattr(pagecache, "_watched", pagecache._watched - {"table:accounts_user"})
    before = pagecache.tokens("table:accounts_user")
    with transaction.atomic():
        UserFactory()
        UserFactory()
        assert pagecache.tokens("table:accounts_user") == before  # not watched here: on commit
        assert sum(isinstance(entry[1], pagecache._Pending) for entry in connection.run_on_commit) == 1
    assert pagecache.tokens("table:accounts_user") != before


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_does_not_lose_the_later_writes():
    before = pagecache.tokens("table:accounts_user")
    with transaction.atomic():
        try:
            with transaction.atomic():
                UserFactory()
                raise RuntimeError
        except RuntimeError:
            pass
        UserFactory()
    assert pagecache.tokens("table:accounts_user") != before


def test_which_tables_a_statement_writes():
    assert pagecache.written_tables('INSERT INTO "agenda_activity" ("title") VALUES (%s)') == {"agenda_activity"}
    assert pagecache.written_tables('UPDATE "agenda_activity" SET "title" = %s') == {"agenda_activity"}
    assert pagecache.written_tables('DELETE FROM "agenda_activity" WHERE id = 1') == {"agenda_activity"}
    assert pagecache.written_tables("insert into public.dashboards_dailyfigure (a) values (1)") == {
        "dashboards_dailyfigure"
    }
    assert pagecache.written_tables('TRUNCATE "a_b", "c_d" RESTART IDENTITY CASCADE;') == {"a_b", "c_d"}
    assert pagecache.written_tables('SELECT * FROM "agenda_activity"') == set()
    assert pagecache.written_tables('WITH x AS (SELECT 1) SELECT * FROM "x"') == set()


def test_a_lagging_table_shows_within_its_bound(client, wijk, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(pagecache, "_now", lambda: clock[0])
    assert "Stadsdelen met wijken: 1" in client.get(URL).text
    District.objects.create(name="Leeg", slug="leeg")
    Neighbourhood.objects.filter(pk=wijk.pk).update(district=District.objects.get(slug="leeg"))
    # The wijk table moved (exact): rendered afresh at once.
    assert "(Leeg)" in Client().get(URL).text
    renders = len(public_page_urls.RENDERS)
    District.objects.filter(slug="leeg").update(name="Leeg stadsdeel")  # a lagging table only
    clock[0] += 29
    assert "(Leeg)" in Client().get(URL).text  # within the 30 s bound
    assert len(public_page_urls.RENDERS) == renders
    clock[0] += 2
    assert "(Leeg stadsdeel)" in Client().get(URL).text
    assert len(public_page_urls.RENDERS) == renders + 1


def test_signed_in_people_unknown_parameters_and_messages_get_a_fresh_page(client, wijk):
    Client().get(URL)
    user = UserFactory(email="jos@example.org")
    client.force_login(user)
    page = client.get(URL)
    assert "Aangemeld als jos@example.org" in page.text and "X-Page-Cache" not in page
    assert "Aangemeld als" not in Client().get(URL).text
    visitor = Client()
    for _ in range(2):
        assert "X-Page-Cache" not in visitor.get(URL + "?utm_source=nieuwsbrief")
        assert "X-Page-Cache" not in visitor.get(URL + "?q=" + "b" * 400)
    followed = visitor.get("/test/bericht/", follow=True)
    assert "Opgeslagen." in followed.text and "X-Page-Cache" not in followed
    assert visitor.get(URL)["X-Page-Cache"] == "hit"  # the message was shown once


def test_a_page_that_says_so_is_not_kept(client, wijk):
    for query in ("?q=verleden", "?q=niet"):
        client.get(URL + query)
        assert "X-Page-Cache" not in Client().get(URL + query)
    client.get(URL + "?q=bok")
    assert Client().get(URL + "?q=bok")["X-Page-Cache"] == "hit"


def test_every_visitor_gets_a_csrf_token_that_works(wijk):
    Client().get(URL)
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(URL)
    assert page["X-Page-Cache"] == "hit"
    other = Client().get(URL)
    assert _token(page) != _token(other)
    answer = visitor.post("/taal/", {"language": "en", "next": "/", "csrfmiddlewaretoken": _token(page)})
    assert answer.status_code == 302
    stranger = Client(enforce_csrf_checks=True)
    assert stranger.post("/taal/", {"language": "en", "csrfmiddlewaretoken": _token(page)}).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_a_copy_rendered_before_another_transaction_commits_is_retired_by_the_commit():
    public_page_urls.RENDERS.clear()
    wijk = NeighbourhoodFactory(name="Sledderlo")
    written, rendered = threading.Event(), threading.Event()

    def writer():
        with transaction.atomic():
            Neighbourhood.objects.filter(pk=wijk.pk).update(name="Sledderlo-Oost")
            written.set()
            rendered.wait(10)
        connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    written.wait(10)
    assert "Sledderlo<" in Client().get(URL).text.replace(" (", "<")  # the committed data, kept
    rendered.set()
    thread.join()
    assert "Sledderlo-Oost" in Client().get(URL).text


def _token(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)

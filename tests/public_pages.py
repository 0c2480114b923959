"""Checks for a page kept whole for visitors (genk.core.pagecache.public_page), shared by the
apps' tests: the second visitor's GET is a copy without a query, a write to any table the page
shows retires it, signed-in people and unknown parameters always get a fresh page."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def visit(url, client=None):
    """A GET by a visitor (a new client unless given): the response and its query count."""
    with CaptureQueriesContext(connection) as ctx:
        response = (client or Client()).get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response, len(ctx)


def is_copy(response) -> bool:
    return response.get("X-Page-Cache") == "hit"


def assert_kept(url):
    """The first visitor renders the page, the second gets the copy without a query."""
    visit(url)
    response, queries = visit(url)
    assert is_copy(response) and queries == 0, (url, queries)
    return response


def kept(url, assert_num_queries=None) -> str:
    """`assert_kept`, returning the copy's HTML."""
    return assert_kept(url).text


def fresh(url) -> str:
    """A visitor's GET rendered afresh (not a copy): its HTML."""
    response = Client().get(url)
    assert response.status_code == 200, url
    assert not is_copy(response), url
    return response.text


def touch(model):
    """A write to `model`'s table through Django's connection (it changes no row)."""
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{model._meta.db_table}" SET id = id WHERE false')


def assert_every_table_retires(url, tables):
    """After a write to each of `tables`, the next visitor gets a fresh page."""
    for model in tables:
        assert_kept(url)
        touch(model)
        response, queries = visit(url)
        assert not is_copy(response) and queries > 0, (url, model)


def shows_after(url, write, text: str) -> None:
    """`text` is not on the kept page; after `write()` the next visitor's GET shows it."""
    assert text not in assert_kept(url).text, text
    write()
    response, _queries = visit(url)
    assert text in response.text, f"{text!r} not on {url} after the write"


def gone_after(url, write, text: str) -> None:
    """`text` is on the kept page; after `write()` the next visitor's GET no longer shows it."""
    assert text in assert_kept(url).text, text
    write()
    response, _queries = visit(url)
    assert text not in response.text, f"{text!r} still on {url} after the write"


def assert_fresh_for(url, user, personal: str):
    """A signed-in person never gets the visitors' copy: their page shows `personal`."""
    assert_kept(url)
    client = Client()
    client.force_login(user)
    response, queries = visit(url, client)
    assert not is_copy(response) and queries > 0
    assert personal in response.text


def assert_unknown_parameter_not_kept(url):
    """A query parameter the page does not know: rendered every time, never kept."""
    odd = url + ("&" if "?" in url else "?") + "utm_source=nieuwsbrief"
    visit(odd)
    response, queries = visit(odd)
    assert not is_copy(response) and queries > 0


not_kept_with_unknown_parameter = assert_unknown_parameter_not_kept

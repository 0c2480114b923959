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


def assert_fresh_for(url, user, personal: str):
    """A signed-in person never gets the visitors' copy: their page shows `personal`."""
    assert_kept(url)
    client = Client()
    client.force_login(user)
    response, queries = visit(url, client)
    assert not is_copy(response) and queries > 0
    assert personal in response.text


def assert_unknown_parameter_not_kept(url):
    odd = url + ("&" if "?" in url else "?") + "onbekend=1"
    visit(odd)
    response, queries = visit(odd)
    assert not is_copy(response) and queries > 0

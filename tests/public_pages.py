"""Helpers for the tests of pages kept for visitors (genk.core.pagecache.public_page)."""

from django.test import Client


def kept(url, assert_num_queries) -> str:
    """A visitor's GET renders the page and keeps it: the next visitor's GET runs no query
    and is served from the copy. Returns that copy's HTML."""
    first = Client().get(url)
    assert first.status_code == 200, url
    with assert_num_queries(0):
        second = Client().get(url)
    assert second.status_code == 200 and second["X-Page-Cache"] == "hit", url
    return second.text


def shows_after(url, write, text: str) -> None:
    """`text` is not on the kept page; after `write()` the next visitor's GET shows it."""
    before = Client().get(url)
    assert before.status_code == 200, url
    assert text not in before.text, text
    assert Client().get(url)["X-Page-Cache"] == "hit", url
    write()
    after = Client().get(url)
    assert after.status_code == 200
    assert text in after.text, f"{text!r} not on {url} after the write"


def gone_after(url, write, text: str) -> None:
    """`text` is on the kept page; after `write()` the next visitor's GET no longer shows it."""
    before = Client().get(url)
    assert text in before.text, text
    assert Client().get(url)["X-Page-Cache"] == "hit", url
    write()
    assert text not in Client().get(url).text, f"{text!r} still on {url} after the write"


def not_kept_with_unknown_parameter(url) -> None:
    """A query parameter the page does not know: rendered every time, never kept."""
    for _ in range(2):
        response = Client().get(url + ("&" if "?" in url else "?") + "utm_source=nieuwsbrief")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response

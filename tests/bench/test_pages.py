"""The pages `make bench` measures, at a small scale: each answers as declared, a POST passes
the CSRF check with the token taken from its form page (as bench/run.py does), its check
sees the work done, and `undo` puts the data back."""

import io
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.test import Client

from bench import pages, seed
from bench.run import CSRF_FIELD
from initiatives.models import Follow, Initiative, Support
from participation.budgets.models import Ballot, BallotChoice

RESIDENTS = 500
REQUESTS = 3  # sessions per page: as if BENCH_WARMUP + BENCH_REQUESTS were 3


@pytest.fixture
def declared(db):
    seed.run(seed.SeedContext(residents=RESIDENTS, write=io.StringIO().write))
    ctx = pages.PageContext(requests_per_page=REQUESTS)
    found = [item for provider in pages.providers() for item in provider.func(ctx)]
    return [p for p in found if isinstance(p, pages.Page)], [t for t in found if isinstance(t, pages.Timing)]


def client_for(cookie: str | None) -> Client:
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="nl")
    if cookie:
        client.cookies.load(SimpleCookie(cookie))
    return client


def request(page: pages.Page, number: int):
    """The request run.py sends: a GET, or a POST after loading the form page."""
    client = client_for(page.sessions[number % len(page.sessions)] if page.sessions else None)
    if page.method == "GET":
        return client.get(page.path)
    form = client.get(page.form)
    assert form.status_code == 200, page.label
    token = CSRF_FIELD.search(form.content)
    assert token and settings.CSRF_COOKIE_NAME in client.cookies, page.label
    return client.post(
        page.path, {**page.data, "csrfmiddlewaretoken": token.group(1).decode()}, HTTP_ORIGIN="http://testserver"
    )


def test_every_declared_page_answers_as_expected(declared):
    declared_pages, _timings = declared
    labels = " ".join(p.label for p in declared_pages)
    for expected in (
        "home",
        "initiatieven",
        "steunen",
        "burgerbudget",
        "stem bevestigen",
        "adviesraad",
        "vergadering",
        "subsidieregister",
        "werkbank",
    ):
        assert expected in labels
    for page in declared_pages:
        for number in range(REQUESTS if page.method == "POST" else 1):
            response = request(page, number)
            assert response.status_code == page.expect, (page.label, page.path, response.status_code)
        if page.check:
            assert page.check() is None, page.label


def test_a_post_without_the_csrf_token_is_refused(declared):
    declared_pages, _timings = declared
    for page in (p for p in declared_pages if p.method == "POST"):
        response = client_for(page.sessions[0]).post(page.path, page.data)
        assert response.status_code == 403, page.label
        assert page.check() is not None, page.label  # and nothing was done


def test_the_support_post_supports_with_a_new_resident_each_time_and_undo_restores(declared):
    declared_pages, _timings = declared
    page = next(p for p in declared_pages if p.method == "POST" and "/steunen/" in p.path)
    initiative = Initiative.objects.get(pk=int(page.path.split("/")[2]))
    before = (initiative.support_count, Support.objects.filter(initiative=initiative).count(), Follow.objects.count())
    for number in range(REQUESTS):
        assert request(page, number).status_code == 302
    initiative.refresh_from_db()
    assert initiative.support_count == before[0] + REQUESTS
    assert page.check() is None
    page.undo()
    initiative.refresh_from_db()
    after = (initiative.support_count, Support.objects.filter(initiative=initiative).count(), Follow.objects.count())
    assert after == before


def test_the_ballot_post_changes_a_ballot_per_voter_and_undo_restores(declared):
    declared_pages, _timings = declared
    page = next(p for p in declared_pages if p.method == "POST" and "/bevestigen/" in p.path)
    snapshot = sorted(BallotChoice.objects.values_list("ballot_id", "proposal_id"))
    revisions = dict(Ballot.objects.values_list("pk", "revision"))
    for number in range(REQUESTS):
        assert request(page, number).status_code == 302
    assert page.check() is None
    changed = [pk for pk, revision in Ballot.objects.values_list("pk", "revision") if revision != revisions[pk]]
    assert len(changed) == REQUESTS
    page.undo()
    assert sorted(BallotChoice.objects.values_list("ballot_id", "proposal_id")) == snapshot
    assert dict(Ballot.objects.values_list("pk", "revision")) == revisions


def test_the_count_is_timed(declared):
    _pages, timings = declared
    timings = [t for t in timings if t.label.startswith("tellen")]  # the budgets' timings
    assert timings and {t.target for t in timings} == {1.0}
    for timing in timings:
        assert f"{round(100_000 * RESIDENTS / seed.CITY_RESIDENTS):,} ballots" in timing.func()


def test_the_figures_refresh_is_timed(declared):
    _pages, timings = declared
    (refresh,) = [t for t in timings if t.label.startswith("cijfers vernieuwen")]
    assert refresh.target == 10.0
    assert "figures stored for one day" in refresh.func()

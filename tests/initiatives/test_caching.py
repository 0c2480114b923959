"""The public pages' cached HTML (initiatives/caching.py) is exact: every write that changes
what a visitor sees shows on the very next view; signed-in pages are never shared."""

import re
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from initiatives import caching, services, workflow
from initiatives.models import Comment, Initiative, Theme

from .factories import CommentFactory, in_state

pytestmark = pytest.mark.django_db
S = Initiative.Status
LIST = "/initiatieven/"


def view(client, url):
    """The page's text and its query count."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    # The language form's token is masked afresh for every response (it is outside the cache).
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return text, len(captured.captured_queries)


@pytest.fixture
def exact_lists(settings):
    """Counters on list cards exact (by default they may lag: test_caching_scopes.py)."""
    settings.INITIATIVES_LIST_COUNTER_STALENESS = 0


@pytest.fixture
def initiative(neighbourhood, initiator):
    return in_state(S.COLLECTING, title="Buurtmoestuin Kolderbos", neighbourhood=neighbourhood, created_by=initiator)


def test_a_second_visitor_gets_the_cached_pages(client, initiative):
    for url in (LIST, initiative.get_absolute_url()):
        first, cold = view(client, url)
        second, warm = view(client, url)
        assert second == first
        assert "Buurtmoestuin Kolderbos" in second
        assert warm < cold
    # A visitor without a session: not a single query, also with filters.
    assert view(client, LIST)[1] == 0
    assert view(client, initiative.get_absolute_url())[1] == 0
    filtered = f"{LIST}?wijk={initiative.neighbourhood.slug}&status=collecting&sorteer=meeste-steun&q=buurtmoestuin"
    assert "Buurtmoestuin Kolderbos" in view(client, filtered)[0]
    assert view(client, filtered)[1] == 0


def test_an_old_address_still_redirects_from_the_cache(client, initiative):
    view(client, initiative.get_absolute_url())
    response = client.get(f"/initiatieven/{initiative.pk}-oude-titel/")
    assert response.status_code == 301
    assert response["Location"] == initiative.get_absolute_url()


def test_a_support_shows_at_once_on_the_list_and_the_page(client, initiative, supporter, exact_lists):
    view(client, LIST), view(client, initiative.get_absolute_url())
    services.support(initiative, supporter)
    assert "1 steunbetuiging" in view(client, LIST)[0]
    assert "<strong>1</strong>" in view(client, initiative.get_absolute_url())[0]
    services.withdraw_support(initiative, supporter)
    assert "0 steunbetuigingen" in view(client, LIST)[0]
    assert "<strong>0</strong>" in view(client, initiative.get_absolute_url())[0]


def test_comments_news_and_hiding_show_at_once(client, initiative, initiator, resident, moderator, exact_lists):
    page = initiative.get_absolute_url()
    view(client, LIST), view(client, page)
    comment = services.add_comment(initiative, resident, "Ik breng zaden mee.")
    assert "1 reactie" in view(client, LIST)[0]
    assert "Ik breng zaden mee." in view(client, page)[0]
    services.post_update(initiative, initiator, title="Eerste oogst", body="Tomaten!")
    assert "Eerste oogst" in view(client, page)[0]
    services.hide_comment(comment, moderator, reason="Persoonlijke gegevens")
    text = view(client, page)[0]
    assert "Ik breng zaden mee." not in text
    assert "verborgen door een moderator" in text


def test_publishing_and_withdrawing_show_at_once(client, initiative, initiator, moderator):
    submitted = in_state(S.SUBMITTED, title="Zitbanken aan de Stiemerbeek", handler=moderator)
    assert "Zitbanken aan de Stiemerbeek" not in view(client, LIST)[0]
    workflow.publish(submitted, moderator)
    assert "Zitbanken aan de Stiemerbeek" in view(client, LIST)[0]
    view(client, initiative.get_absolute_url())
    workflow.withdraw(initiative, initiator, reason="We verhuizen.")
    assert "We verhuizen." in view(client, initiative.get_absolute_url())[0]
    assert "Buurtmoestuin Kolderbos" not in view(client, LIST)[0]  # the default list leaves withdrawn out


def test_reference_data_and_public_names_show_at_once(client, initiative, initiator, neighbourhood):
    theme = Theme.objects.create(name="Speelpleinen", slug="speelpleinen-test")
    initiative.themes.add(theme)  # m2m
    assert "Speelpleinen" in view(client, LIST)[0]
    theme.name = "Speelpleinen en speelbossen"
    theme.save()
    assert "Speelpleinen en speelbossen" in view(client, LIST)[0]
    neighbourhood.name = "Kolderbos-Zuid"
    neighbourhood.save()
    assert "Kolderbos-Zuid" in view(client, LIST)[0]
    view(client, initiative.get_absolute_url())
    initiator.display_name = "Annelies J."
    initiator.save()
    assert "Annelies J." in view(client, initiative.get_absolute_url())[0]


def test_a_login_does_not_retire_the_cached_pages(client, initiative, resident):
    versions = caching.versions()
    resident.last_login = timezone.now()
    resident.save(update_fields=["last_login"])
    assert caching.versions() == versions
    resident.display_name = "Nieuwe naam"
    resident.save(update_fields=["display_name"])
    assert caching.versions() != versions


def test_bulk_writes_retire_the_cached_pages(client, initiative, exact_lists):
    view(client, LIST)
    Initiative.objects.filter(pk=initiative.pk).update(title="Buurtmoestuin Sledderlo")
    assert "Buurtmoestuin Sledderlo" in view(client, LIST)[0]
    CommentFactory(initiative=initiative)  # raises the counter with a queryset update
    assert "1 reactie" in view(client, LIST)[0]
    Comment.objects.filter(initiative=initiative).delete()
    Initiative.objects.filter(pk=initiative.pk).delete()
    assert "Buurtmoestuin" not in view(client, LIST)[0]


def test_the_version_moves_again_when_the_transaction_commits(django_capture_on_commit_callbacks):
    """A page rendered by someone else from the data before the commit, under the new token,
    is retired by the second move."""
    before = caching.versions()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        caching.content_changed()
        during = caching.versions()
    assert len(callbacks) == 1
    assert len({before, during, caching.versions()}) == 3


def test_a_page_lives_no_longer_than_until_the_next_support_period_closes(client, initiative):
    closes = timezone.now() + timedelta(seconds=2)
    Initiative.objects.filter(pk=initiative.pk).update(supports_close_at=closes)
    page = initiative.get_absolute_url()
    assert "Steunen kan tot" in view(client, page)[0]
    assert "steunen kan tot" in view(client, LIST)[0]
    time.sleep(max(0, (closes - timezone.now()).total_seconds()) + 0.1)
    assert "De steunperiode liep tot" in view(client, page)[0]
    assert "steunen kan tot" not in view(client, LIST)[0]


def test_seconds_until():
    now = timezone.now()
    assert caching.seconds_until(None) == caching.TIMEOUT
    assert caching.seconds_until(now + timedelta(days=3)) == caching.TIMEOUT
    assert 8 <= caching.seconds_until(now + timedelta(seconds=10)) <= 10
    assert caching.seconds_until(now - timedelta(seconds=10)) == 0


def test_signed_in_pages_are_never_shared(client, initiative, initiator, supporter):
    page = initiative.get_absolute_url()
    client.force_login(initiator)
    assert "Initiatief intrekken" in view(client, page)[0]
    client.logout()
    visitor_page = view(client, page)[0]
    assert "Initiatief intrekken" not in visitor_page
    assert "Aanmelden om te steunen" in visitor_page
    client.force_login(supporter)
    first, queries = view(client, page)
    assert "Ik steun dit initiatief" in first
    assert "Aanmelden om te steunen" not in first
    assert view(client, page)[1] == queries  # rendered afresh every time


def test_unknown_parameters_and_invalid_filters_are_not_cached(client, initiative):
    # The filter form's HTML and the choices it is checked against are cached on their own:
    # leave them out of the count.
    view(client, LIST)
    view(client, f"{LIST}?sorteer=nieuwste")
    for url in (f"{LIST}?utm_source=nieuwsbrief", f"{LIST}?wijk=bestaat-niet", f"{LIST}?pagina=laatste"):
        cold = view(client, url)[1]
        assert view(client, url)[1] == cold > 0, url
    # The description and the news do not depend on the query string and come from the cache;
    # the page and its comments are rendered every time.
    url = initiative.get_absolute_url() + "?x=1"
    view(client, url)
    again = view(client, url)[1]
    assert view(client, url)[1] == again > 0


def test_each_language_has_its_own_copy(client, initiative):
    assert "Initiatieven van inwoners" in view(client, LIST)[0]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = view(client, LIST)[0]
    assert "Initiatieven van inwoners" not in english
    assert "1 initiative" in english


def test_a_fragment_with_a_form_token_is_never_cached():
    key = caching.key("test", 1)
    html = '<form><input type="hidden" name="csrfmiddlewaretoken" value="geheim"></form>'
    assert caching.fragment(key, lambda: (html, None)) == html
    assert cache.get(key) is None
    assert caching.fragment(key, lambda: ("<p>ok</p>", None)) == "<p>ok</p>"
    assert cache.get(key) == "<p>ok</p>"


def test_the_tokens_stay_the_same_until_a_write():
    """What `versions()` hands out: a fresh token when none is there, the same one until a write."""
    cache.clear()
    first = caching.versions()
    assert caching.versions() == first
    get_user_model().objects.create_user(email="nieuw@example.org")  # a new account shows nowhere
    assert caching.versions() == first


def test_an_erased_account_shows_as_a_former_resident_at_once(client, initiative, resident):
    from genk.accounts.services import erase_user

    services.add_comment(initiative, resident, "Ik breng zaden mee.")
    name = resident.public_name
    assert name in view(client, initiative.get_absolute_url())[0]
    erase_user(resident)
    text = view(client, initiative.get_absolute_url())[0]
    assert name not in text
    assert "voormalige inwoner" in text


def test_a_new_release_gets_keys_of_its_own(settings, tmp_path):
    """Pages cached by the previous templates, translations or static files are not served by
    the next release: its fingerprint is in every key."""
    from django.http import QueryDict

    from initiatives.filters import filter_form_cache_key

    settings.STATIC_ROOT = tmp_path
    caching.release.cache_clear()
    try:
        before = caching.key("list", ""), filter_form_cache_key(QueryDict())
        (tmp_path / "staticfiles.json").write_text('{"paths": {"css/main.css": "css/main.0123abcd.css"}}')
        caching.release.cache_clear()
        after = caching.key("list", ""), filter_form_cache_key(QueryDict())
        assert after[0] != before[0]
        assert after[1] != before[1]  # the filter form's HTML too
    finally:
        caching.release.cache_clear()


@pytest.mark.django_db(transaction=True)
def test_a_page_rendered_while_a_support_commits_is_retired_by_the_commit(client, initiative, supporter, exact_lists):
    """The race the second move is for: a visitor's request reads the new token (moved at once
    by the support) but the data from before its commit, and caches that page under it. The
    commit moves the token again, so the next visitor sees the support."""
    import threading

    from django.db import connection as db

    inside, committed = threading.Event(), threading.Event()

    def support_and_wait():
        try:
            with transaction.atomic():
                services.support(Initiative.objects.get(pk=initiative.pk), supporter)
                inside.set()
                committed.wait(timeout=10)  # the visitor renders now, before the commit
        finally:
            db.close()

    thread = threading.Thread(target=support_and_wait)
    thread.start()
    assert inside.wait(timeout=10)
    during = view(client, LIST)[0]
    assert "0 steunbetuigingen" in during  # not committed yet: another connection sees nothing
    committed.set()
    thread.join(timeout=10)
    assert "1 steunbetuiging" in view(client, LIST)[0]


def test_signed_in_pages_take_the_shared_parts_from_the_cache(client, initiative, supporter, resident):
    """The description, the news and a page of comments are the same for everyone: signed in,
    they come from the cache too (fewer queries), while one's own support box stays one's own."""
    page = initiative.get_absolute_url()
    client.force_login(supporter)
    first, cold = view(client, page)
    second, warm = view(client, page)
    assert warm < cold
    assert second == first
    services.add_comment(initiative, resident, "Ik kom zeker helpen.")
    text = view(client, page)[0]
    assert "Ik kom zeker helpen." in text
    assert "Ik steun dit initiatief" in text
    services.support(initiative, supporter)
    assert "Je steunt dit initiatief." in view(client, page)[0]
    client.logout()
    assert "Je steunt dit initiatief." not in view(client, page)[0]


def test_a_page_number_past_the_last_is_shown_but_not_kept(client, initiative):
    """Else every number ever asked for would be kept: ?pagina=1, 2, … 100000."""
    for url in (f"{LIST}?pagina=99", initiative.get_absolute_url() + "?reacties=99"):
        assert "Buurtmoestuin Kolderbos" in view(client, url)[0]
        again = view(client, url)[1]
        assert view(client, url)[1] == again > 0, url
    assert view(client, f"{LIST}?pagina=1")[1] > 0
    assert view(client, f"{LIST}?pagina=1")[1] == 0  # a page that exists is kept

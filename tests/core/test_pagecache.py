"""genk.core.pagecache: versions by name and by object, moved at once and on commit; the
rows a bulk write touches read from its filter; a bounded lag (real Redis, moved clock)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F

from genk.accounts.models import DepartmentMembership
from genk.core import pagecache

pytestmark = pytest.mark.django_db


def test_tokens_stay_until_moved_and_objects_are_apart():
    first = pagecache.tokens("test:names", pagecache.of("accounts.user", 1), pagecache.of("accounts.user", 2))
    assert pagecache.tokens(*first) == first
    pagecache.move(pagecache.of("accounts.user", 1))
    after = pagecache.tokens(*first)
    assert after[pagecache.of("accounts.user", 1)] != first[pagecache.of("accounts.user", 1)]
    assert after[pagecache.of("accounts.user", 2)] == first[pagecache.of("accounts.user", 2)]
    assert after["test:names"] == first["test:names"]
    assert pagecache.joined(after, "test:names") == after["test:names"]


def test_a_version_moves_again_on_commit(django_capture_on_commit_callbacks):
    before = pagecache.tokens("test:names")
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        pagecache.move("test:names")
        during = pagecache.tokens("test:names")
    assert len(callbacks) == 1
    assert len({before["test:names"], during["test:names"], pagecache.tokens("test:names")["test:names"]}) == 3


def test_the_rows_a_bulk_write_touches_are_read_from_its_filter():
    users = get_user_model().objects
    memberships = DepartmentMembership.objects
    assert pagecache.written_owners(users.filter(pk=7), "pk") == {7}
    assert pagecache.written_owners(users.filter(pk=7, is_active=True), "pk") == {7}
    assert pagecache.written_owners(users.filter(pk__in=[7, 8]), "pk") == {7, 8}
    assert pagecache.written_owners(memberships.filter(user_id=7), "user") == {7}
    assert pagecache.written_owners(memberships.filter(user=7, department__slug="x"), "user") == {7}
    # Not told: any row may be touched.
    assert pagecache.written_owners(users.all(), "pk") is None
    assert pagecache.written_owners(users.filter(email__startswith="a"), "pk") is None
    assert pagecache.written_owners(users.exclude(pk=7), "pk") is None
    assert pagecache.written_owners(users.filter(pk=F("pk")), "pk") is None
    assert pagecache.written_owners(users.filter(pk__in=users.filter(is_active=True)), "pk") is None
    assert pagecache.written_owners(memberships.filter(pk=3), "user") is None  # the owner is not told


def test_a_changes_public_pages_queryset_reports_what_it_wrote(django_user_model):
    seen = []
    Mixin = pagecache.changes_public_pages("pk", lambda owners, fields: seen.append((owners, fields)))
    user = django_user_model.objects.create_user(email="a@example.org")
    queryset = Mixin(model=django_user_model)
    queryset.filter(pk=user.pk).update(display_name="A")
    queryset.filter(email="a@example.org").update(display_name="B")
    queryset.bulk_update([user], ["display_name"])
    assert seen == [
        ({user.pk}, frozenset({"display_name"})),
        (None, frozenset({"display_name"})),
        ({user.pk}, frozenset({"display_name"})),
    ]


def test_a_copy_lags_at_most_the_bound(monkeypatch):
    now = {"t": 1000.0}
    monkeypatch.setattr(pagecache, "_now", lambda: now["t"])
    key = pagecache.key("test", "lagging", 1, versions="v")
    assert pagecache.fragment(key, lambda: ("eerst", None), lag=pagecache.Lag("t1", 60)) == "eerst"
    # Same token: the copy, however old.
    now["t"] += 200
    assert pagecache.fragment(key, lambda: ("nooit", None), lag=pagecache.Lag("t1", 60)) == "eerst"
    # Another token: the copy while it is younger than the bound, then rendered afresh.
    assert pagecache.fragment(key, lambda: ("nieuw", None), lag=pagecache.Lag("t2", 300)) == "eerst"
    assert pagecache.fragment(key, lambda: ("nieuw", None), lag=pagecache.Lag("t2", 60)) == "nieuw"
    assert pagecache.fragment(key, lambda: ("nooit", None), lag=pagecache.Lag("t2", 0)) == "nieuw"
    # No lag allowed: exact.
    assert pagecache.fragment(key, lambda: ("exact", None), lag=pagecache.Lag("t3", 0)) == "exact"

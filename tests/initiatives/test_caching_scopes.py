"""Versions per initiative and per list scope (initiatives/caching.py on genk/core/pagecache.py):
a write on initiative A retires A's page, not B's; what changes every page (a wijk, a public
name, a bulk write whose rows are unknown) retires all; lists are exact for membership and
order, their counters lag at most INITIATIVES_LIST_COUNTER_STALENESS seconds."""

import pytest

from genk.core import pagecache
from initiatives import services, workflow
from initiatives.models import Initiative
from tests.factories import UserFactory

from .factories import in_state
from .test_caching import LIST, view

pytestmark = pytest.mark.django_db
S = Initiative.Status


@pytest.fixture
def a(neighbourhood, initiator):
    return in_state(S.COLLECTING, title="Buurtmoestuin Kolderbos", neighbourhood=neighbourhood, created_by=initiator)


@pytest.fixture
def b(neighbourhood, initiator):
    return in_state(S.COLLECTING, title="Zitbanken Stiemerbeek", neighbourhood=neighbourhood, created_by=initiator)


@pytest.fixture
def clock(monkeypatch):
    """The clock of the lagging list copies, moved by the test (no sleeps)."""
    now = {"t": 1_000_000.0}
    monkeypatch.setattr(pagecache, "_now", lambda: now["t"])
    return now


def warm(client, *initiatives):
    for initiative in initiatives:
        view(client, initiative.get_absolute_url())
        assert view(client, initiative.get_absolute_url())[1] == 0


def test_a_support_on_a_leaves_bs_page_cached(client, a, b, supporter, django_assert_num_queries):
    warm(client, a, b)
    services.support(a, supporter)
    with django_assert_num_queries(0):
        assert client.get(b.get_absolute_url()).status_code == 200
    assert "<strong>1</strong>" in view(client, a.get_absolute_url())[0]
    services.withdraw_support(a, supporter)
    assert "<strong>0</strong>" in view(client, a.get_absolute_url())[0]
    assert view(client, b.get_absolute_url())[1] == 0


def test_a_comment_or_news_on_a_retires_a_only(client, a, b, initiator, resident, django_assert_num_queries):
    warm(client, a, b)
    services.add_comment(a, resident, "Ik breng zaden mee.")
    with django_assert_num_queries(0):
        client.get(b.get_absolute_url())
    assert "Ik breng zaden mee." in view(client, a.get_absolute_url())[0]
    services.post_update(a, initiator, title="Eerste oogst", body="Tomaten!")
    with django_assert_num_queries(0):
        client.get(b.get_absolute_url())
    assert "Eerste oogst" in view(client, a.get_absolute_url())[0]


def test_a_status_change_on_a_retires_a_and_the_lists_not_b(client, a, b, initiator, clock):
    warm(client, a, b)
    view(client, LIST)
    workflow.withdraw(a, initiator, reason="We verhuizen.")
    assert view(client, b.get_absolute_url())[1] == 0
    assert "We verhuizen." in view(client, a.get_absolute_url())[0]
    assert "Buurtmoestuin Kolderbos" not in view(client, LIST)[0]  # exact, with no time passing


def test_a_wijk_rename_retires_every_page(client, a, b, neighbourhood):
    warm(client, a, b)
    view(client, LIST)
    neighbourhood.name = "Kolderbos-Zuid"
    neighbourhood.save()
    for page in (a.get_absolute_url(), b.get_absolute_url(), LIST):
        text, queries = view(client, page)
        assert "Kolderbos-Zuid" in text
        assert queries > 0


def test_a_public_name_change_retires_every_page(client, a, b, initiator):
    warm(client, a, b)
    initiator.display_name = "Annelies J."
    initiator.save()
    for initiative in (a, b):
        text, queries = view(client, initiative.get_absolute_url())
        assert "Annelies J." in text
        assert queries > 0


def test_a_bulk_write_on_unknown_rows_retires_every_page(client, a, b):
    warm(client, a, b)
    Initiative.objects.filter(title__startswith="Buurtmoestuin").update(summary="Samen tuinieren")
    assert view(client, b.get_absolute_url())[1] > 0
    assert "Samen tuinieren" in view(client, a.get_absolute_url())[0]


def test_a_bulk_write_on_known_rows_retires_those_pages_only(client, a, b):
    warm(client, a, b)
    Initiative.objects.filter(pk__in=[a.pk]).update(summary="Samen tuinieren")
    assert view(client, b.get_absolute_url())[1] == 0
    assert "Samen tuinieren" in view(client, a.get_absolute_url())[0]


def test_list_counters_are_exact_with_no_staleness(client, a, supporter, settings, clock):
    settings.INITIATIVES_LIST_COUNTER_STALENESS = 0
    assert "0 steunbetuigingen" in view(client, LIST)[0]
    services.support(a, supporter)
    assert "1 steunbetuiging" in view(client, LIST)[0]


def test_list_counters_lag_at_most_the_staleness(client, a, b, supporter, resident, settings, clock):
    settings.INITIATIVES_LIST_COUNTER_STALENESS = 60
    most = f"{LIST}?sorteer=meeste-steun"
    neighbour = UserFactory(display_name="Mia Peeters", neighbourhood=a.neighbourhood)
    services.support(a, neighbour)  # A leads
    view(client, LIST), view(client, most)
    services.withdraw_support(a, neighbour)
    services.support(b, supporter)  # now B leads
    services.add_comment(b, resident, "Goed idee.")
    clock["t"] += 59
    text, queries = view(client, LIST)
    assert queries == 0  # still the copy from before the support
    assert "1 reactie" not in text
    # The sort by support lags as much: B, now the most supported, is not first yet.
    assert view(client, most)[0].index("Buurtmoestuin") < view(client, most)[0].index("Zitbanken")
    clock["t"] += 2  # 61 seconds after the copies were made
    text = view(client, LIST)[0]
    assert "1 steunbetuiging" in text and "1 reactie" in text
    assert view(client, most)[0].index("Zitbanken") < view(client, most)[0].index("Buurtmoestuin")
    # And the fresh copy is kept again until the next counter change.
    clock["t"] += 600
    assert view(client, LIST)[1] == 0


def test_list_membership_and_text_are_exact_with_staleness(client, a, moderator, settings, clock):
    settings.INITIATIVES_LIST_COUNTER_STALENESS = 60
    submitted = in_state(S.SUBMITTED, title="Speeltuin Waterschei", handler=moderator)
    assert "Speeltuin Waterschei" not in view(client, LIST)[0]
    workflow.publish(submitted, moderator)
    assert "Speeltuin Waterschei" in view(client, LIST)[0]
    a.title = "Buurtmoestuin Sledderlo"
    a.save()
    assert "Buurtmoestuin Sledderlo" in view(client, LIST)[0]


def test_the_detail_page_stays_exact_with_staleness(client, a, supporter, settings, clock):
    settings.INITIATIVES_LIST_COUNTER_STALENESS = 60
    view(client, LIST)
    warm(client, a)
    services.support(a, supporter)
    assert "<strong>1</strong>" in view(client, a.get_absolute_url())[0]


def test_themes_added_from_either_side_retire_that_initiative_and_the_lists(client, a, b, clock):
    from initiatives.models import Theme

    theme = Theme.objects.create(name="Speelpleinen", slug="speelpleinen-scopes")
    warm(client, a, b)
    view(client, LIST)
    theme.initiatives.add(a)  # the reverse side: the signal names the initiatives
    assert "Speelpleinen" in view(client, a.get_absolute_url())[0]
    assert view(client, b.get_absolute_url())[1] == 0
    assert "Speelpleinen" in view(client, LIST)[0]

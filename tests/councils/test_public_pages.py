"""The public council pages kept whole for visitors (genk.core.pagecache.public_page): the
list, a council and a meeting."""

import pytest
from django.contrib.auth import get_user_model

from participation.councils import views
from participation.councils.models import AgendaItem, Council
from tests.public_pages import (
    assert_every_table_retires,
    assert_fresh_for,
    assert_kept,
    assert_unknown_parameter_not_kept,
    is_copy,
    visit,
)

pytestmark = pytest.mark.django_db

COUNCIL_PAGE_TABLES = [
    *views.COUNCIL_TABLES,
    views.Department,
    views.Organisation,
    views.Place,
    views.AdviceRequest,
    get_user_model(),
]
MEETING_TABLES = [
    *views.COUNCIL_TABLES,
    views.Place,
    views.Minutes,
    views.MinutesRemark,
    AgendaItem,
    views.AgendaDocument,
    views.Vote,
    views.Ballot,
    views.Attendance,
]


@pytest.fixture
def pages(council, invited_meeting):
    return {
        "list": ("/adviesraden/", views.COUNCIL_TABLES),
        "council": (council.get_absolute_url(), [t for t in COUNCIL_PAGE_TABLES if t is not get_user_model()]),
        "council-page-2": (council.get_absolute_url() + "?pagina=2", views.COUNCIL_TABLES),
        "meeting": (invited_meeting.get_absolute_url(), MEETING_TABLES),
    }


@pytest.mark.parametrize("page", ["list", "council", "council-page-2", "meeting"])
def test_a_visitors_copy_is_retired_by_a_write_to_any_table_it_shows(pages, page):
    url, tables = pages[page]
    assert_kept(url)
    assert_every_table_retires(url, tables)
    assert_unknown_parameter_not_kept(url)


def test_a_member_sees_the_confidential_item_a_visitors_copy_leaves_out(pages, member):
    url = pages["meeting"][0]
    copy = assert_kept(url)
    assert "Kandidaturen: persoonlijke gegevens" not in copy.text
    assert_fresh_for(url, member, "Kandidaturen: persoonlijke gegevens")


def test_a_renamed_council_and_a_new_item_show_at_once(pages, council, invited_meeting):
    for page in ("list", "council", "meeting"):
        assert_kept(pages[page][0])
    Council.objects.filter(pk=council.pk).update(name="Seniorenadviesraad")
    for page in ("list", "council", "meeting"):
        assert "Seniorenadviesraad" in visit(pages[page][0])[0].text
    AgendaItem.objects.filter(meeting=invited_meeting, position=1).update(title="Zitbanken langs de Stiemer")
    assert "Zitbanken langs de Stiemer" in visit(pages["meeting"][0])[0].text


def test_a_members_new_name_shows_within_the_lag(pages, member, monkeypatch):
    """People's names lag by at most a minute (accounts_user is written at every login)."""
    from genk.core import pagecache

    url = pages["council"][0]
    assert_kept(url)
    get_user_model().objects.filter(pk=member.pk).update(display_name="Giuseppe Nieuwenaam")
    response, _ = visit(url)
    assert is_copy(response)  # within the minute: the copy
    later = pagecache._now() + 61
    monkeypatch.setattr(pagecache, "_now", lambda: later)
    response, _ = visit(url)
    assert not is_copy(response) and "Giuseppe Nieuwenaam" in response.text

"""Query counts stay the same with 5 and with 100 meetings (and with many items, documents,
attendances, votes and members)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participation.councils.models import Attendance, Ballot, Meeting, Vote

from .factories import AdviceFactory, AgendaItemFactory, DocumentFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def add_meetings(council, count, *, users):
    """`count` meetings, half past (published, with attendance and a public vote), half ahead."""
    now = timezone.now()
    for n in range(count):
        past = n % 2 == 0
        start = now + timedelta(days=(-(n + 1) if past else n + 1) * 7)
        meeting = MeetingFactory(
            council=council,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            rsvp_deadline=start - timedelta(days=1),
            status=Meeting.Status.PUBLISHED if past else Meeting.Status.INVITED,
            is_public=n % 3 != 2,
        )
        item = AgendaItemFactory(meeting=meeting, position=1)
        AgendaItemFactory(meeting=meeting, position=2, is_confidential=True)
        DocumentFactory(item=item)
        for user in users:
            Attendance.objects.create(
                meeting=meeting, user=user, role="member", presence="present" if past else "unknown"
            )
        if past:
            vote = Vote.objects.create(item=item, motion="Voorstel", votes_for=len(users), result="adopted")
            Ballot.objects.bulk_create([Ballot(vote=vote, user=u, choice="for") for u in users])
        AdviceFactory(council=council, sent=True)


def assert_constant(client, url, grow):
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow()
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small), "\n".join(q["sql"] for q in large.captured_queries)
    print(f"QUERIES {url}: {len(small)}")
    return len(small)


@pytest.fixture
def users(board):
    return list(board.values())


@pytest.mark.parametrize("persona", ["visitor", "member", "secretary"])
def test_council_page(client, personas, council, users, persona):
    if personas[persona].is_authenticated:
        client.force_login(personas[persona])
    add_meetings(council, 5, users=users)

    def grow():
        add_meetings(council, 95, users=users)
        for _ in range(20):
            MembershipFactory(council=council)

    n = assert_constant(client, council.get_absolute_url(), grow)
    assert n <= 20


@pytest.mark.parametrize("persona", ["visitor", "member", "secretary", "admin"])
def test_meeting_page(client, personas, council, users, persona):
    if personas[persona].is_authenticated:
        client.force_login(personas[persona])
    add_meetings(council, 5, users=users)
    meeting = Meeting.objects.filter(status=Meeting.Status.PUBLISHED).order_by("starts_at").last()
    url = meeting.get_absolute_url()

    def grow():
        add_meetings(council, 95, users=users)
        for position in range(3, 40):
            item = AgendaItemFactory(meeting=meeting, position=position, is_confidential=position % 4 == 0)
            DocumentFactory(item=item)
            DocumentFactory(item=item, is_confidential=True)
            vote = Vote.objects.create(item=item, motion="X", votes_for=2, result="adopted")
            Ballot.objects.bulk_create([Ballot(vote=vote, user=u, choice="for") for u in users[:2]])
        for _ in range(30):
            Attendance.objects.create(
                meeting=meeting, user=MembershipFactory(council=council).user, role="member", presence="present"
            )

    n = assert_constant(client, url, grow)
    assert n <= 25


def test_council_list(client, council, users):
    add_meetings(council, 5, users=users)
    assert_constant(client, reverse("councils:list"), lambda: add_meetings(council, 95, users=users))


def test_feeds_and_open_data(client, council, users):
    add_meetings(council, 5, users=users)
    urls = [
        reverse("councils:feed"),
        reverse("councils:council_feed", kwargs={"slug": council.slug}),
        reverse("councils:open_data"),
    ]
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as small:
            client.get(url)
        counts[url] = len(small)
    add_meetings(council, 95, users=users)
    for url in urls:
        with CaptureQueriesContext(connection) as large:
            client.get(url)
        assert len(large) == counts[url], url


def test_report_and_advice_list(client, council, users):
    add_meetings(council, 5, users=users)
    year = timezone.localdate().year
    urls = [
        reverse("councils:report", kwargs={"slug": council.slug, "year": year}),
        reverse("councils:advice_list", kwargs={"slug": council.slug}),
        reverse("councils:members", kwargs={"slug": council.slug}),
    ]
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as small:
            client.get(url)
        counts[url] = len(small)
    add_meetings(council, 95, users=users)
    for url in urls:
        with CaptureQueriesContext(connection) as large:
            client.get(url)
        assert len(large) == counts[url], url


def test_my_meetings_and_staff_pages(client, council, users, member, secretary):
    add_meetings(council, 5, users=users)
    meeting = Meeting.objects.filter(status=Meeting.Status.INVITED).first()
    client.force_login(member)
    mine = assert_constant(client, reverse("councils:my_meetings"), lambda: add_meetings(council, 20, users=users))
    assert mine <= 15
    client.force_login(secretary)

    def grow():
        add_meetings(council, 20, users=users)
        for position in range(3, 30):
            item = AgendaItemFactory(meeting=meeting, position=position)
            DocumentFactory(item=item)
            Vote.objects.create(item=item, motion="X", votes_for=2, result="adopted")
        for _ in range(10):
            MembershipFactory(council=council)

    for url in [
        reverse("councils_staff:council", kwargs={"slug": council.slug}),
        reverse("councils_staff:meeting", kwargs={"pk": meeting.pk}),
        reverse("councils_staff:members", kwargs={"slug": council.slug}),
        reverse("councils_staff:attendance", kwargs={"pk": meeting.pk}),
    ]:
        assert_constant(client, url, grow)

"""Votes in the Popolo export (/adviesraden/open-data.json): vote_events with counts per option,
each member's vote for public votes (no private data), only the counts for secret votes, and
only the votes the public may see on the meeting page."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participation.councils import services, workflow
from participation.councils.models import Attendance, Ballot, Meeting, Vote
from tests.factories import UserFactory

from .factories import AgendaItemFactory, MeetingFactory, MinutesFactory

pytestmark = pytest.mark.django_db


def open_data(client, **params):
    response = client.get(reverse("councils:open_data"), params)
    assert response.status_code == 200
    return response


@pytest.fixture
def voted_meeting(past_meeting, board, secretary):
    """The meeting of an hour ago: three voting members present, a public vote (2 for, 1 against)
    and a secret vote (1 for, 1 against, 1 abstention) on its item for decision, a vote on a
    confidential item, and the minutes published through the workflow."""
    services.record_attendance(
        past_meeting, secretary, {a.pk: Attendance.Presence.PRESENT for a in past_meeting.attendances.all()}
    )
    item = past_meeting.items.get(title="Digitale zitdagen")
    public = services.record_vote(
        item,
        secretary,
        motion="De raad vraagt digitale zitdagen in elke wijk",
        is_secret=False,
        ballots={board["chair"].pk: "for", board["member"].pk: "for", board["other_member"].pk: "against"},
    )
    secret = services.record_vote(
        item, secretary, motion="Kandidaat voor de werkgroep", is_secret=True, counts=(1, 1, 1)
    )
    confidential = AgendaItemFactory(meeting=past_meeting, position=3, title="Personeelszaak", is_confidential=True)
    hidden = services.record_vote(
        confidential, secretary, motion="Geheim punt: voorstel", is_secret=False, ballots={board["chair"].pk: "for"}
    )
    workflow.hold(past_meeting, secretary)
    workflow.start_minutes(past_meeting, secretary)
    workflow.send_minutes(past_meeting, secretary)
    workflow.approve_minutes(past_meeting, secretary)
    workflow.publish_minutes(past_meeting, secretary)
    return {"meeting": past_meeting, "public": public, "secret": secret, "hidden": hidden}


def test_public_vote_has_counts_and_each_members_vote(client, council, board, voted_meeting):
    data = open_data(client).json()
    events = {e["id"]: e for e in data["vote_events"]}
    meeting, vote = voted_meeting["meeting"], voted_meeting["public"]
    event = events[f"stemming/{vote.pk}"]
    assert event["organization_id"] == "adviesraad/seniorenraad"
    assert event["legislative_session_id"] == f"vergadering/{meeting.pk}"
    assert event["parent_id"] == f"agendapunt/{vote.item_id}"
    assert event["motion"] == {"text": "De raad vraagt digitale zitdagen in elke wijk"}
    assert event["classification"] == "openbaar"
    assert event["start_date"] == timezone.localtime(meeting.starts_at).isoformat()  # a date-time
    assert event["result"] == "pass"
    assert event["counts"] == [
        {"option": "yes", "value": 2},
        {"option": "no", "value": 1},
        {"option": "abstain", "value": 0},
    ]
    voters = {v["voter_id"]: v["option"] for v in event["votes"]}
    assert voters == {
        f"persoon/{board['chair'].pk}": "yes",
        f"persoon/{board['member'].pk}": "yes",
        f"persoon/{board['other_member'].pk}": "no",
    }
    assert {v["vote_event_id"] for v in event["votes"]} == {event["id"]}
    # Every voter is a person of the export, and the counts agree with the individual votes.
    person_ids = {p["id"] for p in data["persons"]}
    assert set(voters) <= person_ids
    for count in event["counts"]:
        assert count["value"] == sum(1 for option in voters.values() if option == count["option"])
    # The agenda item and the meeting the vote refers to are events of the same export.
    event_ids = {e["id"] for e in data["events"]}
    assert {event["legislative_session_id"], event["parent_id"]} <= event_ids


def test_secret_vote_has_only_counts(client, board, voted_meeting):
    # Even a ballot row left on a secret vote (the service never writes one) does not leak.
    Ballot.objects.create(vote=voted_meeting["secret"], user=board["chair"], choice="for")
    response = open_data(client)
    events = {e["id"]: e for e in response.json()["vote_events"]}
    event = events[f"stemming/{voted_meeting['secret'].pk}"]
    assert event["classification"] == "geheim"
    assert event["result"] == "fail"  # 1 for, 1 against: not adopted
    assert event["counts"] == [
        {"option": "yes", "value": 1},
        {"option": "no", "value": 1},
        {"option": "abstain", "value": 1},
    ]
    assert event["votes"] == []


def test_no_private_data_in_votes(client, board, voted_meeting):
    text = open_data(client).content.decode()
    for user in board.values():
        assert user.email not in text
        assert user.email.split("@")[0] not in text
    for event in open_data(client).json()["vote_events"]:
        for vote in event["votes"]:
            assert set(vote) == {"vote_event_id", "voter_id", "option"}


def test_votes_the_public_cannot_see_stay_out(client, council, board, secretary, voted_meeting):
    # On a confidential item: not exported, even when the minutes are published.
    text = open_data(client).content.decode()
    assert f"stemming/{voted_meeting['hidden'].pk}" not in text and "Geheim punt" not in text

    # Minutes not yet published: the members see the vote, the public does not (yet).
    start = timezone.now().replace(microsecond=0) - timedelta(days=3)
    approved = MeetingFactory(
        council=council,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        rsvp_deadline=start,
        status=Meeting.Status.MINUTES_APPROVED,
    )
    MinutesFactory(meeting=approved)
    closed = MeetingFactory(
        council=council,
        starts_at=start - timedelta(days=30),
        ends_at=start - timedelta(days=30) + timedelta(hours=2),
        rsvp_deadline=start - timedelta(days=30),
        status=Meeting.Status.PUBLISHED,
        is_public=False,
    )
    not_yet = Vote.objects.create(
        item=AgendaItemFactory(meeting=approved), motion="Nog niet publiek", votes_for=3, result="adopted"
    )
    behind_closed_doors = Vote.objects.create(
        item=AgendaItemFactory(meeting=closed), motion="Besloten stemming", votes_for=3, result="adopted"
    )
    data = open_data(client).json()
    ids = {e["id"] for e in data["vote_events"]}
    assert f"stemming/{not_yet.pk}" not in ids
    assert f"stemming/{behind_closed_doors.pk}" not in ids
    assert ids == {f"stemming/{voted_meeting['public'].pk}", f"stemming/{voted_meeting['secret'].pk}"}

    # Once the minutes are published, the vote follows.
    workflow.publish_minutes(approved, secretary)
    ids = {e["id"] for e in open_data(client).json()["vote_events"]}
    assert f"stemming/{not_yet.pk}" in ids


def test_a_voter_without_a_membership_is_still_a_person(client, council, board, voted_meeting):
    """The record stays complete even if a voter's membership row is gone (e.g. deleted by an
    administrator): the voter_id always points at a person of the export."""
    outsider = UserFactory(display_name="Oud-lid Jan", email="jan.oudlid@example.be")
    Ballot.objects.create(vote=voted_meeting["public"], user=outsider, choice="abstain")
    data = open_data(client).json()
    person = next(p for p in data["persons"] if p["id"] == f"persoon/{outsider.pk}")
    assert person == {"id": f"persoon/{outsider.pk}", "name": "Oud-lid Jan"}
    assert "jan.oudlid@example.be" not in open_data(client).content.decode()


def test_filter_per_council_keeps_other_councils_votes_out(client, council, board, voted_meeting):
    other = MeetingFactory(status=Meeting.Status.PUBLISHED)  # another council
    vote = Vote.objects.create(item=AgendaItemFactory(meeting=other), motion="Elders", votes_for=1, result="adopted")
    assert f"stemming/{vote.pk}" in {e["id"] for e in open_data(client).json()["vote_events"]}
    data = open_data(client, raad="seniorenraad").json()
    assert {e["organization_id"] for e in data["vote_events"]} == {"adviesraad/seniorenraad"}
    assert f"stemming/{vote.pk}" not in {e["id"] for e in data["vote_events"]}


def test_query_count_does_not_grow_with_votes(client, council, board, voted_meeting):
    with CaptureQueriesContext(connection) as small:
        open_data(client)
    users = list(board.values())
    for n in range(20):
        start = timezone.now().replace(microsecond=0) - timedelta(days=10 + n)
        meeting = MeetingFactory(
            council=council,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            rsvp_deadline=start,
            status=Meeting.Status.PUBLISHED,
        )
        vote = Vote.objects.create(
            item=AgendaItemFactory(meeting=meeting), motion=f"Voorstel {n}", votes_for=len(users), result="adopted"
        )
        Ballot.objects.bulk_create([Ballot(vote=vote, user=u, choice="for") for u in users])
    with CaptureQueriesContext(connection) as large:
        data = open_data(client).json()
    assert len(data["vote_events"]) == 22
    assert len(large) == len(small) == 6, "\n".join(q["sql"] for q in large.captured_queries)


# Valid against the Popolo Project's own JSON Schemas (participation/councils/schema/popolo/).

POPOLO_SCHEMAS = Path(__file__).resolve().parents[2] / "participation" / "councils" / "schema" / "popolo"
POPOLO_COLLECTIONS = {
    "organizations": "organization",
    "persons": "person",
    "memberships": "membership",
    "events": "event",
    "vote_events": "vote_event",
}


def popolo_errors(data) -> list[str]:
    """Each item of each collection against its Popolo schema (draft-03), formats checked."""
    from jsonschema import Draft3Validator
    from referencing import Registry
    from referencing.jsonschema import DRAFT3

    from genk.core.jsonschemas import format_checker

    schemas = {path.stem: json.loads(path.read_text()) for path in POPOLO_SCHEMAS.glob("*.json")}
    registry = Registry().with_resources(
        (schema["id"].rstrip("#"), DRAFT3.create_resource(schema)) for schema in schemas.values()
    )
    errors = []
    for collection, name in POPOLO_COLLECTIONS.items():
        validator = Draft3Validator(schemas[name], registry=registry, format_checker=format_checker())
        for n, item in enumerate(data[collection]):
            errors += [
                f"{collection}[{n}].{'.'.join(map(str, e.absolute_path))}: {e.message}"
                for e in validator.iter_errors(item)
            ]
    return errors


def test_the_export_is_valid_popolo(client, council, board, voted_meeting):
    from genk.accounts.models import Organisation
    from participation.councils.models import CouncilMembership

    # One member represents an organisation of the portal, another one named in free text.
    CouncilMembership.objects.filter(user=board["member"]).update(
        organisation=Organisation.objects.create(name="OKRA Genk", slug="okra-genk")
    )
    CouncilMembership.objects.filter(user=board["other_member"]).update(represents="Dienstencentrum De Schalm")
    data = open_data(client).json()
    assert data["memberships"] and data["vote_events"] and data["events"]
    assert popolo_errors(data) == []
    rows = {m["person_id"]: m for m in data["memberships"]}
    assert rows[f"persoon/{board['member'].pk}"]["on_behalf_of_id"] == "organisatie/okra-genk"
    assert rows[f"persoon/{board['other_member'].pk}"]["on_behalf_of"]["name"] == "Dienstencentrum De Schalm"


def test_the_schemas_are_copied_with_their_attribution():
    assert set(POPOLO_COLLECTIONS.values()) <= {path.stem for path in POPOLO_SCHEMAS.glob("*.json")}
    assert "CC BY 4.0" in (POPOLO_SCHEMAS / "README.md").read_text()

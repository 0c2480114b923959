"""Councils, members and meetings as open data in the Popolo shape (https://www.popoloproject.com/).

- organizations: each council (classification "adviesraad") and each organisation a member represents
- persons: everyone who holds or held a seat, with an opaque id and their public name only
- memberships: person, council, role, term (start_date, end_date), on behalf of an organisation
  (`on_behalf_of_id` for an organisation of the portal, `on_behalf_of: {"name": ...}` for one typed in)
- events: meetings (classification "vergadering") and, as child events (parent_id), the agenda
  items anyone may see: of public meetings, once the agenda is published, never confidential ones
- vote_events: the votes anyone may see on the meeting page: on items that are not confidential,
  of public meetings whose minutes are published. Counts per option (yes, no, abstain) always;
  for a public vote also each member's vote (voter_id = the opaque person id); a secret vote
  only has its counts.

The mapping is documented in README.md. Six queries, whatever the size. The export is valid
against the Popolo Project's JSON Schemas, copied in schema/popolo/ (CC BY 4.0; tested).
"""

from django.db.models import Prefetch
from django.utils import timezone

from genk.core.notifications import absolute_url

from .models import AgendaItem, Ballot, Council, CouncilMembership, Meeting, Vote

ROLE_LABELS_EN = {
    CouncilMembership.Role.CHAIR: "chair",
    CouncilMembership.Role.VICE_CHAIR: "vice-chair",
    CouncilMembership.Role.SECRETARY: "secretary",
    CouncilMembership.Role.MEMBER: "member",
    CouncilMembership.Role.EXPERT: "expert",
    CouncilMembership.Role.OBSERVER: "observer",
}
VOTE_OPTIONS = {
    Ballot.Choice.FOR: "yes",
    Ballot.Choice.AGAINST: "no",
    Ballot.Choice.ABSTAIN: "abstain",
}
VOTE_RESULTS = {Vote.Result.ADOPTED: "pass", Vote.Result.REJECTED: "fail"}
EVENT_STATUS = {
    Meeting.Status.PLANNED: "tentative",
    Meeting.Status.CANCELLED: "cancelled",
}


def council_id(council_pk_or_slug) -> str:
    return f"adviesraad/{council_pk_or_slug}"


def _iso(value) -> str:
    """A date-time as Popolo wants it (RFC 3339, whole seconds: its pattern allows no fraction)."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def person_id(user_id) -> str:
    return f"persoon/{user_id}"


def public_votes(councils):
    """The votes the public sees on the meeting pages (councils.view_minutes and
    councils.view_agendaitem for a visitor): public meetings with published minutes, items
    that are not confidential. With their ballots and voters: two queries."""
    ballots = Ballot.objects.select_related("user").order_by("user__display_name", "pk")
    return (
        Vote.objects.filter(
            item__meeting__council__in=councils,
            item__meeting__is_public=True,
            item__meeting__status=Meeting.Status.PUBLISHED,
            item__is_confidential=False,
        )
        .select_related("item__meeting")
        .prefetch_related(Prefetch("ballots", queryset=ballots))
        .order_by("item__meeting__starts_at", "item__meeting_id", "item__position", "item_id", "pk")
    )


def vote_event(vote: Vote, organization_id: str) -> dict:
    meeting = vote.item.meeting
    event = {
        "id": f"stemming/{vote.pk}",
        "organization_id": organization_id,
        "legislative_session_id": f"vergadering/{meeting.pk}",
        "parent_id": f"agendapunt/{vote.item_id}",
        "motion": {"text": vote.motion},
        "classification": "geheim" if vote.is_secret else "openbaar",
        "start_date": _iso(meeting.starts_at),  # Popolo: a date-time, not a date
        "result": VOTE_RESULTS[vote.result],
        "counts": [
            {"option": "yes", "value": vote.votes_for},
            {"option": "no", "value": vote.votes_against},
            {"option": "abstain", "value": vote.abstentions},
        ],
        "votes": [],
    }
    if not vote.is_secret:
        event["votes"] = [
            {"vote_event_id": event["id"], "voter_id": person_id(b.user_id), "option": VOTE_OPTIONS[b.choice]}
            for b in vote.ballots.all()
        ]
    return event


def build(councils=None) -> dict:
    councils = list(councils if councils is not None else Council.objects.all())
    by_pk = {c.pk: c for c in councils}
    memberships = list(
        CouncilMembership.objects.filter(council__in=councils)
        .select_related("user", "organisation")
        .order_by("council_id", "start", "pk")
    )
    meetings = list(Meeting.objects.filter(council__in=councils).select_related("place").order_by("starts_at", "pk"))
    public_items = AgendaItem.objects.filter(
        meeting__in=[m for m in meetings if m.is_public and m.agenda_is_published], is_confidential=False
    ).order_by("meeting_id", "position", "pk")

    organizations = [
        {
            "id": council_id(c.slug),
            "name": c.name,
            "classification": "adviesraad",
            "description": c.mission,
            "links": [{"url": absolute_url(c.get_absolute_url()), "note": "Samen Genk"}],
            "contact_details": [{"type": "email", "value": c.email}] if c.email else [],
            "note": "voorbeeld" if c.is_example else "",
        }
        for c in councils
    ]
    seen_orgs, persons, seen_people, rows = set(), [], set(), []
    for m in memberships:
        if m.user_id not in seen_people:
            seen_people.add(m.user_id)
            persons.append({"id": person_id(m.user_id), "name": m.user.public_name})
        row = {
            "id": f"lidmaatschap/{m.pk}",
            "person_id": person_id(m.user_id),
            "organization_id": council_id(by_pk[m.council_id].slug),
            "role": ROLE_LABELS_EN[m.role],
            "label": str(m.get_role_display()),
            "start_date": m.start.isoformat() if m.start else None,
            "end_date": m.end.isoformat() if m.end else None,
        }
        if m.organisation_id:
            org_id = f"organisatie/{m.organisation.slug}"
            row["on_behalf_of_id"] = org_id
            if org_id not in seen_orgs:
                seen_orgs.add(org_id)
                organizations.append({"id": org_id, "name": m.organisation.name, "classification": m.organisation.kind})
        elif m.represents:
            # Popolo: on_behalf_of is an organization object; a name typed in has no id of its own.
            row["on_behalf_of"] = {"name": m.represents}
        rows.append(row)

    events = []
    for meeting in meetings:
        event = {
            "id": f"vergadering/{meeting.pk}",
            "name": meeting.display_title,
            "classification": "vergadering",
            "organization_id": council_id(by_pk[meeting.council_id].slug),
            "start_date": _iso(meeting.starts_at),
            "end_date": _iso(meeting.ends_at),
            "status": EVENT_STATUS.get(meeting.status, "confirmed"),
            "public": meeting.is_public,
            "links": [{"url": absolute_url(meeting.get_absolute_url()), "note": "Samen Genk"}],
        }
        if meeting.is_public or meeting.place_id:
            location = meeting.location_label
            if location:
                event["location"] = location
        events.append(event)
    for item in public_items:
        events.append(
            {
                "id": f"agendapunt/{item.pk}",
                "parent_id": f"vergadering/{item.meeting_id}",
                "name": item.title,
                "description": item.description,
                "classification": "agendapunt",
                "position": item.position,
                "purpose": item.purpose,
            }
        )
    vote_events = []
    for vote in public_votes(councils):
        vote_events.append(vote_event(vote, council_id(by_pk[vote.item.meeting.council_id].slug)))
        if vote.is_secret:
            continue
        # A voter is a (former) member, so normally already a person; never leave a voter_id dangling.
        for ballot in vote.ballots.all():
            if ballot.user_id not in seen_people:
                seen_people.add(ballot.user_id)
                persons.append({"id": person_id(ballot.user_id), "name": ballot.user.public_name})
    return {
        "organizations": organizations,
        "persons": persons,
        "memberships": rows,
        "events": events,
        "vote_events": vote_events,
    }

"""Councils, members and meetings as open data in the Popolo shape (https://www.popoloproject.com/).

- organizations: each council (classification "adviesraad") and each organisation a member represents
- persons: everyone who holds or held a seat, with an opaque id and their public name only
- memberships: person, council, role, term (start_date, end_date), on behalf of an organisation
- events: meetings (classification "vergadering") and, as child events (parent_id), the agenda
  items anyone may see: of public meetings, once the agenda is published, never confidential ones

The mapping is documented in README.md. Four queries, whatever the size.
"""

from django.utils import timezone

from genk.core.notifications import absolute_url

from .models import AgendaItem, Council, CouncilMembership, Meeting

ROLE_LABELS_EN = {
    CouncilMembership.Role.CHAIR: "chair",
    CouncilMembership.Role.VICE_CHAIR: "vice-chair",
    CouncilMembership.Role.SECRETARY: "secretary",
    CouncilMembership.Role.MEMBER: "member",
    CouncilMembership.Role.EXPERT: "expert",
    CouncilMembership.Role.OBSERVER: "observer",
}
EVENT_STATUS = {
    Meeting.Status.PLANNED: "tentative",
    Meeting.Status.CANCELLED: "cancelled",
}


def council_id(council_pk_or_slug) -> str:
    return f"adviesraad/{council_pk_or_slug}"


def _iso(value) -> str:
    return timezone.localtime(value).isoformat()


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
            persons.append({"id": f"persoon/{m.user_id}", "name": m.user.public_name})
        row = {
            "id": f"lidmaatschap/{m.pk}",
            "person_id": f"persoon/{m.user_id}",
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
            row["on_behalf_of"] = m.represents
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
    return {"organizations": organizations, "persons": persons, "memberships": rows, "events": events}

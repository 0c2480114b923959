"""Operations on councils that touch several objects: permission-checked, atomic, audited,
notifying on commit. State changes live in workflow.py; everything else is here.

Invitations are emails with an iCalendar attachment. `genk.core.notifications` sends plain
text only, so they are built here, and made idempotent the same way: a SendLog row under
`council-invite:<meeting>:<sequence>:<user>` is written in the transaction that sends.
"""

from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from genk.core import audit, notifications, ratelimit
from genk.core.permissions import require
from genk.core.refusals import AlreadyDone, NotAllowed

from . import tasks
from .models import (
    Advice,
    AdviceRequest,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Ballot,
    Council,
    CouncilMembership,
    Meeting,
    MembershipApplication,
    MinutesRemark,
    Vote,
)
from .notifications import council_managers, fmt_date, staff_council_url
from .predicates import forget_roles

User = get_user_model()

NO_PERMISSION = _lazy("Je hebt geen toestemming voor deze handeling.")

MEETING_FIELDS = [
    "title",
    "starts_at",
    "ends_at",
    "place",
    "location",
    "online_url",
    "is_public",
    "description",
    "rsvp_deadline",
]
# Changes to these reach the members' calendars: an invited meeting's invitation goes out again.
CALENDAR_FIELDS = ["title", "starts_at", "ends_at", "place", "location", "online_url"]
AGENDA_EDITABLE = (Meeting.Status.PLANNED, Meeting.Status.INVITED, Meeting.Status.HELD, Meeting.Status.MINUTES_DRAFT)
ITEM_FIELDS = ["title", "description", "purpose", "is_confidential"]
ADVICE_FIELDS = ["title", "summary", "body", "agenda_item", "request", "department", "responsible"]
MEMBERSHIP_FIELDS = ["user", "role", "start", "end", "represents", "organisation"]
COUNCIL_FIELDS = [
    "name",
    "mission",
    "email",
    "department",
    "quorum_percentage",
    "answer_days",
    "rsvp_days",
    "remarks_days",
    "is_active",
]


# Council and members.


def update_council(council: Council, actor, **data) -> Council:
    require(actor, "councils.manage_council", council, message=NO_PERMISSION)
    with transaction.atomic():
        council = Council.objects.select_for_update().get(pk=council.pk)
        before = audit.snapshot(council, COUNCIL_FIELDS)
        for field, value in data.items():
            setattr(council, field, value)
        council.save()
        audit.record(
            actor, "councils.council.changed", council, before=before, after=audit.snapshot(council, COUNCIL_FIELDS)
        )
    return council


def _overlapping(council, user, start, end, exclude_pk=None):
    terms = CouncilMembership.objects.filter(council=council, user=user)
    if exclude_pk:
        terms = terms.exclude(pk=exclude_pk)
    if end is not None:
        terms = terms.filter(Q(start__isnull=True) | Q(start__lte=end))
    if start is not None:
        terms = terms.filter(Q(end__isnull=True) | Q(end__gte=start))
    return terms.exists()


def add_member(council: Council, actor, *, user, role, start=None, end=None, represents="", organisation=None):
    """Give `user` a seat for a term. Terms of one person in one council never overlap."""
    require(actor, "councils.manage_council", council, message=NO_PERMISSION)
    with transaction.atomic():
        Council.objects.select_for_update().get(pk=council.pk)  # serialise membership changes per council
        if _overlapping(council, user, start, end):
            raise NotAllowed(_("%(name)s is in die periode al lid van deze raad.") % {"name": user.public_name})
        membership = CouncilMembership.objects.create(
            council=council,
            user=user,
            role=role,
            start=start,
            end=end,
            represents=represents,
            organisation=organisation,
        )
        audit.record(
            actor, "councils.membership.added", membership, after=audit.snapshot(membership, MEMBERSHIP_FIELDS)
        )
    forget_roles(user)
    return membership


def update_membership(membership: CouncilMembership, actor, **data) -> CouncilMembership:
    require(actor, "councils.manage_council", membership.council, message=NO_PERMISSION)
    with transaction.atomic():
        Council.objects.select_for_update().get(pk=membership.council_id)
        membership = CouncilMembership.objects.select_for_update().get(pk=membership.pk)
        before = audit.snapshot(membership, MEMBERSHIP_FIELDS)
        for field, value in data.items():
            setattr(membership, field, value)
        if membership.end and membership.start and membership.end < membership.start:
            raise NotAllowed(_("Het einde van het mandaat ligt voor het begin."))
        if _overlapping(membership.council, membership.user, membership.start, membership.end, membership.pk):
            raise NotAllowed(_("Deze persoon heeft in die periode al een ander mandaat in deze raad."))
        membership.save()
        audit.record(
            actor,
            "councils.membership.changed",
            membership,
            before=before,
            after=audit.snapshot(membership, MEMBERSHIP_FIELDS),
        )
    forget_roles(membership.user)
    return membership


def end_membership(membership: CouncilMembership, actor, end: date | None = None) -> CouncilMembership:
    end = end or timezone.localdate()
    if membership.start and end < membership.start:
        raise NotAllowed(_("Het einde van het mandaat ligt voor het begin."))
    return update_membership(membership, actor, end=end)


def apply_to_council(council: Council, user, *, motivation: str, represents: str = "") -> MembershipApplication:
    require(user, "councils.apply_council", council, message=_("Je kunt je voor deze raad niet kandidaat stellen."))
    # Each application emails the council's chair and secretary: a few a day per person (issue 16).
    ratelimit.hit(user, "councils.apply", "5/d", unverified="3/d")
    try:
        with transaction.atomic():
            application = MembershipApplication.objects.create(
                council=council, user=user, motivation=motivation, represents=represents
            )
            notifications.notify(
                "councils.application_received",
                council_managers(council),
                key=f"councils:application:{application.pk}",
                context={"council": council.name, "name": user.public_name, "motivation": motivation},
                url=reverse("councils_staff:applications", kwargs={"slug": council.slug}),
            )
    except IntegrityError:
        raise AlreadyDone(_("Je kandidatuur voor deze raad is al ingediend.")) from None
    return application


# Meetings.


def default_rsvp_deadline(council: Council, starts_at: datetime) -> datetime:
    return starts_at - timedelta(days=council.rsvp_days)


def plan_meeting(council: Council, actor, **data) -> Meeting:
    require(actor, "councils.manage_council", council, message=NO_PERMISSION)
    with transaction.atomic():
        meeting = Meeting(council=council, **data)
        if meeting.rsvp_deadline is None:
            meeting.rsvp_deadline = default_rsvp_deadline(council, meeting.starts_at)
        meeting.save()
        audit.record(actor, "councils.meeting.planned", meeting, after=audit.snapshot(meeting, MEETING_FIELDS))
    return meeting


def update_meeting(meeting: Meeting, actor, **data) -> Meeting:
    """Change a planned or invited meeting. When an invited meeting's time or place changes,
    SEQUENCE goes up and every member gets the updated invitation."""
    require(actor, "councils.manage_meeting", meeting, message=NO_PERMISSION)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.INVITED):
            raise NotAllowed(_("Een vergadering die gehouden of geannuleerd is, kan je niet meer wijzigen."))
        before = audit.snapshot(meeting, MEETING_FIELDS)
        for field, value in data.items():
            setattr(meeting, field, value)
        if meeting.rsvp_deadline is None or meeting.rsvp_deadline > meeting.starts_at:
            meeting.rsvp_deadline = default_rsvp_deadline(meeting.council, meeting.starts_at)
        after = audit.snapshot(meeting, MEETING_FIELDS)
        calendar_changed = any(before[f] != after[f] for f in CALENDAR_FIELDS)
        resend = meeting.status == Meeting.Status.INVITED and calendar_changed
        if resend:
            meeting.sequence += 1
        meeting.save()
        audit.record(actor, "councils.meeting.changed", meeting, before=before, after=after)
        if resend:
            sync_attendances(meeting)
            tasks.queue_invitations(meeting)
    return meeting


def sync_attendances(meeting: Meeting) -> int:
    """Invite every member whose term includes the meeting day; returns how many were added.
    Former members keep their row: it is the record of who was invited."""
    day = timezone.localdate(meeting.starts_at)
    existing = set(meeting.attendances.values_list("user_id", flat=True))
    rows = [
        Attendance(meeting=meeting, user_id=m.user_id, membership=m, role=m.role, has_vote=m.has_vote)
        for m in CouncilMembership.objects.current(day).filter(council_id=meeting.council_id, user__is_active=True)
        if m.user_id not in existing
    ]
    Attendance.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def rsvp(meeting: Meeting, user, answer: str) -> Attendance:
    require(user, "councils.rsvp_meeting", meeting, message=_("Je kunt voor deze vergadering niet (meer) antwoorden."))
    if answer not in (Attendance.Rsvp.ATTENDING, Attendance.Rsvp.EXCUSED):
        raise NotAllowed(_("Kies of je komt of verontschuldigd bent."))
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if not meeting.rsvp_open():
            raise NotAllowed(_("De termijn om te antwoorden is voorbij."))
        try:
            attendance = Attendance.objects.select_for_update().get(meeting=meeting, user=user)
        except Attendance.DoesNotExist:
            raise NotAllowed(_("Je bent niet uitgenodigd voor deze vergadering.")) from None
        attendance.rsvp = answer
        attendance.rsvp_at = timezone.now()
        attendance.save(update_fields=["rsvp", "rsvp_at", "modified"])
    return attendance


def _recording_allowed(meeting: Meeting) -> None:
    if meeting.status not in Meeting.RECORDING_STATES:
        raise NotAllowed(_("Aanwezigheden en stemmingen registreer je tot het verslag naar de leden gaat."))
    if meeting.starts_at > timezone.now():
        raise NotAllowed(_("De vergadering is nog niet begonnen."))


def record_attendance(meeting: Meeting, actor, presences: dict[int, str]) -> int:
    """Record presence per attendance id; returns how many changed."""
    require(actor, "councils.manage_meeting", meeting, message=NO_PERMISSION)
    valid = set(Attendance.Presence.values)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _recording_allowed(meeting)
        rows = {a.pk: a for a in meeting.attendances.select_related("user")}
        before, after, changed = {}, {}, []
        for pk, presence in presences.items():
            row = rows.get(pk)
            if row is None or presence not in valid or row.presence == presence:
                continue
            before[row.user.public_name] = row.presence
            after[row.user.public_name] = presence
            row.presence = presence
            changed.append(row)
        Attendance.objects.bulk_update(changed, ["presence"])
        if changed:
            audit.record(actor, "councils.meeting.attendance", meeting, before=before, after=after)
    return len(changed)


def record_vote(item: AgendaItem, actor, *, motion: str, is_secret: bool, counts=None, ballots=None) -> Vote:
    """Record a vote on an item for decision. Needs quorum. A public vote takes each present
    voting member's choice (`ballots`: {user_id: choice}); a secret vote only the totals."""
    require(actor, "councils.manage_meeting", item.meeting, message=NO_PERMISSION)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("council").get(pk=item.meeting_id)
        _recording_allowed(meeting)
        item = AgendaItem.objects.get(pk=item.pk)
        if not item.is_for_decision:
            raise NotAllowed(_("Alleen over een punt ter beslissing wordt gestemd."))
        summary = meeting.attendance_summary()
        if not summary.quorum_reached:
            raise NotAllowed(
                _(
                    "Het quorum is niet bereikt: %(present)s van de %(required)s vereiste stemgerechtigde leden aanwezig."
                )
                % {"present": summary.voting_present, "required": summary.required}
            )
        voters = set(
            meeting.attendances.filter(has_vote=True, presence=Attendance.Presence.PRESENT).values_list(
                "user_id", flat=True
            )
        )
        if is_secret:
            votes_for, votes_against, abstentions = (int(n) for n in counts)
            ballot_rows = []
        else:
            ballots = {int(k): v for k, v in (ballots or {}).items() if v}
            if set(ballots) - voters:
                raise NotAllowed(_("Alleen aanwezige stemgerechtigde leden kunnen stemmen."))
            if any(choice not in Ballot.Choice.values for choice in ballots.values()):
                raise NotAllowed(_("Ongeldige stem."))
            choices = list(ballots.values())
            votes_for = choices.count(Ballot.Choice.FOR)
            votes_against = choices.count(Ballot.Choice.AGAINST)
            abstentions = choices.count(Ballot.Choice.ABSTAIN)
            ballot_rows = list(ballots.items())
        if min(votes_for, votes_against, abstentions) < 0:
            raise NotAllowed(_("Aantallen kunnen niet negatief zijn."))
        if votes_for + votes_against + abstentions == 0:
            raise NotAllowed(_("Er is geen enkele stem uitgebracht."))
        if votes_for + votes_against + abstentions > len(voters):
            raise NotAllowed(
                _("Er zijn meer stemmen (%(votes)s) dan aanwezige stemgerechtigde leden (%(voters)s).")
                % {"votes": votes_for + votes_against + abstentions, "voters": len(voters)}
            )
        vote = Vote.objects.create(
            item=item,
            motion=motion,
            is_secret=is_secret,
            votes_for=votes_for,
            votes_against=votes_against,
            abstentions=abstentions,
            result=Vote.result_for(votes_for, votes_against),
            recorded_by=actor,
        )
        Ballot.objects.bulk_create([Ballot(vote=vote, user_id=uid, choice=choice) for uid, choice in ballot_rows])
        audit.record(
            actor,
            "councils.vote.recorded",
            vote,
            after={
                "motion": motion,
                "secret": is_secret,
                "for": votes_for,
                "against": votes_against,
                "abstentions": abstentions,
                "result": vote.result,
            },
        )
    return vote


# Agenda.


def _editable_meeting(meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status not in AGENDA_EDITABLE:
        raise NotAllowed(_("De agenda ligt vast zodra het verslag naar de leden is gegaan."))
    return meeting


def add_item(meeting: Meeting, actor, **data) -> AgendaItem:
    require(actor, "councils.manage_meeting", meeting, message=NO_PERMISSION)
    with transaction.atomic():
        meeting = _editable_meeting(meeting)
        last = meeting.items.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem.objects.create(meeting=meeting, position=last + 1, **data)
        audit.record(actor, "councils.agenda.item_added", item, after=audit.snapshot(item, ITEM_FIELDS))
    return item


def update_item(item: AgendaItem, actor, **data) -> AgendaItem:
    require(actor, "councils.manage_meeting", item.meeting, message=NO_PERMISSION)
    with transaction.atomic():
        _editable_meeting(item.meeting)
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        before = audit.snapshot(item, ITEM_FIELDS)
        for field, value in data.items():
            setattr(item, field, value)
        item.save()
        audit.record(
            actor, "councils.agenda.item_changed", item, before=before, after=audit.snapshot(item, ITEM_FIELDS)
        )
    return item


def move_item(item: AgendaItem, actor, direction: str) -> None:
    """Move an item one place up or down; positions are renumbered 1..n."""
    require(actor, "councils.manage_meeting", item.meeting, message=NO_PERMISSION)
    with transaction.atomic():
        meeting = _editable_meeting(item.meeting)
        items = list(meeting.items.order_by("position", "pk"))
        index = next(i for i, it in enumerate(items) if it.pk == item.pk)
        target = index - 1 if direction == "up" else index + 1
        if 0 <= target < len(items):
            items[index], items[target] = items[target], items[index]
        for position, it in enumerate(items, start=1):
            it.position = position
        AgendaItem.objects.bulk_update(items, ["position"])
        audit.record(actor, "councils.agenda.reordered", meeting, after={"order": [it.pk for it in items]})


def delete_item(item: AgendaItem, actor) -> None:
    require(actor, "councils.manage_meeting", item.meeting, message=NO_PERMISSION)
    with transaction.atomic():
        meeting = _editable_meeting(item.meeting)
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        if item.votes.exists() or item.advice.exists():
            raise NotAllowed(_("Over dit punt is al gestemd of er hangt een advies aan: het kan niet weg."))
        names = [d.file.name for d in item.documents.all()]
        audit.record(actor, "councils.agenda.item_deleted", item, before=audit.snapshot(item, ITEM_FIELDS))
        item.delete()
        remaining = list(meeting.items.order_by("position", "pk"))
        for position, it in enumerate(remaining, start=1):
            it.position = position
        AgendaItem.objects.bulk_update(remaining, ["position"])
        transaction.on_commit(lambda: _delete_files(names))


def _delete_files(names) -> None:
    from .storage import private_storage

    storage = private_storage()
    for name in names:
        storage.delete(name)


def add_document(item: AgendaItem, actor, *, title: str, upload, is_confidential: bool) -> AgendaDocument:
    """Store an uploaded file privately. The form has checked its type, signature and size."""
    require(actor, "councils.manage_meeting", item.meeting, message=NO_PERMISSION)
    from .models import ALLOWED_DOCUMENT_TYPES

    with transaction.atomic():
        _editable_meeting(item.meeting)
        suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        document = AgendaDocument(
            item=item,
            title=title,
            original_name=upload.name[:250],
            content_type=ALLOWED_DOCUMENT_TYPES.get(suffix, "application/octet-stream"),
            size=upload.size,
            is_confidential=is_confidential,
            uploaded_by=actor,
        )
        document.file.save(upload.name, upload, save=False)
        name = document.file.name
        try:
            document.save()
        except Exception:
            _delete_files([name])
            raise
        audit.record(
            actor,
            "councils.agenda.document_added",
            document,
            after={"title": title, "file": document.original_name, "confidential": is_confidential},
        )
    return document


def delete_document(document: AgendaDocument, actor) -> None:
    require(actor, "councils.manage_meeting", document.item.meeting, message=NO_PERMISSION)
    with transaction.atomic():
        _editable_meeting(document.item.meeting)
        name = document.file.name
        audit.record(actor, "councils.agenda.document_deleted", document, before={"title": document.title})
        document.delete()
        transaction.on_commit(lambda: _delete_files([name]))


# Minutes.


def save_minutes(meeting: Meeting, actor, *, introduction: str, closing: str, items: dict[int, dict]) -> None:
    """Save the draft minutes: opening, closing, and per item its notes and decision."""
    require(actor, "councils.manage_meeting", meeting, message=NO_PERMISSION)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != Meeting.Status.MINUTES_DRAFT:
            raise NotAllowed(_("Je kunt het verslag alleen bewerken zolang het een ontwerp is."))
        minutes = meeting.minutes
        minutes.introduction = introduction
        minutes.closing = closing
        minutes.written_by = actor
        minutes.save()
        rows = list(meeting.items.filter(pk__in=items))
        for row in rows:
            row.notes = items[row.pk].get("notes", row.notes)
            row.decision = items[row.pk].get("decision", row.decision)
        AgendaItem.objects.bulk_update(rows, ["notes", "decision"])
        audit.record(actor, "councils.minutes.saved", minutes)


def add_remark(meeting: Meeting, user, body: str) -> MinutesRemark:
    require(
        user, "councils.remark_minutes", meeting, message=_("Opmerkingen op dit verslag zijn niet (meer) mogelijk.")
    )
    with transaction.atomic():
        remark = MinutesRemark.objects.create(minutes=meeting.minutes, author=user, body=body)
        notifications.notify(
            "councils.remark_added",
            council_managers(meeting.council),
            key=f"councils:remark:{remark.pk}",
            context={
                "name": user.public_name,
                "date": fmt_date(timezone.localdate(meeting.starts_at)),
                "body": body,
            },
            url=reverse("councils_staff:minutes", kwargs={"pk": meeting.pk}),
        )
    return remark


def respond_to_remark(remark: MinutesRemark, actor, response: str) -> MinutesRemark:
    meeting = remark.minutes.meeting
    require(actor, "councils.manage_meeting", meeting, message=NO_PERMISSION)
    with transaction.atomic():
        remark = MinutesRemark.objects.select_for_update().get(pk=remark.pk)
        before = {"response": remark.response}
        remark.response = response
        remark.save(update_fields=["response", "modified"])
        audit.record(actor, "councils.minutes.remark_answered", remark, before=before, after={"response": response})
    return remark


# Advice.


def create_advice(council: Council, actor, **data) -> Advice:
    require(actor, "councils.manage_council", council, message=NO_PERMISSION)
    with transaction.atomic():
        advice = Advice.objects.create(council=council, created_by=actor, **data)
        audit.record(actor, "councils.advice.drafted", advice, after=audit.snapshot(advice, ADVICE_FIELDS))
    return advice


def update_advice(advice: Advice, actor, **data) -> Advice:
    require(actor, "councils.change_advice", advice, message=NO_PERMISSION)
    with transaction.atomic():
        advice = Advice.objects.select_for_update().get(pk=advice.pk)
        if advice.status != Advice.Status.DRAFT:
            raise NotAllowed(_("Een goedgekeurd advies wijzig je niet meer."))
        before = audit.snapshot(advice, ADVICE_FIELDS)
        for field, value in data.items():
            setattr(advice, field, value)
        advice.save()
        audit.record(
            actor, "councils.advice.changed", advice, before=before, after=audit.snapshot(advice, ADVICE_FIELDS)
        )
    return advice


def request_advice(council: Council, actor, *, title: str, question: str, deadline: date, department=None):
    require(actor, "councils.request_advice", council, message=NO_PERMISSION)
    if deadline < timezone.localdate():
        raise NotAllowed(_("De termijn ligt in het verleden."))
    with transaction.atomic():
        request = AdviceRequest.objects.create(
            council=council,
            title=title,
            question=question,
            deadline=deadline,
            department=department,
            requested_by=actor,
        )
        audit.record(
            actor,
            "councils.advice_request.created",
            request,
            after={"title": title, "deadline": deadline.isoformat(), "department": getattr(department, "pk", None)},
        )
        notifications.notify(
            "councils.advice_requested",
            council_managers(council),
            key=f"councils:request:{request.pk}",
            context={
                "council": council.name,
                "title": title,
                "question": question,
                "deadline": fmt_date(deadline),
            },
            url=staff_council_url(council),
        )
    return request

"""The states of a language-buddy pair and of its meetings, and the only functions that change them.

Pair: created `proposed` by the coordinator (`propose`); `accept_learner` and `accept_buddy`
move it to `learner_accepted` / `buddy_accepted`, and the second acceptance to `active`;
`decline` (either party, with a reason) → `declined`; `end` (a party or the coordinator, with a
reason; the system on erasure) → `ended`. Meeting: created `logged` by a party of an active
pair (`log_meeting`); `approve` → `approved`, `reject` → `rejected` (the coordinator).
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from genk.core import audit
from genk.core.permissions import require
from genk.core.refusals import NotAllowed
from genk.core.workflow import Transition, Workflow, follow

from . import notifications
from .models import Meeting, Pair

P = Pair.Status
M = Meeting.Status

PAIR_FLOW = Workflow(
    Pair,
    [
        Transition(
            "accept_learner", {P.PROPOSED, P.BUDDY_ACCEPTED}, "", "buddies.accept_as_learner", _lazy("Aanvaarden")
        ),
        Transition(
            "accept_buddy", {P.PROPOSED, P.LEARNER_ACCEPTED}, "", "buddies.accept_as_buddy", _lazy("Aanvaarden")
        ),
        Transition(
            "decline",
            {P.PROPOSED, P.LEARNER_ACCEPTED, P.BUDDY_ACCEPTED},
            P.DECLINED,
            "buddies.decline_pair",
            _lazy("Weigeren"),
        ),
        Transition("end", {P.ACTIVE}, P.ENDED, "buddies.end_pair", _lazy("Stoppen")),
    ],
    audit_prefix="buddies.pair",
)

MEETING_FLOW = Workflow(
    Meeting,
    [
        Transition("approve", {M.LOGGED}, M.APPROVED, "buddies.approve_meeting", _lazy("Goedkeuren")),
        Transition("reject", {M.LOGGED}, M.REJECTED, "buddies.approve_meeting", _lazy("Afkeuren")),
    ],
    audit_prefix="buddies.meeting",
)


def propose(learner, buddy, user, note: str = "") -> Pair:
    """The coordinator proposes `buddy` to `learner` (same programme, both without an open pair)."""
    require(user, "buddies.propose_pair", learner.opportunity, message=_("Enkel de coördinator stelt koppels voor."))
    if learner.opportunity_id != buddy.opportunity_id:
        raise NotAllowed(_("De leerder en het taalmaatje horen niet bij hetzelfde programma."))
    if learner.user_id == buddy.user_id:
        raise NotAllowed(_("Iemand kan niet zijn eigen taalmaatje zijn."))
    if learner.withdrawn_at or buddy.withdrawn_at:
        raise NotAllowed(_("Die persoon heeft zich uitgeschreven."))
    try:
        with transaction.atomic():
            pair = Pair.objects.create(
                opportunity_id=learner.opportunity_id,
                learner=learner,
                buddy=buddy,
                status=P.PROPOSED,
                proposed_by=user,
                proposal_note=note,
            )
    except IntegrityError:
        raise NotAllowed(
            _("De leerder of het taalmaatje heeft intussen al een koppel. Kies iemand anders uit de lijst.")
        ) from None
    audit.record(user, "buddies.pair.propose", pair, after={"status": pair.status})
    notifications.send(notifications.PROPOSED.key, notifications.parties(pair), pair, "proposed")
    return pair


def accept(pair, user) -> Pair:
    """The learner or the buddy accepts; the second acceptance makes the pair `active`."""
    with transaction.atomic():
        locked = PAIR_FLOW.lock(pair, related=["learner", "buddy", "opportunity"])
        if locked.learner.user_id == user.pk:
            name, stamp, other_done = "accept_learner", "learner_accepted_at", locked.buddy_accepted_at
            half = P.LEARNER_ACCEPTED
        elif locked.buddy.user_id == user.pk:
            name, stamp, other_done = "accept_buddy", "buddy_accepted_at", locked.learner_accepted_at
            half = P.BUDDY_ACCEPTED
        else:
            raise PermissionDenied(_("Enkel de leerder en het taalmaatje van dit voorstel kunnen het aanvaarden."))
        t = PAIR_FLOW.check(name, locked, user)
        now = timezone.now()
        if other_done:
            PAIR_FLOW.move(t, locked, user, target=P.ACTIVE, started_at=now, **{stamp: now})
            notifications.send(
                notifications.ACCEPTED.key,
                [*notifications.parties(locked), *notifications.coordinator_ids(locked)],
                locked,
                "active",
            )
        else:
            PAIR_FLOW.move(t, locked, user, target=half, **{stamp: now})
    follow(pair, locked)
    return pair


def decline(pair, user, reason: str) -> Pair:
    if not reason.strip():
        raise NotAllowed(_("Geef een reden: de coördinator zoekt dan beter."))
    with transaction.atomic():
        t, locked = PAIR_FLOW.begin("decline", pair, user, related=["learner", "buddy", "opportunity"])
        PAIR_FLOW.move(t, locked, user, reason=reason, declined_by=user, decline_reason=reason)
        notifications.send(
            notifications.DECLINED.key,
            [*notifications.parties(locked), *notifications.coordinator_ids(locked)],
            locked,
            "declined",
            reason=reason,
        )
    follow(pair, locked)
    return pair


def end(pair, user, reason: str, *, by_system: bool = False) -> Pair:
    """A party or the coordinator ends an active pair; `by_system` on erasure (no rule)."""
    if not reason.strip():
        raise NotAllowed(_("Geef een reden waarom jullie stoppen."))
    with transaction.atomic():
        t, locked = PAIR_FLOW.begin(
            "end", pair, user, related=["learner", "buddy", "opportunity"], check_rule=not by_system
        )
        PAIR_FLOW.move(t, locked, user, reason=reason, ended_at=timezone.now(), end_reason=reason)
        notifications.send(
            notifications.ENDED.key,
            [*notifications.parties(locked), *notifications.coordinator_ids(locked)],
            locked,
            "ended",
            reason=reason,
        )
    follow(pair, locked)
    return pair


def close_for_erasure(pair, reason: str) -> None:
    """The system ends an active pair, or declines a proposed one, of an erased account."""
    if pair.status == P.ACTIVE:
        end(pair, None, reason, by_system=True)
    elif pair.is_proposed:
        with transaction.atomic():
            t, locked = PAIR_FLOW.begin("decline", pair, None, check_rule=False)
            PAIR_FLOW.move(t, locked, None, reason=reason, decline_reason=reason)
        follow(pair, locked)


def log_meeting(pair, user, *, date, minutes: int, note: str = "") -> Meeting:
    require(user, "buddies.log_meeting", pair, message=_("Enkel de taalmaatjes van dit koppel noteren ontmoetingen."))
    if pair.status != P.ACTIVE:
        raise NotAllowed(_("Ontmoetingen noteer je zodra jullie allebei aanvaard hebben."))
    if date > timezone.localdate():
        raise NotAllowed(_("Noteer een ontmoeting na afloop, niet vooraf."))
    if pair.started_at and date < timezone.localtime(pair.started_at).date():
        raise NotAllowed(_("Die datum ligt voor de start van jullie koppel."))
    with transaction.atomic():
        meeting = Meeting.objects.create(
            pair=pair, date=date, minutes=minutes, note=note, status=M.LOGGED, logged_by=user
        )
        audit.record(user, "buddies.meeting.log", meeting, after={"minutes": minutes})
        notifications.notifications.notify(
            notifications.MEETING_TO_APPROVE.key,
            notifications.coordinator_ids(pair),
            key=f"buddies:meeting:{meeting.pk}:logged",
            context={"programme": pair.opportunity.title, "minutes": minutes},
            url=pair.get_absolute_url(),
        )
    return meeting


def decide_meeting(meeting, user, approve: bool) -> Meeting:
    name = "approve" if approve else "reject"
    with transaction.atomic():
        t, locked = MEETING_FLOW.begin(name, meeting, user, related=["pair"])
        MEETING_FLOW.move(t, locked, user, decided_by=user, decided_at=timezone.now())
    follow(meeting, locked)
    return meeting

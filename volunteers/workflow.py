"""The states of volunteer work and the allowed moves, on the shared kernel.

Capacity: every change that can take or free an accepted place locks the shift row first
(`lock_shift`), counts the accepted sign-ups and writes, all in one transaction. Concurrent
sign-ups for one shift therefore queue on that lock: a shift never has more accepted sign-ups
than places, and a full shift puts the next person on its waiting list. A cancellation frees a
place and promotes the first person waiting (who is told).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from genk.core import notifications
from genk.core.permissions import can, require
from genk.core.refusals import AlreadyDone, NotAllowed
from genk.core.workflow import Transition, Workflow

from . import predicates
from .models import (
    ADULT_AGE,
    Commitment,
    FlexibleHours,
    HourEntry,
    InformationNotice,
    NoticeAcknowledgement,
    Opportunity,
    Shift,
    SignUp,
)

OS = Opportunity.Status
OPPORTUNITY_FLOW = Workflow(
    Opportunity,
    [
        Transition("publish", {OS.DRAFT}, OS.PUBLISHED, "volunteers.publish_opportunity", _("Publiceren")),
        Transition("submit", {OS.DRAFT}, OS.IN_REVIEW, "volunteers.submit_opportunity", _("Ter controle indienen")),
        Transition(
            "approve", {OS.IN_REVIEW}, OS.PUBLISHED, "volunteers.review_opportunity", _("Goedkeuren en publiceren")
        ),
        Transition("send_back", {OS.IN_REVIEW}, OS.DRAFT, "volunteers.review_opportunity", _("Terugsturen")),
        Transition("close", {OS.PUBLISHED}, OS.CLOSED, "volunteers.close_opportunity", _("Afsluiten")),
        Transition("reopen", {OS.CLOSED}, OS.PUBLISHED, "volunteers.change_opportunity", _("Opnieuw openen")),
    ],
    audit_prefix="volunteers.opportunity",
)

H = Shift.Status
SHIFT_FLOW = Workflow(
    Shift,
    [Transition("cancel", {H.SCHEDULED}, H.CANCELLED, "volunteers.change_shift", _("Shift annuleren"))],
    audit_prefix="volunteers.shift",
)

S = SignUp.Status
SIGNUP_FLOW = Workflow(
    SignUp,
    [
        # accept: to `accepted`, or to `waiting` when the shift is full.
        Transition("accept", {S.REQUESTED}, "", "volunteers.decide_signup", _("Aanvaarden")),
        Transition("decline", {S.REQUESTED, S.WAITING}, S.DECLINED, "volunteers.decide_signup", _("Weigeren")),
        Transition("promote", {S.WAITING}, S.ACCEPTED, None, _("Van de wachtlijst inschrijven")),
        Transition(
            "cancel", {S.REQUESTED, S.ACCEPTED, S.WAITING}, S.CANCELLED, "volunteers.cancel_signup", _("Annuleren")
        ),
        # rejoin: a cancelled sign-up comes back as `requested`, `accepted` or `waiting`.
        Transition("rejoin", {S.CANCELLED}, "", "volunteers.rejoin_signup", _("Opnieuw inschrijven")),
        Transition("attend", {S.ACCEPTED, S.NO_SHOW}, S.ATTENDED, "volunteers.record_attendance", _("Aanwezig")),
        Transition("no_show", {S.ACCEPTED, S.ATTENDED}, S.NO_SHOW, "volunteers.decide_signup", _("Niet opgedaagd")),
    ],
    audit_prefix="volunteers.signup",
)


# Helpers.


def lock_shift(shift) -> Shift:
    """The shift's row, locked until the transaction ends: the guard of its capacity."""
    return Shift.objects.select_for_update().get(pk=shift.pk)


def accepted_count(shift) -> int:
    return SignUp.objects.filter(shift_id=shift.pk, status=S.ACCEPTED).count()


def has_free_place(shift) -> bool:
    return accepted_count(shift) < shift.capacity


def when(shift) -> str:
    start = timezone.localtime(shift.start)
    return f"{date_format(start, 'j F Y')} {start:%H:%M}"


def context_of(shift, **extra) -> dict:
    return {"title": shift.opportunity.title, "when": when(shift), **extra}


def coordinator_ids(organisation_id) -> list[int]:
    from genk.accounts.models import OrganisationMembership

    return list(
        OrganisationMembership.objects.current()
        .filter(organisation_id=organisation_id, role=OrganisationMembership.Role.VOLUNTEER_COORDINATOR)
        .values_list("user_id", flat=True)
    )


def notify_volunteer(kind: str, signup: SignUp, event: str, **extra) -> None:
    shift = signup.shift
    # A sign-up can go through an event more than once (cancel, rejoin): the key counts the audit trail.
    serial = timezone.now().strftime("%Y%m%d%H%M%S%f")
    notifications.notify(
        kind,
        [signup.volunteer_id],
        key=f"volunteers:signup:{signup.pk}:{event}:{serial}",
        context=context_of(shift, **extra),
        url=shift.opportunity.get_absolute_url(),
    )


STATUS_NOTICE = {S.ACCEPTED: "volunteers.accepted", S.WAITING: "volunteers.waiting"}


# Opportunities.


def publish(opportunity: Opportunity, user) -> Opportunity:
    """Publish, or (for an organisation's first opportunity, when the coordinator may not publish
    it alone) submit it to the volunteer desk for review."""
    if not (
        can(user, "volunteers.publish_opportunity", opportunity)
        or can(user, "volunteers.submit_opportunity", opportunity)
    ):
        raise PermissionDenied(gettext("Je mag deze vacature niet publiceren."))
    if InformationNotice.current_for(opportunity.organisation_id) is None:
        raise NotAllowed(
            gettext(
                "Schrijf eerst de organisatienota van je organisatie: vrijwilligers lezen ze voor ze zich inschrijven."
            )
        )
    if OPPORTUNITY_FLOW.allowed("publish", opportunity, user):
        return OPPORTUNITY_FLOW.run("publish", opportunity, user, published_at=timezone.now())
    with transaction.atomic():
        t, locked = OPPORTUNITY_FLOW.begin("submit", opportunity, user)
        OPPORTUNITY_FLOW.move(t, locked, user)
        from genk.accounts.models import User

        desk = User.objects.filter(department_memberships__department_id__in=predicates.desk_department_ids())
        notifications.notify(
            "volunteers.to_review",
            list(desk.values_list("pk", flat=True)),
            key=f"volunteers:opportunity:{locked.pk}:to_review:{timezone.now():%Y%m%d%H%M%S%f}",
            context={"title": locked.title, "organisation": locked.organisation.name},
            url=locked.get_absolute_url(),
        )
    opportunity.status = locked.status
    return locked


def approve(opportunity: Opportunity, user) -> Opportunity:
    return OPPORTUNITY_FLOW.run("approve", opportunity, user, published_at=timezone.now())


def send_back(opportunity: Opportunity, user, reason: str = "") -> Opportunity:
    return OPPORTUNITY_FLOW.run("send_back", opportunity, user, reason=reason)


def close(opportunity: Opportunity, user) -> Opportunity:
    return OPPORTUNITY_FLOW.run("close", opportunity, user)


def reopen(opportunity: Opportunity, user) -> Opportunity:
    return OPPORTUNITY_FLOW.run("reopen", opportunity, user)


# Sign-ups.


def check_can_sign_up(user, shift: Shift) -> None:
    """Refusals that apply before anything is written: the opportunity, the shift, the age."""
    opportunity = shift.opportunity
    if opportunity.status != OS.PUBLISHED:
        raise NotAllowed(gettext("Voor deze vacature kun je je niet (meer) inschrijven."))
    if shift.status != H.SCHEDULED:
        raise NotAllowed(gettext("Deze shift is geannuleerd. Kies een andere shift."))
    if shift.start <= timezone.now():
        raise NotAllowed(gettext("Deze shift is al begonnen. Kies een latere shift."))
    if opportunity.minimum_age:
        age = user.age_in(timezone.localdate(shift.start).year)
        if age is None:
            raise NotAllowed(
                gettext("Deze vacature heeft een minimumleeftijd. Vul eerst je geboortejaar in op je profiel.")
            )
        if age < opportunity.minimum_age:
            raise NotAllowed(
                gettext("Deze vacature vraagt vrijwilligers van minstens %(age)s jaar.")
                % {"age": opportunity.minimum_age}
            )


def needs_acknowledgement(user, organisation_id) -> InformationNotice | None:
    """The organisation's current notice if `user` has not acknowledged that version yet."""
    notice = InformationNotice.current_for(organisation_id)
    if notice is None or NoticeAcknowledgement.objects.filter(user=user, notice=notice).exists():
        return None
    return notice


def acknowledge(user, notice: InformationNotice) -> NoticeAcknowledgement:
    ack, _created = NoticeAcknowledgement.objects.get_or_create(user=user, notice=notice)
    return ack


def is_minor(user, shift: Shift) -> bool:
    age = user.age_in(timezone.localdate(shift.start).year)
    return age is not None and age < ADULT_AGE


def sign_up(
    user, shift: Shift, *, message: str = "", acknowledged_version: int | None = None, guardian_name: str = ""
) -> SignUp:
    """Sign `user` up for `shift`: accepted (instant mode, a place free), waiting (full) or
    requested (approval mode). `acknowledged_version` is the notice version the person just
    read and ticked; without an acknowledgement of the current version, nothing happens. A
    volunteer under 18 names the parent or guardian who consents (recorded with the moment)."""
    require(user, "volunteers.signup_shift", shift)
    guardian_name = guardian_name.strip()
    with transaction.atomic():
        locked = lock_shift(shift)
        opportunity = locked.opportunity
        check_can_sign_up(user, locked)
        minor = is_minor(user, locked)
        if minor and not guardian_name:
            raise NotAllowed(
                gettext("Je bent jonger dan 18: vraag toestemming aan je ouder of voogd en vul zijn of haar naam in.")
            )
        consent = {"guardian_name": guardian_name, "guardian_consent_at": timezone.now()} if minor else {}
        notice = InformationNotice.current_for(opportunity.organisation_id)
        if notice is None:
            raise NotAllowed(gettext("Deze organisatie heeft nog geen organisatienota. Inschrijven kan nog niet."))
        if not NoticeAcknowledgement.objects.filter(user=user, notice=notice).exists():
            if acknowledged_version != notice.version:
                raise NotAllowed(
                    gettext("Lees eerst de organisatienota (versie %(version)s) en bevestig dat je ze gelezen hebt.")
                    % {"version": notice.version}
                )
            acknowledge(user, notice)
        if opportunity.signup_mode == Opportunity.SignUpMode.APPROVAL:
            status = S.REQUESTED
        else:
            status = S.ACCEPTED if has_free_place(locked) else S.WAITING
        existing = SignUp.objects.filter(shift=locked, volunteer=user).first()
        if existing is not None:
            if existing.is_active:
                raise AlreadyDone(
                    gettext("Je bent al ingeschreven voor deze shift (%(status)s).")
                    % {"status": existing.get_status_display()}
                )
            if existing.status != S.CANCELLED:
                raise NotAllowed(gettext("Voor deze shift kun je je niet opnieuw inschrijven."))
            t, signup = SIGNUP_FLOW.begin("rejoin", existing, user)
            SIGNUP_FLOW.move(
                t,
                signup,
                user,
                target=status,
                message=message,
                created=timezone.now(),
                decided_at=None if status == S.REQUESTED else timezone.now(),
                **consent,
            )
        else:
            signup = SignUp.objects.create(
                shift=locked,
                volunteer=user,
                status=status,
                message=message,
                decided_at=None if status == S.REQUESTED else timezone.now(),
                **consent,
            )
        signup.shift = locked
        if status in STATUS_NOTICE:
            notify_volunteer(STATUS_NOTICE[status], signup, status)
        notifications.notify(
            "volunteers.signup_received",
            coordinator_ids(opportunity.organisation_id),
            key=f"volunteers:signup:{signup.pk}:received:{timezone.now():%Y%m%d%H%M%S%f}",
            context=context_of(locked, name=user.public_name, message=message, needs_decision=status == S.REQUESTED),
            url=opportunity.get_absolute_url(),
        )
    return signup


def accept(signup: SignUp, user, message: str = "") -> SignUp:
    """Accept a requested sign-up; when the shift is full it goes to the waiting list instead."""
    with transaction.atomic():
        shift = lock_shift(signup.shift)
        t, locked = SIGNUP_FLOW.begin("accept", signup, user)
        target = S.ACCEPTED if has_free_place(shift) else S.WAITING
        SIGNUP_FLOW.move(t, locked, user, target=target, coordinator_message=message, decided_at=timezone.now())
        locked.shift = shift
        notify_volunteer(STATUS_NOTICE[target], locked, target, message=message)
    return locked


def decline(signup: SignUp, user, message: str = "") -> SignUp:
    with transaction.atomic():
        shift = lock_shift(signup.shift)
        t, locked = SIGNUP_FLOW.begin("decline", signup, user)
        SIGNUP_FLOW.move(t, locked, user, coordinator_message=message, decided_at=timezone.now())
        locked.shift = shift
        notify_volunteer("volunteers.declined", locked, "declined", message=message)
    return locked


def cancel(signup: SignUp, user) -> SignUp:
    """The volunteer cancels up to the organisation's deadline; a coordinator at any time.
    A freed place goes to the first person on the waiting list."""
    with transaction.atomic():
        shift = lock_shift(signup.shift)
        t, locked = SIGNUP_FLOW.begin("cancel", signup, user)
        manager = can(user, "volunteers.decide_signup", locked)
        if not manager and timezone.now() > shift.cancellation_deadline:
            raise NotAllowed(
                gettext(
                    "Annuleren kan tot %(hours)s uur voor de shift. Neem contact op met de organisatie als je toch niet kunt."
                )
                % {"hours": shift.opportunity.cancellation_deadline_hours}
            )
        was_accepted = locked.status == S.ACCEPTED
        SIGNUP_FLOW.move(t, locked, user)
        if was_accepted:
            promote_waiting(shift)
    return locked


def promote_waiting(shift: Shift) -> list[SignUp]:
    """Fill the free places of a (locked) shift from its waiting list, first come first served."""
    promoted = []
    if shift.status != H.SCHEDULED or shift.start <= timezone.now():
        return promoted
    free = shift.capacity - accepted_count(shift)
    for waiting in SignUp.objects.filter(shift_id=shift.pk).first_in_line()[: max(free, 0)]:
        t, locked = SIGNUP_FLOW.begin("promote", waiting, None)
        SIGNUP_FLOW.move(t, locked, None, decided_at=timezone.now())
        locked.shift = shift
        notify_volunteer("volunteers.promoted", locked, "promoted")
        promoted.append(locked)
    return promoted


def check_notice_read(signup: SignUp, user) -> None:
    """Refuse, saying what to do, when the volunteer has not acknowledged the notice version that
    holds for the shift (a new version asks for a new acknowledgement before the next shift)."""
    notice = predicates.notice_to_acknowledge(signup)
    if notice is None:
        return
    if user is not None and user.pk == signup.volunteer_id:
        raise NotAllowed(
            gettext(
                "Lees eerst versie %(version)s van de organisatienota van %(organisation)s en bevestig dat je ze gelezen hebt; daarna kun je je uren ingeven."
            )
            % {"version": notice.version, "organisation": notice.organisation.name},
            next_url=notice.get_absolute_url(),
        )
    raise NotAllowed(
        gettext(
            "%(name)s heeft versie %(version)s van de organisatienota nog niet bevestigd. Vraag het te doen (via ‘Mijn vrijwilligerswerk’) voor je de aanwezigheid of de uren noteert."
        )
        % {"name": signup.volunteer.public_name, "version": notice.version}
    )


def mark_attendance(signup: SignUp, user, *, present: bool) -> SignUp:
    name = "attend" if present else "no_show"
    if present and can(user, "volunteers.decide_signup", signup):
        check_notice_read(signup, user)
    with transaction.atomic():
        t, locked = SIGNUP_FLOW.begin(name, signup, user)
        if locked.shift.start > timezone.now():
            raise NotAllowed(gettext("Aanwezigheid noteer je vanaf het begin van de shift."))
        SIGNUP_FLOW.move(t, locked, user)
    return locked


# Shifts.


def cancel_shift(shift: Shift, user, reason: str = "") -> Shift:
    """Cancel a shift: every active sign-up is cancelled and the person told."""
    with transaction.atomic():
        t, locked = SHIFT_FLOW.begin("cancel", shift, user)
        SHIFT_FLOW.move(t, locked, user, reason=reason, cancellation_reason=reason)
        for signup in SignUp.objects.filter(shift_id=locked.pk).active():
            st, s = SIGNUP_FLOW.begin("cancel", signup, user, check_rule=False)
            SIGNUP_FLOW.move(st, s, user, reason=reason)
            s.shift = locked
            notify_volunteer("volunteers.shift_cancelled", s, "shift_cancelled", message=reason)
    shift.status = locked.status
    return locked


def withdraw_upcoming(user) -> int:
    """Cancel `user`'s active sign-ups for shifts still to come (account erasure): no deadline,
    and each freed place goes to the waiting list. Returns how many were cancelled."""
    count = 0
    for signup in SignUp.objects.of(user).active().upcoming():
        with transaction.atomic():
            shift = lock_shift(signup.shift)
            t, locked = SIGNUP_FLOW.begin("cancel", signup, None, check_rule=False)
            was_accepted = locked.status == S.ACCEPTED
            SIGNUP_FLOW.move(t, locked, None, reason="erasure")
            if was_accepted:
                promote_waiting(shift)
        count += 1
    return count


# Hours.

E = HourEntry.Status
HOURS_FLOW = Workflow(
    HourEntry,
    [
        Transition("approve", {E.LOGGED}, E.APPROVED, "volunteers.approve_hours", _("Goedkeuren")),
        Transition("reject", {E.LOGGED}, E.REJECTED, "volunteers.approve_hours", _("Afwijzen")),
        Transition("resubmit", {E.REJECTED}, E.LOGGED, "volunteers.log_hours", _("Opnieuw ingeven")),
    ],
    audit_prefix="volunteers.hours",
)

WORKED = (S.ACCEPTED, S.ATTENDED)


def log_hours(signup: SignUp, user, hours, note: str = "") -> HourEntry:
    """The volunteer (or a coordinator) logs the hours of a shift that has begun; a rejected
    entry is corrected and goes back to the coordinator (`resubmit`)."""
    require(user, "volunteers.log_hours", signup, message=gettext("Dit is niet jouw inschrijving."))
    with transaction.atomic():
        locked_signup = SignUp.objects.select_for_update().get(pk=signup.pk)
        if locked_signup.status not in WORKED:
            raise NotAllowed(gettext("Uren geef je in voor een shift waarvoor je ingeschreven was."))
        if signup.shift.start > timezone.now():
            raise NotAllowed(gettext("Uren geef je in vanaf het begin van de shift."))
        check_notice_read(signup, user)
        entry = HourEntry.objects.filter(signup=locked_signup).first()
        if entry is None:
            return HourEntry.objects.create(signup=locked_signup, hours=hours, note=note, logged_by=user)
        if entry.status == E.APPROVED:
            raise AlreadyDone(gettext("Deze uren zijn al goedgekeurd."))
        if entry.status == E.REJECTED:
            t, locked = HOURS_FLOW.begin("resubmit", entry, user)
            HOURS_FLOW.move(t, locked, user, hours=hours, note=note, logged_by=user, decided_by=None, decided_at=None)
            return locked
        entry = HOURS_FLOW.lock(entry)
        entry.hours, entry.note, entry.logged_by = hours, note, user
        entry.save(update_fields=["hours", "note", "logged_by", "modified"])
        return entry


def decide_hours(entry: HourEntry, user, *, approve: bool) -> HourEntry:
    """A coordinator approves or rejects logged hours; approving also records the attendance."""
    name = "approve" if approve else "reject"
    if approve and can(user, "volunteers.approve_hours", entry):
        check_notice_read(entry.signup, user)
    with transaction.atomic():
        t, locked = HOURS_FLOW.begin(name, entry, user)
        HOURS_FLOW.move(t, locked, user, decided_by=user, decided_at=timezone.now())
        signup = locked.signup
        if approve and signup.status == S.ACCEPTED:
            st, s = SIGNUP_FLOW.begin("attend", signup, user, check_rule=False)
            SIGNUP_FLOW.move(st, s, user)
    return locked


# Flexible work: a sign-up for the opportunity as a whole (kind `flexible`, no shifts), and the
# hours of each day of it.

C = Commitment.Status
COMMITMENT_FLOW = Workflow(
    Commitment,
    [
        Transition("accept", {C.REQUESTED}, C.ACCEPTED, "volunteers.decide_commitment", _("Aanvaarden")),
        Transition("decline", {C.REQUESTED}, C.DECLINED, "volunteers.decide_commitment", _("Weigeren")),
        Transition("cancel", {C.REQUESTED, C.ACCEPTED}, C.CANCELLED, "volunteers.cancel_commitment", _("Annuleren")),
        # rejoin: a cancelled commitment comes back as `requested` or `accepted` (the mode decides).
        Transition("rejoin", {C.CANCELLED}, "", "volunteers.cancel_commitment", _("Opnieuw inschrijven")),
    ],
    audit_prefix="volunteers.commitment",
)

F = FlexibleHours.Status
FLEXIBLE_HOURS_FLOW = Workflow(
    FlexibleHours,
    [
        Transition("approve", {F.LOGGED}, F.APPROVED, "volunteers.approve_flexible_hours", _("Goedkeuren")),
        Transition("reject", {F.LOGGED}, F.REJECTED, "volunteers.approve_flexible_hours", _("Afwijzen")),
    ],
    audit_prefix="volunteers.flexible_hours",
)


def commit(user, opportunity: Opportunity, *, message: str = "", acknowledged_version: int | None = None) -> Commitment:
    """Sign `user` up for flexible work as a whole: accepted (instant mode) or requested
    (approval mode), after acknowledging the current notice version."""
    require(user, "volunteers.signup_shift", None)
    if opportunity.kind != Opportunity.Kind.FLEXIBLE or opportunity.status != Opportunity.Status.PUBLISHED:
        raise NotAllowed(gettext("Voor deze vacature schrijf je je in per shift."))
    age = user.age_in(timezone.localdate().year)
    if opportunity.minimum_age and (age is None or age < opportunity.minimum_age):
        raise NotAllowed(
            gettext(
                "Deze vacature vraagt vrijwilligers van minstens %(age)s jaar. Vul je geboortejaar in op je profiel."
            )
            % {"age": opportunity.minimum_age}
        )
    if age is not None and age < ADULT_AGE:
        raise NotAllowed(
            gettext(
                "Ben je jonger dan 18? Schrijf je in voor een shift (met de toestemming van je ouder of voogd) of neem contact op met de organisatie."
            )
        )
    notice = InformationNotice.current_for(opportunity.organisation_id)
    if notice is None:
        raise NotAllowed(gettext("Deze organisatie heeft nog geen organisatienota. Inschrijven kan nog niet."))
    with transaction.atomic():
        if not NoticeAcknowledgement.objects.filter(user=user, notice=notice).exists():
            if acknowledged_version != notice.version:
                raise NotAllowed(
                    gettext("Lees eerst de organisatienota (versie %(version)s) en bevestig dat je ze gelezen hebt.")
                    % {"version": notice.version}
                )
            acknowledge(user, notice)
        status = C.REQUESTED if opportunity.signup_mode == Opportunity.SignUpMode.APPROVAL else C.ACCEPTED
        decided = None if status == C.REQUESTED else timezone.now()
        existing = Commitment.objects.select_for_update().filter(opportunity=opportunity, volunteer=user).first()
        if existing is not None:
            if existing.status != C.CANCELLED:
                raise AlreadyDone(
                    gettext("Je bent al ingeschreven voor deze vacature (%(status)s).")
                    % {"status": existing.get_status_display()}
                )
            t, commitment = COMMITMENT_FLOW.begin("rejoin", existing, user)
            COMMITMENT_FLOW.move(t, commitment, user, target=status, message=message, decided_at=decided)
        else:
            commitment = Commitment.objects.create(
                opportunity=opportunity, volunteer=user, status=status, message=message, decided_at=decided
            )
        notifications.notify(
            "volunteers.signup_received",
            coordinator_ids(opportunity.organisation_id),
            key=f"volunteers:commitment:{commitment.pk}:received:{timezone.now():%Y%m%d%H%M%S%f}",
            context={
                "title": opportunity.title,
                "when": gettext("flexibel"),
                "name": user.public_name,
                "message": message,
                "needs_decision": status == C.REQUESTED,
            },
            url=opportunity.get_absolute_url(),
        )
    return commitment


def decide_commitment(commitment: Commitment, user, *, accept: bool) -> Commitment:
    return COMMITMENT_FLOW.run("accept" if accept else "decline", commitment, user, decided_at=timezone.now())


def cancel_commitment(commitment: Commitment, user) -> Commitment:
    return COMMITMENT_FLOW.run("cancel", commitment, user)


def log_flexible_hours(commitment: Commitment, user, *, day, hours, note: str = "") -> FlexibleHours:
    """Hours of one day (today or before) of an accepted commitment; a logged day is corrected."""
    require(user, "volunteers.log_flexible_hours", commitment, message=gettext("Dit is niet jouw inschrijving."))
    if commitment.status != C.ACCEPTED:
        raise NotAllowed(gettext("Uren geef je in zodra je inschrijving aanvaard is."))
    if day > timezone.localdate():
        raise NotAllowed(gettext("Uren geef je in voor een dag die voorbij is of vandaag."))
    with transaction.atomic():
        entry = FlexibleHours.objects.select_for_update().filter(commitment=commitment, day=day).first()
        if entry is None:
            return FlexibleHours.objects.create(commitment=commitment, day=day, hours=hours, note=note, logged_by=user)
        if entry.status != F.LOGGED:
            raise AlreadyDone(
                gettext("De uren van die dag zijn al %(status)s.") % {"status": entry.get_status_display()}
            )
        entry.hours, entry.note, entry.logged_by = hours, note, user
        entry.save(update_fields=["hours", "note", "logged_by", "modified"])
        return entry


def decide_flexible_hours(entry: FlexibleHours, user, *, approve: bool) -> FlexibleHours:
    return FLEXIBLE_HOURS_FLOW.run(
        "approve" if approve else "reject", entry, user, decided_by=user, decided_at=timezone.now()
    )

"""The states of a room booking and the only functions that change them.

    requested → approved        approve   (the place's staff)
    requested → declined        decline   (the place's staff, with a message)
    requested | approved → cancelled   cancel (the requester, or the place's staff)

A request is created `requested` by `bookings.request_booking`. Approving takes the lock on
the room's row first (`bookings.lock_room`), then checks that no approved booking of the
room overlaps: two approvals for one slot run one after the other and the second is refused
with the free slots of that day. The exclusion constraint on PostgreSQL holds even if a
future change forgets the lock; its IntegrityError becomes the same refusal.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.core import notifications
from genk.core.permissions import can
from genk.core.refusals import AlreadyDone, NotAllowed
from genk.core.workflow import Transition, Workflow, follow

from . import bookings
from .models import Booking
from .notifications import BOOKING_APPROVED, BOOKING_CANCELLED, BOOKING_DECLINED

S = Booking.Status

FLOW = Workflow(
    Booking,
    [
        Transition("approve", {S.REQUESTED}, S.APPROVED, "neighbourhoods.handle_booking", gettext_lazy("Goedkeuren")),
        Transition("decline", {S.REQUESTED}, S.DECLINED, "neighbourhoods.handle_booking", gettext_lazy("Weigeren")),
        Transition(
            "cancel", {S.REQUESTED, S.APPROVED}, S.CANCELLED, "neighbourhoods.cancel_booking", gettext_lazy("Annuleren")
        ),
    ],
    audit_prefix="neighbourhoods.booking",
    state_message=gettext_lazy("Dat kan niet meer: deze reservatie is nu ‘%(status)s’."),
)


def _notify_requester(kind, booking: Booking, event: str) -> None:
    if booking.requester_id is None:
        return
    notifications.notify(
        kind.key,
        [booking.requester_id],
        key=f"{kind.key}:{booking.pk}:{event}",
        context=bookings.notification_context(booking),
        url=reverse("places:my_bookings"),
    )


ALREADY = {
    "approve": gettext_lazy("Deze reservatie is al goedgekeurd."),
    "decline": gettext_lazy("Deze aanvraag is al geweigerd."),
    "cancel": gettext_lazy("Deze reservatie is al geannuleerd."),
}


def _begin(name: str, booking: Booking, user):
    """Lock and check, as `FLOW.begin`; asking again for what is already so (a second click
    on "Goedkeuren") is `AlreadyDone` for someone who may take the step, not an error."""
    locked = FLOW.lock(booking, related=("room",))
    t = FLOW[name]
    if locked.status == t.target and user is not None and can(user, t.rule, locked):
        raise AlreadyDone(ALREADY[name])
    FLOW.check(name, locked, user)
    return t, locked


def _related(locked: Booking, booking: Booking) -> None:
    # The locked copy takes the caller's loaded room, place, requester and organisation.
    for name in ("room", "requester", "organisation"):
        if booking._state.fields_cache.get(name) is not None:
            setattr(locked, name, getattr(booking, name))


def approve(booking: Booking, user, message: str = "") -> Booking:
    """Approve a request: refused when its time has passed or when the room is already taken
    then (the message names the free slots of that day)."""
    with transaction.atomic():
        bookings.lock_room(booking.room_id)
        t, locked = _begin("approve", booking, user)
        _related(locked, booking)
        if locked.start < timezone.now():
            raise NotAllowed(_("Het moment van deze aanvraag is al voorbij: je kan ze niet meer goedkeuren."))
        day = timezone.localtime(locked.start).date()
        if Booking.objects.approved().filter(room_id=locked.room_id).overlapping(locked.start, locked.end).exists():
            raise NotAllowed(bookings.collision_message(locked.room, day, exclude=locked.pk))
        try:
            with transaction.atomic():
                FLOW.move(t, locked, user, decided_by=user, decided_at=timezone.now(), staff_message=message.strip())
        except IntegrityError:
            raise NotAllowed(bookings.collision_message(locked.room, day, exclude=locked.pk)) from None
        _notify_requester(BOOKING_APPROVED, locked, "approved")
    follow(booking, locked)
    return locked


def decline(booking: Booking, user, message: str) -> Booking:
    """Decline a request, with a message that tells the requester why."""
    if not message.strip():
        raise NotAllowed(_("Schrijf waarom je de aanvraag weigert: de aanvrager krijgt dat bericht."))
    with transaction.atomic():
        t, locked = _begin("decline", booking, user)
        _related(locked, booking)
        FLOW.move(t, locked, user, decided_by=user, decided_at=timezone.now(), staff_message=message.strip())
        _notify_requester(BOOKING_DECLINED, locked, "declined")
    follow(booking, locked)
    return locked


def cancel(booking: Booking, user, message: str = "") -> Booking:
    """Cancel a request or an approved booking (the requester, or the place's staff). The
    requester is told when staff cancel; the place's department when the requester does."""
    with transaction.atomic():
        t, locked = _begin("cancel", booking, user)
        _related(locked, booking)
        fields = {"cancelled_at": timezone.now()}
        by_requester = user is not None and locked.requester_id == user.pk
        if message.strip():
            fields["staff_message"] = message.strip()
        FLOW.move(t, locked, user, reason=message.strip(), **fields)
        if by_requester:
            notifications.notify(
                BOOKING_CANCELLED.key,
                [pk for pk in bookings.department_members(locked.room.place) if pk != user.pk],
                key=f"{BOOKING_CANCELLED.key}:{locked.pk}:staff",
                context=bookings.notification_context(locked),
                url=reverse("places_staff:booking", kwargs={"pk": locked.pk}),
            )
        else:
            _notify_requester(BOOKING_CANCELLED, locked, "cancelled")
    follow(booking, locked)
    return locked

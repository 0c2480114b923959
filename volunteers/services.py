"""Operations of volunteer work that change no state: shifts and information notices."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext

from genk.accounts.models import Organisation
from genk.core import audit, formats, notifications
from genk.core.permissions import require
from genk.core.refusals import NotAllowed

from .models import InformationNotice, Opportunity, Shift, SignUp
from .workflow import context_of, when

MAX_RECURRING_SHIFTS = 52


def check_no_overlap(opportunity: Opportunity, times, *, exclude: int | None = None) -> None:
    """A shift of an opportunity may not overlap another of its scheduled shifts (two sign-up
    lists for one moment would split the volunteers): refuse with the first clash."""
    for start, end in times:
        clash = (
            opportunity.shifts.scheduled()
            .filter(start__lt=end, end__gt=start)
            .exclude(pk=exclude)
            .order_by("start")
            .first()
        )
        if clash is not None:
            local = timezone.localtime(clash.start)
            raise NotAllowed(
                gettext(
                    "Er is al een shift op %(day)s om %(time)s die hiermee overlapt. Pas die shift aan of kies een ander uur."
                )
                % {"day": formats.day_label(local), "time": local.strftime("%H:%M")}
            )


def add_shift(opportunity: Opportunity, user, *, start, end, capacity: int) -> Shift:
    require(user, "volunteers.change_opportunity", opportunity)
    if end <= start:
        raise NotAllowed(gettext("Het einde moet na het begin liggen."))
    with transaction.atomic():
        Opportunity.objects.select_for_update().get(pk=opportunity.pk)  # one writer of shifts at a time
        check_no_overlap(opportunity, [(start, end)])
        shift = Shift.objects.create(opportunity=opportunity, start=start, end=end, capacity=capacity)
        audit.record(user, "volunteers.shift.add", shift, after=audit.snapshot(shift, ["start", "end", "capacity"]))
    return shift


def weekly_starts(first_day, last_day, weekday: int, start_time, end_time) -> list[tuple[datetime, datetime]]:
    """(start, end) of each week's `weekday` (0 = Monday) from `first_day` to `last_day`, in local time."""
    day = first_day + timedelta(days=(weekday - first_day.weekday()) % 7)
    found = []
    zone = timezone.get_current_timezone()
    while day <= last_day:
        start = datetime.combine(day, start_time, tzinfo=zone)
        end = datetime.combine(day, end_time, tzinfo=zone)
        found.append((start, end))
        day += timedelta(days=7)
    return found


def add_weekly_shifts(
    opportunity: Opportunity, user, *, first_day, last_day, weekday: int, start_time, end_time, capacity: int
) -> list[Shift]:
    """One shift per week on `weekday` between two dates (at most 52), all or none."""
    require(user, "volunteers.change_opportunity", opportunity)
    if end_time <= start_time:
        raise NotAllowed(gettext("Het einde moet na het begin liggen."))
    if last_day < first_day:
        raise NotAllowed(gettext("De laatste dag ligt voor de eerste."))
    times = weekly_starts(first_day, last_day, weekday, start_time, end_time)
    if not times:
        raise NotAllowed(gettext("In die periode valt die weekdag niet."))
    if len(times) > MAX_RECURRING_SHIFTS:
        raise NotAllowed(
            gettext("Dat zijn %(count)s shifts; maak er hoogstens %(max)s tegelijk.")
            % {"count": len(times), "max": MAX_RECURRING_SHIFTS}
        )
    with transaction.atomic():
        Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        check_no_overlap(opportunity, times)
        shifts = Shift.objects.bulk_create(
            [Shift(opportunity=opportunity, start=s, end=e, capacity=capacity) for s, e in times]
        )
        audit.record(
            user,
            "volunteers.shift.add_weekly",
            opportunity,
            after={"shifts": len(shifts), "first": str(first_day), "last": str(last_day)},
        )
    return shifts


def publish_notice(organisation: Organisation, user, **fields) -> InformationNotice:
    """A new version of the organisation's information notice (the previous ones stay, with
    their acknowledgements). Numbered under a lock on the organisation."""
    require(user, "volunteers.change_notice", organisation)
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        last = InformationNotice.objects.filter(organisation=organisation).aggregate(v=Max("version"))["v"] or 0
        notice = InformationNotice.objects.create(
            organisation=organisation, version=last + 1, created_by=user, published_on=timezone.localdate(), **fields
        )
        audit.record(user, "volunteers.notice.publish", notice, after={"version": notice.version})
        if notice.version > 1:
            # Everyone with a shift to come reads the new version before that shift.
            people = (
                SignUp.objects.active()
                .upcoming()
                .filter(shift__opportunity__organisation=organisation)
                .values_list("volunteer_id", flat=True)
                .distinct()
            )
            notifications.notify(
                "volunteers.notice_changed",
                list(people),
                key=f"volunteers:notice:{notice.pk}:changed",
                context={"organisation": organisation.name, "version": notice.version},
                url=notice.get_absolute_url(),
            )
    return notice


def notices_to_read(user) -> list[InformationNotice]:
    """The current notices of the organisations where `user` has a shift to come (or one whose
    attendance is still to note), in a version they have not acknowledged yet (one query)."""
    now = timezone.now()
    coming = Q(
        status__in=("requested", "accepted", "waiting"), shift__start__gt=now, shift__status=Shift.Status.SCHEDULED
    )
    organisations = (
        SignUp.objects.of(user)
        .filter(coming | Q(status=SignUp.Status.ACCEPTED))  # or attendance still to note
        .values("shift__opportunity__organisation_id")
    )
    current = InformationNotice.current_ids().filter(organisation_id__in=organisations).select_related("organisation")
    return list(current.exclude(acknowledgements__user=user).order_by("organisation__name"))


def people_of(shift: Shift) -> list[int]:
    """Everyone with an active sign-up for the shift (accepted, waiting, requested)."""
    return list(SignUp.objects.filter(shift_id=shift.pk).active().values_list("volunteer_id", flat=True))


def move_shift(shift: Shift, user, *, start, end, message: str = "") -> Shift:
    """Move a shift to another moment; everyone signed up is told (their sign-ups stay)."""
    require(user, "volunteers.change_shift", shift)
    if end <= start:
        raise NotAllowed(gettext("Het einde moet na het begin liggen."))
    if start <= timezone.now():
        raise NotAllowed(gettext("Een shift begint in de toekomst."))
    with transaction.atomic():
        locked = Shift.objects.select_for_update().select_related("opportunity").get(pk=shift.pk)
        if locked.status != Shift.Status.SCHEDULED:
            raise NotAllowed(gettext("Deze shift is geannuleerd. Kies een andere shift."))
        check_no_overlap(locked.opportunity, [(start, end)], exclude=locked.pk)
        before = audit.snapshot(locked, ["start", "end"])
        old_when = when(locked)
        locked.start, locked.end = start, end
        locked.save(update_fields=["start", "end", "modified"])
        audit.record(
            user, "volunteers.shift.move", locked, before=before, after=audit.snapshot(locked, ["start", "end"])
        )
        notifications.notify(
            "volunteers.shift_moved",
            people_of(locked),
            key=f"volunteers:shift:{locked.pk}:moved:{start:%Y%m%d%H%M}:{end:%Y%m%d%H%M}",
            context=context_of(locked, before=old_when, message=message),
            url=locked.opportunity.get_absolute_url(),
        )
    return locked


def message_shift(shift: Shift, user, text: str) -> int:
    """A message from the coordinator to everyone signed up for a shift; returns how many."""
    require(user, "volunteers.change_shift", shift)
    recipients = people_of(shift)
    with transaction.atomic():
        audit.record(user, "volunteers.shift.message", shift, after={"recipients": len(recipients)}, reason=text)
        notifications.notify(
            "volunteers.shift_message",
            recipients,
            key=f"volunteers:shift:{shift.pk}:message:{timezone.now():%Y%m%d%H%M%S%f}",
            context=context_of(shift, message=text, organisation=shift.opportunity.organisation.name),
            url=shift.opportunity.get_absolute_url(),
        )
    return len(recipients)

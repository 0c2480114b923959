"""Operations on activities and registrations that touch several rows: atomic, audited
where staff act, notifications queued on commit.

Capacity: every write that can change who holds a seat (register, confirm, cancel, promote,
a change of capacity) first locks the activity's row (`lock_activity`, SELECT … FOR UPDATE),
then counts the seats taken and writes, in one transaction. Concurrent registrations for the
last places therefore queue on the lock and each sees the count the previous one left.
"""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from genk.core import audit
from genk.core.formats import long_date
from genk.core.permissions import require
from genk.core.refusals import AlreadyDone, NotAllowed

from . import images, notifications, workflow
from .models import MAX_OCCURRENCES, Activity, Registration, Series

R = Registration.Status
BRUSSELS = ZoneInfo(settings.TIME_ZONE)
CONFIRM_SALT = "agenda.guest.confirm"
CANCEL_SALT = "agenda.guest.cancel"
CONFIRM_MAX_AGE = 2 * 24 * 60 * 60


def at(moment) -> str:
    """'16 december 2026 om 19:00' (Brussels time)."""
    return _("%(date)s om %(time)s") % {
        "date": long_date(moment),
        "time": timezone.localtime(moment).strftime("%H:%M"),
    }


# Series.


def occurrences(starts_at: datetime, ends_at: datetime, frequency: str, count: int) -> list[tuple[datetime, datetime]]:
    """The (start, end) of each occurrence, at the same local (Brussels) wall-clock time: a
    weekly activity at 19:00 stays at 19:00 across the change to and from summer time."""
    if count > MAX_OCCURRENCES:
        raise NotAllowed(_("Een reeks telt hoogstens %(max)s keer.") % {"max": MAX_OCCURRENCES})
    if count < 1:
        raise NotAllowed(_("Een reeks telt minstens 1 keer."))
    step = {
        Series.Frequency.WEEKLY: relativedelta(weeks=1),
        Series.Frequency.BIWEEKLY: relativedelta(weeks=2),
        Series.Frequency.MONTHLY: relativedelta(months=1),
    }[frequency]
    start = starts_at.astimezone(BRUSSELS).replace(tzinfo=None)
    end = ends_at.astimezone(BRUSSELS).replace(tzinfo=None)
    result = []
    for i in range(count):
        result.append(((start + step * i).replace(tzinfo=BRUSSELS), (end + step * i).replace(tzinfo=BRUSSELS)))
    return result


def create_activity(user, activity: Activity, *, frequency: str = "", count: int = 1, image=None) -> list[Activity]:
    """Save `activity` (a validated, unsaved instance) as a draft — or, with `frequency`, a
    series of `count` occurrences, each a draft with its own registrations. `image`: an
    (upload, probe) checked by the form; its versions are made by a task, for all occurrences."""
    require(user, "agenda.add_activity")
    activity.created_by = user
    with transaction.atomic():
        made = _create(user, activity, frequency, count)
        if image is not None:
            images.store_upload(made, *image)
    return made


def _create(user, activity, frequency, count) -> list[Activity]:
    """The draft (or the occurrences of a series) saved, inside the caller's transaction."""
    if not frequency or count <= 1:
        activity.save()
        audit.record(user, "agenda.activity.create", activity, after={"title": activity.title})
        return [activity]
    times = occurrences(activity.starts_at, activity.ends_at, frequency, count)
    deadline_before = activity.starts_at - activity.registration_deadline if activity.registration_deadline else None
    series = Series.objects.create(frequency=frequency, occurrences=count)
    made = []
    for starts_at, ends_at in times:
        copy = Activity(
            **{f.attname: getattr(activity, f.attname) for f in Activity._meta.concrete_fields if not f.primary_key}
        )
        copy.starts_at, copy.ends_at, copy.series = starts_at, ends_at, series
        copy.registration_deadline = starts_at - deadline_before if deadline_before is not None else None
        copy.save()
        made.append(copy)
    audit.record(user, "agenda.activity.create_series", made[0], after={"title": activity.title, "count": count})
    activity.pk = made[0].pk
    activity.series = series
    return made


ANNOUNCED_FIELDS = ("title", "starts_at", "ends_at", "place_id", "address", "online_url")
# The image's own fields: written only when the organiser uploads or removes one (images.py), so
# an edit never overwrites what the task wrote meanwhile.
IMAGE_FIELDS = ("image", "image_width", "image_height", "image_pending")
# What an organiser edits (never the state, the organiser or the series).
EDITABLE_FIELDS = [
    f.name
    for f in Activity._meta.concrete_fields
    if f.name
    not in {
        "id", "status", "created", "modified", "created_by", "published_at", "review_message",
        "cancelled_reason", "changed_at", "series", "organiser_kind", "department", "team_neighbourhood",
        "organisation", *IMAGE_FIELDS,
    }
]  # fmt: skip
EDITABLE_ATTNAMES = [Activity._meta.get_field(name).attname for name in EDITABLE_FIELDS]
# Fields of an occurrence that follow from its own start, not copied from the edited one.
TIMED = {"starts_at", "ends_at", "registration_deadline"}


class Scope:
    """Which occurrences of a series an edit changes."""

    ONE = "one"
    FOLLOWING = "following"
    ALL = "all"


def snapshot(activity) -> dict:
    """The editable values of `activity` as loaded (by attname): what `update_activity` compares."""
    return {name: getattr(activity, name) for name in EDITABLE_ATTNAMES}


def _wall_clock(moment) -> datetime:
    """`moment` as Brussels wall-clock time, without a zone."""
    return moment.astimezone(BRUSSELS).replace(tzinfo=None)


def _aware(naive: datetime) -> datetime:
    return naive.replace(tzinfo=BRUSSELS)


def series_targets(activity, scope: str, before: dict) -> list[Activity]:
    """The other occurrences an edit with `scope` changes: of the same series, still to be
    changed (not cancelled, not past), this one excluded; "following" from its start as loaded."""
    if activity.series_id is None or scope not in (Scope.FOLLOWING, Scope.ALL):
        return []
    others = (
        Activity.objects.filter(series_id=activity.series_id)
        .exclude(pk=activity.pk)
        .exclude(status__in=(Activity.Status.CANCELLED, Activity.Status.TOOK_PLACE))
        .order_by("starts_at", "pk")
    )
    if scope == Scope.FOLLOWING:
        others = others.filter(starts_at__gt=before["starts_at"])
    return list(others)


def _apply_to_occurrence(occurrence, activity, before: dict, changed: list[str]) -> None:
    """Copy the changed fields of the edited `activity` onto another `occurrence` of its
    series. A change of time moves the occurrence by the same wall-clock shift (a weekly 19:00
    moved to 20:00 is at 20:00 in summer and in winter); the deadline keeps its distance to the start."""
    for name in changed:
        if name not in TIMED:
            setattr(occurrence, name, getattr(activity, name))
    if "starts_at" in changed or "ends_at" in changed:
        start_shift = _wall_clock(activity.starts_at) - _wall_clock(before["starts_at"])
        end_shift = _wall_clock(activity.ends_at) - _wall_clock(before["ends_at"])
        occurrence.starts_at = _aware(_wall_clock(occurrence.starts_at) + start_shift)
        occurrence.ends_at = _aware(_wall_clock(occurrence.ends_at) + end_shift)
    if changed and ({"starts_at", "registration_deadline"} & set(changed)):
        if activity.registration_deadline is None:
            occurrence.registration_deadline = None
        else:
            occurrence.registration_deadline = occurrence.starts_at - (
                activity.starts_at - activity.registration_deadline
            )


def update_activity(
    user, activity: Activity, before: dict, *, scope: str = Scope.ONE, image=None, remove_image: bool = False
) -> tuple[Activity, list[Registration]]:
    """Save the edited `activity`; `before` holds the values as loaded (`snapshot`). With a
    `scope` of "following" or "all", the same changes go to those occurrences of its series.
    Registrants of every occurrence whose time or place changed hear of it; a larger capacity
    promotes people from the waiting list. `image`: an (upload, probe) checked by the form."""
    require(user, "agenda.change_activity", activity)
    changed = [name for name in EDITABLE_ATTNAMES if before.get(name) != getattr(activity, name)]
    targets = series_targets(activity, scope, before)
    promoted = []
    with transaction.atomic():
        for occurrence, source in [(activity, None), *[(t, activity) for t in targets]]:
            locked = lock_activity(occurrence)
            if locked.status in (Activity.Status.CANCELLED, Activity.Status.TOOK_PLACE):
                raise NotAllowed(_("Een geannuleerde of afgelopen activiteit kan je niet meer wijzigen."))
            if source is not None:
                require(user, "agenda.change_activity", occurrence)
                old = snapshot(occurrence)
                _apply_to_occurrence(occurrence, source, before, changed)
                try:
                    occurrence.clean()
                except ValidationError as error:
                    raise NotAllowed(
                        _("De keer van %(date)s kan zo niet: %(reason)s")
                        % {"date": at(occurrence.starts_at), "reason": " ".join(error.messages)}
                    ) from None
            else:
                old = before
            announced = [name for name in ANNOUNCED_FIELDS if old.get(name) != getattr(occurrence, name)]
            if announced and occurrence.is_public:
                occurrence.changed_at = timezone.now()
            occurrence.save(update_fields=EDITABLE_FIELDS + ["changed_at", "modified"])
            audit.record(
                user,
                "agenda.activity.change",
                occurrence,
                before={k: str(v) for k, v in old.items() if k in changed or k in ANNOUNCED_FIELDS},
                after={
                    **{k: str(getattr(occurrence, k)) for k in old if k in changed or k in ANNOUNCED_FIELDS},
                    **({"scope": scope} if targets else {}),
                },
            )
            promoted += promote_waiting(occurrence)
            if announced and occurrence.is_public:
                notifications.activity_changed(occurrence, announced)
        everyone = [activity, *targets]
        if remove_image:
            images.remove(everyone)
        elif image is not None:
            images.store_upload(everyone, *image)
    activity.changed_occurrences = targets
    return activity, promoted


# Registrations.


def lock_activity(activity) -> Activity:
    """The activity's row, locked until the transaction ends: the guard of its capacity."""
    return Activity.objects.select_for_update().get(pk=activity.pk)


def seats_taken(activity) -> int:
    return (
        Registration.objects.filter(activity=activity, status__in=Registration.COUNTING).aggregate(
            n=Sum(F("companions") + 1)
        )["n"]
        or 0
    )


def registration_closed_reason(activity, now=None) -> str:
    """Why one cannot register now ("" when one can)."""
    now = now or timezone.now()
    if not activity.registration_enabled:
        return _("Voor deze activiteit hoef je niet in te schrijven.")
    if activity.status != Activity.Status.PUBLISHED:
        return _("Inschrijven kan niet: de activiteit is %(status)s.") % {"status": activity.get_status_display()}
    closes = activity.registration_closes_at()
    if now >= closes:
        return _("De inschrijvingen zijn gesloten op %(date)s.") % {"date": at(closes)}
    return ""


def _place_for(activity, seats: int) -> str:
    """registered, waiting, or a refusal: call with the activity locked."""
    if activity.capacity is None:
        return R.REGISTERED
    nobody_waiting = not Registration.objects.filter(activity=activity, status=R.WAITING).exists()
    if nobody_waiting and seats_taken(activity) + seats <= activity.capacity:
        return R.REGISTERED
    if activity.waiting_list_enabled:
        return R.WAITING
    raise NotAllowed(_("Deze activiteit is volzet."))


def _check_companions(activity, companions: int) -> None:
    if companions < 0 or companions > 20:
        raise NotAllowed(_("Je kan tot 20 personen meebrengen."))
    if activity.capacity is not None and companions + 1 > activity.capacity:
        raise NotAllowed(_("Er zijn maar %(n)s plaatsen in totaal.") % {"n": activity.capacity})


def register(activity, user, *, companions: int = 0) -> Registration:
    """A signed-in person registers for themselves and `companions`: registered if there is
    room (and nobody waits before them), else on the waiting list, else refused."""
    require(user, "agenda.add_registration", activity)
    with transaction.atomic():
        locked = lock_activity(activity)
        reason = registration_closed_reason(locked)
        if reason:
            raise NotAllowed(reason)
        if Registration.objects.filter(activity=locked, user=user).active().exists():
            raise AlreadyDone(_("Je bent al ingeschreven voor deze activiteit."))
        _check_companions(locked, companions)
        status = _place_for(locked, 1 + companions)
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    activity=locked, user=user, companions=companions, status=status
                )
        except IntegrityError:
            raise AlreadyDone(_("Je bent al ingeschreven voor deze activiteit.")) from None
        notifications.registered(registration)
    return registration


def register_guest(activity, *, name: str, email: str, companions: int = 0) -> Registration:
    """A visitor without an account: the registration waits for the confirmation of the
    e-mail address (a signed link) and holds no seat until then."""
    email = email.strip().lower()
    with transaction.atomic():
        locked = lock_activity(activity)
        reason = registration_closed_reason(locked)
        if reason:
            raise NotAllowed(reason)
        _check_companions(locked, companions)
        existing = Registration.objects.filter(activity=locked, user__isnull=True, email=email).active().first()
        if existing and existing.status != R.UNCONFIRMED:
            raise AlreadyDone(_("Met dit e-mailadres is al ingeschreven voor deze activiteit."))
        registration = existing or Registration.objects.create(
            activity=locked, name=name.strip(), email=email, companions=companions, status=R.UNCONFIRMED
        )
        notifications.guest_email(registration, "confirm")
    return registration


def confirm_token(registration) -> str:
    return signing.dumps(registration.pk, salt=CONFIRM_SALT)


def cancel_token(registration) -> str:
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def registration_from_token(token: str, *, salt: str, max_age=None) -> Registration:
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise NotAllowed(_("Deze link is verlopen. Schrijf je opnieuw in.")) from None
    except signing.BadSignature:
        raise NotAllowed(_("Deze link is niet geldig.")) from None
    registration = Registration.objects.select_related("activity").filter(pk=pk).first()
    if registration is None:
        raise NotAllowed(_("Deze inschrijving bestaat niet meer."))
    return registration


def confirm_guest(token: str) -> Registration:
    registration = registration_from_token(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    with transaction.atomic():
        locked = lock_activity(registration.activity)
        registration.refresh_from_db()
        if registration.status != R.UNCONFIRMED:
            raise AlreadyDone(_("Je e-mailadres is al bevestigd."))
        reason = registration_closed_reason(locked)
        if reason:
            raise NotAllowed(reason)
        workflow.confirm(registration, _place_for(locked, registration.seats))
        notifications.registered(registration)
    return registration


def cancel_registration(registration, user, *, by_link: bool = False) -> list[Registration]:
    """Cancel, free the seats and promote who fits from the waiting list. Returns the promoted."""
    with transaction.atomic():
        locked = lock_activity(registration.activity)
        if locked.status != Activity.Status.PUBLISHED or locked.starts_at <= timezone.now():
            raise NotAllowed(_("Deze inschrijving kan je niet meer annuleren: de activiteit is begonnen of voorbij."))
        workflow.cancel_registration(registration, user, check_rule=not by_link)
        promoted = promote_waiting(locked)
    return promoted


def promote_waiting(activity) -> list[Registration]:
    """With the activity locked: promote, in the order they registered, the waiting people
    whose party fits in the seats left; a party too large is skipped, not blocking."""
    if activity.capacity is None or activity.status != Activity.Status.PUBLISHED:
        return []
    free = activity.capacity - seats_taken(activity)
    promoted = []
    for registration in Registration.objects.filter(activity=activity).waiting():
        if free <= 0:
            break
        if registration.seats <= free:
            workflow.promote(registration)
            free -= registration.seats
            promoted.append(registration)
            notifications.promoted(registration)
    return promoted


def message_registrants(activity, user, subject: str, body: str) -> int:
    """An organiser writes to everyone registered or waiting; returns how many people."""
    require(user, "agenda.manage_registration", activity)
    recipients = list(
        Registration.objects.filter(activity=activity, status__in=(R.REGISTERED, R.WAITING)).select_related("user")
    )
    with transaction.atomic():
        entry = audit.record(user, "agenda.activity.message", activity, after={"subject": subject})
        notifications.organiser_message(activity, recipients, subject, body, key=f"agenda.message.{entry.pk}")
    return len(recipients)


CSV_HEADER = ["code", "naam", "e-mailadres", "personen", "status", "ingeschreven op"]


def registrations_csv(activity) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for r in Registration.objects.filter(activity=activity).active().select_related("user"):
        writer.writerow(
            [
                r.code,
                r.display_name,
                "" if r.anonymised else r.contact_email,
                r.seats,
                r.get_status_display(),
                timezone.localtime(r.created).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return out.getvalue()


def summary(activity) -> dict:
    """Seats taken, free and the waiting list's length (for the organiser)."""
    taken = seats_taken(activity)
    waiting = Registration.objects.filter(activity=activity, status=R.WAITING).aggregate(n=Sum(F("companions") + 1))[
        "n"
    ]
    return {
        "taken": taken,
        "free": max((activity.capacity or 0) - taken, 0) if activity.capacity else None,
        "waiting": waiting or 0,
    }


def next_occurrences(activity, limit: int = 10):
    if activity.series_id is None:
        return Activity.objects.none()
    return (
        Activity.objects.public()
        .upcoming()
        .filter(series_id=activity.series_id)
        .exclude(pk=activity.pk)
        .order_by("starts_at")[:limit]
    )


def now_local() -> datetime:
    return timezone.localtime()


def tomorrow_window(now=None) -> tuple[datetime, datetime]:
    """Tomorrow from 00:00 to 24:00 Brussels time (what the day-before reminder covers)."""
    day = timezone.localtime(now or timezone.now()).date() + timedelta(days=1)
    start = datetime(day.year, day.month, day.day, tzinfo=BRUSSELS)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=BRUSSELS)
    return start, end

"""What the agenda contributes to the neighbourhood dashboards (the indicator registry): per
wijk of the activity, for activities that start in the period. One grouped query each."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core import indicators

from .models import Activity, Registration

TZ = ZoneInfo(settings.TIME_ZONE)


def _window(period):
    start = datetime.combine(period.start, time.min, tzinfo=TZ)
    end = datetime.combine(period.end + timedelta(days=1), time.min, tzinfo=TZ)
    return start, end


def _activities(period):
    start, end = _window(period)
    return Activity.objects.filter(
        status__in=(Activity.Status.PUBLISHED, Activity.Status.TOOK_PLACE),
        starts_at__gte=start,
        starts_at__lt=end,
        neighbourhood__isnull=False,
    )


@indicators.register(
    "agenda.activities",
    label=_("Activiteiten in de agenda"),
    unit=_("activiteiten"),
    description=_("Activiteiten (niet geannuleerd) die in de periode begonnen, per wijk waar ze doorgingen."),
    sdgs=(11,),
    public=True,
)
def activities(period):
    rows = _activities(period).values("neighbourhood_id").annotate(n=Count("pk")).order_by()
    return {row["neighbourhood_id"]: row["n"] for row in rows}


def _seats(period, statuses):
    rows = (
        Registration.objects.filter(activity__in=_activities(period), status__in=statuses)
        .values("activity__neighbourhood_id")
        .annotate(n=Sum(F("companions") + 1))
        .order_by()
    )
    return {row["activity__neighbourhood_id"]: row["n"] for row in rows}


@indicators.register(
    "agenda.registrations",
    label=_("Inschrijvingen voor activiteiten"),
    unit=_("personen"),
    description=_("Personen (meegebrachte personen inbegrepen) ingeschreven voor activiteiten in de periode."),
    sdgs=(11,),
)
def registrations(period):
    return _seats(period, Registration.COUNTING)


@indicators.register(
    "agenda.attendance",
    label=_("Aanwezigen op activiteiten"),
    unit=_("personen"),
    description=_("Personen die de organisator als aanwezig aanduidde, op activiteiten in de periode."),
    sdgs=(11,),
)
def attendance(period):
    return _seats(period, (Registration.Status.ATTENDED,))


# Per place: the registry has no place dimension (its functions return values per wijk), so
# these are not registered; the place's staff page shows them (neighbourhoods/figures.py). Each
# is one grouped query, by month of the activity's start (Brussels time).


def by_place_and_month(place, period) -> dict[str, dict]:
    """{"activities"|"registrations"|"attendance": {first day of the month: value}} for `place`."""
    from django.db.models.functions import TruncMonth

    activities = _in_period(period).filter(place=place)
    month = TruncMonth("starts_at", tzinfo=TZ)
    counted = activities.annotate(month=month).values("month").annotate(n=Count("pk")).order_by()
    seats = (
        Registration.objects.filter(activity__in=activities)
        .annotate(month=TruncMonth("activity__starts_at", tzinfo=TZ))
        .values("month")
        .annotate(
            registered=Sum(F("companions") + 1, filter=Q(status__in=Registration.COUNTING)),
            attended=Sum(F("companions") + 1, filter=Q(status=Registration.Status.ATTENDED)),
        )
        .order_by()
    )
    figures = {"activities": {}, "registrations": {}, "attendance": {}}
    for row in counted:
        figures["activities"][row["month"].date()] = row["n"]
    for row in seats:
        figures["registrations"][row["month"].date()] = row["registered"] or 0
        figures["attendance"][row["month"].date()] = row["attended"] or 0
    return figures


def _in_period(period):
    start, end = _window(period)
    return Activity.objects.filter(
        status__in=(Activity.Status.PUBLISHED, Activity.Status.TOOK_PLACE), starts_at__gte=start, starts_at__lt=end
    )


@indicators.items_for("agenda.activities")
def activity_items(neighbourhood_id, period):
    """The activities behind the number: title, start, place, organiser."""
    rows = _activities(period).filter(neighbourhood_id=neighbourhood_id).select_related("place").order_by("starts_at")
    return (
        [_("Activiteit"), _("Begin"), _("Plek"), _("Organisator")],
        [
            [
                a.title,
                timezone.localtime(a.starts_at).replace(tzinfo=None),
                a.place.name if a.place else "",
                a.organiser_name,
            ]
            for a in rows
        ],
    )

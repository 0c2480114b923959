"""The notifications advisory councils send (bodies in templates/notifications/councils.*.txt),
and what every sender of them needs: who hears about what, the dates as the texts write them,
the staff pages they link to. The workflow, the services and the tasks all build their
notifications from here.

Invitations to meetings are not notifications: they are emails with an iCalendar file,
built in invitations.py and made idempotent with the same send log.
"""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core import notifications
from genk.core.formats import day_label

from .models import Advice, Council, CouncilMembership, Meeting

User = get_user_model()

APPLICATION_RECEIVED = notifications.register(
    "councils.application_received",
    _("Kandidatuur voor een adviesraad"),
    _("Kandidatuur voor de %(council)s van %(name)s"),
)
APPLICATION_DECIDED = notifications.register(
    "councils.application_decided",
    _("Beslissing over je kandidatuur"),
    _("Je kandidatuur voor de %(council)s: %(outcome)s"),
)
INVITATIONS_DUE = notifications.register(
    "councils.invitations_due",
    _("Uitnodigingen nog niet verstuurd"),
    _("Verstuur de uitnodigingen voor de vergadering van de %(council)s op %(date)s"),
)
MEETING_REMINDER_WEEK = notifications.register(
    "councils.meeting_reminder_week",
    _("Vergadering over een week"),
    _("Vergadering van de %(council)s op %(date)s: kom je?"),
)
MEETING_REMINDER_DAY = notifications.register(
    "councils.meeting_reminder_day",
    _("Vergadering morgen"),
    _("Herinnering: de %(council)s vergadert op %(date)s"),
)
MINUTES_FOR_REMARKS = notifications.register(
    "councils.minutes_for_remarks",
    _("Ontwerpverslag ter opmerkingen"),
    _("Ontwerpverslag van de %(council)s: opmerkingen tot en met %(deadline)s"),
)
MINUTES_REVIEW_REMINDER = notifications.register(
    "councils.minutes_review_reminder",
    _("Herinnering: verslag nalezen"),
    _("Nog tot en met %(deadline)s: opmerkingen op het verslag van de %(council)s"),
)
REMARK_ADDED = notifications.register(
    "councils.remark_added",
    _("Opmerking op een ontwerpverslag"),
    _("%(name)s heeft een opmerking op het verslag van %(date)s"),
)
ADVICE_SENT = notifications.register(
    "councils.advice_sent",
    _("Nieuw advies voor de stad"),
    _("Advies van de %(council)s: %(title)s"),
)
ADVICE_ANSWERED = notifications.register(
    "councils.advice_answered",
    _("De stad antwoordde op een advies"),
    _("Antwoord van de stad op het advies '%(title)s': %(outcome)s"),
)
ADVICE_OVERDUE = notifications.register(
    "councils.advice_overdue",
    _("Antwoord op een advies te laat"),
    _("Het antwoord op het advies '%(title)s' is te laat (verwacht tegen %(due)s)"),
)
ADVICE_REQUESTED = notifications.register(
    "councils.advice_requested",
    _("Adviesvraag van de stad"),
    _("Adviesvraag voor de %(council)s: %(title)s"),
)
REQUEST_DUE = notifications.register(
    "councils.request_due",
    _("Adviesvraag bijna verlopen"),
    _("Adviesvraag '%(title)s': advies verwacht tegen %(deadline)s"),
)


# Dates in notification contexts (JSON, the same in every language).


def fmt_date(value: date | datetime) -> str:
    return day_label(value)


def fmt_datetime(value: datetime) -> str:
    return f"{day_label(value)} {timezone.localtime(value):%H:%M}"


def meeting_context(meeting: Meeting) -> dict:
    return {
        "council": meeting.council.name,
        "date": fmt_datetime(meeting.starts_at),
        "location": meeting.location_label or meeting.online_url,
        "deadline": fmt_datetime(meeting.rsvp_deadline or meeting.starts_at),
    }


# The staff pages notifications link to.


def staff_council_url(council: Council) -> str:
    return reverse("councils_staff:council", kwargs={"slug": council.slug})


def staff_meeting_url(meeting: Meeting) -> str:
    return reverse("councils_staff:meeting", kwargs={"pk": meeting.pk})


# Who hears about what.


def council_members(council: Council, day: date | None = None):
    """Users with a current membership of `council`, in any role."""
    return User.objects.filter(
        pk__in=CouncilMembership.objects.current(day).filter(council=council).values("user_id"), is_active=True
    )


def council_managers(council: Council):
    return User.objects.filter(
        pk__in=CouncilMembership.objects.current().managing().filter(council=council).values("user_id"),
        is_active=True,
    )


def advice_handlers(advice: Advice):
    """The civil servant named on the advice, else the members of the addressed (or supporting)
    department; never a member of the advising council (the council does not answer itself)."""
    from genk.accounts.models import DepartmentMembership

    members = CouncilMembership.objects.current().filter(council_id=advice.council_id).values("user_id")
    if advice.responsible_id:
        return User.objects.filter(pk=advice.responsible_id, is_active=True).exclude(pk__in=members)
    department_id = advice.department_id or advice.council.department_id
    if department_id is None:
        return User.objects.none()
    return User.objects.filter(
        pk__in=DepartmentMembership.objects.current().filter(department_id=department_id).values("user_id"),
        is_active=True,
    ).exclude(pk__in=members)

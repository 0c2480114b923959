"""The notifications advisory councils send (bodies in templates/notifications/councils.*.txt).

Invitations to meetings are not notifications: they are emails with an iCalendar file,
built in services.py and made idempotent with the same send log.
"""

from django.utils.translation import gettext_lazy as _

from genk.core import notifications

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

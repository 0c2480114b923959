"""The notification kinds of volunteer work. Bodies: templates/notifications/<kind>.txt.

Each is sent with `genk.core.notifications.notify` inside the transaction that caused it, with
a key naming the event (`volunteers:signup:<pk>:<event>[:<n>]`), so nothing is sent twice."""

from django.utils.translation import gettext_lazy as _

from genk.core import notifications

SIGNUP_RECEIVED = notifications.register(
    "volunteers.signup_received", _("Nieuwe inschrijving"), _("Nieuwe inschrijving voor ‘%(title)s’")
)
ACCEPTED = notifications.register(
    "volunteers.accepted", _("Inschrijving aanvaard"), _("Je bent ingeschreven voor ‘%(title)s’")
)
DECLINED = notifications.register(
    "volunteers.declined", _("Inschrijving niet aanvaard"), _("Je inschrijving voor ‘%(title)s’ is niet aanvaard")
)
WAITING = notifications.register(
    "volunteers.waiting", _("Op de wachtlijst"), _("Je staat op de wachtlijst voor ‘%(title)s’")
)
PROMOTED = notifications.register(
    "volunteers.promoted",
    _("Van de wachtlijst ingeschreven"),
    _("Er is een plaats vrij: je bent ingeschreven voor ‘%(title)s’"),
)
SHIFT_CANCELLED = notifications.register(
    "volunteers.shift_cancelled", _("Shift geannuleerd"), _("De shift van ‘%(title)s’ op %(when)s gaat niet door")
)
TO_REVIEW = notifications.register(
    "volunteers.to_review", _("Vacature ter controle"), _("Nieuwe vacature ter controle: ‘%(title)s’")
)
SHIFT_REMINDER = notifications.register(
    "volunteers.shift_reminder", _("Herinnering: shift morgen"), _("Herinnering: ‘%(title)s’ op %(when)s")
)
SHIFT_MOVED = notifications.register(
    "volunteers.shift_moved", _("Shift verplaatst"), _("‘%(title)s’ is verplaatst naar %(when)s")
)
SHIFT_MESSAGE = notifications.register(
    "volunteers.shift_message", _("Bericht over een shift"), _("Bericht over ‘%(title)s’ op %(when)s")
)
NOTICE_CHANGED = notifications.register(
    "volunteers.notice_changed",
    _("Nieuwe organisatienota"),
    _("%(organisation)s heeft een nieuwe organisatienota (versie %(version)s)"),
)
HOURS_TO_APPROVE = notifications.register(
    "volunteers.hours_to_approve",
    _("Uren goed te keuren"),
    _("Uren van vrijwilligers wachten op je goedkeuring (%(count)s)"),
)

"""The notification kinds of room bookings. Bodies: templates/notifications/<kind>.txt.

Each is sent with `genk.core.notifications.notify` inside the transaction of the change (it
goes out on commit), with a key naming the event (`neighbourhoods.booking_<what>:<id>`), so a
repeated task sends nothing twice.
"""

from django.utils.translation import gettext_lazy as _

from genk.core import notifications

BOOKING_REQUESTED = notifications.register(
    "neighbourhoods.booking_requested",
    _("Nieuwe reservatieaanvraag"),
    _("Nieuwe aanvraag voor %(room)s op %(day)s"),
)
BOOKING_APPROVED = notifications.register(
    "neighbourhoods.booking_approved",
    _("Reservatie goedgekeurd"),
    _("Je reservatie van %(room)s op %(day)s is goedgekeurd"),
)
BOOKING_DECLINED = notifications.register(
    "neighbourhoods.booking_declined",
    _("Reservatie geweigerd"),
    _("Je aanvraag voor %(room)s op %(day)s is geweigerd"),
)
BOOKING_CANCELLED = notifications.register(
    "neighbourhoods.booking_cancelled",
    _("Reservatie geannuleerd"),
    _("De reservatie van %(room)s op %(day)s is geannuleerd"),
)

"""Notifications to the people who follow a wijk (bodies in templates/notifications/)."""

from django.utils.translation import gettext_lazy as _

from genk.core.notifications import register

WIJK_NEWS = register(
    "areawork.wijk_news",
    _("Nieuw in een wijk die je volgt"),
    _("Nieuw in %(wijk)s: %(title)s"),
)
WIJK_DAILY = register(
    "areawork.wijk_daily",
    _("Dagoverzicht van een wijk die je volgt"),
    _("Nieuw in %(wijk)s op %(day)s"),
)

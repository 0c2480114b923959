from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuddiesConfig(AppConfig):
    name = "volunteers.buddies"
    label = "buddies"
    verbose_name = _("Taalmaatjes")

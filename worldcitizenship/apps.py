from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorldcitizenshipConfig(AppConfig):
    name = "worldcitizenship"
    verbose_name = _("Wereldburgerschap")

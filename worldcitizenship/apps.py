from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorldcitizenshipConfig(AppConfig):
    name = "worldcitizenship"
    verbose_name = _("Wereldburgerschap")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Apps that tag things with SDGs register their providers in their own tagging.py.
        autodiscover_modules("tagging")
        # The partnership's own provider (its projects on the goal pages).
        from .partnership import tagging as _partnership_tagging  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "genk.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Every app declares its dashboard figures in indicators.py and its
        # notification kinds in notifications.py; load them once at start-up.
        autodiscover_modules("notifications")
        autodiscover_modules("indicators")
        autodiscover_modules("gdpr")
        autodiscover_modules("portal")

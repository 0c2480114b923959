from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "genk.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.utils.module_loading import autodiscover_modules

        from .search import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="genk.core.search")

        # Every app declares its dashboard figures in indicators.py and its
        # notification kinds in notifications.py; load them once at start-up.
        autodiscover_modules("notifications")
        autodiscover_modules("indicators")
        autodiscover_modules("gdpr")
        autodiscover_modules("portal")

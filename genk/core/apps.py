from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "genk.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self):
        import logging

        from django.db.backends.signals import connection_created
        from django.utils.module_loading import autodiscover_modules

        from .logs import RefusalsOnOneLine
        from .pagecache import install_write_watch
        from .search import register_sqlite_functions

        # Here rather than in LOGGING, so that every settings module (tests, bench) has it.
        logging.getLogger("django.request").addFilter(RefusalsOnOneLine())
        connection_created.connect(register_sqlite_functions, dispatch_uid="genk.core.search")
        # Every write moves the version of the table it wrote (cached public pages, pagecache.py).
        connection_created.connect(install_write_watch, dispatch_uid="genk.core.pagecache")

        # Every app declares its dashboard figures in indicators.py and its
        # notification kinds in notifications.py; load them once at start-up.
        autodiscover_modules("notifications")
        autodiscover_modules("indicators")
        autodiscover_modules("gdpr")
        autodiscover_modules("portal")

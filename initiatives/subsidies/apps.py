from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidiesConfig(AppConfig):
    name = "initiatives.subsidies"
    label = "subsidies"
    verbose_name = _("Subsidies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from genk.accounts.models import Department, Organisation
        from neighbourhoods.models import District, Neighbourhood

        from . import caching, rules  # noqa: F401  (registers the permission rules)
        from .models import Scheme, SubsidyFile

        # What the cached register shows (caching.py): a write moves its version.
        post_save.connect(caching.file_saved, sender=SubsidyFile, dispatch_uid="subsidies-register-file")
        post_delete.connect(caching.register_changed, sender=SubsidyFile, dispatch_uid="subsidies-register-del-file")
        for model in (Scheme, Department, Organisation, Neighbourhood, District):
            name = model._meta.label_lower
            post_save.connect(caching.register_changed, sender=model, dispatch_uid=f"subsidies-register-{name}")
            post_delete.connect(caching.register_changed, sender=model, dispatch_uid=f"subsidies-register-del-{name}")

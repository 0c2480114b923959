from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    label = "initiatives"
    verbose_name = _("Initiatieven")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from neighbourhoods.models import District, Neighbourhood

        from .filters import retire_cached_filter_forms
        from .models import Theme

        for model in (Theme, Neighbourhood, District):
            post_save.connect(retire_cached_filter_forms, sender=model, dispatch_uid=f"filter-form-{model.__name__}")
            post_delete.connect(
                retire_cached_filter_forms, sender=model, dispatch_uid=f"filter-form-{model.__name__}-del"
            )

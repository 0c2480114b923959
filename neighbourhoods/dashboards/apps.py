from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "neighbourhoods.dashboards"
    label = "dashboards"
    verbose_name = _("Wijkcijfers")

    def ready(self):
        from . import caching
        from .models import DailyFigure

        # A daily figure saved or deleted one by one (the admin, a wijk deleted with its
        # figures): the cached stored figures retire. Bulk writes: the model's queryset.
        post_save.connect(caching.stored_changed, sender=DailyFigure, dispatch_uid="dashboards.stored.save")
        post_delete.connect(caching.stored_changed, sender=DailyFigure, dispatch_uid="dashboards.stored.delete")

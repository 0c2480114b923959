from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _forget_map(sender, **kwargs):
    from . import maps

    maps.invalidate()


class NeighbourhoodsConfig(AppConfig):
    name = "neighbourhoods"
    verbose_name = _("Wijken")

    def ready(self):
        from .models import District, Neighbourhood

        # The cached map (maps.py) shows wijken, their boundaries and districts: any change
        # to one of them makes it redraw. Bulk changes call maps.invalidate() themselves.
        for model in (Neighbourhood, District):
            post_save.connect(_forget_map, sender=model, dispatch_uid=f"neighbourhoods.map.save.{model.__name__}")
            post_delete.connect(_forget_map, sender=model, dispatch_uid=f"neighbourhoods.map.delete.{model.__name__}")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreaworkConfig(AppConfig):
    name = "neighbourhoods.areawork"
    label = "areawork"
    verbose_name = _("Gebiedsgerichte werking")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FairtradeConfig(AppConfig):
    name = "worldcitizenship.fairtrade"
    label = "fairtrade"
    verbose_name = _("FairTrade-gemeente")

"""The wijkplan's progress as figures for the dashboards (the indicator registry)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from genk.core import indicators

from .models import Action


def _actions(period):
    """The counted (not dropped) actions of the wijkplannen of the years the period touches."""
    return Action.objects.counted().filter(priority__plan__year__range=(period.start.year, period.end.year))


@indicators.register(
    "areawork.plan_actions",
    label=_("Acties in het wijkplan"),
    unit=_("acties"),
    description=_("De acties (behalve de geschrapte) van de wijkplannen van de jaren in de periode."),
)
def plan_actions(period):
    rows = _actions(period).values("priority__plan__neighbourhood_id").annotate(n=Count("pk"))
    return {row["priority__plan__neighbourhood_id"]: row["n"] for row in rows}


@indicators.register(
    "areawork.plan_actions_done",
    label=_("Acties van het wijkplan klaar"),
    unit=_("acties"),
    description=_("De acties van de wijkplannen van de jaren in de periode die klaar zijn."),
)
def plan_actions_done(period):
    rows = _actions(period).done().values("priority__plan__neighbourhood_id").annotate(n=Count("pk"))
    return {row["priority__plan__neighbourhood_id"]: row["n"] for row in rows}

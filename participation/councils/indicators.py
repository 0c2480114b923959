"""What the councils contribute to the neighbourhood dashboards."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from genk.core import indicators

from .models import CouncilMembership, Meeting


@indicators.register(
    "councils.meetings_held",
    label=_("Vergaderingen van adviesraden"),
    unit=_("vergaderingen"),
    description=_("Gehouden vergaderingen van adviesraden op een plaats in de wijk."),
    sdgs=(16,),
)
def meetings_held(period):
    rows = (
        Meeting.objects.held()
        .filter(starts_at__range=period.datetime_range(), place__neighbourhood__isnull=False)
        .values("place__neighbourhood")
        .annotate(n=Count("pk"))
    )
    return {row["place__neighbourhood"]: row["n"] for row in rows}


@indicators.register(
    "councils.members",
    label=_("Leden van adviesraden"),
    unit=_("leden"),
    description=_("Inwoners van de wijk met een mandaat in een adviesraad op het einde van de periode."),
    sdgs=(16,),
    over_time="last",
)
def members(period):
    rows = (
        CouncilMembership.objects.current(period.end)
        .filter(user__neighbourhood__isnull=False)
        .values("user__neighbourhood")
        .annotate(n=Count("user", distinct=True))
    )
    return {row["user__neighbourhood"]: row["n"] for row in rows}

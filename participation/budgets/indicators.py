from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from genk.core import indicators

from .models import Ballot, Proposal


@indicators.register(
    "budgets.ballots",
    label=_("Stembrieven burgerbudget"),
    unit=_("stembrieven"),
    description=_(
        "Bevestigde stembrieven (online en op papier), naar de wijk van de kiezer, op de datum van bevestiging."
    ),
    sdgs=(11, 16),
)
def ballots(period):
    start, end = period.datetime_range()
    rows = (
        Ballot.objects.filter(confirmed_at__range=(start, end), neighbourhood__isnull=False)
        .values("neighbourhood_id")
        .annotate(n=Count("pk"))
    )
    return {row["neighbourhood_id"]: row["n"] for row in rows}


@indicators.register(
    "budgets.proposals",
    label=_("Projectvoorstellen burgerbudget"),
    unit=_("voorstellen"),
    description=_("Ingediende projectvoorstellen met een wijk, op de datum van indienen."),
    sdgs=(11, 16),
)
def proposals(period):
    start, end = period.datetime_range()
    rows = (
        Proposal.objects.filter(created__range=(start, end), neighbourhood__isnull=False)
        .exclude(status=Proposal.Status.WITHDRAWN)
        .values("neighbourhood_id")
        .annotate(n=Count("pk"))
    )
    return {row["neighbourhood_id"]: row["n"] for row in rows}

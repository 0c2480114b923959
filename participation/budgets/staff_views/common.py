"""What the budgets' staff pages share."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from genk.core.permissions import require

from ..models import Cycle

PAGE_SIZE = 25
PAPER_ONLY_WHILE_VOTING = _lazy("Stembrieven op papier invoeren kan alleen tijdens de stemming.")


NOT_YOUR_CYCLE = gettext_lazy("Deze ronde hoort bij een andere dienst: alleen haar medewerkers beheren ze.")


def get_cycle(request, slug) -> Cycle:
    """The cycle, for staff of its departments (and administrators); others get a 403 that says why."""
    cycle = get_object_or_404(Cycle.objects.for_page(), slug=slug)
    require(request.user, "budgets.manage_cycle", cycle, message=NOT_YOUR_CYCLE)
    return cycle

"""What the budgets' staff pages share."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _lazy

from ..models import Cycle

PAGE_SIZE = 25
PAPER_ONLY_WHILE_VOTING = _lazy("Stembrieven op papier invoeren kan alleen tijdens de stemming.")


def get_cycle(slug) -> Cycle:
    return get_object_or_404(Cycle.objects.for_page(), slug=slug)

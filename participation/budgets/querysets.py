"""Domain-named queries for budgets, used as managers."""

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone

from .caching import ChangesCycleParts, ChangesCycles


class CycleQuerySet(ChangesCycles):
    """Bulk writes move the versions of the cycles' cached pages (caching.py)."""

    def published(self):
        return self.filter(is_published=True)

    def with_phases(self):
        from .models import Phase

        return self.prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("starts_at")))

    def for_page(self):
        """What every cycle page reads: phases, headings (with district) and themes."""
        return self.with_phases().prefetch_related("headings__district", "themes")

    def in_phase(self, kind, now=None):
        """Cycles whose active phase is `kind` (phases follow each other without gaps)."""
        from .models import Phase

        now = now or timezone.now()
        started = Phase.objects.filter(cycle=models.OuterRef("pk"), starts_at__lte=now).order_by("-starts_at")
        return self.annotate(_active_kind=models.Subquery(started.values("kind")[:1])).filter(_active_kind=kind)


class ProposalQuerySet(ChangesCycleParts):
    """Bulk writes move the versions of the cached pages of their cycle (caching.py)."""

    # Statuses that are on the ballot during voting, and stay visible with their votes afterwards.
    ON_BALLOT = ("feasible", "selected", "not_selected", "completed")
    PUBLIC = ("submitted", "feasible", "not_feasible", "merged", "selected", "not_selected", "completed")

    def public(self):
        return self.filter(status__in=self.PUBLIC)

    def on_ballot(self):
        return self.filter(status__in=self.ON_BALLOT)

    def to_review(self):
        return self.filter(status="submitted")

    def selected(self):
        return self.filter(status__in=("selected", "completed"))

    def for_list(self):
        return self.select_related("theme", "heading", "neighbourhood", "author", "merged_into")


class BallotQuerySet(models.QuerySet):
    def online(self):
        return self.filter(channel="online")

    def paper(self):
        return self.filter(channel="paper")


class CyclePartQuerySet(ChangesCycleParts):
    """Phases and headings: bulk writes move the versions of their cycle's cached pages (caching.py)."""

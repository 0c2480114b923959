"""The published results of a cycle as the pages show them (public and staff)."""

from django.db.models import Prefetch

from .models import HeadingResult, ProjectResult


def published_results(cycle) -> list[HeadingResult]:
    """Each heading's stored result with its projects by rank, in the headings' order."""
    results = (
        HeadingResult.objects.filter(heading__cycle=cycle)
        .select_related("heading")
        .prefetch_related(
            Prefetch(
                "project_results",
                queryset=ProjectResult.objects.select_related("proposal__theme").order_by("rank"),
            )
        )
        .order_by("heading__order", "heading__name")
    )
    return list(results)

"""Awareness activities and educational projects of the world-citizenship programmes.

They are activities of the agenda (`neighbourhoods.agenda`, not a domain app) whose organiser
tagged them with a programme — Francistown, FairTrade, SDG or North–South — and they take
registrations there. The partnership page and the FairTrade overview list the programme's
coming activities; registering happens on the activity's own page. One query.
"""

from django.utils import timezone

from neighbourhoods.agenda.models import Activity, Programme

__all__ = ["Programme", "coming_activities"]


def coming_activities(programme: str, limit: int = 6) -> list:
    """The programme's published activities that have not ended yet, soonest first."""
    return list(
        Activity.objects.published()
        .filter(programme=programme, ends_at__gte=timezone.now())
        .for_list()
        .with_seats_taken()
        .order_by("starts_at", "pk")[:limit]
    )

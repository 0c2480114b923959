"""Domain-named queries for opportunities, shifts and sign-ups."""

from django.db import connection, models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from genk.core import search

# A wijk's GeoJSON boundary and its statistical sectors (about 1 kB each, decoded in Python):
# pages that name the wijk of an opportunity leave them out.
HEAVY_WIJK_FIELDS = ("neighbourhood__boundary", "neighbourhood__statistical_sectors")
SEARCH_FIELDS = ("title", "description", "tasks", "skills", "organisation__name")


def list_contains(field: str, value) -> Q:
    """`field` (a JSON list) holds `value`: JSON containment on PostgreSQL; on SQLite (the demo),
    where JSONField has no `contains`, the quoted value in the stored text."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__contains": [value]})
    return Q(**{f"{field}__icontains": f'"{value}"'})


class OpportunityQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

    def public(self):
        return self.filter(status__in=("published", "closed"))

    def of_organisations(self, organisation_ids):
        return self.filter(organisation_id__in=organisation_ids)

    def in_neighbourhood(self, neighbourhood):
        return self.filter(neighbourhood=neighbourhood)

    def city_wide(self):
        return self.filter(neighbourhood__isnull=True)

    def with_theme(self, theme: str):
        return self.filter(list_contains("themes", theme))

    def speaking(self, language: str):
        return self.filter(list_contains("languages", language))

    def open_to_age(self, age: int):
        return self.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=age))

    def with_shift_between(self, start=None, end=None):
        from .models import Shift

        shifts = Shift.objects.filter(opportunity=OuterRef("pk")).scheduled()
        if start:
            shifts = shifts.filter(start__date__gte=start)
        if end:
            shifts = shifts.filter(start__date__lte=end)
        return self.filter(Exists(shifts))

    def search(self, text: str):
        """Search in Dutch, insensitive to accents and case (`genk.core.search`): on PostgreSQL
        the stored, GIN-indexed `search_vector` (kept by a trigger, migration 0005); on SQLite,
        where `make demo` runs, every word in one of the fields."""
        return search.matches(self, text, fields=SEARCH_FIELDS, vector_field="search_vector")

    def for_list(self):
        """What the list page shows, in a constant number of queries: the organisation, wijk and
        place joined, and the start of the next planned shift (a correlated subquery on the
        index `volunteers_shift_opp_start`, evaluated for the rows shown only: apply it to a
        page of rows, not to everything that matches)."""
        from .models import Shift

        next_shift = (
            Shift.objects.filter(opportunity=OuterRef("pk"), status="scheduled", start__gt=timezone.now())
            .order_by("start")
            .values("start")[:1]
        )
        return (
            self.select_related("organisation", "neighbourhood", "place")
            .defer(*HEAVY_WIJK_FIELDS)
            .annotate(next_start=Subquery(next_shift))
        )


class OpportunityManager(models.Manager.from_queryset(OpportunityQuerySet)):
    """The search vector is written and read by the database only: never load it."""

    def get_queryset(self):
        return super().get_queryset().defer("search_vector")


class ShiftQuerySet(models.QuerySet):
    def scheduled(self):
        return self.filter(status="scheduled")

    def upcoming(self):
        return self.scheduled().filter(start__gt=timezone.now())

    def with_places(self):
        """Annotated with `accepted` and `waiting` counts (free places = capacity - accepted)."""
        return self.annotate(
            accepted=Count("signups", filter=Q(signups__status="accepted")),
            waiting=Count("signups", filter=Q(signups__status="waiting")),
            requested=Count("signups", filter=Q(signups__status="requested")),
        )


class SignUpQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=("requested", "accepted", "waiting"))

    def accepted(self):
        return self.filter(status="accepted")

    def waiting(self):
        return self.filter(status="waiting")

    def requested(self):
        return self.filter(status="requested")

    def upcoming(self):
        return self.filter(shift__start__gt=timezone.now(), shift__status="scheduled")

    def of(self, user):
        return self.filter(volunteer=user)

    def first_in_line(self):
        return self.waiting().order_by("created", "pk")

"""Domain-named queries for opportunities, shifts and sign-ups."""

from django.db import connection, models
from django.db.models import CharField, Count, Exists, Min, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from genk.core import search

SEARCH_FIELDS = ("title", "description", "tasks", "skills", "organisation__name")
SEP = Value(" ")


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
        # One CharField annotation: `search.vector` coalesces each field with a CharField "",
        # which PostgreSQL refuses to mix with a TextField column.
        parts = []
        for name in SEARCH_FIELDS:
            parts += [Coalesce(name, Value(""), output_field=CharField()), SEP]
        return search.matches(
            self.annotate(search_text=Concat(*parts, output_field=CharField())), text, fields=("search_text",)
        )

    def for_list(self):
        """What the list page shows, in a constant number of queries."""
        now = timezone.now()
        upcoming = Q(shifts__status="scheduled", shifts__start__gt=now)
        return self.select_related("organisation", "neighbourhood", "place").annotate(
            next_start=Min("shifts__start", filter=upcoming),
            upcoming_shifts=Count("shifts", filter=upcoming, distinct=True),
        )


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

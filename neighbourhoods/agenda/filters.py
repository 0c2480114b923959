"""The public agenda's filters and Dutch search."""

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from neighbourhoods.models import Neighbourhood

from .forms import SDG_CHOICES
from .models import Activity, Theme


def search(queryset, words: str):
    """PostgreSQL full-text search with the Dutch configuration (stemmed: "wandelingen" finds
    "wandeling"); on other databases (SQLite, the demo) every word as a substring."""
    words = words.strip()
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        vector = SearchVector("title", weight="A", config="dutch") + SearchVector(
            "description", weight="B", config="dutch"
        )
        return queryset.annotate(search=vector).filter(
            search=SearchQuery(words, config="dutch", search_type="websearch")
        )
    condition = Q()
    for word in words.split():
        condition &= Q(title__icontains=word) | Q(description__icontains=word)
    return queryset.filter(condition)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="filter_search")
    vanaf = django_filters.DateFilter(label=_("Vanaf"), method="filter_from", widget=DateInput())
    tot = django_filters.DateFilter(label=_("Tot en met"), method="filter_until", widget=DateInput())
    wijk = django_filters.ModelChoiceFilter(
        label=_("Wijk"),
        field_name="neighbourhood",
        queryset=Neighbourhood.objects.without_geometry().order_by("name"),
        to_field_name="slug",
        empty_label=_("Alle wijken"),
    )
    thema = django_filters.ChoiceFilter(
        label=_("Thema"), choices=Theme.choices, method="filter_theme", empty_label=_("Alle thema's")
    )
    sdg = django_filters.ChoiceFilter(
        label=_("Duurzaam ontwikkelingsdoel"),
        choices=SDG_CHOICES,
        method="filter_sdg",
        empty_label=_("Alle doelen"),
    )
    gratis = django_filters.BooleanFilter(label=_("Gratis"), method="filter_free", widget=forms.CheckboxInput)
    toegankelijk = django_filters.BooleanFilter(
        label=_("Drempelvrij"), method="filter_accessible", widget=forms.CheckboxInput
    )
    kinderen = django_filters.BooleanFilter(
        label=_("Voor kinderen"), method="filter_children", widget=forms.CheckboxInput
    )

    class Meta:
        model = Activity
        fields = []

    def filter_search(self, queryset, name, value):
        return search(queryset, value)

    def filter_from(self, queryset, name, value):
        start = timezone.make_aware(timezone.datetime.combine(value, timezone.datetime.min.time()))
        return queryset.filter(ends_at__gte=start)

    def filter_until(self, queryset, name, value):
        end = timezone.make_aware(timezone.datetime.combine(value, timezone.datetime.max.time()))
        return queryset.filter(starts_at__lte=end)

    def filter_theme(self, queryset, name, value):
        return queryset.with_theme(value)

    def filter_sdg(self, queryset, name, value):
        return queryset.with_sdg(int(value))

    def filter_free(self, queryset, name, value):
        return queryset.free() if value else queryset

    def filter_accessible(self, queryset, name, value):
        return queryset.accessible() if value else queryset

    def filter_children(self, queryset, name, value):
        return queryset.for_children() if value else queryset

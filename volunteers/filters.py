import django_filters
from django import forms
from django.db import connection
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from genk.accounts.models import Organisation
from genk.core.forms import Select
from neighbourhoods.models import Neighbourhood

from .models import Language, Opportunity, Theme
from .querysets import list_contains

CITY_WIDE = "heel-genk"


class OpportunityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoek"), method="search")
    wijk = django_filters.ChoiceFilter(label=_("Wijk"), method="in_wijk", empty_label=_("alle"), widget=Select)
    thema = django_filters.ChoiceFilter(
        label=_("Thema"), choices=Theme.choices, method="with_theme", empty_label=_("alle"), widget=Select
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort"),
        choices=Opportunity.Kind.choices,
        field_name="kind",
        empty_label=_("alle"),
        widget=Select,
    )
    organisatie = django_filters.ModelChoiceFilter(
        label=_("Organisatie"),
        queryset=Organisation.objects.filter(
            Exists(Opportunity.objects.published().filter(organisation=OuterRef("pk")))
        )
        .only("pk", "name")
        .order_by("name"),
        field_name="organisation",
        empty_label=_("alle"),
        widget=Select,
    )
    vanaf = django_filters.DateFilter(
        label=_("Shift vanaf"), method="shift_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = django_filters.DateFilter(
        label=_("Shift tot en met"), method="shift_until", widget=forms.DateInput(attrs={"type": "date"})
    )
    leeftijd = django_filters.NumberFilter(label=_("Mijn leeftijd"), method="open_to_age", min_value=0, max_value=120)
    taal = django_filters.ChoiceFilter(
        label=_("Taal"), choices=Language.choices, method="speaking", empty_label=_("alle"), widget=Select
    )
    sdg = django_filters.ChoiceFilter(
        label=_("Duurzame-ontwikkelingsdoel (SDG)"),
        choices=[(str(n), f"SDG {n}") for n in range(1, 18)],
        method="with_sdg",
        empty_label=_("alle"),
        widget=Select,
    )
    toegankelijk = django_filters.BooleanFilter(
        label=_("Toegankelijke plek (drempelvrij)"), method="accessible_place", widget=forms.CheckboxInput
    )
    nederlands_oefenen = django_filters.BooleanFilter(
        label=_("Geschikt om Nederlands te oefenen"), method="dutch_practice", widget=forms.CheckboxInput
    )

    class Meta:
        model = Opportunity
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["wijk"].extra["choices"] = [
            (CITY_WIDE, _("heel Genk")),
            *Neighbourhood.objects.values_list("slug", "name"),
        ]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def in_wijk(self, queryset, name, value):
        if value == CITY_WIDE:
            return queryset.city_wide()
        return queryset.filter(neighbourhood__slug=value)

    def with_theme(self, queryset, name, value):
        return queryset.with_theme(value)

    def speaking(self, queryset, name, value):
        return queryset.speaking(value)

    def open_to_age(self, queryset, name, value):
        return queryset.open_to_age(int(value))

    def shift_from(self, queryset, name, value):
        return queryset.with_shift_between(start=value)

    def shift_until(self, queryset, name, value):
        return queryset.with_shift_between(end=value)

    def with_sdg(self, queryset, name, value):
        number = int(value)
        if connection.vendor == "postgresql":
            return queryset.filter(list_contains("sdgs", number))
        return queryset.filter(sdgs__regex=rf"[\[ ,]{number}[,\]]")  # SQLite (the demo): the stored text

    def accessible_place(self, queryset, name, value):
        """Only opportunities at a step-free place (an opportunity without a place, somewhere
        in a wijk or city-wide, says nothing about access and is left out)."""
        if value:
            return queryset.filter(place__step_free=True)
        return queryset

    def dutch_practice(self, queryset, name, value):
        if value:
            return queryset.filter(kind=Opportunity.Kind.DUTCH_PRACTICE) | queryset.with_theme(Theme.LANGUAGE)
        return queryset

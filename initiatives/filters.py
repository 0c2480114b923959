"""The public list's filters, search and sorting (django-filter). Query parameters are Dutch."""

import django_filters
from django.utils.translation import gettext_lazy as _

from neighbourhoods.models import District, Neighbourhood

from .forms import HELP_CHOICES
from .models import Initiative, Theme

PUBLIC_STATUS_CHOICES = [(status.value, status.label) for status in Initiative.PUBLIC_STATES]

SORT_NEWEST = "nieuwste"
SORT_SUPPORTED = "meeste-steun"
SORT_CLOSING = "sluit-binnenkort"
SORT_RELEVANCE = "relevantie"
SORT_CHOICES = [
    (SORT_NEWEST, _("nieuwste eerst")),
    (SORT_SUPPORTED, _("meeste steun eerst")),
    (SORT_CLOSING, _("sluit binnenkort")),
    (SORT_RELEVANCE, _("best passend bij je zoekwoorden")),
]


class InitiativeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="filter_search")
    wijk = django_filters.ModelChoiceFilter(
        label=_("Wijk"),
        field_name="neighbourhood",
        to_field_name="slug",
        queryset=Neighbourhood.objects.order_by("name"),
        empty_label=_("alle wijken"),
    )
    stadsdeel = django_filters.ModelChoiceFilter(
        label=_("Stadsdeel"),
        field_name="neighbourhood__district",
        to_field_name="slug",
        queryset=District.objects.order_by("name"),
        empty_label=_("alle stadsdelen"),
    )
    thema = django_filters.ModelChoiceFilter(
        label=_("Thema"),
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        empty_label=_("alle thema's"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=PUBLIC_STATUS_CHOICES,
        method="filter_status",
        empty_label=_("alle, behalve ingetrokken"),
    )
    hulp = django_filters.ChoiceFilter(
        label=_("Gevraagde hulp"), choices=HELP_CHOICES, method="filter_help", empty_label=_("alle")
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort"), field_name="kind", choices=Initiative.Kind.choices, empty_label=_("alle")
    )
    sorteer = django_filters.ChoiceFilter(
        label=_("Sorteren"), choices=SORT_CHOICES, method="filter_sort", empty_label=_("standaard")
    )

    class Meta:
        model = Initiative
        fields = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_status(self, queryset, name, value):
        return queryset.filter(status=value)

    def filter_help(self, queryset, name, value):
        return queryset.with_help(value)

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in `qs`

    def _value(self, name):
        data = getattr(self.form, "cleaned_data", {}) if self.is_bound else {}
        return data.get(name) or ""

    @property
    def qs(self):
        if not hasattr(self, "_sorted_qs"):
            queryset = super().qs
            if not self._value("status"):
                queryset = queryset.without_withdrawn()
            sort = self._value("sorteer")
            searching = bool(self._value("q").strip())
            if sort == SORT_SUPPORTED:
                queryset = queryset.most_supported()
            elif sort == SORT_CLOSING:
                queryset = queryset.closing_soon()
            elif searching and sort in ("", SORT_RELEVANCE):
                queryset = queryset.order_by("-rank", "-published_at", "-pk")
            else:
                queryset = queryset.newest()
            self._sorted_qs = queryset
        return self._sorted_qs


# The rendered filter form is the costliest part of the list page (its ~80 options are
# rendered through Django's widget templates: about half the page's time at city scale, see
# bench/README.md). It depends only on the submitted filter values, the language and the
# reference data (wijken, stadsdelen, themes), so its HTML is cached per combination under the
# reference version and the release (`caching.py`): a change to the reference data, or a new
# release, retires every cached copy.
FILTER_FORM_CACHE_SECONDS = 600


def filter_form_cache_key(data, reference: str | None = None, make_filterset=None) -> str | None:
    """A cache key for the filter form's HTML for the query `data`, or None when it must be
    rendered afresh: a value that is not one of the choices (a random query string would fill
    the cache). Checked against the choices cached under the reference version (`reference`,
    when the caller read it already), so a cached page builds no form and runs no query;
    `make_filterset` builds the filter set when the choices must be read again."""
    import hashlib

    from .caching import reference_version, release

    values = sorted((name, value) for name in InitiativeFilter.base_filters for value in data.getlist(name))
    version = f"{release()}.{reference or reference_version()}"
    if any(value for _name, value in values):
        allowed = _choices(make_filterset or (lambda: InitiativeFilter(data)), version)
        for name, value in values:
            if (value not in allowed[name]) if name in allowed else len(value) > FREE_TEXT_LIMIT:
                return None
    return f"{version}:" + hashlib.sha256(repr(values).encode()).hexdigest()[:40]


FREE_TEXT_LIMIT = 200  # characters of search text worth a cached page


def _choices(make_filterset, version: str) -> dict[str, frozenset[str]]:
    """The values each choice field accepts ("" included), per reference version."""
    from django.core.cache import cache
    from django.forms import ModelChoiceField

    key = f"initiatives:filter-choices:{version}"
    allowed = cache.get(key)
    if allowed is None:
        allowed = {}
        for name, field in make_filterset().form.fields.items():
            if isinstance(field, ModelChoiceField):
                column = field.to_field_name or "pk"
                values = field.queryset.order_by().values_list(column, flat=True)
                allowed[name] = frozenset({"", *map(str, values)})
            elif hasattr(field, "choices"):
                allowed[name] = frozenset(str(choice) for choice, _label in field.choices)
        cache.set(key, allowed, FILTER_FORM_CACHE_SECONDS)
    return allowed

"""The staff workbench's lists, filters and search (django-filter). Query parameters are Dutch.

`lijst` picks a list (the tabs: open files, mine, unassigned, overdue, to assess by me, all);
`reglement`, `status` and `jaar` narrow it; `q` searches reference, title and the applicant
organisation's name (and the lead applicant's name: staff may see it)."""

import django_filters
from django.db.models import Case, DateField, F, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Scheme, SubsidyFile

LIST_OPEN = "lopend"
LIST_MINE = "mijn"
LIST_UNASSIGNED = "niet-toegewezen"
LIST_OVERDUE = "te-laat"
LIST_TO_ASSESS = "te-beoordelen"
LIST_TO_DECIDE = "te-beslissen"
LIST_ALL = "alle"

LISTS = [
    (LIST_OPEN, _("Lopende dossiers")),
    (LIST_MINE, _("Mijn dossiers")),
    (LIST_UNASSIGNED, _("Niet toegewezen")),
    (LIST_OVERDUE, _("Te laat")),
    (LIST_TO_ASSESS, _("Door mij te beoordelen")),
    (LIST_TO_DECIDE, _("Te beslissen door het college")),
    (LIST_ALL, _("Alle dossiers")),
]


def list_queryset(queryset, key, user, today=None):
    """One tab of the workbench, applied to `queryset` (already limited to what `user` sees)."""
    today = today or timezone.localdate()
    if key == LIST_MINE:
        return queryset.open().assigned_to(user)
    if key == LIST_UNASSIGNED:
        return queryset.unassigned()
    if key == LIST_OVERDUE:
        return queryset.open().overdue(today)
    if key == LIST_TO_ASSESS:
        return queryset.filter(
            status=SubsidyFile.Status.ASSESSMENT,
            assessments__assessor=user,
            assessments__submitted_at__isnull=True,
        )
    if key == LIST_TO_DECIDE:
        return queryset.filter(status=SubsidyFile.Status.PROPOSED)
    if key == LIST_ALL:
        return queryset
    return queryset.open()


def with_current_due(queryset):
    """Annotate `due` (the deadline of the current step, by status) so the list sorts on it."""
    whens = [When(status=status, then=F(field)) for status, field in SubsidyFile.DUE_FIELDS.items()]
    return queryset.annotate(due=Case(*whens, default=None, output_field=DateField()))


class WorkbenchFilter(django_filters.FilterSet):
    lijst = django_filters.ChoiceFilter(
        label=_("Lijst"), choices=LISTS, method="filter_list", empty_label=None, null_label=None
    )
    q = django_filters.CharFilter(
        label=_("Zoeken"),
        method="filter_search",
        help_text=_("Dossiernummer, titel, organisatie of naam van de aanvrager"),
    )
    reglement = django_filters.ModelChoiceFilter(
        label=_("Reglement"),
        field_name="scheme",
        to_field_name="slug",
        queryset=Scheme.objects.order_by("position", "name"),
        empty_label=_("alle reglementen"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        field_name="status",
        choices=[c for c in SubsidyFile.Status.choices if c[0] != SubsidyFile.Status.DRAFT],
        empty_label=_("alle statussen"),
    )
    jaar = django_filters.NumberFilter(
        label=_("Begrotingsjaar"), field_name="budget_year", min_value=2000, max_value=2100
    )

    class Meta:
        model = SubsidyFile
        fields = []

    def __init__(self, data=None, *args, user=None, **kwargs):
        self.user = user
        super().__init__(data, *args, **kwargs)
        self.form.fields["jaar"].widget.attrs.update({"inputmode": "numeric"})

    def filter_list(self, queryset, name, value):
        return queryset  # applied in `qs`, also when no tab is chosen

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    @property
    def current_list(self) -> str:
        if not self.is_bound:
            return LIST_OPEN
        self.form.is_valid()
        return self.form.cleaned_data.get("lijst") or LIST_OPEN

    @property
    def qs(self):
        if not hasattr(self, "_ordered_qs"):
            queryset = list_queryset(super().qs, self.current_list, self.user)
            queryset = with_current_due(queryset)
            self._ordered_qs = queryset.order_by(F("due").asc(nulls_last=True), "-submitted_at", "-pk")
        return self._ordered_qs

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from neighbourhoods.models import Neighbourhood

from .models import Heading, Proposal, Theme
from .querysets import ProposalQuerySet


class ProposalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoek"), method="search")
    heading = django_filters.ModelChoiceFilter(
        label=_("Deelbudget"), queryset=Heading.objects.none(), field_name="heading", empty_label=_("alle")
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"), queryset=Theme.objects.none(), field_name="theme", empty_label=_("alle")
    )
    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("Wijk"), queryset=Neighbourhood.objects.all(), field_name="neighbourhood", empty_label=_("alle")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(s.value, s.label) for s in Proposal.Status if s.value in ProposalQuerySet.PUBLIC],
        empty_label=_("alle"),
    )
    order = django_filters.ChoiceFilter(
        label=_("Volgorde"),
        method="order_by",
        choices=[
            ("oudste", _("oudste eerst")),
            ("goedkoopste", _("goedkoopste eerst")),
            ("duurste", _("duurste eerst")),
            ("titel", _("titel (A-Z)")),
        ],
        empty_label=_("nieuwste eerst"),
    )

    class Meta:
        model = Proposal
        fields = []

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["heading"].queryset = cycle.headings.all()
        self.filters["theme"].queryset = cycle.themes.all()

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))

    ORDERINGS = {
        "oudste": ("created", "pk"),
        "goedkoopste": ("estimated_cost", "pk"),
        "duurste": ("-estimated_cost", "-pk"),
        "titel": ("title", "pk"),
    }

    def order_by(self, queryset, name, value):
        return queryset.order_by(*self.ORDERINGS.get(value, ("-created", "-pk")))

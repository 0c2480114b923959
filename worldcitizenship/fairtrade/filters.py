import django_filters
from django.utils.translation import gettext_lazy as _

from neighbourhoods.models import Neighbourhood

from .models import Point, PointKind


class PointFilter(django_filters.FilterSet):
    soort = django_filters.ChoiceFilter(
        field_name="kind", label=_("Soort"), choices=PointKind.choices, empty_label=_("Alle soorten")
    )
    wijk = django_filters.ModelChoiceFilter(
        field_name="neighbourhood",
        label=_("Wijk"),
        queryset=Neighbourhood.objects.without_geometry().order_by("name"),
        to_field_name="slug",
        empty_label=_("Alle wijken"),
    )

    class Meta:
        model = Point
        fields = []

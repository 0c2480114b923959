"""Forms of the places pages: the directory's filters, a booking request, a staff decision."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core import forms as core_forms

from .models import Neighbourhood, OpeningException, OpeningHours, Place, Room


class PlaceFilter(django_filters.FilterSet):
    """The directory's filters; query parameters are Dutch. An unticked box filters nothing."""

    wijk = django_filters.ModelChoiceFilter(
        label=_("Wijk"),
        field_name="neighbourhood",
        to_field_name="slug",
        queryset=Neighbourhood.objects.without_geometry().order_by("name"),
        empty_label=_("alle wijken"),
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort plek"), field_name="kind", choices=Place.Kind.choices, empty_label=_("alle soorten")
    )
    drempelvrij = django_filters.BooleanFilter(label=_("drempelvrij"), widget=forms.CheckboxInput, method="filter_flag")
    aangepast_toilet = django_filters.BooleanFilter(
        label=_("aangepast toilet"), widget=forms.CheckboxInput, method="filter_flag"
    )
    ringleiding = django_filters.BooleanFilter(label=_("ringleiding"), widget=forms.CheckboxInput, method="filter_flag")

    FLAGS = {"drempelvrij": "step_free", "aangepast_toilet": "accessible_toilet", "ringleiding": "induction_loop"}

    class Meta:
        model = Place
        fields = []

    def filter_flag(self, queryset, name, value):
        return queryset.filter(**{self.FLAGS[name]: True}) if value else queryset


class BookingRequestForm(forms.Form):
    """A request for a room: the day, the hours, how many people and what for."""

    day = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start = forms.TimeField(label=_("Van"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end = forms.TimeField(label=_("Tot"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    people = forms.IntegerField(label=_("Aantal personen"), min_value=1)
    purpose = forms.CharField(
        label=_("Waarvoor heb je de zaal nodig?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bijvoorbeeld: repetitie van het buurtkoor, vergadering van het bewonerscomité."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Voor wie vraag je aan?"),
        queryset=None,
        required=False,
        empty_label=_("voor mezelf"),
    )

    def __init__(self, *args, user=None, room=None, **kwargs):
        super().__init__(*args, **kwargs)
        from genk.accounts.models import Organisation

        organisations = Organisation.objects.none()
        if user is not None and user.is_authenticated:
            organisations = Organisation.objects.filter(
                pk__in=user.organisation_memberships.current().values("organisation")
            ).order_by("name")
        self.fields["organisation"].queryset = organisations
        if not organisations.exists():
            del self.fields["organisation"]
        if room is not None:
            self.fields["people"].widget.attrs["max"] = room.capacity
            self.fields["people"].help_text = _("Ten hoogste %(capacity)s.") % {"capacity": room.capacity}

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if day and start and end:
            data["starts_at"] = timezone.make_aware(datetime.datetime.combine(day, start))
            data["ends_at"] = timezone.make_aware(datetime.datetime.combine(day, end))
        return data


class DecisionForm(forms.Form):
    message = forms.CharField(
        label=_("Bericht aan de aanvrager"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als je weigert: schrijf waarom."),
    )


class PlaceForm(forms.ModelForm):
    """What the place's staff keep up to date outside the Django admin: name, kind, wijk,
    department, details, point, contact and accessibility (the slug, the team and the partners
    stay with administrators). The point is checked against the (new) wijk's boundary
    (`Place.clean`). The department is one of the user's own (any for an administrator), so
    nobody hands a place to a department they are not in."""

    class Meta:
        model = Place
        fields = [
            "name",
            "kind",
            "neighbourhood",
            "department",
            "description",
            "address",
            "latitude",
            "longitude",
            "phone",
            "email",
            "website",
            "opening_hours",
            "step_free",
            "accessible_toilet",
            "induction_loop",
            "accessibility",
        ]
        widgets = {
            # Options written in Python (genk.core.forms.Select): the same markup, faster.
            "kind": core_forms.Select,
            "neighbourhood": core_forms.Select,
            "department": core_forms.Select,
            "description": forms.Textarea(attrs={"rows": 4}),
            "opening_hours": forms.Textarea(attrs={"rows": 2}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "latitude": _("Bijvoorbeeld 50.965123. Het punt moet binnen de grens van de gekozen wijk liggen."),
            "department": _(
                "De dienst die de plek beheert: haar medewerkers behandelen de reservaties. Je kan kiezen uit je "
                "eigen diensten."
            ),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from genk.accounts.models import Department

        self.fields["neighbourhood"].queryset = Neighbourhood.objects.without_geometry().order_by("name")
        self.fields["neighbourhood"].required = True
        departments = Department.objects.order_by("name")
        if user is not None and not user.is_superuser:
            departments = departments.filter(pk__in=[*user.department_ids(), self.instance.department_id or 0])
        self.fields["department"].queryset = departments
        self.fields["department"].required = not (user is not None and user.is_superuser)


def _time_widgets(*names):
    return {name: forms.TimeInput(attrs={"type": "time"}, format="%H:%M") for name in names}


HoursFormSet = forms.inlineformset_factory(
    Place,
    OpeningHours,
    fields=["weekday", "opens", "closes"],
    widgets={"weekday": core_forms.Select, **_time_widgets("opens", "closes")},
    extra=2,
    can_delete=True,
)

ExceptionFormSet = forms.inlineformset_factory(
    Place,
    OpeningException,
    fields=["date", "closed", "opens", "closes", "reason"],
    widgets={"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **_time_widgets("opens", "closes")},
    extra=1,
    can_delete=True,
)

RoomFormSet = forms.inlineformset_factory(
    Place,
    Room,
    fields=["name", "capacity", "equipment", "price", "free_for_associations", "bookable"],
    widgets={"equipment": forms.TextInput()},
    extra=1,
    can_delete=False,  # a room with bookings stays: untick "te reserveren" instead
)


class PeriodForm(forms.Form):
    """The period of a place's figures: from and to (inclusive), at most three years."""

    van = forms.DateField(label=_("Van"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    tot = forms.DateField(label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean(self):
        data = super().clean()
        start, end = data.get("van"), data.get("tot")
        if start and end:
            if end < start:
                self.add_error("tot", _("Het einde van de periode moet na het begin liggen."))
            elif (end - start).days > 3 * 366:
                self.add_error("tot", _("Kies een periode van hoogstens drie jaar."))
        return data

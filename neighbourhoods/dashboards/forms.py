from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.forms import DateInput
from genk.core.indicators import Period

from . import periods

MAX_RANGE_DAYS = 3 * 366


class PeriodForm(forms.Form):
    """The period of a dashboard (GET): a month, quarter or year (the one that holds `datum`),
    or a free range from `van` to `tot`."""

    soort = forms.ChoiceField(
        label=_("Periode"),
        choices=[("month", _("maand")), ("quarter", _("kwartaal")), ("year", _("jaar")), ("range", _("van – tot"))],
        initial="month",
    )
    datum = forms.DateField(label=_("Maand, kwartaal of jaar van deze dag"), required=False, widget=DateInput())
    van = forms.DateField(label=_("Van"), required=False, widget=DateInput())
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("soort") == "range":
            start, end = data.get("van"), data.get("tot")
            if not start:
                self.add_error("van", _("Kies de eerste dag van de periode."))
            if not end:
                self.add_error("tot", _("Kies de laatste dag van de periode."))
            if start and end and end < start:
                self.add_error("tot", _("De einddatum ligt vóór de begindatum: kies een latere einddatum."))
            elif start and end and (end - start).days > MAX_RANGE_DAYS:
                self.add_error("tot", _("Kies een periode van hoogstens drie jaar."))
        return data

    def choice(self) -> periods.Choice:
        """The chosen period; this month when the form is unbound or invalid."""
        today = timezone.localdate()
        if not self.is_bound or not self.is_valid():
            return periods.current("month", today)
        kind = self.cleaned_data["soort"]
        if kind == "range":
            return periods.Choice("range", Period(self.cleaned_data["van"], self.cleaned_data["tot"]))
        return periods.current(kind, self.cleaned_data.get("datum") or today)


def period_form(request) -> PeriodForm:
    if "soort" in request.GET:
        return PeriodForm(request.GET)
    return PeriodForm(initial={"soort": "month", "datum": timezone.localdate()})


class PopulationForm(forms.Form):
    population = forms.IntegerField(label=_("Inwoners"), min_value=0, max_value=1_000_000)
    reference_date = forms.DateField(label=_("Peildatum"), widget=DateInput())
    source = forms.CharField(label=_("Bron"), max_length=200, help_text=_("bv. Statbel, rijksregister, eigen telling"))
    estimated = forms.BooleanField(label=_("Dit is een schatting"), required=False)

    def clean_reference_date(self):
        day = self.cleaned_data["reference_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("De peildatum ligt in de toekomst: kies een dag tot vandaag."))
        return day

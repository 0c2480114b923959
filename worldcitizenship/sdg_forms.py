"""Forms of the world-citizenship officer (indicators) and of the solidarity directory."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import countries, sdg_indicators
from .forms import SDGMultipleChoiceField
from .models import Goal
from .sdg_models import LocalIndicator, SolidarityProfile

LINE = re.compile(r"^\s*(\d{4})\s*[:=;\t ]\s*(-?[\d .]*[\d](?:,\d+)?|-?\d+(?:\.\d+)?)\s*$")


def parse_values(text: str) -> dict[int, Decimal]:
    """ "2024: 1.234,5" per line (Dutch or plain decimals) -> {2024: Decimal("1234.5")}."""
    found: dict[int, Decimal] = {}
    errors = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = LINE.match(line)
        year = int(match.group(1)) if match else None
        raw = match.group(2).replace(" ", "") if match else ""
        if "," in raw:
            raw = raw.replace(".", "").replace(",", ".")
        try:
            value = Decimal(raw) if match else None
        except InvalidOperation:
            value = None
        if value is None or not 2000 <= year <= 2100 or abs(value) >= Decimal("1e12"):
            errors.append(
                _("Regel %(number)s (“%(line)s”): schrijf een jaar en een getal, bv. “2024: 1.234,5”.")
                % {"number": number, "line": line.strip()[:40]}
            )
            continue
        if year in found:
            errors.append(_("Het jaar %(year)s staat er twee keer.") % {"year": year})
        found[year] = value.quantize(Decimal("0.01"))
    if errors:
        raise ValidationError(errors)
    return found


class IndicatorForm(forms.ModelForm):
    values_text = forms.CharField(
        label=_("Waarden per jaar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Eén jaar per regel, bv. “2024: 1.234,5”. Leeg voor een berekende indicator."),
    )

    class Meta:
        model = LocalIndicator
        fields = [
            "goal",
            "name",
            "unit",
            "source",
            "source_url",
            "description",
            "target_value",
            "target_year",
            "figure_key",
            "chart",
            "position",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "figure_key": forms.Select}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.all()
        self.fields["goal"].label_from_instance = lambda g: f"SDG {g.number} – {g.short_title}"
        self.fields["figure_key"].widget.choices = sdg_indicators.figure_choices()
        self.fields["figure_key"].widget.attrs.pop("maxlength", None)  # not valid on a select
        if self.instance.pk and not self.is_bound:
            manual = [v for v in self.instance.values.all() if not v.computed]
            self.initial["values_text"] = "\n".join(f"{v.year}: {sdg_indicators.fmt(v.value)}" for v in manual)

    def clean_figure_key(self):
        key = self.cleaned_data.get("figure_key", "")
        if key and key not in dict(sdg_indicators.figure_choices()):
            raise ValidationError(_("Kies een cijfer uit de lijst."))
        return key

    def clean_values_text(self):
        return parse_values(self.cleaned_data.get("values_text", ""))

    def clean(self):
        data = super().clean()
        if data.get("figure_key") and data.get("values_text"):
            self.add_error(
                "values_text", _("Een berekende indicator haalt zijn waarden uit het cijfer: laat dit veld leeg.")
            )
        return data


class ProfileForm(forms.ModelForm):
    """What the representative and the officer edit (the officer also sees `is_listed`)."""

    countries = forms.MultipleChoiceField(
        label=_("Landen waar de organisatie werkt"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Houd Ctrl (of Cmd) ingedrukt om er meerdere te kiezen."),
    )
    sdgs = SDGMultipleChoiceField()

    class Meta:
        model = SolidarityProfile
        fields = ["description", "countries", "projects", "sdgs", "is_listed"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "projects": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, officer=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].choices = countries.choices()
        if not officer:
            del self.fields["is_listed"]


class NewProfileForm(ProfileForm):
    """The officer flags an organisation as an international-solidarity one."""

    organisation = forms.ModelChoiceField(label=_("Organisatie"), queryset=None)

    class Meta(ProfileForm.Meta):
        fields = ["organisation", *ProfileForm.Meta.fields]

    def __init__(self, *args, **kwargs):
        from genk.accounts.models import Organisation

        super().__init__(*args, officer=True, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(solidarity_profile__isnull=True).order_by(
            "name"
        )

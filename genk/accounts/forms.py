from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "neighbourhood", "year_of_birth", "language", "notification_frequency"]
        widgets = {"notification_frequency": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True
        self.fields["neighbourhood"].empty_label = _("— Ik woon niet in Genk of zeg het liever niet —")
        # The choices need each wijk's name only: not its boundary and sectors (kilobytes of
        # JSON per wijk), which made most of the profile page's time.
        self.fields["neighbourhood"].queryset = (
            self.fields["neighbourhood"].queryset.only("pk", "name", "slug").order_by("name")
        )
        self.fields["year_of_birth"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "bday-year"})
        self.fields["display_name"].widget.attrs.update({"autocomplete": "nickname"})

    def clean_year_of_birth(self):
        year = self.cleaned_data.get("year_of_birth")
        this_year = timezone.localdate().year
        if year is not None and not (this_year - 120 <= year <= this_year):
            raise forms.ValidationError(
                _("Vul een geboortejaar tussen %(min)s en %(max)s in."),
                params={"min": this_year - 120, "max": this_year},
            )
        return year

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if "@" in name:
            raise forms.ValidationError(_("Een schermnaam mag geen e-mailadres zijn."))
        return name


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Typ VERWIJDEREN om te bevestigen"),
        max_length=20,
        help_text=_("Zo voorkomen we dat je je account per ongeluk verwijdert."),
    )

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value.upper() != str(_("VERWIJDEREN")).upper():
            raise forms.ValidationError(_("Typ het woord VERWIJDEREN om je account te verwijderen."))
        return value

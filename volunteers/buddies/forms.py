from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteers.models import Language

from .models import SLOTS, Buddy, Learner


class ParticipantForm(forms.ModelForm):
    availability = forms.MultipleChoiceField(
        label=_("Wanneer kun je?"),
        choices=SLOTS,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies minstens één moment in de week."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Talen die je spreekt"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        fields = ["availability", "neighbourhood", "interests", "languages", "contact_preference"]
        help_texts = {"interests": _("Waarover praat je graag? Bv. koken, voetbal, de kinderen naar school brengen.")}


class LearnerForm(ParticipantForm):
    class Meta(ParticipantForm.Meta):
        model = Learner
        fields = ["level", *ParticipantForm.Meta.fields]
        labels = {"level": _("Hoe goed spreek je al Nederlands?")}


class BuddyForm(ParticipantForm):
    class Meta(ParticipantForm.Meta):
        model = Buddy


class ProposeForm(forms.Form):
    learner = forms.IntegerField(widget=forms.HiddenInput)
    buddy = forms.IntegerField(widget=forms.HiddenInput)


class ManualProposeForm(forms.Form):
    """A pair the hints do not suggest (no shared moment): by the numbers on the cards."""

    learner = forms.IntegerField(label=_("Nummer van de leerder"), min_value=1)
    buddy = forms.IntegerField(label=_("Nummer van het taalmaatje"), min_value=1)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(label=_("Duur (minuten)"), min_value=5, max_value=480)
    note = forms.CharField(
        label=_("Wat hebben jullie geoefend?"),
        max_length=300,
        required=False,
        help_text=_("Kort, zonder persoonlijke gegevens: bv. ‘boodschappen doen, de bus nemen’."),
    )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("Noteer een ontmoeting na afloop, niet vooraf."))
        return date

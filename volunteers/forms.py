from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from genk.core import files
from neighbourhoods.models import Neighbourhood, Place

from .models import Allowance, AllowanceCap, InformationNotice, Language, Opportunity, Theme


class SignUpForm(forms.Form):
    message = forms.CharField(
        label=_("Bericht aan de coördinator (niet verplicht)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, notice=None, minor=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.notice = notice
        if minor:
            self.fields["guardian_name"] = forms.CharField(
                label=_("Naam van je ouder of voogd"),
                max_length=200,
                help_text=_("Je bent jonger dan 18: je ouder of voogd moet akkoord gaan met dit vrijwilligerswerk."),
                error_messages={"required": _("Vul de naam in van je ouder of voogd die akkoord gaat.")},
            )
            self.fields["guardian_consent"] = forms.BooleanField(
                label=_("Mijn ouder of voogd gaat akkoord."),
                error_messages={"required": _("Je ouder of voogd moet akkoord gaan.")},
            )
        if notice is not None:
            self.fields["acknowledge"] = forms.BooleanField(
                label=_("Ik heb de organisatienota (versie %(version)s) gelezen.") % {"version": notice.version},
                required=True,
                error_messages={"required": _("Bevestig dat je de organisatienota gelezen hebt.")},
            )

    @property
    def acknowledged_version(self):
        return self.notice.version if self.notice is not None and self.cleaned_data.get("acknowledge") else None


class AcknowledgeForm(forms.Form):
    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["acknowledge"] = forms.BooleanField(
            label=_("Ik heb de organisatienota (versie %(version)s) gelezen.") % {"version": notice.version},
            required=True,
            error_messages={"required": _("Bevestig dat je de organisatienota gelezen hebt.")},
        )


class OpportunityForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(
        label=_("Thema's"), choices=Theme.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Talen"), choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    sdgs = forms.TypedMultipleChoiceField(
        label=_("Duurzame ontwikkelingsdoelen (SDG's)"),
        choices=[(n, _("SDG %(number)s") % {"number": n}) for n in range(1, 18)],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Opportunity
        fields = [
            "title",
            "description",
            "tasks",
            "skills",
            "offered",
            "kind",
            "signup_mode",
            "place",
            "neighbourhood",
            "minimum_age",
            "languages",
            "themes",
            "sdgs",
            "cancellation_deadline_hours",
        ]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ("description", "tasks", "skills", "offered")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.select_related("neighbourhood")
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.all()
        self.fields["neighbourhood"].empty_label = _("heel Genk")


class ShiftForm(forms.Form):
    start = forms.DateTimeField(label=_("Begin"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    end = forms.DateTimeField(label=_("Einde"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    capacity = forms.IntegerField(label=_("Aantal plaatsen"), min_value=1, max_value=1000)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("Het einde moet na het begin liggen."))
        if data.get("start") and data["start"] <= timezone.now():
            self.add_error("start", _("Een shift begint in de toekomst."))
        return data


WEEKDAYS = [
    (0, _("maandag")),
    (1, _("dinsdag")),
    (2, _("woensdag")),
    (3, _("donderdag")),
    (4, _("vrijdag")),
    (5, _("zaterdag")),
    (6, _("zondag")),
]


class WeeklyShiftsForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Weekdag"), choices=WEEKDAYS, coerce=int)
    start_time = forms.TimeField(label=_("Van"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Tot"), widget=forms.TimeInput(attrs={"type": "time"}))
    first_day = forms.DateField(label=_("Eerste dag"), widget=forms.DateInput(attrs={"type": "date"}))
    last_day = forms.DateField(label=_("Laatste dag"), widget=forms.DateInput(attrs={"type": "date"}))
    capacity = forms.IntegerField(label=_("Aantal plaatsen per shift"), min_value=1, max_value=1000)

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", _("Het einde moet na het begin liggen."))
        if data.get("first_day") and data.get("last_day") and data["last_day"] < data["first_day"]:
            self.add_error("last_day", _("De laatste dag ligt voor de eerste."))
        return data


class DecisionForm(forms.Form):
    message = forms.CharField(
        label=_("Bericht aan de vrijwilliger"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class HoursForm(forms.Form):
    hours = forms.DecimalField(label=_("Uren"), min_value=Decimal("0.25"), max_value=24, decimal_places=2)
    note = forms.CharField(label=_("Opmerking (niet verplicht)"), required=False, max_length=500)


class MoveShiftForm(forms.Form):
    start = forms.DateTimeField(label=_("Nieuw begin"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    end = forms.DateTimeField(label=_("Nieuw einde"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    message = forms.CharField(
        label=_("Uitleg voor wie ingeschreven is (niet verplicht)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ShiftMessageForm(forms.Form):
    text = forms.CharField(label=_("Bericht"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class CancelShiftForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden (iedereen die ingeschreven is, krijgt ze te lezen)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class NoticeForm(forms.ModelForm):
    class Meta:
        model = InformationNotice
        fields = [
            "aims",
            "legal_status",
            "insurance_civil_liability",
            "insurance_bodily_injury",
            "allowance_system",
            "discretion_duty",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in ("aims", "insurance_civil_liability", "insurance_bodily_injury", "discretion_duty")
        }


class VolunteerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.public_name


PROOF_TYPES = (".pdf", ".jpg", ".jpeg", ".png")
PROOF_MAX_SIZE = 5 * 1024 * 1024
PROOF_NEEDED = _("Werkelijke kosten vergoed je met een bewijs: voeg het bewijsstuk toe (PDF, JPEG of PNG).")


def proof_help_text() -> str:
    return _(
        "PDF, JPEG of PNG, hoogstens %(size)s. Enkel de vrijwilliger en de coördinatoren kunnen het openen. "
        "Klopt er iets anders niet in het formulier, kies het bestand dan opnieuw."
    ) % {"size": filesizeformat(PROOF_MAX_SIZE)}


def validate_proof(upload):
    """A receipt: PDF, JPEG or PNG (judged by its first bytes, `genk.core.files`), at most
    PROOF_MAX_SIZE."""
    if files.suffix_of(upload.name) not in PROOF_TYPES:
        raise ValidationError(_("Dit soort bestand kan niet als bewijsstuk. Kies een PDF, JPEG of PNG."))
    return files.validate_document(upload, max_size=PROOF_MAX_SIZE)


class AllowanceForm(forms.Form):
    """An allowance for one volunteer and day; the caps are checked by the service, under a lock."""

    volunteer = VolunteerChoiceField(
        label=_("Vrijwilliger"),
        queryset=None,
        empty_label=_("Kies een vrijwilliger"),
        error_messages={"invalid_choice": _("Kies een vrijwilliger van je organisatie.")},
    )
    day = forms.DateField(label=_("Dag"), widget=forms.DateInput(attrs={"type": "date"}))
    system = forms.ChoiceField(label=_("Stelsel"), choices=Allowance.System.choices, widget=forms.RadioSelect)
    category = forms.ChoiceField(
        label=_("Categorie"),
        choices=AllowanceCap.Category.choices,
        initial=AllowanceCap.Category.GENERAL,
        help_text=_("Verhoogd jaarmaximum enkel voor de categorieën die de wet noemt (bv. sporttrainer, nachtoppas)."),
    )
    amount = forms.DecimalField(
        label=_("Bedrag (euro)"),
        min_value=Decimal("0.01"),
        max_digits=8,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )
    proof_file = forms.FileField(
        label=_("Bewijsstuk (bij werkelijke kosten)"),
        required=False,
        help_text=lazy(lambda: proof_help_text(), str)(),
    )
    proof = forms.CharField(
        label=_("Wat is het bewijsstuk? (niet verplicht)"),
        required=False,
        max_length=300,
        help_text=_("Bv. kasticket of treinticket."),
    )
    note = forms.CharField(label=_("Omschrijving (niet verplicht)"), required=False, max_length=300)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        from .allowances import volunteers_of

        self.fields["volunteer"].queryset = volunteers_of(organisation).order_by("display_name", "pk")
        notice = InformationNotice.current_for(organisation.pk)
        if notice is not None and notice.allowance_system in Allowance.System.values:
            self.fields["system"].initial = notice.allowance_system

    def clean_proof_file(self):
        upload = self.cleaned_data.get("proof_file")
        return validate_proof(upload) if upload else None

    def clean(self):
        data = super().clean()
        if (
            data.get("system") == Allowance.System.ACTUAL_COSTS
            and not data.get("proof_file")
            and "proof_file" not in self.errors
        ):
            self.add_error("proof_file", PROOF_NEEDED)
        if data.get("day") and data["day"] > timezone.localdate():
            self.add_error("day", _("Een vergoeding boek je voor een dag die voorbij is of vandaag."))
        return data


class CertificateCheckForm(forms.Form):
    code = forms.CharField(
        label=_("Code van het attest"),
        max_length=30,
        help_text=_("Twaalf letters en cijfers, bv. ABCD-EFGH-2345."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class FlexibleHoursForm(forms.Form):
    day = forms.DateField(label=_("Dag"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(label=_("Uren"), min_value=Decimal("0.25"), max_value=24, decimal_places=2)
    note = forms.CharField(label=_("Opmerking (niet verplicht)"), required=False, max_length=500)

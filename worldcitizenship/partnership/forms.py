import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from genk.core import images
from genk.core.files import document_help_text, validate_document
from genk.core.forms import DateInput

from ..forms import SDGMultipleChoiceField
from ..models import Target
from .models import Contact, Document, Exchange, Funding, Indicator, Partner, Partnership, Project


# The shared image check (genk/core/images.py): settings WORLDCITIZENSHIP_IMAGE_*.
def photo_limits():
    return images.Limits.from_settings("WORLDCITIZENSHIP")


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["name", "since", "aims", "focus"]


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["side", "name", "description", "website", "contact_name", "contact_email", "contact_phone"]


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "email", "side", "position"]


class ProjectForm(forms.ModelForm):
    sdgs = SDGMultipleChoiceField()
    target_codes = forms.CharField(
        label=_("SDG-subdoelen"),
        required=False,
        help_text=_("De codes, gescheiden door komma's, bv. 6.1, 6.b. Ze horen bij de aangevinkte doelen."),
    )

    class Meta:
        model = Project
        fields = [
            "kind",
            "title",
            "summary",
            "aims",
            "partners",
            "starts_on",
            "ends_on",
            "neighbourhood",
            "school",
            "class_group",
            "materials",
            "sdgs",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "partners": forms.CheckboxSelectMultiple(),
        }
        help_texts = {
            "school": _("Alleen voor een educatief project (verplicht dan)."),
            "neighbourhood": _("De wijk waar het project in Genk vooral loopt, als er een is."),
        }

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partnership is not None:
            self.instance.partnership = partnership
        self.fields["partners"].queryset = Partner.objects.filter(partnership=self.instance.partnership)
        self.fields["partners"].label_from_instance = lambda p: f"{p.name} ({p.get_side_display()})"
        if self.instance.pk:
            self.fields["target_codes"].initial = ", ".join(self.instance.targets.values_list("code", flat=True))

    def clean_target_codes(self):
        codes = [c for c in re.split(r"[\s,;]+", self.cleaned_data["target_codes"].strip()) if c]
        found = {t.code: t for t in Target.objects.filter(code__in=codes).select_related("goal")}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise ValidationError(_("Deze subdoelen bestaan niet: %(codes)s."), params={"codes": ", ".join(unknown)})
        return [found[c] for c in codes]

    def clean(self):
        cleaned = super().clean()
        goals = {g.number for g in cleaned.get("sdgs") or []}
        outside = [t.code for t in cleaned.get("target_codes") or [] if t.goal.number not in goals]
        if outside:
            self.add_error(
                "target_codes",
                _("Vink ook het doel aan van deze subdoelen: %(codes)s.") % {"codes": ", ".join(outside)},
            )
        return cleaned

    def save(self, commit=True):
        project = super().save(commit=commit)
        if commit:
            project.targets.set(self.cleaned_data.get("target_codes") or [])
        return project


class FundingForm(forms.ModelForm):
    class Meta:
        model = Funding
        fields = ["source", "description", "amount_eur", "foreign_amount", "foreign_currency", "rate"]
        help_texts = {
            "foreign_amount": _("Optioneel: het bedrag zoals de partner het opgaf. Het wordt nooit omgerekend."),
            "foreign_currency": _("ISO 4217, bv. BWP (Botswaanse pula)."),
            "rate": _("Hoeveel eenheden van die munt één euro was, zoals je hem gebruikte."),
        }

    def clean_foreign_currency(self):
        return (self.cleaned_data.get("foreign_currency") or "").strip().upper()


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target", "result", "measured_on"]
        widgets = {"measured_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        project = self.instance.project if self.instance.project_id else None
        if project is not None and project.status != Project.Status.DRAFT:
            for name in ("name", "unit", "baseline", "target"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Vastgelegd bij de start.")


class UpdateForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    body = forms.CharField(label=_("Tekst"), widget=forms.Textarea)
    alt_text = forms.CharField(
        label=_("Beschrijving van de foto (alt-tekst)"),
        max_length=250,
        required=False,
        help_text=_("Verplicht bij een foto: wat er op de foto te zien is."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"] = images.upload_field(photo_limits())
        self.fields["photo"].label = _("Foto")
        # The photo before its description, as the form is read.
        self.order_fields(["title", "body", "photo", "alt_text"])

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            images.check_image(photo, photo_limits())  # the header only; rendered when saved
        return photo

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and not (cleaned.get("alt_text") or "").strip():
            self.add_error("alt_text", _("Beschrijf wat er op de foto staat, voor wie de foto niet ziet."))
        return cleaned

    def photos(self):
        photo = self.cleaned_data.get("photo")
        return [(photo, self.cleaned_data["alt_text"])] if photo else []


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = document_help_text()

    def clean_file(self):
        return validate_document(self.cleaned_data["file"])


class ExchangeForm(forms.ModelForm):
    class Meta:
        model = Exchange
        fields = [
            "kind",
            "title",
            "direction",
            "participants",
            "place",
            "starts_on",
            "ends_on",
            "purpose",
            "outcome",
            "project",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partnership is not None:
            self.instance.partnership = partnership
        self.fields["project"].queryset = Project.objects.filter(partnership=self.instance.partnership)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("ends_on") and cleaned.get("starts_on") and cleaned["ends_on"] < cleaned["starts_on"]:
            self.add_error("ends_on", _("Het einde ligt voor het begin."))
        return cleaned


class FollowForm(forms.Form):
    how = forms.ChoiceField(
        label=_("Hoe wil je het horen?"),
        choices=[("immediately", _("meteen, per bericht")), ("digest", _("één keer per dag, in een overzicht"))],
        initial="immediately",
        widget=forms.RadioSelect,
    )

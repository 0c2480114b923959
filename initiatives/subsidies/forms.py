"""The applicant's forms: the application, the budget lines, documents, co-applicants,
answers to the city's questions, the final report and withdrawing.

Forms check what is typed (an IBAN that exists, an amount within the scheme's limits, dates
in order); whether a file is complete enough to submit is the workflow's question
(`workflow.submit` says what is missing), so a draft can be saved half-finished.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from genk.core.files import document_help_text, validate_document
from genk.core.formats import euro
from neighbourhoods.models import Neighbourhood

from .models import BudgetLine, CoApplicant, SubsidyFile
from .validators import format_iban, validate_iban


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class FieldsetRadios(forms.RadioSelect):
    use_fieldset = True


class EuroField(forms.DecimalField):
    """An amount in euro as people type it: '2500', '2.500', '2500,50', '€ 2.500,50' or '2500.50'.

    A dot followed by exactly three digits is a thousands separator (Dutch notation); a comma
    is the decimal separator. The value is shown back with a comma."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs.update({"inputmode": "decimal", "autocomplete": "off", "class": "amount"})
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        text = re.sub(r"[\s\u00a0€]|EUR", "", str(value), flags=re.IGNORECASE)
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
            text = text.replace(".", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError(_("Vul een bedrag in euro in, bv. 1250 of 1.250,50."), code="invalid") from None
        if not amount.is_finite():
            raise ValidationError(_("Vul een bedrag in euro in, bv. 1250 of 1.250,50."), code="invalid")
        return amount


class IBANField(forms.CharField):
    """A bank account number: validated (country, length, check digits) and stored normalised."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 42)  # 34 characters plus the spaces people type
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"autocomplete": "off", "spellcheck": "false", "class": "iban"})
        return attrs

    def prepare_value(self, value):
        return format_iban(value) if value else value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        return validate_iban(value)


# Starting an application and writing it.


class ApplicationForm(forms.ModelForm):
    """The project, the place, the dates, the bank account and (where the scheme counts
    addresses) the applicant's address. Only the title is needed to save a draft."""

    SCOPE_NEIGHBOURHOOD = "wijk"
    SCOPE_CITY = "stad"

    scope = forms.ChoiceField(
        label=_("Waar speelt het project zich af?"),
        choices=[(SCOPE_NEIGHBOURHOOD, _("in één wijk")), (SCOPE_CITY, _("in heel Genk"))],
        widget=FieldsetRadios,
        required=False,
    )
    iban = IBANField(
        label=_("Rekeningnummer (IBAN)"),
        required=False,
        help_text=_("Het rekeningnummer waarop de stad de subsidie stort, bv. BE68 5390 0754 7034."),
    )

    class Meta:
        model = SubsidyFile
        fields = [
            "title",
            "description",
            "scope",
            "neighbourhood",
            "starts_on",
            "ends_on",
            "iban",
            "account_holder",
            "applicant_address",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }
        labels = {
            "title": _("Naam van het project"),
            "description": _("Beschrijving van het project"),
            "starts_on": _("Startdatum"),
            "ends_on": _("Einddatum"),
            "account_holder": _("Naam van de rekeninghouder"),
            "applicant_address": _("Je adres (straat en huisnummer)"),
        }
        help_texts = {
            "title": _("Kort en duidelijk, bv. ‘Buurtmoestuin in Winterslag’."),
            "description": _(
                "Wat wil je doen, voor wie, met wie en waarom? Hoe betrekken jullie de buurt? Gewone tekst; een lege "
                "regel begint een nieuwe alinea."
            ),
            "neighbourhood": _("Alleen als je hierboven ‘in één wijk’ kiest."),
            "starts_on": _("Wanneer begint het project?"),
            "ends_on": _("Wanneer is het project afgelopen? Het eindverslag volgt daarna."),
            "account_holder": _("Zoals de bank de rekening kent: een persoon, een feitelijke vereniging of een vzw."),
            "applicant_address": _("Alleen de stad ziet je adres."),
        }

    def __init__(self, *args, scheme, **kwargs):
        self.scheme = scheme
        super().__init__(*args, **kwargs)
        self.fields["title"].required = True
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.order_by("name")
        self.fields["neighbourhood"].empty_label = _("— kies een wijk —")
        self.fields["neighbourhood"].required = False
        if not self.asks_address():
            del self.fields["applicant_address"]
        else:
            address = self.fields["applicant_address"]
            address.widget.attrs["autocomplete"] = "address-line1"
            if scheme.min_distinct_addresses:
                address.help_text = _(
                    "Dit reglement vraagt aanvragers op minstens %(count)s verschillende adressen. Alleen de stad "
                    "ziet je adres."
                ) % {"count": scheme.min_distinct_addresses}
        if not self.is_bound and self.instance.pk:
            if self.instance.city_wide:
                self.initial["scope"] = self.SCOPE_CITY
            elif self.instance.neighbourhood_id:
                self.initial["scope"] = self.SCOPE_NEIGHBOURHOOD

    def asks_address(self) -> bool:
        """A group of residents gives the lead's address (private: it counts distinct addresses)."""
        if self.instance.pk:
            return self.instance.applicant_kind == SubsidyFile.ApplicantKind.RESIDENT_GROUP
        return self.scheme.allows_resident_group

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if scope == self.SCOPE_NEIGHBOURHOOD and not data.get("neighbourhood"):
            self.add_error("neighbourhood", _("Kies de wijk, of duid aan dat het project voor heel Genk is."))
        if scope == self.SCOPE_CITY:
            data["neighbourhood"] = None
        if not scope and data.get("neighbourhood"):
            data["scope"] = self.SCOPE_NEIGHBOURHOOD
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("De einddatum ligt vóór de startdatum."))
        return data

    def draft_fields(self) -> dict:
        """The model fields this form changes, with their new values (written by the view
        under a row lock, never the whole row)."""
        data = self.cleaned_data
        city_wide = data.get("scope") == self.SCOPE_CITY
        fields = {name: data[name] for name in self._meta.fields if name in self.fields and name != "scope"}
        fields["iban"] = data.get("iban") or ""
        fields["city_wide"] = city_wide
        fields["neighbourhood"] = None if city_wide else data.get("neighbourhood")
        return fields


class StartForm(ApplicationForm):
    """The first page of an application: who applies (a group of residents or an
    organisation one represents), then the project."""

    applicant_kind = forms.ChoiceField(label=_("Wie vraagt de subsidie aan?"), widget=FieldsetRadios)
    organisation = forms.ModelChoiceField(
        label=_("Voor welke organisatie?"),
        queryset=None,
        required=False,
        help_text=_("De organisaties waarvoor je vertegenwoordiger bent op Samen Genk."),
    )

    def __init__(self, *args, scheme, organisations, **kwargs):
        super().__init__(*args, scheme=scheme, **kwargs)
        choices = []
        if scheme.allows_resident_group:
            choices.append((SubsidyFile.ApplicantKind.RESIDENT_GROUP, _("een groep inwoners (feitelijke vereniging)")))
        if scheme.allows_organisation and organisations:
            choices.append((SubsidyFile.ApplicantKind.ORGANISATION, _("een organisatie die ik vertegenwoordig")))
        self.fields["applicant_kind"].choices = choices
        if len(choices) == 1:
            self.fields["applicant_kind"].initial = choices[0][0]
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = _("— kies een organisatie —")
        if not scheme.allows_organisation or not organisations:
            del self.fields["organisation"]
        self.order_fields(["applicant_kind", "organisation"])

    def clean(self):
        data = super().clean()
        if data.get("applicant_kind") == SubsidyFile.ApplicantKind.ORGANISATION and not data.get("organisation"):
            self.add_error("organisation", _("Kies de organisatie waarvoor je de subsidie aanvraagt."))
        if data.get("applicant_kind") == SubsidyFile.ApplicantKind.RESIDENT_GROUP:
            data["organisation"] = None
        elif "applicant_address" in data:
            data["applicant_address"] = ""  # an organisation's file keeps no private address
        return data


# The budget: costs and other income, and the amount asked.


class BudgetLineForm(forms.ModelForm):
    amount = EuroField(label=_("Bedrag (euro)"), required=True, min_value=Decimal("0.01"))

    class Meta:
        model = BudgetLine
        fields = ["description", "amount"]
        labels = {"description": _("Omschrijving")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].widget.attrs["autocomplete"] = "off"


class BaseBudgetLineFormSet(BaseInlineFormSet):
    """The lines of one kind (costs or income). The view saves them through
    `services.replace_budget_lines`; the formset only shows and checks them."""

    def __init__(self, *args, kind, **kwargs):
        self.kind = kind
        kwargs.setdefault("queryset", BudgetLine.objects.filter(kind=kind).order_by("position", "pk"))
        super().__init__(*args, **kwargs)


BudgetLineFormSet = inlineformset_factory(
    SubsidyFile,
    BudgetLine,
    form=BudgetLineForm,
    formset=BaseBudgetLineFormSet,
    extra=2,
    can_delete=True,
    max_num=100,
    validate_max=True,
)


def budget_formsets(file, data=None, extra_costs=2, extra_income=1):
    """The two formsets of the budget page: costs (prefix `kosten`) and other income (`inkomsten`)."""
    costs = BudgetLineFormSet(data, instance=file, kind=BudgetLine.Kind.COST, prefix="kosten")
    income = BudgetLineFormSet(data, instance=file, kind=BudgetLine.Kind.INCOME, prefix="inkomsten")
    costs.extra, income.extra = extra_costs, extra_income
    return costs, income


class AmountForm(forms.Form):
    """The amount asked, checked against the scheme's minimum and maximum (the deficit is
    checked by the view, against the lines as posted)."""

    amount_requested = EuroField(label=_("Gevraagd bedrag (euro)"), required=False, min_value=Decimal("0"))

    def __init__(self, *args, scheme, **kwargs):
        self.scheme = scheme
        super().__init__(*args, **kwargs)
        self.fields["amount_requested"].help_text = _("Tussen %(min)s en %(max)s, en niet meer dan het tekort.") % {
            "min": euro(scheme.min_amount),
            "max": euro(scheme.max_amount),
        }

    def clean_amount_requested(self):
        amount = self.cleaned_data.get("amount_requested")
        if amount is None:
            return Decimal("0")
        if amount > self.scheme.max_amount:
            raise ValidationError(
                _("Je kunt hoogstens %(max)s vragen in dit reglement."),
                params={"max": euro(self.scheme.max_amount)},
            )
        if 0 < amount < self.scheme.min_amount:
            raise ValidationError(
                _("Je moet minstens %(min)s vragen in dit reglement."),
                params={"min": euro(self.scheme.min_amount)},
            )
        return amount


# Documents.


class DocumentForm(forms.Form):
    required_document = forms.TypedChoiceField(
        label=_("Welk document is het?"), coerce=int, empty_value=None, required=False
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        required=False,
        help_text=_("Niet verplicht: anders nemen we de naam van het gevraagde document of van het bestand."),
    )
    file = forms.FileField(label=_("Bestand"), help_text=lazy(document_help_text, str)())

    def __init__(self, *args, required_documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.required_documents = {doc.pk: doc for doc in required_documents}
        choices = [(doc.pk, doc.name) for doc in required_documents]
        choices.append(("", _("een ander document")))
        self.fields["required_document"].choices = choices
        self.fields["required_document"].widget = FieldsetRadios(choices=choices)
        if not required_documents:
            del self.fields["required_document"]

    def clean_file(self):
        return validate_document(self.cleaned_data["file"])

    def clean_required_document(self):
        pk = self.cleaned_data.get("required_document")
        return self.required_documents.get(pk) if pk else None

    def document_values(self) -> dict:
        """The values for `Document`: required document, title, the upload itself."""
        upload = self.cleaned_data["file"]
        required = self.cleaned_data.get("required_document")
        title = self.cleaned_data.get("title") or (required.name if required else upload.name)
        return {"required_document": required, "title": title[:200], "upload": upload}


# Co-applicants.


class InviteCoApplicantForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("We sturen een link. Wie ze aanvaardt, vult zijn adres in en kan het dossier mee opvolgen."),
    )

    def __init__(self, *args, file=None, user=None, **kwargs):
        self.file = file
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.user is not None and email == self.user.email.lower():
            raise ValidationError(_("Dat is je eigen e-mailadres."))
        if self.file is not None and CoApplicant.objects.filter(file=self.file, email__iexact=email).exists():
            raise ValidationError(_("%(email)s is al uitgenodigd voor dit dossier."), params={"email": email})
        return email


class AcceptInvitationForm(forms.Form):
    address = forms.CharField(
        label=_("Je adres (straat en huisnummer)"),
        max_length=250,
        help_text=_("Alleen de stad ziet je adres: het telt mee voor het aantal verschillende adressen van de groep."),
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )


# Answers, the report, withdrawing.


class AnswerInfoForm(forms.Form):
    message = forms.CharField(
        label=_("Je antwoord"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ontbrak er een document? Voeg het eerst toe bij de documenten hieronder."),
    )


class ReportForm(forms.Form):
    """The final report: what happened and what it really cost (the proof is in the documents)."""

    report_text = forms.CharField(
        label=_("Verslag van het project"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Wat hebben jullie gedaan, met hoeveel mensen, wat liep goed en wat niet? Waaraan is de subsidie besteed?"
        ),
    )
    report_costs = EuroField(
        label=_("Werkelijke kosten (euro)"),
        min_value=Decimal("0"),
        help_text=_("Wat het project in totaal echt kostte, volgens de facturen en betaalbewijzen."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom trek je de aanvraag in? (niet verplicht)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

"""Forms of the staff pages (/beheer/subsidies/): the steps of a file and scheme management.

The forms only read and check what staff type; the steps themselves are workflow.py's
transitions and services.py's operations. Amounts accept Dutch notation (1.250,50) as well
as 1250.50."""

import re
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from genk.accounts.models import Department, DepartmentMembership, Organisation, User
from genk.core.formats import euro

from . import conf
from .forms import DocumentForm
from .models import Assessment, Criterion, Document, Payment, RequiredDocument, Scheme, SchemeBudget, SubsidyFile

ZERO = Decimal("0.00")
_THOUSANDS_ONLY = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_euro(value) -> Decimal | None:
    """'1.250,50', '1250,5', '€ 1250.50' or '2.500' -> Decimal; None when empty.

    With a comma, dots are thousands separators (Dutch); without one, a dot followed by
    groups of exactly three digits is too ('2.500' is two thousand five hundred)."""
    if value in (None, ""):
        return None
    if isinstance(value, Decimal | int):
        return Decimal(value)
    text = str(value).replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS_ONLY.match(text):
        text = text.replace(".", "")
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise ValidationError(_("Geef een bedrag in euro, bv. 1250,50."), code="invalid") from error


class EuroField(forms.DecimalField):
    """An amount in euro, two decimals, never negative."""

    widget = forms.TextInput

    def __init__(self, *, min_value=ZERO, **kwargs):
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(min_value=min_value, **kwargs)

    def widget_attrs(self, widget):
        # A text box (not type=number) so "1.250,50" can be typed; the keyboard shows digits.
        return {"inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        amount = parse_euro(value)
        return super().to_python(str(amount))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def text_area(rows=4):
    return forms.Textarea(attrs={"rows": rows})


def department_staff(department, day=None):
    """Current members of `department`, for choosing a handler or assessors."""
    members = DepartmentMembership.objects.current(day).filter(department=department).values("user_id")
    return User.objects.filter(pk__in=members, is_active=True).order_by("display_name", "email")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name or obj.email


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name or obj.email


# The steps of one file.


class AssignHandlerForm(forms.Form):
    handler = StaffChoiceField(label=_("Behandelaar"), queryset=User.objects.none(), empty_label=_("kies iemand"))

    def __init__(self, *args, file: SubsidyFile, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = department_staff(file.scheme.department)
        self.fields["handler"].help_text = _("Een medewerker van %(department)s.") % {
            "department": file.scheme.department.name
        }


CHECKLIST_ITEMS = [
    ("eligible", _("De aanvrager komt in aanmerking volgens het reglement")),
    ("exclusions", _("Het project valt niet onder de uitsluitingen van het reglement")),
    ("budget", _("De begroting is volledig en het gevraagde bedrag past erin")),
    ("bank", _("Rekeningnummer en rekeninghouder zijn gecontroleerd")),
]


class IntakeChecklistForm(forms.Form):
    """The completeness check at intake: the scheme's required application documents, the
    standard checks, and free items. Saved as `file.intake_checklist`:

    {"documents": {"<required document id>": bool}, "checks": {"<key>": bool},
     "extra": [{"label": str, "done": bool}], "remarks": str}
    """

    extra = forms.CharField(
        label=_("Andere punten"),
        required=False,
        widget=text_area(3),
        help_text=_("Eén punt per regel. Zet [x] vooraan een punt dat in orde is, bv. ‘[x] Toestemming eigenaar’."),
    )
    remarks = forms.CharField(label=_("Opmerkingen bij de intake"), required=False, widget=text_area(3))

    def __init__(self, *args, file: SubsidyFile, required_documents, documents, **kwargs):
        saved = file.intake_checklist or {}
        uploaded = {d.required_document_id for d in documents if d.required_document_id}
        initial = kwargs.pop("initial", None) or {}
        super().__init__(*args, initial=initial, **kwargs)
        self.required_documents = [r for r in required_documents if r.stage == RequiredDocument.Stage.APPLICATION]
        fields = {}
        for required in self.required_documents:
            name = f"doc_{required.pk}"
            present = required.pk in uploaded
            fields[name] = forms.BooleanField(
                label=_("Document: %(name)s") % {"name": required.name},
                required=False,
                help_text=_("Opgeladen door de aanvrager.") if present else _("Nog niet opgeladen."),
            )
            self.initial.setdefault(name, saved.get("documents", {}).get(str(required.pk), present))
        for key, label in CHECKLIST_ITEMS:
            name = f"check_{key}"
            fields[name] = forms.BooleanField(label=label, required=False)
            self.initial.setdefault(name, bool(saved.get("checks", {}).get(key)))
        self.initial.setdefault(
            "extra",
            "\n".join(
                f"{'[x] ' if item.get('done') else ''}{item.get('label', '')}" for item in saved.get("extra", [])
            ),
        )
        self.initial.setdefault("remarks", saved.get("remarks", ""))
        # The checkboxes first, then the free text.
        self.fields = {**fields, "extra": self.fields["extra"], "remarks": self.fields["remarks"]}

    def checklist(self) -> dict:
        data = self.cleaned_data
        extra = []
        for line in data.get("extra", "").splitlines():
            line = line.strip()
            if not line:
                continue
            done = line.lower().startswith("[x]")
            label = line[3:].strip() if done else line.removeprefix("[ ]").strip()
            if label:
                extra.append({"label": label[:300], "done": done})
        return {
            "documents": {str(r.pk): bool(data.get(f"doc_{r.pk}")) for r in self.required_documents},
            "checks": {key: bool(data.get(f"check_{key}")) for key, _label in CHECKLIST_ITEMS},
            "extra": extra,
            "remarks": data.get("remarks", ""),
        }


class IntakeForm(IntakeChecklistForm):
    """The intake: the checklist, and the assessors who assess the file once it is accepted
    (members of the handling department, and optionally a civil servant of another
    department by email address). Saving only the checklist does not need assessors."""

    def __init__(self, *args, file: SubsidyFile, require_assessors: bool = True, **kwargs):
        super().__init__(*args, file=file, **kwargs)
        self.file = file
        self.require_assessors = require_assessors
        self.fields["assessors"] = StaffMultipleChoiceField(
            label=_("Beoordelaars"),
            queryset=department_staff(file.scheme.department).exclude(pk=file.applicant_id),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_("Medewerkers van %(department)s die de aanvraag beoordelen volgens de criteria.")
            % {"department": file.scheme.department.name},
        )
        self.fields["other_assessor"] = forms.EmailField(
            label=_("Beoordelaar van een andere dienst (e-mailadres)"),
            required=False,
            help_text=_("Optioneel: een medewerker van de stad buiten de dienst."),
        )
        self.initial.setdefault("assessors", [a.assessor_id for a in file.assessments.all()])

    def clean_other_assessor(self):
        email = self.cleaned_data.get("other_assessor", "").strip()
        if not email:
            return None
        members = DepartmentMembership.objects.current().values("user_id")
        user = User.objects.filter(email__iexact=email, is_active=True, pk__in=members).first()
        if user is None:
            raise ValidationError(_("Er is geen medewerker van de stad met dit e-mailadres."))
        return user

    def clean(self):
        data = super().clean()
        if self.require_assessors and not data.get("assessors") and not data.get("other_assessor"):
            self.add_error("assessors", _("Kies minstens één beoordelaar."))
        return data

    def chosen_assessors(self) -> list:
        people = list(self.cleaned_data.get("assessors") or [])
        other = self.cleaned_data.get("other_assessor")
        if other is not None and other not in people:
            people.append(other)
        return people


class RequestInfoForm(forms.Form):
    message = forms.CharField(
        label=_("Wat vraag je aan de aanvrager?"),
        widget=text_area(5),
        error_messages={"required": _("Schrijf wat de aanvrager nog moet bezorgen.")},
    )
    due = forms.DateField(
        label=_("Antwoord verwacht tegen"),
        widget=DateInput(),
        error_messages={"required": _("Kies de datum waartegen je een antwoord verwacht.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due"].initial = timezone.localdate() + timedelta(days=conf.info_due_days())

    def clean_due(self):
        due = self.cleaned_data["due"]
        if due <= timezone.localdate():
            raise ValidationError(_("Kies een datum na vandaag."))
        return due


class AssessmentForm(forms.Form):
    """One assessor's scores (0–5 per criterion), recommendation and amount."""

    SCORE_CHOICES = [(n, str(n)) for n in range(6)]

    recommendation = forms.ChoiceField(
        label=_("Advies"),
        choices=Assessment.Recommendation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies je advies.")},
    )
    recommended_amount = EuroField(
        label=_("Geadviseerd bedrag (euro)"),
        required=False,
        help_text=_("Nodig bij een gedeeltelijke toekenning; leeg bij toekennen: het gevraagde bedrag."),
    )
    comment = forms.CharField(label=_("Motivering"), widget=text_area(5), required=False)

    def __init__(self, *args, assessment: Assessment, criteria, **kwargs):
        self.criteria = list(criteria)
        self.assessment = assessment
        scores = {s.criterion_id: s for s in assessment.scores.all()} if assessment.pk else {}
        initial = {
            "recommendation": assessment.recommendation or None,
            "recommended_amount": assessment.recommended_amount,
            "comment": assessment.comment,
        }
        super().__init__(*args, initial=initial, **kwargs)
        fields = {}
        for criterion in self.criteria:
            existing = scores.get(criterion.pk)
            fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s (gewicht %(weight)s)") % {"name": criterion.name, "weight": criterion.weight},
                choices=self.SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=criterion.description,
                error_messages={"required": _("Geef een score van 0 tot 5.")},
            )
            fields[f"score_comment_{criterion.pk}"] = forms.CharField(
                label=_("Toelichting bij %(name)s") % {"name": criterion.name}, required=False, widget=text_area(2)
            )
            if existing is not None:
                self.initial[f"score_{criterion.pk}"] = existing.score
                self.initial[f"score_comment_{criterion.pk}"] = existing.comment
        self.fields = {**fields, **self.fields}
        # Saving a draft ("klad") needs nothing complete yet.
        self.is_draft = bool(self.data.get("klad"))
        if self.is_draft:
            for field in self.fields.values():
                field.required = False

    def clean(self):
        data = super().clean()
        recommendation = data.get("recommendation")
        if recommendation == Assessment.Recommendation.GRANT and data.get("recommended_amount") is None:
            data["recommended_amount"] = self.assessment.file.amount_requested
        if (
            recommendation == Assessment.Recommendation.PARTIAL
            and data.get("recommended_amount") is None
            and not self.is_draft
        ):
            self.add_error("recommended_amount", _("Geef het bedrag dat je voorstelt."))
        if recommendation == Assessment.Recommendation.REFUSE:
            data["recommended_amount"] = None
        return data

    def scores(self) -> dict:
        """{criterion: (score, comment)}; a score left open in a draft is None."""
        return {
            c: (self.cleaned_data.get(f"score_{c.pk}"), self.cleaned_data.get(f"score_comment_{c.pk}", ""))
            for c in self.criteria
        }


class _OutcomeAmountForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Beslissing"),
        choices=SubsidyFile.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies toekennen of weigeren.")},
    )
    amount = EuroField(label=_("Bedrag (euro)"), required=False, help_text=_("Alleen bij toekennen."))
    amount_label = _("Bedrag (euro)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].label = self.amount_label

    def clean(self):
        data = super().clean()
        amount = data.get("amount")
        if data.get("outcome") == SubsidyFile.Outcome.GRANTED:
            if amount is None:
                self.add_error("amount", _("Geef het bedrag dat wordt toegekend."))
            elif amount <= 0:
                self.add_error("amount", _("Een toegekend bedrag is groter dan nul."))
        elif data.get("outcome") == SubsidyFile.Outcome.REFUSED:
            data["amount"] = None
        return data


class ProposeForm(_OutcomeAmountForm):
    amount_label = _("Voorgesteld bedrag (euro)")
    text = forms.CharField(
        label=_("Motivering van het voorstel"),
        widget=text_area(6),
        error_messages={"required": _("Motiveer het voorstel.")},
    )


class DecideForm(_OutcomeAmountForm):
    amount_label = _("Toegekend bedrag (euro)")
    decided_on = forms.DateField(
        label=_("Zitting van het college"),
        widget=DateInput(),
        help_text=_("De datum van de zitting van het college van burgemeester en schepenen."),
        error_messages={"required": _("Geef de datum van de collegezitting.")},
    )
    reference = forms.CharField(
        label=_("Nummer van de beslissing"),
        max_length=100,
        error_messages={"required": _("Geef het nummer van de collegebeslissing.")},
    )
    text = forms.CharField(
        label=_("Gemotiveerde beslissing"),
        widget=text_area(8),
        help_text=_("Deze tekst komt in de beslissingsbrief aan de aanvrager."),
        error_messages={"required": _("Schrijf de motivering van de beslissing.")},
    )

    field_order = ["decided_on", "outcome", "amount", "reference", "text"]

    def clean_decided_on(self):
        day = self.cleaned_data["decided_on"]
        if day > timezone.localdate():
            raise ValidationError(_("Een beslissing ligt niet in de toekomst: kies de datum van de zitting."))
        return day


class PaymentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort betaling"), choices=Payment.Kind.choices)
    amount = EuroField(
        label=_("Bedrag van de betaling (euro)"),
        min_value=Decimal("0.01"),
        error_messages={"required": _("Geef het bedrag.")},
    )
    paid_on = forms.DateField(label=_("Betaald op"), widget=DateInput())
    reference = forms.CharField(
        label=_("Referentie"), max_length=100, required=False, help_text=_("Bv. het nummer van de betaalopdracht.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()

    def clean_paid_on(self):
        day = self.cleaned_data["paid_on"]
        if day > timezone.localdate():
            raise ValidationError(_("Registreer een betaling pas als ze is uitgevoerd."))
        return day


class ReturnReportForm(forms.Form):
    message = forms.CharField(
        label=_("Wat moet de aanvrager aanvullen of aanpassen?"),
        widget=text_area(5),
        error_messages={"required": _("Schrijf waarom je het verslag terugstuurt.")},
    )


class ApproveReportForm(forms.Form):
    amount_recovered = EuroField(
        label=_("Terug te vorderen (euro)"),
        required=False,
        help_text=_("Laat leeg of 0 als er niets wordt teruggevorderd."),
    )

    def clean_amount_recovered(self):
        return self.cleaned_data.get("amount_recovered") or ZERO


class CloseForm(forms.Form):
    amount_recovered = EuroField(
        label=_("Terug te vorderen (euro)"),
        required=False,
        help_text=_("Laat leeg of 0 als er niets wordt teruggevorderd."),
    )

    def clean_amount_recovered(self):
        return self.cleaned_data.get("amount_recovered") or ZERO


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Interne notitie"),
        widget=text_area(3),
        help_text=_("Alleen medewerkers zien interne notities."),
        error_messages={"required": _("Schrijf de notitie.")},
    )


class StaffDocumentForm(DocumentForm):
    """A document the city adds to a file: a decision or another document, with a title. The
    upload is checked by content as on the applicant's side (`DocumentForm.clean_file`)."""

    stage = forms.ChoiceField(
        label=_("Soort document"),
        choices=[(stage.value, capfirst(stage.label)) for stage in (Document.Stage.DECISION, Document.Stage.OTHER)],
        initial=Document.Stage.OTHER,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies het soort document."),
            "invalid_choice": _("Kies het soort document."),
        },
    )

    field_order = ["title", "stage", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, required_documents=(), **kwargs)
        title = self.fields["title"]
        title.required = True
        title.help_text = _("De aanvragers zien deze titel bij de documenten van hun dossier.")
        title.error_messages["required"] = _("Geef het document een titel.")
        self.fields["file"].error_messages["required"] = _("Kies het bestand dat je wilt toevoegen.")


# Schemes.


class SchemeForm(forms.ModelForm):
    min_amount = EuroField(label=_("Minimumbedrag (euro)"))
    max_amount = EuroField(label=_("Maximumbedrag (euro)"))
    organisation_kinds = forms.MultipleChoiceField(
        label=_("Soorten organisaties"),
        choices=Organisation.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets aangevinkt: elke soort organisatie."),
    )

    class Meta:
        model = Scheme
        fields = [
            "name",
            "slug",
            "summary",
            "legal_basis",
            "exclusions",
            "department",
            "allows_resident_group",
            "allows_organisation",
            "organisation_kinds",
            "min_group_size",
            "min_distinct_addresses",
            "once_per_group_per_year",
            "min_amount",
            "max_amount",
            "advance_percentage",
            "opens_on",
            "closes_on",
            "intake_days",
            "assessment_days",
            "decision_days",
            "report_days",
            "sdgs",
            "is_active",
            "position",
        ]
        widgets = {
            "summary": text_area(3),
            "legal_basis": text_area(6),
            "exclusions": text_area(3),
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "sdgs": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not user.is_superuser:
            # Heads of department manage their own department's schemes.
            heads = DepartmentMembership.objects.current().filter(user=user, role=DepartmentMembership.Role.HEAD)
            self.fields["department"].queryset = Department.objects.filter(
                Q(pk__in=heads.values("department_id")) | Q(pk=self.instance.department_id or None)
            )
        self.fields["organisation_kinds"].initial = self.instance.organisation_kinds or []

    def clean(self):
        data = super().clean()
        low, high = data.get("min_amount"), data.get("max_amount")
        if low is not None and high is not None and low > high:
            self.add_error("max_amount", _("Het maximumbedrag is minstens het minimumbedrag."))
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("De indienperiode sluit na ze opent."))
        if not data.get("allows_resident_group") and not data.get("allows_organisation"):
            self.add_error(None, _("Sta inwonersgroepen, organisaties of beide toe."))
        return data


class _RowForm(forms.ModelForm):
    """A row of an inline formset: a new row whose key field is left blank is an empty row,
    whatever its other fields say (they carry defaults), and is not saved."""

    key_field = "name"

    def has_changed(self):
        if self.instance.pk is None and not str(self.data.get(self.add_prefix(self.key_field), "")).strip():
            return False
        return super().has_changed()


class SchemeBudgetForm(_RowForm):
    amount = EuroField(label=_("Budget (euro)"))
    key_field = "year"

    class Meta:
        model = SchemeBudget
        fields = ["year", "amount"]

    def __init__(self, *args, committed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs.update({"inputmode": "numeric"})
        self.committed = committed or {}

    def clean(self):
        data = super().clean()
        year, amount = data.get("year"), data.get("amount")
        committed = self.committed.get(year, ZERO) if year else ZERO
        if amount is not None and committed and amount < committed and not data.get("DELETE"):
            self.add_error(
                "amount",
                _("Voor %(year)s is al %(committed)s toegekend: het budget kan niet lager.")
                % {"year": year, "committed": euro(committed)},
            )
        if data.get("DELETE") and committed:
            raise ValidationError(_("Voor %(year)s is al budget toegekend: dit jaar kan niet weg.") % {"year": year})
        return data


class CriterionForm(_RowForm):
    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "position"]
        widgets = {"description": text_area(2)}


class RequiredDocumentForm(_RowForm):
    class Meta:
        model = RequiredDocument
        fields = ["name", "description", "stage", "position"]
        widgets = {"description": text_area(2)}


class _CommittedBudgetFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, committed=None, **kwargs):
        self.committed = committed or {}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "committed": self.committed}

    def clean(self):
        # Our message first: the model formset's own says "year" in English.
        years = [
            form.cleaned_data.get("year")
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("year")
        ]
        if len(years) != len(set(years)):
            raise ValidationError(_("Elk jaar heeft één budget."))
        super().clean()


SchemeBudgetFormSet = forms.inlineformset_factory(
    Scheme, SchemeBudget, form=SchemeBudgetForm, formset=_CommittedBudgetFormSet, extra=2, can_delete=True
)
CriterionFormSet = forms.inlineformset_factory(Scheme, Criterion, form=CriterionForm, extra=2, can_delete=True)
RequiredDocumentFormSet = forms.inlineformset_factory(
    Scheme, RequiredDocument, form=RequiredDocumentForm, extra=2, can_delete=True
)


class ReportForm(forms.Form):
    jaar = forms.TypedChoiceField(label=_("Begrotingsjaar"), coerce=int, choices=())

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [(y, str(y)) for y in years]

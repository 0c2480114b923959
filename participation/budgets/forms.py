from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from genk.core.forms import DATETIME_LOCAL_FORMAT, DateTimeLocalInput
from neighbourhoods.models import Neighbourhood
from participation.ownership import limit_departments

from .models import Cycle, Heading, Phase, Proposal, Theme, VoterRecord
from .phases import PHASE_ORDER
from .validators import validate_national_number


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = [
            "heading",
            "title",
            "summary",
            "description",
            "theme",
            "neighbourhood",
            "location",
            "estimated_cost",
            "image",
            "image_alt",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        headings = cycle.headings.all()
        self.fields["heading"].queryset = headings
        self.fields["heading"].empty_label = None
        if len(headings) == 1:
            self.fields["heading"].initial = headings[0].pk
            self.fields["heading"].widget = forms.HiddenInput()
        else:
            self.fields["heading"].label = _("Voor welk stadsdeel?")
        self.fields["theme"].queryset = cycle.themes.all()
        self.fields["theme"].empty_label = None
        self.fields["theme"].widget = forms.RadioSelect()
        self.fields["theme"].widget.choices = self.fields["theme"].choices
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.all()
        self.fields["neighbourhood"].empty_label = _("(heel het stadsdeel of de stad)")
        self.fields["estimated_cost"].help_text = _("Tussen %(min)s en %(max)s euro, alles inbegrepen.") % {
            "min": cycle.min_project_cost,
            "max": cycle.max_project_cost,
        }
        self.fields["estimated_cost"].min_value = cycle.min_project_cost
        self.fields["image"].help_text = _("JPG, PNG of WebP, hoogstens 5 MB. Niet verplicht.")
        self.fields["image_alt"].help_text = _("Wat staat er op de afbeelding? Voor wie ze niet kan zien.")

    def clean_estimated_cost(self):
        cost = self.cleaned_data["estimated_cost"]
        if cost is not None and not (self.cycle.min_project_cost <= cost <= self.cycle.max_project_cost):
            raise forms.ValidationError(
                _("Een project kost tussen %(min)s en %(max)s euro.")
                % {"min": self.cycle.min_project_cost, "max": self.cycle.max_project_cost}
            )
        return cost

    def clean(self):
        data = super().clean()
        if data.get("image") and not data.get("image_alt"):
            self.add_error("image_alt", _("Beschrijf kort wat er op de afbeelding staat."))
        return data


class FollowForm(forms.Form):
    remind_to_vote = forms.BooleanField(
        label=_("Stuur me een herinnering twee dagen voor de stemming sluit, als ik nog niet gestemd heb."),
        required=False,
    )


class ReviewForm(forms.Form):
    FEASIBLE = "feasible"
    NOT_FEASIBLE = "not_feasible"
    MERGE = "merge"
    decision = forms.ChoiceField(
        label=_("Beslissing"),
        widget=forms.RadioSelect,
        choices=[
            (FEASIBLE, _("haalbaar")),
            (NOT_FEASIBLE, _("niet haalbaar")),
            (MERGE, _("samenvoegen met een gelijkaardig voorstel")),
        ],
    )
    revised_cost = forms.DecimalField(
        label=_("Herziene kost (euro)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text=_("Bij 'haalbaar': laat leeg als de geschatte kost klopt."),
    )
    note = forms.CharField(
        label=_("Toelichting (publiek)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht bij 'niet haalbaar': de indiener en iedereen lezen waarom."),
    )
    merge_into = forms.ModelChoiceField(label=_("Samenvoegen met"), queryset=Proposal.objects.none(), required=False)

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merge_into"].queryset = (
            Proposal.objects.filter(heading=proposal.heading, status__in=("submitted", "feasible"))
            .exclude(pk=proposal.pk)
            .order_by("title")
        )

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == self.NOT_FEASIBLE and not data.get("note", "").strip():
            self.add_error("note", _("Geef een reden: die is publiek."))
        if decision == self.MERGE and not data.get("merge_into"):
            self.add_error("merge_into", _("Kies het voorstel waarmee je samenvoegt."))
        return data


class CycleForm(forms.ModelForm):
    RULE_FIELDS = (
        "voting_rule",
        "min_choices",
        "max_choices",
        "min_spend_percent",
        "tie_break_seed",
        "scope",
        "paper_ballots",
    )

    class Meta:
        model = Cycle
        fields = [
            "name",
            "slug",
            "summary",
            "description",
            "scope",
            "themes",
            "proposers",
            "proposal_min_age",
            "min_project_cost",
            "max_project_cost",
            "voting_min_age",
            "voting_residence",
            "require_verified_residence",
            "paper_ballots",
            "voting_rule",
            "min_choices",
            "max_choices",
            "min_spend_percent",
            "tie_break_seed",
            "department",
            "helper_departments",
            "is_example",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "helper_departments": forms.CheckboxSelectMultiple,
            "scope": forms.RadioSelect,
            "voting_rule": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, locked: bool = False, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.all()
        if user is not None:
            limit_departments(self, user)
        self.slug_frozen = self.instance.pk is not None and self.instance.voting_has_opened()
        if self.slug_frozen:
            self.fields["slug"].help_text = FROZEN_WHILE_VOTING
        if locked:
            for name in self.RULE_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Vast: er is al gestemd.")

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if self.slug_frozen and slug != self.initial.get("slug"):
            raise forms.ValidationError(
                _("De code in de link ligt vast sinds de stemming opende: de links naar de stembrieven blijven werken.")
            )
        return slug

    def clean(self):
        data = super().clean()
        rule = data.get("voting_rule")
        if rule in (Cycle.VotingRule.CHOOSE_N, Cycle.VotingRule.APPROVAL) and not data.get("max_choices"):
            self.add_error("max_choices", _("Geef het maximum aantal projecten voor deze stemregel."))
        if rule != Cycle.VotingRule.KNAPSACK and data.get("min_spend_percent"):
            self.add_error("min_spend_percent", _("Een minimaal te besteden deel geldt alleen bij de budgetregel."))
        low, high = data.get("min_project_cost"), data.get("max_project_cost")
        if low is not None and high is not None and high < low:
            self.add_error("max_project_cost", _("Het maximum is kleiner dan het minimum."))
        return data


class PhasesForm(forms.Form):
    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in PHASE_ORDER:
            phase = cycle.phase(kind)
            self.fields[kind] = forms.DateTimeField(
                label=_("Begin van de fase '%(phase)s'") % {"phase": Phase.Kind(kind).label},
                widget=DateTimeLocalInput(),
                input_formats=[DATETIME_LOCAL_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
                initial=phase.starts_at if phase else None,
            )


FROZEN_WHILE_VOTING = _("Vast sinds de stemming opende: kiezers rekenen op de stembrief en de links zoals ze zijn.")


class HeadingForm(forms.ModelForm):
    """A heading of `cycle`. One per district and per code; once voting opened, no new heading
    and no other district or code (issue 16)."""

    class Meta:
        model = Heading
        fields = ["district", "name", "slug", "amount", "eligible_count", "order"]

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = self.instance.cycle = cycle
        self.frozen = cycle.voting_has_opened()
        if self.frozen and self.instance.pk:
            for name in ("district", "slug"):
                self.fields[name].help_text = FROZEN_WHILE_VOTING

    def clean(self):
        data = super().clean()
        if self.frozen and self.instance.pk is None:
            raise forms.ValidationError(
                _("De stemming is begonnen: je kunt geen deelbudget meer toevoegen. %(why)s")
                % {"why": FROZEN_WHILE_VOTING}
            )
        others = self.cycle.headings.exclude(pk=self.instance.pk)
        district, slug = data.get("district"), data.get("slug")
        if district is not None and others.filter(district=district).exists():
            self.add_error("district", _("Dit stadsdeel heeft al een deelbudget in deze ronde."))
        if slug and others.filter(slug=slug).exists():
            self.add_error("slug", _("Een ander deelbudget van deze ronde heeft deze code al."))
        if self.frozen and self.instance.pk:
            for name in ("district", "slug"):
                if name in self.changed_data:
                    self.add_error(name, FROZEN_WHILE_VOTING)
        return data


class DistrictHeadingsForm(forms.Form):
    amount = forms.DecimalField(label=_("Budget per stadsdeel (euro)"), min_value=1, max_digits=12, decimal_places=2)


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "slug", "description"]


class PaperVoterForm(forms.Form):
    identity_checked = forms.BooleanField(
        label=_("Ik heb het identiteitsdocument van deze persoon gezien en gecontroleerd."), required=True
    )
    document = forms.ChoiceField(label=_("Gecontroleerd document"), choices=VoterRecord.Document.choices)
    national_number = forms.CharField(
        label=_("Rijksregisternummer"),
        max_length=20,
        help_text=_("We bewaren alleen een versleutelde vingerafdruk, om dubbel stemmen te voorkomen."),
    )
    label = forms.CharField(label=_("Initialen"), max_length=80)
    year_of_birth = forms.IntegerField(label=_("Geboortejaar"), min_value=1900, max_value=2100)
    neighbourhood = forms.ModelChoiceField(label=_("Wijk waar de persoon woont"), queryset=Neighbourhood.objects.all())
    account_email = forms.EmailField(
        label=_("E-mailadres van het account (als de persoon er een heeft)"),
        required=False,
        help_text=_(
            "Dan kan de persoon met dat account ook online stemmen; de persoon krijgt daarvan een bericht. "
            "Eén stem per persoon: online of op papier."
        ),
    )

    def clean_national_number(self):
        return validate_national_number(self.cleaned_data["national_number"])

    def clean_account_email(self):
        email = self.cleaned_data.get("account_email", "").strip().lower()
        if not email:
            return None
        user = get_user_model().objects.filter(email=email).first()
        if user is None:
            raise forms.ValidationError(_("Er is geen account met dit e-mailadres."))
        return user


class PaperBallotForm(forms.Form):
    proposals = forms.TypedMultipleChoiceField(
        label=_("Projecten op de stembrief"), widget=forms.CheckboxSelectMultiple, coerce=int, required=False
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].choices = [
            (p.pk, f"{p.reference} {p.title} (€ {p.cost:,.0f})".replace(",", ".")) for p in projects
        ]


class OverrideForm(forms.Form):
    selected = forms.TypedChoiceField(
        label=_("Uitkomst"),
        widget=forms.RadioSelect,
        coerce=lambda v: v == "1",
        choices=[("1", _("gekozen")), ("0", _("niet gekozen"))],
    )
    reason = forms.CharField(
        label=_("Reden (wordt publiek getoond)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class UpdateForm(forms.Form):
    progress = forms.IntegerField(label=_("Voortgang (%)"), min_value=0, max_value=100)
    text = forms.CharField(label=_("Wat is er gebeurd?"), widget=forms.Textarea(attrs={"rows": 5}))
    photo = forms.ImageField(label=_("Foto"), required=False, help_text=_("JPG, PNG of WebP, hoogstens 5 MB."))
    photo_alt = forms.CharField(label=_("Beschrijving van de foto"), max_length=200, required=False)

    def clean_photo(self):
        from .validators import IMAGE_EXTENSIONS_LIST, validate_image_size

        photo = self.cleaned_data.get("photo")
        if photo:
            validate_image_size(photo)
            if photo.name.rsplit(".", 1)[-1].lower() not in IMAGE_EXTENSIONS_LIST:
                raise forms.ValidationError(_("Gebruik een JPG-, PNG- of WebP-bestand."))
        return photo

    def clean(self):
        data = super().clean()
        if data.get("photo") and not data.get("photo_alt"):
            self.add_error("photo_alt", _("Beschrijf kort wat er op de foto staat."))
        return data

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core import forms as core_forms
from genk.core import images
from neighbourhoods.agenda.models import Activity
from neighbourhoods.models import Neighbourhood, Partner, Place, TeamMembership

from .models import Action, Follow, Priority, Signal
from .privacy import personal_data_problems


class PlanForm(forms.Form):
    introduction = forms.CharField(label=_("Inleiding"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["title", "description", "is_public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ActionForm(forms.ModelForm):
    """What, who (one of: a team member, a department, a partner), by when, activities."""

    class Meta:
        model = Action
        fields = [
            "priority",
            "title",
            "description",
            "owner_member",
            "owner_department",
            "owner_partner",
            "deadline",
            "progress_note",
            "is_public",
            "activities",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "progress_note": forms.Textarea(attrs={"rows": 3}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            # Hundreds of options at city scale (a wijk's activities, the partners): written in
            # Python, not a template per option.
            "owner_member": core_forms.Select,
            "owner_department": core_forms.Select,
            "owner_partner": core_forms.Select,
            "activities": core_forms.SelectMultiple,
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = plan.priorities.all()
        self.fields["priority"].empty_label = None
        self.fields["owner_member"].queryset = (
            TeamMembership.objects.current().filter(neighbourhood_id=plan.neighbourhood_id).select_related("user")
        )
        self.fields["owner_member"].label_from_instance = lambda m: f"{m.user.public_name} ({m.get_role_display()})"
        self.fields["owner_partner"].queryset = Partner.objects.order_by("name")
        self.fields["activities"].queryset = (
            Activity.objects.public()
            .filter(neighbourhood_id=plan.neighbourhood_id)
            .order_by("-starts_at")
            .only("pk", "title")  # the options show the title only (a wijk has hundreds)
        )
        self.fields["activities"].required = False
        self.fields["activities"].help_text = _("De activiteiten in de agenda die bij deze actie horen.")

    def clean(self):
        data = super().clean()
        owners = [data.get("owner_member"), data.get("owner_department"), data.get("owner_partner")]
        if sum(o is not None for o in owners) > 1:
            raise forms.ValidationError(
                _("Kies één verantwoordelijke: iemand van het wijkteam, een stadsdienst of een partner.")
            )
        return data


class TransitionForm(forms.Form):
    note = forms.CharField(
        label=_("Stand van zaken (mag leeg)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class LinkForm(forms.Form):
    ref = forms.ChoiceField(label=_("Koppel een initiatief of burgerbudgetproject"))

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ref"].choices = [(i.ref, f"{i.kind_label}: {i.title}") for i in items]


NO_PERSONAL_DATA = _(
    "Geen namen of individuele dossiers: een signaal gaat over wat er in de wijk leeft, nooit over één persoon."
)


class SignalForm(forms.ModelForm):
    class Meta:
        model = Signal
        fields = ["theme", "place", "observed_on", "description", "follow_up"]
        widgets = {
            "observed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, neighbourhood, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.filter(neighbourhood=neighbourhood).order_by("name")
        self.fields["place"].required = False
        self.fields["observed_on"].initial = timezone.localdate()
        self.fields["description"].help_text = NO_PERSONAL_DATA
        self.fields["follow_up"].help_text = _("Wat het wijkteam doet of heeft gedaan. Ook hier: geen namen.")

    def clean_observed_on(self):
        day = self.cleaned_data["observed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Die datum ligt in de toekomst."))
        return day

    def _no_personal_data(self, name):
        text = self.cleaned_data.get(name, "")
        problems = personal_data_problems(text)
        if problems:
            raise forms.ValidationError(problems)
        return text

    def clean_description(self):
        return self._no_personal_data("description")

    def clean_follow_up(self):
        return self._no_personal_data("follow_up")


class SignalTextForm(SignalForm):
    class Meta(SignalForm.Meta):
        fields = ["description", "follow_up"]

    def __init__(self, *args, neighbourhood, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)
        self.fields["description"].help_text = NO_PERSONAL_DATA


class FollowForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Hoe wil je het horen?"),
        choices=Follow.Frequency.choices,
        initial=Follow.Frequency.IMMEDIATELY,
        widget=forms.RadioSelect,
    )


class WijkPageForm(forms.ModelForm):
    class Meta:
        model = Neighbourhood
        fields = ["description", "contact_email", "contact_phone", "contact_note"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "contact_note": forms.Textarea(attrs={"rows": 3})}


class OverviewForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Periode"),
        coerce=int,
        choices=[(3, _("3 maanden")), (6, _("6 maanden")), (12, _("12 maanden")), (24, _("24 maanden"))],
        initial=12,
        required=False,
    )


class PhotoForm(forms.Form):
    """A photo of the wijk: checked from its header only (genk.core.images.check_image)."""

    image_alt = forms.CharField(
        label=_("Wat staat er op de foto?"), max_length=200, help_text=_("Voor wie de foto niet kan zien.")
    )
    caption = forms.CharField(label=_("Onderschrift"), max_length=200, required=False)

    def __init__(self, *args, uploader, **kwargs):
        from . import photos

        super().__init__(*args, **kwargs)
        self.uploader = uploader
        self.limits = photos.limits()
        self.fields["image"] = images.upload_field(self.limits)
        self.fields["image"].required = True
        self.fields["image"].label = _("Foto")
        self.order_fields(["image", "image_alt", "caption"])
        self.probe = None

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload:
            images.count_upload(self.uploader, "areawork.photo")
            self.probe = images.check_image(upload, self.limits)
        return upload

"""Forms: the writing steps, the committee, taking part, and the city's side."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MinLengthValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from neighbourhoods.models import Neighbourhood

from . import images
from .models import Comment, CommentReport, Initiative, Theme, Update

try:
    from worldcitizenship.forms import SDGMultipleChoiceField
except ImportError:  # the SDG helpers are optional for this app
    SDGMultipleChoiceField = None


class FieldsetCheckboxes(forms.CheckboxSelectMultiple):
    """A group of checkboxes in a fieldset, with the field's label as legend."""

    use_fieldset = True


class FieldsetRadios(forms.RadioSelect):
    use_fieldset = True


# The writing steps. Each edits a part of the draft; nothing typed is lost between steps.


class IdeaForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["kind", "title", "summary"]
        widgets = {"kind": FieldsetRadios, "summary": forms.Textarea(attrs={"rows": 3})}
        labels = {"kind": _("Wat wil je starten?")}
        help_texts = {
            "title": _("Kort en duidelijk, bv. ‘Repair Café in Winterslag’."),
            "summary": _("Eén of twee zinnen: wat wil je doen en voor wie? Dit staat in de lijst van initiatieven."),
            "kind": _(
                "Een burgerinitiatief voer je zelf uit, met hulp van de stad. Een burgervoorstel vraagt de "
                "gemeenteraad iets te doen: met de steun van 1 % van de inwoners van 16 jaar of ouder komt het op "
                "de agenda van de gemeenteraad en word je gehoord. Een burgervoorstel dien je in met minstens "
                "één mede-initiatiefnemer."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True
        self.fields["kind"].choices = Initiative.Kind.choices


class DescriptionForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 14})}
        help_texts = {
            "description": _(
                "Wat wil je doen, waarom, met wie, wanneer en waar? Gewone tekst; een lege regel begint een nieuwe "
                "alinea. Minstens 50 tekens."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].required = True
        self.fields["description"].validators.append(MinLengthValidator(50))


class PlaceForm(forms.ModelForm):
    SCOPE_NEIGHBOURHOOD = "wijk"
    SCOPE_CITY = "stad"

    scope = forms.ChoiceField(
        label=_("Waar speelt je initiatief zich af?"),
        choices=[(SCOPE_NEIGHBOURHOOD, _("in één wijk")), (SCOPE_CITY, _("in heel Genk"))],
        widget=FieldsetRadios,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.all(),
        required=False,
        widget=FieldsetCheckboxes,
        help_text=_("Kies er één of meer; zo vinden mensen je initiatief."),
    )

    class Meta:
        model = Initiative
        fields = ["neighbourhood", "themes", "sdgs"]
        help_texts = {"neighbourhood": _("Alleen als je hierboven ‘in één wijk’ kiest.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.order_by("name")
        self.fields["neighbourhood"].empty_label = _("— kies een wijk —")
        if SDGMultipleChoiceField is not None:
            self.fields["sdgs"] = SDGMultipleChoiceField()
        else:
            self.fields["sdgs"].widget = FieldsetCheckboxes()
            self.fields["sdgs"].required = False
        self.order_fields(["scope", "neighbourhood", "themes", "sdgs"])
        if self.instance.pk and not self.is_bound:
            if self.instance.city_wide:
                self.initial["scope"] = self.SCOPE_CITY
            elif self.instance.neighbourhood_id:
                self.initial["scope"] = self.SCOPE_NEIGHBOURHOOD

    def clean(self):
        data = super().clean()
        if data.get("scope") == self.SCOPE_NEIGHBOURHOOD and not data.get("neighbourhood"):
            self.add_error("neighbourhood", _("Kies de wijk, of duid aan dat het voor heel Genk is."))
        return data

    def save(self, commit=True):
        city_wide = self.cleaned_data["scope"] == self.SCOPE_CITY
        self.instance.city_wide = city_wide
        if city_wide:
            self.instance.neighbourhood = None
        return super().save(commit)


class ImageForm(forms.ModelForm):
    image = forms.FileField(
        label=_("Afbeelding"),
        required=False,
        widget=forms.FileInput(attrs={"accept": images.ACCEPT}),
        help_text=_(
            "Een foto of afbeelding in PNG, JPEG of WebP, hoogstens 5 MB en 4000 px aan de langste zijde. "
            "Niet verplicht."
        ),
    )
    remove_image = forms.BooleanField(label=_("Verwijder de huidige afbeelding"), required=False)

    class Meta:
        model = Initiative
        fields = ["image_alt"]
        help_texts = {
            "image_alt": _(
                "Wat staat er op de afbeelding? Voor wie ze niet kan zien, bv. ‘Buren herstellen samen een fiets "
                "in het buurthuis’."
            )
        }

    def __init__(self, *args, uploader=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.uploader = uploader  # the person uploading: counted by the rate limit
        self.probe = None
        if not (self.instance.image or self.instance.image_pending):
            del self.fields["remove_image"]
        self.order_fields(["image", "image_alt", "remove_image"])

    def clean_image(self):
        """Checked from the header only (images.check_image); the versions are made by a task."""
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        images.count_upload(self.uploader)
        self.probe = images.check_image(upload)
        return upload

    def clean(self):
        data = super().clean()
        removing = data.get("remove_image")
        has_image = bool(data.get("image")) or (bool(self.instance.image) and not removing)
        if has_image and not (data.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Beschrijf wat er op de afbeelding staat."))
        return data

    def save(self, commit=True):
        initiative = self.instance
        if self.cleaned_data.get("remove_image"):
            images.delete_versions(initiative.image.name)
            images.forget_pending(initiative.image_pending)
            initiative.image = None
            initiative.image_pending = ""
            initiative.image_alt = ""
        with transaction.atomic():
            if self.cleaned_data.get("image"):
                # The previous image stays on the page until the task replaces it.
                images.store_upload(initiative, self.cleaned_data["image"], self.probe)
            return super().save(commit)


HELP_CHOICES = [
    ("venue", _("een locatie")),
    ("materials", _("materiaal")),
    ("permits", _("vergunningen")),
    ("communication", _("communicatie")),
    ("subsidy", _("een subsidie")),
    ("cocreation", _("samen uitwerken met de stad")),
]


class HelpForm(forms.ModelForm):
    help = forms.MultipleChoiceField(
        label=_("Welke hulp vraag je aan de stad?"),
        choices=HELP_CHOICES,
        required=False,
        widget=FieldsetCheckboxes,
        help_text=_(
            "Faciliteren (een locatie, materiaal, vergunningen, communicatie), een subsidie, of samen uitwerken. "
            "Niets aanvinken mag ook."
        ),
    )

    class Meta:
        model = Initiative
        fields = ["help_details"]
        widgets = {"help_details": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "help_details": _("Wat heb je precies nodig, en wanneer? Bv. ‘30 stoelen en 5 tafels op 12 mei’.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["help", "help_details"])
        if not self.is_bound:
            self.initial["help"] = [key for key, field in Initiative.HELP_FIELDS if getattr(self.instance, field)]

    def save(self, commit=True):
        chosen = set(self.cleaned_data["help"])
        for key, field in Initiative.HELP_FIELDS:
            setattr(self.instance, field, key in chosen)
        return super().save(commit)


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van de mede-initiatiefnemer"),
        help_text=_("We sturen een link. Wie ze aanvaardt, kan het initiatief mee schrijven en beheren."),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.user is not None and email == self.user.email.lower():
            raise forms.ValidationError(_("Dat is je eigen e-mailadres."))
        return email


class RemoveInitiatorForm(forms.Form):
    """Confirming that a co-initiator leaves the committee (or is removed by the lead), with
    an optional message for the person who is told."""

    message = forms.CharField(required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, member=None, leaving=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["message"]
        if leaving:
            field.label = _("Bericht aan wie het initiatief startte (niet verplicht)")
            field.help_text = _("Die krijgt bericht dat je uit het team stapt, met dit bericht erbij.")
        else:
            name = member.public_name if member is not None else ""
            field.label = _("Bericht aan %(name)s (niet verplicht)") % {"name": name}
            field.help_text = _(
                "%(name)s krijgt bericht dat hij of zij niet meer in het team zit, met dit bericht erbij."
            ) % {"name": name}


class TransferLeadForm(forms.Form):
    """Confirming that the lead hands the initiative over to a co-initiator, with an optional
    message for the new lead."""

    message = forms.CharField(required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        name = member.public_name if member is not None else ""
        self.fields["message"].label = _("Bericht aan %(name)s (niet verplicht)") % {"name": name}
        self.fields["message"].help_text = _("%(name)s krijgt bericht dat het initiatief nu van hem of haar is.") % {
            "name": name
        }


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom trek je het in? (niet verplicht)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wie steunde of volgt, krijgt dit te lezen."),
    )


# Taking part.


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        labels = {"body": _("Je reactie")}
        help_texts = {"body": _("Blijf vriendelijk en bij het onderwerp. Hoogstens 2000 tekens.")}


class ReportForm(forms.ModelForm):
    class Meta:
        model = CommentReport
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}


class UpdateForm(forms.ModelForm):
    class Meta:
        model = Update
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}


# The city's side.


def civil_servants():
    from genk.accounts.models import DepartmentMembership

    return (
        get_user_model()
        .objects.filter(pk__in=DepartmentMembership.objects.current().values("user_id"), is_active=True)
        .order_by("display_name", "email")
    )


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.public_name} ({obj.email})"


class PublishForm(forms.Form):
    handler = HandlerChoiceField(
        label=_("Verantwoordelijke medewerker"),
        queryset=None,
        required=False,
        empty_label=_("ikzelf"),
        help_text=_("Wie het antwoord van de stad formuleert."),
    )
    message = forms.CharField(
        label=_("Bericht aan de initiatiefnemers (niet verplicht)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = civil_servants()


class RequestChangesForm(forms.Form):
    message = forms.CharField(
        label=_("Wat moeten de initiatiefnemers aanpassen?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("De initiatiefnemers krijgen dit bericht en zien het bij hun initiatief."),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom wordt het niet gepubliceerd?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("De initiatiefnemers krijgen deze reden."),
    )


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Het antwoord van de stad"), choices=Initiative.Outcome.choices, widget=FieldsetRadios
    )
    text = forms.CharField(
        label=_("Motivering"),
        min_length=30,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Publiek: leg uit waarom, en wat er nu gebeurt. Minstens 30 tekens."),
    )
    redirect_target = forms.ChoiceField(
        label=_("Doorverwezen naar"),
        choices=[("", _("— alleen bij doorverwijzen —")), *Initiative.RedirectTarget.choices],
        required=False,
    )
    redirect_detail = forms.CharField(
        label=_("Welk reglement, welke dienst of welke zitting?"),
        required=False,
        max_length=200,
        help_text=_("Bv. ‘Subsidie voor burgerinitiatieven’ of ‘dienst Mobiliteit’."),
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Initiative.Outcome.REDIRECTED:
            if not data.get("redirect_target"):
                self.add_error("redirect_target", _("Kies waarnaar je doorverwijst."))
            if not (data.get("redirect_detail") or "").strip():
                self.add_error("redirect_detail", _("Zeg naar welk reglement, welke dienst of welke zitting."))
        return data


class ProgressForm(forms.Form):
    text = forms.CharField(
        label=_("Bericht (niet verplicht)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verschijnt als nieuwsbericht van de stad bij het initiatief."),
    )


class AssignHandlerForm(forms.Form):
    handler = HandlerChoiceField(label=_("Verantwoordelijke medewerker"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = civil_servants()


class HideCommentForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom verberg je deze reactie?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De auteur krijgt deze reden te lezen."),
    )

from django import forms
from django.utils.translation import gettext_lazy as _

from genk.accounts.models import Organisation
from genk.core import images as shared_images
from genk.core.files import validate_document
from neighbourhoods.models import Neighbourhood

from . import images
from .models import Evidence, Point, Progress, SteeringMeeting, SteeringMember


class PointForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Namens"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Mezelf (bv. mijn winkel of café)"),
        help_text=_("Kies je organisatie als je haar vertegenwoordigt."),
    )

    class Meta:
        model = Point
        fields = [
            "name",
            "kind",
            "organisation",
            "address",
            "neighbourhood",
            "latitude",
            "longitude",
            "website",
            "offer",
        ]
        widgets = {
            "offer": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "latitude": _("Bijvoorbeeld 50.965 (de plek op de kaart; een kaartdienst toont ze bij je adres)."),
            "longitude": _("Bijvoorbeeld 5.500."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.without_geometry().order_by("name")
        if user is not None and user.is_authenticated:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=user.organisation_memberships.current().values("organisation")
            )
        if not self.fields["organisation"].queryset.exists():
            del self.fields["organisation"]
        for name in ("latitude", "longitude"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "step": "any"})


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Bericht aan de aanvrager"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )


class DeclineForm(forms.Form):
    message = forms.CharField(
        label=_("Waarom weiger je dit punt?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("De aanvrager krijgt dit bericht."),
    )


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Progress.Status.choices)
    notes = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class EvidenceForm(forms.ModelForm):
    """A link, a document (private file) or a photo (genk.core.images: checked here, versions
    made by the task). `self.probe` is the photo's format and size once valid."""

    class Meta:
        model = Evidence
        fields = ["kind", "title", "url", "file", "alt_text", "public"]
        labels = {"file": _("Document")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"] = shared_images.upload_field(images.limits())
        self.fields["photo"].label = _("Foto")
        self.probe = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            validate_document(upload)
        return upload

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if upload:
            self.probe = shared_images.check_image(upload, images.limits())
        return upload

    def clean(self):
        data = super().clean()
        if data.get("kind") == Evidence.Kind.PHOTO and not data.get("photo") and "photo" not in self.errors:
            self.add_error("photo", _("Kies een foto."))
        return data


class SteeringMemberForm(forms.ModelForm):
    class Meta:
        model = SteeringMember
        fields = ["name", "role", "represents", "since", "until"]
        widgets = {"since": forms.DateInput(attrs={"type": "date"}), "until": forms.DateInput(attrs={"type": "date"})}


class SteeringMeetingForm(forms.ModelForm):
    class Meta:
        model = SteeringMeeting
        fields = ["date", "place", "minutes"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}), "minutes": forms.Textarea(attrs={"rows": 6})}

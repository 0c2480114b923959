from django import forms
from django.utils.translation import gettext_lazy as _

from genk.accounts.models import Department, Organisation
from genk.core import images as shared_images
from neighbourhoods.models import Neighbourhood, Place, TeamMembership

from . import images
from .models import MAX_OCCURRENCES, SDG_NUMBERS, Activity, Language, Programme, Series, Theme
from .services import Scope

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def local_datetime_field(label, required=True, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=LocalDateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )


SDG_CHOICES = [(n, _("SDG %(number)s") % {"number": n}) for n in SDG_NUMBERS]


def organiser_choices(user) -> list[tuple[str, str]]:
    """What `user` may organise for: their departments (with MFA), wijk teams, organisations."""
    choices = []
    if user.is_superuser:
        departments = Department.objects.all()
    elif user.has_mfa:
        departments = Department.objects.filter(pk__in=user.department_ids())
    else:
        departments = Department.objects.none()
    choices += [(f"department:{d.pk}", _("Stad Genk – %(name)s") % {"name": d.name}) for d in departments]
    teams = Neighbourhood.objects.without_geometry().filter(
        pk__in=TeamMembership.objects.current().filter(user=user).values("neighbourhood")
    )
    choices += [(f"team:{n.pk}", _("Wijkteam %(name)s") % {"name": n.name}) for n in teams]
    organisations = Organisation.objects.filter(pk__in=user.organisation_memberships.current().values("organisation"))
    choices += [(f"organisation:{o.pk}", o.name) for o in organisations]
    return choices


class ActivityForm(forms.ModelForm):
    starts_at = local_datetime_field(_("Begint op"))
    ends_at = local_datetime_field(_("Eindigt op"))
    registration_deadline = local_datetime_field(
        _("Inschrijven kan tot"), required=False, help_text=_("Leeg: tot de activiteit begint.")
    )
    themes = forms.MultipleChoiceField(
        label=_("Thema's"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    sdgs = forms.TypedMultipleChoiceField(
        label=_("Duurzame ontwikkelingsdoelen"),
        choices=SDG_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Talen"), choices=Language.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "description",
            "organiser_label",
            "programme",
            "place",
            "address",
            "online_url",
            "neighbourhood",
            "starts_at",
            "ends_at",
            "themes",
            "sdgs",
            "age_min",
            "age_max",
            "languages",
            "price",
            "step_free",
            "accessible_toilet",
            "induction_loop",
            "sign_language",
            "registration_enabled",
            "capacity",
            "waiting_list_enabled",
            "registration_deadline",
            "image_alt",
        ]
        help_texts = {
            "image_alt": _(
                "Wat staat er op de afbeelding? Voor wie ze niet kan zien, bv. ‘Kinderen schilderen samen "
                "een muurtekening’. Verplicht bij een afbeelding."
            ),
            "organiser_label": _("Alleen voor een stadsdienst: de adviesraad of het programma dat organiseert."),
            "address": _("Als de activiteit niet in een plaats uit de lijst doorgaat."),
            "capacity": _("Het aantal personen, meegebrachte personen inbegrepen."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.probe = None
        self.fields["image"] = shared_images.upload_field(images.limits())
        if self.instance.image or self.instance.image_pending:
            self.fields["remove_image"] = forms.BooleanField(label=_("Verwijder de huidige afbeelding"), required=False)
        self.order_fields([*[n for n in self.fields if n not in ("image", "image_alt", "remove_image")]])
        if self.instance.pk is not None and self.instance.series_id:
            self.fields["scope"] = forms.ChoiceField(
                label=_("Wat wijzig je?"),
                choices=[
                    (Scope.ONE, _("alleen deze keer")),
                    (Scope.FOLLOWING, _("deze en de volgende keren")),
                    (Scope.ALL, _("de hele reeks")),
                ],
                initial=Scope.ONE,
                widget=forms.RadioSelect,
                help_text=_(
                    "Een nieuw uur geldt voor elke gekozen keer op dezelfde klok (19:00 blijft 19:00, ook na de "
                    "overgang naar zomer- of wintertijd). Wie ingeschreven is, krijgt bericht als het uur of de "
                    "plaats verandert. Geannuleerde en voorbije keren blijven zoals ze waren."
                ),
            )
            self.order_fields(["scope"])
        self.fields["place"].queryset = Place.objects.select_related("neighbourhood").order_by("name")
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.without_geometry().order_by("name")
        self.fields["programme"].choices = Programme.choices
        if self.instance.pk is None:
            self.fields["organiser"] = forms.ChoiceField(label=_("Organisator"), choices=organiser_choices(user))
            self.order_fields(["organiser"])
            self.fields["frequency"] = forms.ChoiceField(
                label=_("Herhaling"),
                choices=[("", _("eenmalig")), *Series.Frequency.choices],
                required=False,
            )
            self.fields["count"] = forms.IntegerField(
                label=_("Aantal keer"),
                min_value=1,
                initial=1,
                required=False,
                help_text=_("Voor een reeks: hoeveel keer, hoogstens %(max)s.") % {"max": MAX_OCCURRENCES},
            )

    @property
    def image_fields(self):
        """The image's fields, shown in their own group of the form."""
        return [self[name] for name in ("image", "image_alt", "remove_image") if name in self.fields]

    @property
    def other_fields(self):
        return [field for field in self if field.name not in ("image", "image_alt", "remove_image")]

    def clean_image(self):
        """Checked from the header only (genk.core.images); the versions are made by a task."""
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        shared_images.count_upload(self.user, images.RATE_ACTION)
        self.probe = shared_images.check_image(upload, images.limits())
        return upload

    @property
    def image(self):
        """(upload, probe) of an accepted new image, or None."""
        upload = self.cleaned_data.get("image")
        return (upload, self.probe) if upload and self.probe else None

    def clean_count(self):
        count = self.cleaned_data.get("count") or 1
        if count > MAX_OCCURRENCES:
            raise forms.ValidationError(
                _("Een reeks telt hoogstens %(max)s keer: maak een kortere reeks.") % {"max": MAX_OCCURRENCES}
            )
        return count

    def clean(self):
        data = super().clean()
        removing = data.get("remove_image")
        has_image = bool(data.get("image")) or (
            bool(self.instance.image or self.instance.image_pending) and not removing
        )
        shared_images.require_alt(self, has_image=has_image)
        if data.get("frequency") and (data.get("count") or 1) < 2:
            self.add_error("count", _("Een reeks telt minstens 2 keer."))
        if self.instance.pk is None and data.get("organiser"):
            kind, _sep, pk = data["organiser"].partition(":")
            inst = self.instance
            inst.department = inst.organisation = inst.team_neighbourhood = None
            if kind == "department":
                inst.department_id = int(pk)
                if data.get("organiser_label"):
                    inst.organiser_kind = (
                        Activity.OrganiserKind.PROGRAMME if data.get("programme") else Activity.OrganiserKind.COUNCIL
                    )
                else:
                    inst.organiser_kind = Activity.OrganiserKind.CITY
            elif kind == "team":
                inst.team_neighbourhood_id = int(pk)
                inst.organiser_kind = Activity.OrganiserKind.AREA_TEAM
            else:
                inst.organisation_id = int(pk)
                inst.organiser_kind = Activity.OrganiserKind.ORGANISATION
        return data

    def _post_clean(self):
        super()._post_clean()
        # Without a wijk, an activity at a place belongs to the place's wijk.
        if self.instance.place_id and not self.instance.neighbourhood_id:
            self.instance.neighbourhood_id = self.instance.place.neighbourhood_id


class RegistrationForm(forms.Form):
    companions = forms.IntegerField(
        label=_("Hoeveel personen komen met je mee?"), min_value=0, max_value=20, initial=0, required=False
    )

    def clean_companions(self):
        return self.cleaned_data.get("companions") or 0


class GuestRegistrationForm(RegistrationForm):
    name = forms.CharField(label=_("Je naam"), max_length=150)
    email = forms.EmailField(
        label=_("Je e-mailadres"), help_text=_("We sturen je een link: pas als je die opent, telt je inschrijving.")
    )

    field_order = ["name", "email", "companions"]


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom gaat de activiteit niet door?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wie ingeschreven is, krijgt dit bericht."),
    )


class SendBackForm(forms.Form):
    message = forms.CharField(label=_("Wat moet de organisator aanpassen?"), widget=forms.Textarea(attrs={"rows": 4}))


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Onderwerp"), max_length=150)
    body = forms.CharField(label=_("Bericht"), widget=forms.Textarea(attrs={"rows": 6}))

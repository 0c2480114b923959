from datetime import datetime, time
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from genk.accounts.models import Department, DepartmentMembership
from genk.core.files import document_help_text, validate_document
from genk.core.forms import DateInput, TimeInput
from neighbourhoods.models import Place

from .models import (
    Advice,
    AdviceRequest,
    AgendaItem,
    Attendance,
    Ballot,
    Council,
    CouncilMembership,
    Meeting,
    MembershipApplication,
    Vote,
)

User = get_user_model()
BRUSSELS = ZoneInfo(settings.TIME_ZONE)


def _aware(day, moment) -> datetime:
    return datetime.combine(day, moment).replace(tzinfo=BRUSSELS)


class CouncilSettingsForm(forms.ModelForm):
    class Meta:
        model = Council
        fields = [
            "name",
            "mission",
            "email",
            "department",
            "quorum_percentage",
            "answer_days",
            "rsvp_days",
            "remarks_days",
            "is_active",
        ]


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van het nieuwe lid"),
        help_text=_("De persoon heeft een account op Samen Genk met dit e-mailadres."),
    )
    role = forms.ChoiceField(
        label=_("Rol"), choices=CouncilMembership.Role.choices, initial=CouncilMembership.Role.MEMBER
    )
    start = forms.DateField(label=_("Begin van het mandaat"), widget=DateInput(), initial=timezone.localdate)
    end = forms.DateField(label=_("Einde van het mandaat"), required=False, widget=DateInput())
    represents = forms.CharField(
        label=_("Vertegenwoordigt"),
        required=False,
        max_length=200,
        help_text=_("Bv. een vereniging, school of doelgroep; leeg voor een lid op persoonlijke titel."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("Er is geen account met dit e-mailadres. Vraag de persoon er eerst een te maken.")
            )
        self.cleaned_data["user"] = user
        return email

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Het einde ligt voor het begin."))
        return data


class MembershipForm(forms.ModelForm):
    class Meta:
        model = CouncilMembership
        fields = ["role", "start", "end", "represents"]
        widgets = {"start": DateInput(), "end": DateInput()}

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Het einde ligt voor het begin."))
        return data


class EndMembershipForm(forms.Form):
    end = forms.DateField(label=_("Laatste dag van het mandaat"), widget=DateInput(), initial=timezone.localdate)


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = MembershipApplication
        fields = ["motivation", "represents"]


class ApplicationDecisionForm(forms.Form):
    DECISIONS = [("accept", _("Aanvaarden")), ("decline", _("Niet aanvaarden"))]
    decision = forms.ChoiceField(label=_("Beslissing"), choices=DECISIONS, widget=forms.RadioSelect)
    role = forms.ChoiceField(
        label=_("Rol als de kandidaat aanvaard wordt"),
        choices=CouncilMembership.Role.choices,
        initial=CouncilMembership.Role.MEMBER,
    )
    start = forms.DateField(label=_("Begin van het mandaat"), widget=DateInput(), initial=timezone.localdate)
    response = forms.CharField(
        label=_("Bericht aan de kandidaat"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MeetingForm(forms.ModelForm):
    """Date and times as separate fields: native pickers, no JavaScript, Brussels time."""

    day = forms.DateField(label=_("Datum"), widget=DateInput())
    start_time = forms.TimeField(label=_("Begin"), widget=TimeInput(), initial=time(19, 30))
    end_time = forms.TimeField(label=_("Einde"), widget=TimeInput(), initial=time(21, 30))
    rsvp_day = forms.DateField(
        label=_("Antwoorden tot en met"),
        required=False,
        widget=DateInput(),
        help_text=_("Leeg: het aantal dagen uit de instellingen van de raad."),
    )

    class Meta:
        model = Meeting
        fields = ["title", "place", "location", "online_url", "is_public", "description"]

    field_order = ["title", "day", "start_time", "end_time", "place", "location", "online_url", "is_public", "rsvp_day"]

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.fields["place"].queryset = Place.objects.order_by("name")
        if self.instance.pk:
            start = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("day", start.date())
            self.initial.setdefault("start_time", start.time().replace(second=0, microsecond=0))
            self.initial.setdefault("end_time", timezone.localtime(self.instance.ends_at).time().replace(second=0))
            if self.instance.rsvp_deadline:
                self.initial.setdefault("rsvp_day", timezone.localtime(self.instance.rsvp_deadline).date())

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            data["starts_at"] = _aware(day, start)
            data["ends_at"] = _aware(day, end)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end_time", _("Het einde ligt voor het begin."))
            rsvp_day = data.get("rsvp_day")
            data["rsvp_deadline"] = None
            if rsvp_day and rsvp_day > day:
                self.add_error("rsvp_day", _("De antwoordtermijn ligt na de vergadering."))
            elif rsvp_day:
                data["rsvp_deadline"] = min(_aware(rsvp_day, time(23, 59)), data["starts_at"])
            if not self.instance.pk and data["starts_at"] <= timezone.now():
                self.add_error("day", _("Plan een vergadering in de toekomst."))
        return data

    def meeting_data(self) -> dict:
        data = self.cleaned_data
        fields = ["title", "place", "location", "online_url", "is_public", "description", "starts_at", "ends_at"]
        values = {f: data[f] for f in fields}
        values["rsvp_deadline"] = data.get("rsvp_deadline")
        return values


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description", "purpose", "is_confidential"]
        widgets = {"purpose": forms.RadioSelect}


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Titel van het document"), max_length=250)
    file = forms.FileField(
        label=_("Bestand"),
        help_text=lazy(document_help_text, str)(),
    )
    is_confidential = forms.BooleanField(
        label=_("Vertrouwelijk (alleen voor leden)"),
        required=False,
        help_text=_("Een document bij een vertrouwelijk punt is altijd vertrouwelijk."),
    )

    def clean_file(self):
        return validate_document(self.cleaned_data["file"])


class AttendanceForm(forms.Form):
    """One radio group per invited member."""

    def __init__(self, *args, attendances=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.attendances = list(attendances)
        for attendance in self.attendances:
            label = attendance.user.public_name
            if not attendance.has_vote:
                label = f"{label} ({attendance.get_role_display()}, {_('niet stemgerechtigd')})"
            self.fields[f"presence_{attendance.pk}"] = forms.ChoiceField(
                label=label,
                choices=Attendance.Presence.choices,
                initial=attendance.presence,
                widget=forms.RadioSelect,
                help_text=_("Antwoord op de uitnodiging: %(rsvp)s") % {"rsvp": attendance.get_rsvp_display()},
            )

    def presences(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data[f"presence_{a.pk}"] for a in self.attendances}


class VoteForm(forms.Form):
    KINDS = [
        ("public", _("Openbare stemming: de stem van elk lid wordt genoteerd")),
        ("secret", _("Geheime stemming: alleen de aantallen")),
    ]
    motion = forms.CharField(label=_("Voorstel waarover gestemd wordt"), max_length=300)
    kind = forms.ChoiceField(label=_("Soort stemming"), choices=KINDS, widget=forms.RadioSelect, initial="public")
    votes_for = forms.IntegerField(label=_("Aantal stemmen voor"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Aantal stemmen tegen"), min_value=0, required=False)
    abstentions = forms.IntegerField(label=_("Aantal onthoudingen"), min_value=0, required=False)

    def __init__(self, *args, voters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.voters = list(voters)
        for attendance in self.voters:
            self.fields[f"ballot_{attendance.user_id}"] = forms.ChoiceField(
                label=attendance.user.public_name,
                choices=[("", _("geen stem"))] + list(Ballot.Choice.choices),
                required=False,
                widget=forms.RadioSelect,
            )

    def ballot_fields(self):
        return [self[f"ballot_{a.user_id}"] for a in self.voters]

    def count_fields(self):
        return [self["votes_for"], self["votes_against"], self["abstentions"]]

    def clean(self):
        data = super().clean()
        if data.get("kind") == "secret":
            for name in ("votes_for", "votes_against", "abstentions"):
                if data.get(name) is None:
                    data[name] = 0
        return data

    @property
    def is_secret(self) -> bool:
        return self.cleaned_data["kind"] == "secret"

    def counts(self):
        return (self.cleaned_data["votes_for"], self.cleaned_data["votes_against"], self.cleaned_data["abstentions"])

    def ballots(self) -> dict[int, str]:
        return {a.user_id: self.cleaned_data.get(f"ballot_{a.user_id}", "") for a in self.voters}


class MinutesForm(forms.Form):
    introduction = forms.CharField(
        label=_("Opening"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verwelkoming, goedkeuring van de agenda en van het vorige verslag."),
    )
    closing = forms.CharField(label=_("Varia en slot"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            confidential = f" ({_('vertrouwelijk')})" if item.is_confidential else ""
            self.fields[f"notes_{item.pk}"] = forms.CharField(
                label=_("Verslag bij punt %(position)s: %(title)s%(confidential)s")
                % {"position": item.position, "title": item.title, "confidential": confidential},
                required=False,
                initial=item.notes,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            if item.is_for_decision:
                self.fields[f"decision_{item.pk}"] = forms.CharField(
                    label=_("Besluit bij punt %(position)s") % {"position": item.position},
                    required=False,
                    initial=item.decision,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def item_texts(self) -> dict[int, dict]:
        texts = {}
        for item in self.items:
            texts[item.pk] = {"notes": self.cleaned_data.get(f"notes_{item.pk}", "")}
            if item.is_for_decision:
                texts[item.pk]["decision"] = self.cleaned_data.get(f"decision_{item.pk}", "")
        return texts


class RemarkForm(forms.Form):
    body = forms.CharField(
        label=_("Je opmerking op het ontwerpverslag"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class RemarkResponseForm(forms.Form):
    response = forms.CharField(label=_("Antwoord"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Kom je naar de vergadering?"),
        choices=[
            (Attendance.Rsvp.ATTENDING, _("Ja, ik kom")),
            (Attendance.Rsvp.EXCUSED, _("Nee, ik ben verontschuldigd")),
        ],
        widget=forms.RadioSelect,
    )


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van de annulering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De leden krijgen de annulering met deze reden; hun kalender haalt de vergadering weg."),
    )


class SendMinutesForm(forms.Form):
    deadline = forms.DateField(
        label=_("Opmerkingen tot en met"),
        required=False,
        widget=DateInput(),
        help_text=_("Leeg: het aantal dagen uit de instellingen van de raad."),
    )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline and deadline < timezone.localdate():
            raise forms.ValidationError(_("Die datum is al voorbij."))
        return deadline


class ApproveMinutesForm(forms.Form):
    approved_in = forms.ModelChoiceField(
        label=_("Goedgekeurd op de vergadering van"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("(zonder vergadering, bv. schriftelijk)"),
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_in"].queryset = (
            Meeting.objects.filter(
                council_id=meeting.council_id,
                starts_at__gt=meeting.starts_at,
                status__in=(*Meeting.HELD_STATES, Meeting.Status.INVITED),
            )
            .select_related("council")
            .order_by("starts_at")
        )
        self.fields["approved_in"].label_from_instance = lambda m: m.display_title


def civil_servants():
    return User.objects.filter(
        pk__in=DepartmentMembership.objects.current().values("user_id"), is_active=True
    ).order_by("display_name", "email")


class AdviceForm(forms.ModelForm):
    class Meta:
        model = Advice
        fields = ["title", "summary", "body", "agenda_item", "request", "department", "responsible"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "body": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "summary": _("Twee of drie zinnen voor de publieke lijst van adviezen."),
            "responsible": _("De medewerker die het antwoord van de stad registreert. Leeg: de dienst."),
        }

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = (
            AgendaItem.objects.filter(meeting__council=council)
            .select_related("meeting", "meeting__council")
            .order_by("-meeting__starts_at", "position")
        )
        self.fields["agenda_item"].label_from_instance = lambda i: (
            f"{i.meeting.display_title} – {i.position}. {i.title}"
        )
        requests = AdviceRequest.objects.filter(council=council)
        if not (self.instance.pk and self.instance.request_id):
            requests = requests.open()
        self.fields["request"].queryset = requests
        self.fields["department"].queryset = Department.objects.order_by("name")
        self.fields["responsible"].queryset = civil_servants()
        self.fields["responsible"].label_from_instance = lambda u: f"{u.public_name} ({u.email})"


class ApproveAdviceForm(forms.Form):
    vote = forms.ModelChoiceField(
        label=_("Stemming waarbij de raad het advies goedkeurde"),
        queryset=Vote.objects.none(),
        help_text=_("Alleen aangenomen stemmingen van deze raad."),
    )

    def __init__(self, *args, advice=None, **kwargs):
        super().__init__(*args, **kwargs)
        votes = (
            Vote.objects.filter(item__meeting__council_id=advice.council_id, result=Vote.Result.ADOPTED)
            .select_related("item__meeting__council")
            .order_by("-item__meeting__starts_at", "-pk")
        )
        self.fields["vote"].queryset = votes
        self.fields["vote"].label_from_instance = lambda v: (
            f"{v.item.meeting.display_title} – {v.item.title}: {v.motion} ({v.votes_for}/{v.votes_against}/{v.abstentions})"
        )
        if advice.agenda_item_id:
            first = votes.filter(item_id=advice.agenda_item_id).first()
            if first:
                self.initial.setdefault("vote", first.pk)


class AnswerAdviceForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Volgt de stad het advies?"), choices=Advice.Outcome.choices, widget=forms.RadioSelect
    )
    answer = forms.CharField(
        label=_("Antwoord en redenen"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Dit antwoord is publiek, naast het advies."),
    )


class AdviceRequestForm(forms.ModelForm):
    class Meta:
        model = AdviceRequest
        fields = ["title", "question", "deadline", "department"]
        widgets = {"deadline": DateInput()}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("name")
        if user is not None and "department" not in self.initial:
            membership = user.department_memberships.current().first()
            if membership:
                self.initial["department"] = membership.department_id

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("De termijn ligt in het verleden."))
        return deadline


class DeclineRequestForm(forms.Form):
    reason = forms.CharField(label=_("Waarom geeft de raad geen advies?"), widget=forms.Textarea(attrs={"rows": 3}))

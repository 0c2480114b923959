import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from genk.core.files import DOCUMENT_TYPES, MAX_DOCUMENT_SIZE  # noqa: F401 (re-exported)
from genk.core.models import TimeStampedModel

from ..storage import private_storage
from .council import Council, CouncilMembership


class MeetingQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def not_cancelled(self):
        return self.exclude(status=Meeting.Status.CANCELLED)

    def held(self):
        """Meetings that took place (from 'held' to 'published')."""
        return self.filter(status__in=Meeting.HELD_STATES)

    def with_minutes_published(self):
        return self.filter(status=Meeting.Status.PUBLISHED)

    def in_year(self, year: int):
        return self.filter(starts_at__year=year)

    def for_calendar(self):
        """What a calendar row shows: the council and place in the same query."""
        return self.select_related("council", "place")

    def for_member(self, user):
        return self.filter(attendances__user=user)


class Meeting(TimeStampedModel):
    """A meeting of a council. Its status also tracks the minutes; see workflow.py."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        INVITED = "invited", _("uitnodigingen verstuurd")
        HELD = "held", _("gehouden")
        MINUTES_DRAFT = "minutes_draft", _("verslag in opmaak")
        MINUTES_REMARKS = "minutes_remarks", _("verslag ter opmerkingen bij de leden")
        MINUTES_APPROVED = "minutes_approved", _("verslag goedgekeurd")
        PUBLISHED = "published", _("verslag gepubliceerd")
        CANCELLED = "cancelled", _("geannuleerd")

    HELD_STATES = (
        Status.HELD,
        Status.MINUTES_DRAFT,
        Status.MINUTES_REMARKS,
        Status.MINUTES_APPROVED,
        Status.PUBLISHED,
    )
    # Attendance and votes are recorded while the meeting runs and until the minutes leave the secretary.
    RECORDING_STATES = (Status.INVITED, Status.HELD, Status.MINUTES_DRAFT)

    council = models.ForeignKey(
        Council, verbose_name=_("adviesraad"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(
        _("titel"), max_length=200, blank=True, help_text=_("Leeg: 'Vergadering van' en de datum.")
    )
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    place = models.ForeignKey(
        "neighbourhoods.Place",
        verbose_name=_("plaats"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_meetings",
    )
    location = models.CharField(
        _("zaal of adres"),
        max_length=250,
        blank=True,
        help_text=_("Bv. 'Raadzaal, 2de verdieping' of een adres als de plaats niet in de lijst staat."),
    )
    online_url = models.URLField(_("link voor online deelname"), blank=True)
    is_public = models.BooleanField(
        _("openbare vergadering"),
        default=True,
        help_text=_("Een besloten vergadering staat in de kalender, maar alleen leden zien de agenda en het verslag."),
    )
    description = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True)
    sequence = models.PositiveIntegerField(
        _("versie van de uitnodiging"), default=0, help_text=_("SEQUENCE in iCalendar: stijgt bij elke wijziging.")
    )
    rsvp_deadline = models.DateTimeField(_("antwoorden tot"), null=True, blank=True)
    invitations_sent_at = models.DateTimeField(_("uitnodigingen verstuurd op"), null=True, blank=True)
    cancelled_reason = models.TextField(_("reden van annulering"), blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"),
            models.CheckConstraint(
                condition=Q(rsvp_deadline__isnull=True) | Q(rsvp_deadline__lte=models.F("starts_at")),
                name="meeting_rsvp_before_start",
            ),
        ]
        indexes = [
            models.Index(fields=["council", "starts_at"]),
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["is_public", "starts_at"]),
        ]

    def __str__(self):
        return f"{self.council} – {self.display_title}"

    def get_absolute_url(self):
        return reverse("councils:meeting", kwargs={"pk": self.pk})

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        return str(_("Vergadering van %(date)s")) % {"date": date_format(timezone.localtime(self.starts_at), "j F Y")}

    @property
    def uid(self) -> str:
        """The iCalendar UID: stable for the meeting's life, so updates and cancellations replace it."""
        return f"adviesraad-vergadering-{self.pk}@samen.genk.be"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def was_held(self) -> bool:
        return self.status in self.HELD_STATES

    @property
    def agenda_is_published(self) -> bool:
        """The agenda goes out with the invitations; until then it is the secretary's draft."""
        return self.status != self.Status.PLANNED

    @property
    def location_label(self) -> str:
        parts = []
        if self.place_id:
            parts.append(f"{self.place.name}, {self.place.address}")
        if self.location:
            parts.append(self.location)
        return " – ".join(parts)

    def rsvp_open(self, now=None) -> bool:
        now = now or timezone.now()
        deadline = self.rsvp_deadline or self.starts_at
        return self.status == self.Status.INVITED and now <= deadline

    def attendance_summary(self) -> "AttendanceSummary":
        """Counts and quorum in one query (or from prefetched attendances)."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "attendances" in cache:
            rows = cache["attendances"]
            voting = [a for a in rows if a.has_vote]
            return AttendanceSummary(
                council=self.council,
                voting=len(voting),
                voting_present=sum(1 for a in voting if a.presence == Attendance.Presence.PRESENT),
                present=sum(1 for a in rows if a.presence == Attendance.Presence.PRESENT),
                excused=sum(1 for a in rows if a.presence == Attendance.Presence.EXCUSED),
                absent=sum(1 for a in rows if a.presence == Attendance.Presence.ABSENT),
                recorded=any(a.presence != Attendance.Presence.UNKNOWN for a in rows),
            )
        present = Q(presence=Attendance.Presence.PRESENT)
        figures = self.attendances.aggregate(
            voting=Count("pk", filter=Q(has_vote=True)),
            voting_present=Count("pk", filter=present & Q(has_vote=True)),
            present=Count("pk", filter=present),
            excused=Count("pk", filter=Q(presence=Attendance.Presence.EXCUSED)),
            absent=Count("pk", filter=Q(presence=Attendance.Presence.ABSENT)),
            recorded=Count("pk", filter=~Q(presence=Attendance.Presence.UNKNOWN)),
        )
        figures["recorded"] = bool(figures["recorded"])
        return AttendanceSummary(council=self.council, **figures)


class AttendanceSummary:
    def __init__(self, *, council, voting, voting_present, present, excused, absent, recorded):
        self.voting = voting
        self.voting_present = voting_present
        self.present = present
        self.excused = excused
        self.absent = absent
        self.recorded = recorded
        self.required = council.quorum_required(voting)

    @property
    def quorum_reached(self) -> bool:
        return self.voting > 0 and self.voting_present >= self.required


class Attendance(TimeStampedModel):
    """One invited member of one meeting: the answer to the invitation and who was actually there."""

    class Rsvp(models.TextChoices):
        NONE = "none", _("nog geen antwoord")
        ATTENDING = "attending", _("ik kom")
        EXCUSED = "excused", _("ik ben verontschuldigd")

    class Presence(models.TextChoices):
        UNKNOWN = "unknown", _("niet geregistreerd")
        PRESENT = "present", _("aanwezig")
        EXCUSED = "excused", _("verontschuldigd")
        ABSENT = "absent", _("afwezig")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("vergadering"), on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid"),
        on_delete=models.CASCADE,
        related_name="council_attendances",
    )
    membership = models.ForeignKey(
        CouncilMembership,
        verbose_name=_("lidmaatschap"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendances",
    )
    role = models.CharField(_("rol"), max_length=20, choices=CouncilMembership.Role.choices)
    has_vote = models.BooleanField(_("stemgerechtigd"), default=True)
    rsvp = models.CharField(_("antwoord op de uitnodiging"), max_length=20, choices=Rsvp.choices, default=Rsvp.NONE)
    rsvp_at = models.DateTimeField(_("geantwoord op"), null=True, blank=True)
    presence = models.CharField(_("aanwezigheid"), max_length=20, choices=Presence.choices, default=Presence.UNKNOWN)

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")
        ordering = ["meeting", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="attendance_unique_member")]

    def __str__(self):
        return f"{self.user} – {self.meeting}"


class AgendaItem(TimeStampedModel):
    class Purpose(models.TextChoices):
        DECISION = "decision", _("ter beslissing")
        INFORMATION = "information", _("ter informatie")

    meeting = models.ForeignKey(Meeting, verbose_name=_("vergadering"), on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    title = models.CharField(_("titel"), max_length=250)
    description = models.TextField(_("toelichting"), blank=True)
    purpose = models.CharField(_("aard"), max_length=20, choices=Purpose.choices, default=Purpose.INFORMATION)
    is_confidential = models.BooleanField(
        _("vertrouwelijk"),
        default=False,
        help_text=_("Alleen leden van de raad zien een vertrouwelijk punt, zijn documenten en het verslag erbij."),
    )
    notes = models.TextField(_("verslag bij dit punt"), blank=True)
    decision = models.TextField(_("besluit"), blank=True)

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting", "position", "pk"]
        indexes = [models.Index(fields=["meeting", "position"])]

    def __str__(self):
        return f"{self.position}. {self.title}"

    @property
    def is_for_decision(self) -> bool:
        return self.purpose == self.Purpose.DECISION


ALLOWED_DOCUMENT_TYPES = DOCUMENT_TYPES


def document_path(instance, filename):
    # A random name: the stored path reveals nothing, and two uploads never collide.
    suffix = PurePath(filename).suffix.lower()
    return f"{instance.item.meeting.council_id}/{instance.item.meeting_id}/{uuid.uuid4().hex}{suffix}"


class AgendaDocument(TimeStampedModel):
    """A file attached to an agenda item, stored privately and served through a permission check."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agendapunt"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("titel"), max_length=250)
    file = models.FileField(_("bestand"), storage=private_storage, upload_to=document_path, max_length=300)
    original_name = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=250)
    content_type = models.CharField(_("soort bestand"), max_length=120)
    size = models.PositiveIntegerField(_("grootte (bytes)"), default=0)
    is_confidential = models.BooleanField(
        _("vertrouwelijk"),
        default=False,
        help_text=_("Een document bij een vertrouwelijk punt is altijd vertrouwelijk."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgeladen door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["item", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("councils:document", kwargs={"pk": self.pk})

    @property
    def confidential(self) -> bool:
        return self.is_confidential or self.item.is_confidential

    @property
    def extension(self) -> str:
        return PurePath(self.original_name).suffix.lstrip(".").upper()


class Vote(TimeStampedModel):
    """A vote on an agenda item. Public votes record each member's choice; secret votes only the totals.

    A proposal is adopted when more members vote for than against (abstentions don't count)."""

    class Result(models.TextChoices):
        ADOPTED = "adopted", _("aangenomen")
        REJECTED = "rejected", _("verworpen")

    item = models.ForeignKey(AgendaItem, verbose_name=_("agendapunt"), on_delete=models.CASCADE, related_name="votes")
    motion = models.CharField(_("voorstel"), max_length=300)
    is_secret = models.BooleanField(_("geheime stemming"), default=False)
    votes_for = models.PositiveSmallIntegerField(_("voor"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("tegen"), default=0)
    abstentions = models.PositiveSmallIntegerField(_("onthoudingen"), default=0)
    result = models.CharField(_("uitslag"), max_length=20, choices=Result.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("stemming")
        verbose_name_plural = _("stemmingen")
        ordering = ["item", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(result="adopted") & Q(votes_for__gt=models.F("votes_against")))
                | (Q(result="rejected") & Q(votes_for__lte=models.F("votes_against"))),
                name="vote_result_matches_counts",
            ),
        ]

    def __str__(self):
        return f"{self.motion} ({self.get_result_display()})"

    @staticmethod
    def result_for(votes_for: int, votes_against: int) -> str:
        return Vote.Result.ADOPTED if votes_for > votes_against else Vote.Result.REJECTED

    @property
    def total(self) -> int:
        return self.votes_for + self.votes_against + self.abstentions

    @property
    def adopted(self) -> bool:
        return self.result == self.Result.ADOPTED


class Ballot(models.Model):
    """One member's choice in a public vote."""

    class Choice(models.TextChoices):
        FOR = "for", _("voor")
        AGAINST = "against", _("tegen")
        ABSTAIN = "abstain", _("onthouding")

    vote = models.ForeignKey(Vote, verbose_name=_("stemming"), on_delete=models.CASCADE, related_name="ballots")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lid"), on_delete=models.CASCADE, related_name="council_ballots"
    )
    choice = models.CharField(_("stem"), max_length=10, choices=Choice.choices)

    class Meta:
        verbose_name = _("stem")
        verbose_name_plural = _("stemmen")
        ordering = ["vote", "pk"]
        constraints = [models.UniqueConstraint(fields=["vote", "user"], name="ballot_one_per_member")]

    def __str__(self):
        return f"{self.user}: {self.get_choice_display()}"


class Minutes(TimeStampedModel):
    """The minutes of a meeting. The text per agenda item lives on the item, so confidential
    items' minutes stay as hidden as the items themselves."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("vergadering"), on_delete=models.CASCADE, related_name="minutes"
    )
    introduction = models.TextField(_("opening"), blank=True)
    closing = models.TextField(_("varia en slot"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgesteld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_for_remarks_at = models.DateTimeField(_("verstuurd voor opmerkingen op"), null=True, blank=True)
    remarks_deadline = models.DateField(_("opmerkingen tot en met"), null=True, blank=True)
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    approved_in = models.ForeignKey(
        Meeting,
        verbose_name=_("goedgekeurd op de vergadering van"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_minutes",
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verslag")
        verbose_name_plural = _("verslagen")

    def __str__(self):
        return str(_("Verslag: %(meeting)s")) % {"meeting": self.meeting}


class MinutesRemark(TimeStampedModel):
    """A member's remark on draft minutes, and the secretary's answer."""

    minutes = models.ForeignKey(Minutes, verbose_name=_("verslag"), on_delete=models.CASCADE, related_name="remarks")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lid"), on_delete=models.CASCADE, related_name="council_remarks"
    )
    body = models.TextField(_("opmerking"))
    response = models.TextField(_("antwoord van het secretariaat"), blank=True)

    class Meta:
        verbose_name = _("opmerking op een verslag")
        verbose_name_plural = _("opmerkingen op verslagen")
        ordering = ["minutes", "created", "pk"]

    def __str__(self):
        return f"{self.author}: {self.body[:40]}"

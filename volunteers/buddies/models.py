"""Language buddies (taalmaatjes): residents learning Dutch (`Learner`) and volunteers
(`Buddy`) register for a Dutch-practice programme — a volunteer opportunity of the kind
`dutch_practice` —, the coordinator proposes a `Pair`, both accept, and the pair logs its
`Meeting`s as hours that the coordinator approves. Personal data is kept minimal."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel
from volunteers.models import Language, validate_languages

DAYS = [
    ("mon", _("maandag")),
    ("tue", _("dinsdag")),
    ("wed", _("woensdag")),
    ("thu", _("donderdag")),
    ("fri", _("vrijdag")),
    ("sat", _("zaterdag")),
    ("sun", _("zondag")),
]
PARTS = [("am", _("voormiddag")), ("pm", _("namiddag")), ("ev", _("avond"))]
SLOTS = [(f"{d}_{p}", f"{dl} {pl}") for d, dl in DAYS for p, pl in PARTS]
SLOT_CODES = {code for code, _label in SLOTS}


def slot_label(code: str) -> str:
    day, part = code.split("_")
    return f"{dict(DAYS)[day]} {dict(PARTS)[part]}"


def validate_slots(value):
    if not isinstance(value, list) or any(v not in SLOT_CODES for v in value):
        raise ValidationError(_("Kies enkel uit de lijst."))


class Level(models.TextChoices):
    """Common European Framework of Reference for languages, the levels a learner starts from."""

    A0 = "A0", _("A0 – ik begin")
    A1 = "A1", _("A1 – beginner")
    A2 = "A2", _("A2 – basis")
    B1 = "B1", _("B1 – ik red me al")
    B2 = "B2", _("B2 – gevorderd")


class ContactPreference(models.TextChoices):
    EMAIL = "email", _("e-mail via het portaal")
    PHONE = "phone", _("telefoon (de coördinator geeft je nummer door)")
    COORDINATOR = "coordinator", _("via de coördinator")


class Participant(TimeStampedModel):
    """What learners and buddies have in common: the programme, the person, when and where."""

    opportunity = models.ForeignKey(
        "volunteers.Opportunity",
        verbose_name=_("programma"),
        on_delete=models.CASCADE,
        limit_choices_to={"kind": "dutch_practice"},
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("persoon"), on_delete=models.CASCADE)
    availability = models.JSONField(_("beschikbaarheid"), default=list, validators=[validate_slots])
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood", verbose_name=_("wijk"), null=True, blank=True, on_delete=models.SET_NULL
    )
    interests = models.CharField(_("interesses"), max_length=300, blank=True)
    languages = models.JSONField(_("talen die je spreekt"), default=list, validators=[validate_languages])
    contact_preference = models.CharField(
        _("contact"), max_length=20, choices=ContactPreference.choices, default=ContactPreference.EMAIL
    )
    withdrawn_at = models.DateTimeField(_("uitgeschreven op"), null=True, blank=True)

    class Meta:
        abstract = True

    def availability_labels(self) -> list[str]:
        return [slot_label(c) for c in self.availability if c in SLOT_CODES]

    def language_labels(self) -> list[str]:
        return [Language(c).label for c in self.languages if c in Language.values]


class Learner(Participant):
    """A resident learning Dutch, registered for one programme."""

    level = models.CharField(_("niveau Nederlands"), max_length=2, choices=Level.choices)

    class Meta:
        verbose_name = _("leerder")
        verbose_name_plural = _("leerders")
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "user"], name="buddies_one_learner_per_programme")
        ]

    def __str__(self):
        return f"{self.user.public_name} ({self.level})"


class Buddy(Participant):
    """A volunteer who wants to practise Dutch with a learner."""

    class Meta:
        verbose_name = _("taalmaatje")
        verbose_name_plural = _("taalmaatjes")
        constraints = [models.UniqueConstraint(fields=["opportunity", "user"], name="buddies_one_buddy_per_programme")]

    def __str__(self):
        return self.user.public_name


class PairQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Pair.OPEN_STATES)

    def for_user(self, user):
        return self.filter(Q(learner__user=user) | Q(buddy__user=user))


class Pair(TimeStampedModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("voorgesteld")
        LEARNER_ACCEPTED = "learner_accepted", _("aanvaard door de leerder")
        BUDDY_ACCEPTED = "buddy_accepted", _("aanvaard door het taalmaatje")
        ACTIVE = "active", _("actief")
        DECLINED = "declined", _("geweigerd")
        ENDED = "ended", _("beëindigd")

    OPEN_STATES = (Status.PROPOSED, Status.LEARNER_ACCEPTED, Status.BUDDY_ACCEPTED, Status.ACTIVE)
    PROPOSED_STATES = (Status.PROPOSED, Status.LEARNER_ACCEPTED, Status.BUDDY_ACCEPTED)

    opportunity = models.ForeignKey(
        "volunteers.Opportunity", verbose_name=_("programma"), on_delete=models.CASCADE, related_name="buddy_pairs"
    )
    learner = models.ForeignKey(Learner, verbose_name=_("leerder"), on_delete=models.CASCADE, related_name="pairs")
    buddy = models.ForeignKey(Buddy, verbose_name=_("taalmaatje"), on_delete=models.CASCADE, related_name="pairs")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    proposal_note = models.CharField(_("waarom dit koppel"), max_length=500, blank=True)
    learner_accepted_at = models.DateTimeField(null=True, blank=True)
    buddy_accepted_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decline_reason = models.CharField(_("reden"), max_length=500, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(_("reden"), max_length=500, blank=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        verbose_name = _("koppel")
        verbose_name_plural = _("koppels")
        constraints = [
            # One open pair per learner and per buddy: under concurrent proposals the database decides.
            models.UniqueConstraint(
                fields=["learner"],
                condition=Q(status__in=["proposed", "learner_accepted", "buddy_accepted", "active"]),
                name="buddies_one_open_pair_per_learner",
            ),
            models.UniqueConstraint(
                fields=["buddy"],
                condition=Q(status__in=["proposed", "learner_accepted", "buddy_accepted", "active"]),
                name="buddies_one_open_pair_per_buddy",
            ),
        ]

    def __str__(self):
        return f"{self.learner.user.public_name} – {self.buddy.user.public_name}"

    def get_absolute_url(self):
        return reverse("buddies:pair", args=[self.pk])

    @property
    def is_proposed(self) -> bool:
        return self.status in self.PROPOSED_STATES

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATES


class Meeting(TimeStampedModel):
    """One meeting of a pair, logged as volunteer hours. The note says what was practised,
    never personal details."""

    class Status(models.TextChoices):
        LOGGED = "logged", _("te keuren")
        APPROVED = "approved", _("goedgekeurd")
        REJECTED = "rejected", _("afgekeurd")

    pair = models.ForeignKey(Pair, verbose_name=_("koppel"), on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("datum"))
    minutes = models.PositiveSmallIntegerField(_("duur (minuten)"))
    note = models.CharField(
        _("wat hebben jullie geoefend?"),
        max_length=300,
        blank=True,
        help_text=_("Kort, zonder persoonlijke gegevens: bv. ‘boodschappen doen, de bus nemen’."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.LOGGED)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ontmoeting")
        verbose_name_plural = _("ontmoetingen")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gt=0) & Q(minutes__lte=480), name="buddies_meeting_minutes_0_480"
            ),
        ]

    def __str__(self):
        return f"{self.date} ({self.minutes} min)"

    @property
    def hours(self):
        return round(self.minutes / 60, 2)

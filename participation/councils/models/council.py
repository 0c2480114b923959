import math

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel


class CouncilQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Council(TimeStampedModel):
    """An advisory council (adviesraad): members, meetings, and the advice it gives the city."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    mission = models.TextField(_("opdracht"), blank=True)
    is_example = models.BooleanField(_("voorbeeld"), default=False)
    email = models.EmailField(_("e-mailadres van het secretariaat"), blank=True)
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("ondersteunende dienst"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="councils",
        help_text=_(
            "De dienst van de stad die de raad ondersteunt en adviezen beantwoordt als niemand anders is aangeduid."
        ),
    )
    quorum_percentage = models.PositiveSmallIntegerField(
        _("quorum (procent van de stemgerechtigde leden)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("De raad kan geldig stemmen als minstens dit deel van de stemgerechtigde leden aanwezig is."),
    )
    answer_days = models.PositiveSmallIntegerField(
        _("antwoordtermijn van de stad (dagen)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    rsvp_days = models.PositiveSmallIntegerField(
        _("antwoorden op een uitnodiging tot (dagen voor de vergadering)"),
        default=2,
        validators=[MaxValueValidator(60)],
    )
    remarks_days = models.PositiveSmallIntegerField(
        _("termijn voor opmerkingen op het verslag (dagen)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    is_active = models.BooleanField(_("actief"), default=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("adviesraad")
        verbose_name_plural = _("adviesraden")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_percentage__gte=1, quorum_percentage__lte=100), name="council_quorum_percentage"
            ),
            models.CheckConstraint(condition=Q(answer_days__gte=1), name="council_answer_days_positive"),
            models.CheckConstraint(condition=Q(remarks_days__gte=1), name="council_remarks_days_positive"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("councils:detail", kwargs={"slug": self.slug})

    def quorum_required(self, voting_members: int) -> int:
        """How many voting members must be present: the quorum share, rounded up (at least one)."""
        if voting_members <= 0:
            return 1
        return max(1, math.ceil(voting_members * self.quorum_percentage / 100))


class CouncilMembershipQuerySet(models.QuerySet):
    def current(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(start__isnull=True) | Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))

    def past(self, day=None):
        day = day or timezone.localdate()
        return self.filter(end__lt=day)

    def voting(self):
        return self.filter(role__in=CouncilMembership.VOTING_ROLES)

    def managing(self):
        return self.filter(role__in=CouncilMembership.MANAGING_ROLES)

    def by_rank(self):
        """Chair first, then vice-chair, secretary, members, experts, observers; by name within a role."""
        whens = [When(role=role, then=Value(rank)) for rank, role in enumerate(CouncilMembership.ROLE_ORDER)]
        return self.annotate(role_rank=Case(*whens, default=Value(99), output_field=IntegerField())).order_by(
            "role_rank", "user__display_name", "pk"
        )


class CouncilMembership(TimeStampedModel):
    """A person's seat in a council for a term. Ended terms stay: they are the council's history."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("voorzitter")
        VICE_CHAIR = "vice_chair", _("ondervoorzitter")
        SECRETARY = "secretary", _("secretaris")
        MEMBER = "member", _("lid")
        EXPERT = "expert", _("deskundige")
        OBSERVER = "observer", _("waarnemer")

    # Who votes: the secretary (a civil servant), experts and observers advise but do not vote.
    VOTING_ROLES = (Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER)
    # Who runs the council's business on the portal.
    MANAGING_ROLES = (Role.CHAIR, Role.SECRETARY)
    ROLE_ORDER = (Role.CHAIR, Role.VICE_CHAIR, Role.SECRETARY, Role.MEMBER, Role.EXPERT, Role.OBSERVER)

    council = models.ForeignKey(
        Council, verbose_name=_("adviesraad"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="council_memberships",
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    start = models.DateField(_("begin van het mandaat"), null=True, blank=True)
    end = models.DateField(_("einde van het mandaat"), null=True, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("namens organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_memberships",
    )
    represents = models.CharField(
        _("vertegenwoordigt"),
        max_length=200,
        blank=True,
        help_text=_("Bv. een vereniging, school of doelgroep; leeg voor een lid op persoonlijke titel."),
    )

    objects = CouncilMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap van een adviesraad")
        verbose_name_plural = _("lidmaatschappen van adviesraden")
        ordering = ["council", "role"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="council_membership_dates",
            ),
        ]
        indexes = [models.Index(fields=["council", "end"]), models.Index(fields=["user", "end"])]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} {self.council}"

    @property
    def has_vote(self) -> bool:
        return self.role in self.VOTING_ROLES

    def is_current(self, day=None) -> bool:
        day = day or timezone.localdate()
        return (self.start is None or self.start <= day) and (self.end is None or self.end >= day)

    @property
    def represents_label(self) -> str:
        return self.represents or (self.organisation.name if self.organisation_id else "")


class MembershipApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=MembershipApplication.Status.SUBMITTED)


class MembershipApplication(TimeStampedModel):
    """A resident asks to join a council; the secretary or chair accepts or declines."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("ingediend")
        ACCEPTED = "accepted", _("aanvaard")
        DECLINED = "declined", _("niet aanvaard")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    council = models.ForeignKey(
        Council, verbose_name=_("adviesraad"), on_delete=models.CASCADE, related_name="applications"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kandidaat"),
        on_delete=models.CASCADE,
        related_name="council_applications",
    )
    motivation = models.TextField(_("waarom wil je lid worden?"))
    represents = models.CharField(
        _("namens welke vereniging of groep?"),
        max_length=200,
        blank=True,
        help_text=_("Laat leeg als je op persoonlijke titel lid wilt worden."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("behandeld op"), null=True, blank=True)
    response = models.TextField(_("antwoord aan de kandidaat"), blank=True)
    membership = models.OneToOneField(
        CouncilMembership,
        verbose_name=_("lidmaatschap"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )

    objects = MembershipApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kandidatuur voor een adviesraad")
        verbose_name_plural = _("kandidaturen voor adviesraden")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user"], condition=Q(status="submitted"), name="council_application_one_open"
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.council}"

"""Ballots (online and on paper), their choices, and the verified identities of paper voters."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel

from .. import counting
from ..querysets import BallotQuerySet
from .base import MONEY
from .cycle import Cycle, Heading
from .proposal import Proposal


class VoterRecord(TimeStampedModel):
    """One person in a cycle that accepts paper ballots, identified by their national register
    number (rijksregisternummer): by staff at a service centre who check an identity document,
    or by the eID/itsme login (OpenID Connect claim). We keep only a keyed hash of the number.

    In such a cycle every ballot, online or on paper, belongs to a record, and the database
    allows one ballot per record and heading: the same person cannot vote on paper and online.
    An account is linked to at most one record per cycle (and a record to one account).
    """

    class Document(models.TextChoices):
        EID = "eid", _("Belgische identiteitskaart")
        RESIDENCE_CARD = "residence_card", _("verblijfskaart")
        KIDS_ID = "kids_id", _("Kids-ID")
        OTHER = "other", _("ander document")
        ONLINE = "online", _("eID of itsme (online aangemeld)")

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("budgetronde"), on_delete=models.CASCADE, related_name="voter_records"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_voter_records",
    )
    identity_hash = models.CharField(_("identiteit (versleuteld)"), max_length=64)
    label = models.CharField(
        _("naam (initialen)"), max_length=80, help_text=_("Bv. 'M. P.': om het papier terug te vinden.")
    )
    year_of_birth = models.PositiveSmallIntegerField(_("geboortejaar"))
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood", verbose_name=_("wijk"), on_delete=models.PROTECT, related_name="+"
    )
    document = models.CharField(_("gecontroleerd document"), max_length=20, choices=Document.choices)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gecontroleerd door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leeg: bevestigd met eID of itsme."),
    )
    verified_at = models.DateTimeField(_("gecontroleerd op"), default=timezone.now)

    class Meta:
        verbose_name = _("kiezer op papier")
        verbose_name_plural = _("kiezers op papier")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "identity_hash"], name="budgets_voter_record_unique_identity"),
            models.UniqueConstraint(
                fields=["cycle", "user"], condition=Q(user__isnull=False), name="budgets_voter_record_unique_user"
            ),
            models.CheckConstraint(
                condition=Q(verified_by__isnull=False) | Q(document="online"),
                name="budgets_voter_record_verified",
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.year_of_birth})"


class Ballot(TimeStampedModel):
    """The confirmed choice of one voter for one heading. Changing it replaces the choices;
    the last confirmed version counts."""

    class Channel(models.TextChoices):
        ONLINE = counting.ONLINE, _("online")
        PAPER = counting.PAPER, _("op papier")

    heading = models.ForeignKey(Heading, verbose_name=_("deelbudget"), on_delete=models.PROTECT, related_name="ballots")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kiezer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_ballots",
    )
    voter_record = models.ForeignKey(
        VoterRecord,
        verbose_name=_("kiezer op papier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ballots",
    )
    channel = models.CharField(_("kanaal"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk van de kiezer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    total_cost = models.DecimalField(_("totale kost"), **MONEY)
    choice_count = models.PositiveSmallIntegerField(_("aantal projecten"))
    max_total = models.DecimalField(_("budget bij het stemmen"), null=True, blank=True, **MONEY)
    max_choices = models.PositiveSmallIntegerField(_("maximum aantal projecten"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"))
    revision = models.PositiveIntegerField(_("versie"), default=1)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevoerd door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposals = models.ManyToManyField(Proposal, through="BallotChoice", related_name="ballots")

    objects = BallotQuerySet.as_manager()

    class Meta:
        verbose_name = _("stembrief")
        verbose_name_plural = _("stembrieven")
        constraints = [
            # One ballot per voter per heading, whatever the channel. In a cycle with paper
            # ballots every ballot carries the person's VoterRecord, online ones too, so the
            # second constraint makes "on paper and online" impossible.
            models.UniqueConstraint(
                fields=["heading", "voter"], condition=Q(voter__isnull=False), name="budgets_ballot_one_per_voter"
            ),
            models.UniqueConstraint(
                fields=["heading", "voter_record"],
                condition=Q(voter_record__isnull=False),
                name="budgets_ballot_one_per_voter_record",
            ),
            models.CheckConstraint(
                condition=Q(channel=counting.ONLINE, voter__isnull=False, entered_by__isnull=True)
                | Q(channel=counting.PAPER, voter_record__isnull=False, entered_by__isnull=False),
                name="budgets_ballot_channel_identity",
            ),
            # The ballot's total never exceeds the amount it was cast against.
            models.CheckConstraint(
                condition=Q(max_total__isnull=True) | Q(total_cost__lte=F("max_total")),
                name="budgets_ballot_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(max_choices__isnull=True) | Q(choice_count__lte=F("max_choices")),
                name="budgets_ballot_within_choices",
            ),
            models.CheckConstraint(condition=Q(total_cost__gte=0), name="budgets_ballot_total_positive"),
        ]
        # The dashboards' "ballots confirmed today" (budgets.ballots) reads a day's range: without
        # it a scan of every ballot (at city scale, 100,000 ballots: 45 ms without, 3.5 ms with).
        indexes = [
            models.Index(fields=["heading", "channel"]),
            models.Index(fields=["confirmed_at"], name="budgets_ballot_confirmed_at"),
        ]

    def __str__(self):
        return f"{self.heading} – {self.get_channel_display()} #{self.pk}"


class BallotChoice(models.Model):
    ballot = models.ForeignKey(Ballot, verbose_name=_("stembrief"), on_delete=models.CASCADE, related_name="choices")
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("project"), on_delete=models.PROTECT, related_name="ballot_choices"
    )

    class Meta:
        verbose_name = _("keuze op een stembrief")
        verbose_name_plural = _("keuzes op stembrieven")
        constraints = [models.UniqueConstraint(fields=["ballot", "proposal"], name="budgets_choice_unique")]
        indexes = [models.Index(fields=["proposal", "ballot"])]

    def __str__(self):
        return f"{self.ballot_id} → {self.proposal_id}"

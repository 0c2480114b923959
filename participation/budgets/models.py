"""District and citizen budgets: a cycle with headings (one amount each), phases, proposals,
ballots, results and implementation updates. See README.md for the phase table and states."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel

from . import counting
from .phases import ANNOUNCED, PHASE_ORDER, PhaseSpec, spec_for
from .querysets import BallotQuerySet, CycleQuerySet, ProposalQuerySet
from .validators import validate_image_size

MONEY = {"max_digits": 12, "decimal_places": 2}
IMAGE_EXTENSIONS = FileExtensionValidator(["jpg", "jpeg", "png", "webp"])


class Theme(TimeStampedModel):
    """A theme projects are filed under (e.g. sustainability and climate)."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("code"), max_length=120, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Cycle(TimeStampedModel):
    """One round of a budget: city-wide (burgerbudget) or per district (stadsdeelbudget)."""

    class Scope(models.TextChoices):
        CITY = "city", _("heel Genk (één budget)")
        DISTRICT = "district", _("per stadsdeel (een budget per stadsdeel)")

    class Proposers(models.TextChoices):
        RESIDENTS = "residents", _("inwoners van Genk")
        DISTRICT_RESIDENTS = "district_residents", _("inwoners van het stadsdeel")
        ACCOUNTS = "accounts", _("iedereen met een account (ook verenigingen)")

    class Residence(models.TextChoices):
        CITY = "city", _("inwoner van Genk")
        DISTRICT = "district", _("inwoner van het stadsdeel")

    class VotingRule(models.TextChoices):
        KNAPSACK = counting.KNAPSACK, _("kies projecten binnen het budget")
        CHOOSE_N = counting.CHOOSE_N, _("kies tot een aantal projecten")
        APPROVAL = counting.APPROVAL, _("steun projecten, met een maximum")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("code in de link"), max_length=200, unique=True)
    summary = models.CharField(_("korte omschrijving"), max_length=300)
    description = models.TextField(_("uitleg"), blank=True)
    scope = models.CharField(_("bereik"), max_length=20, choices=Scope.choices, default=Scope.CITY)
    themes = models.ManyToManyField(Theme, verbose_name=_("thema's"), related_name="cycles", blank=True)
    proposers = models.CharField(
        _("wie mag voorstellen indienen"), max_length=30, choices=Proposers.choices, default=Proposers.RESIDENTS
    )
    proposal_min_age = models.PositiveSmallIntegerField(_("minimumleeftijd om voor te stellen"), default=14)
    min_project_cost = models.DecimalField(_("minimale kost van een project (euro)"), default=Decimal(0), **MONEY)
    max_project_cost = models.DecimalField(_("maximale kost van een project (euro)"), **MONEY)
    voting_min_age = models.PositiveSmallIntegerField(
        _("minimumleeftijd om te stemmen"),
        default=14,
        help_text=_("We kennen alleen het geboortejaar: telt de leeftijd die iemand in het stemjaar bereikt."),
    )
    voting_residence = models.CharField(
        _("wie mag stemmen"), max_length=20, choices=Residence.choices, default=Residence.CITY
    )
    paper_ballots = models.BooleanField(
        _("ook stemmen op papier"),
        default=False,
        help_text=_(
            "Aan: medewerkers van een dienstencentrum voeren stembrieven op papier in. Dan bevestigt ook wie online "
            "stemt eerst wie hij is (eID/itsme, of aan de balie), zodat niemand op papier én online stemt."
        ),
    )
    require_verified_residence = models.BooleanField(
        _("woonplaats moet geverifieerd zijn"),
        default=False,
        help_text=_("Aan: alleen wie door de stad (of via eID/itsme) als inwoner is bevestigd, mag stemmen."),
    )
    voting_rule = models.CharField(
        _("stemregel"), max_length=20, choices=VotingRule.choices, default=VotingRule.KNAPSACK
    )
    min_choices = models.PositiveSmallIntegerField(_("minimum aantal projecten op een stembrief"), default=1)
    max_choices = models.PositiveSmallIntegerField(
        _("maximum aantal projecten op een stembrief"),
        null=True,
        blank=True,
        help_text=_("Verplicht bij 'kies tot een aantal projecten' en 'steun projecten, met een maximum'."),
    )
    min_spend_percent = models.PositiveSmallIntegerField(
        _("minimaal te besteden deel van het budget (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Alleen bij 'kies projecten binnen het budget'; leeg = geen minimum."),
    )
    tie_break_seed = models.CharField(
        _("lotingscode bij gelijke stand"),
        max_length=64,
        help_text=_("Wordt gepubliceerd voor de stemming opent; bepaalt de volgorde bij volledig gelijke stand."),
    )
    is_published = models.BooleanField(_("gepubliceerd"), default=False)
    is_example = models.BooleanField(_("voorbeeld"), default=False)
    results_published_at = models.DateTimeField(_("resultaten gepubliceerd op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CycleQuerySet.as_manager()

    class Meta:
        verbose_name = _("budgetronde")
        verbose_name_plural = _("budgetrondes")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(condition=Q(min_project_cost__gte=0), name="budgets_cycle_min_cost_positive"),
            models.CheckConstraint(
                condition=Q(max_project_cost__gte=F("min_project_cost")), name="budgets_cycle_cost_range"
            ),
            models.CheckConstraint(
                condition=Q(voting_rule=counting.KNAPSACK) | Q(max_choices__isnull=False),
                name="budgets_cycle_max_choices_for_rule",
            ),
            models.CheckConstraint(
                condition=Q(max_choices__isnull=True) | Q(max_choices__gte=F("min_choices")),
                name="budgets_cycle_choice_range",
            ),
            models.CheckConstraint(
                condition=Q(min_spend_percent__isnull=True) | Q(min_spend_percent__lte=100),
                name="budgets_cycle_min_spend_percent",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("budgets:cycle", kwargs={"slug": self.slug})

    # Phases. `phases` is usually prefetched; everything below reads the prefetched list.

    @cached_property
    def phase_list(self) -> list["Phase"]:
        return sorted(self.phases.all(), key=lambda p: PHASE_ORDER.index(p.kind))

    def phase(self, kind) -> "Phase | None":
        return next((p for p in self.phase_list if p.kind == kind), None)

    def active_phase(self, now=None) -> "Phase | None":
        """The phase that has started most recently (phases follow each other without gaps:
        a phase ends when the next one starts)."""
        now = now or timezone.now()
        active = None
        for phase in self.phase_list:
            if phase.starts_at <= now:
                active = phase
        return active

    def spec(self, now=None) -> PhaseSpec:
        """What the active phase allows (the phase table in phases.py)."""
        phase = self.active_phase(now)
        return spec_for(phase.kind) if phase else ANNOUNCED

    def phase_end(self, kind):
        """When phase `kind` ends: the start of the next phase (None for the last one)."""
        kinds = [p.kind for p in self.phase_list]
        if kind not in kinds:
            return None
        index = kinds.index(kind)
        return self.phase_list[index + 1].starts_at if index + 1 < len(kinds) else None

    @property
    def voting_closes_at(self):
        return self.phase_end(Phase.Kind.VOTING)

    def voting_closed(self, now=None) -> bool:
        closes = self.voting_closes_at
        return closes is not None and (now or timezone.now()) >= closes

    @property
    def results_published(self) -> bool:
        return self.results_published_at is not None

    def rule(self, amount: Decimal) -> counting.Rule:
        return counting.Rule(
            kind=self.voting_rule,
            amount=amount,
            max_choices=self.max_choices,
            min_choices=self.min_choices,
            min_spend_percent=self.min_spend_percent if self.voting_rule == counting.KNAPSACK else None,
        )

    @property
    def is_knapsack(self) -> bool:
        return self.voting_rule == counting.KNAPSACK


class Phase(models.Model):
    """When a phase starts. A phase ends when the next one starts; implementation has no end."""

    class Kind(models.TextChoices):
        PROPOSALS = "proposals", _("voorstellen indienen")
        REVIEW = "review", _("haalbaarheidsonderzoek")
        VOTING = "voting", _("stemmen")
        RESULTS = "results", _("resultaten")
        IMPLEMENTATION = "implementation", _("uitvoering")

    cycle = models.ForeignKey(Cycle, verbose_name=_("budgetronde"), on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("fase"), max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField(_("begint op"))
    start_notified_at = models.DateTimeField(_("volgers verwittigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        ordering = ["cycle", "starts_at"]
        constraints = [models.UniqueConstraint(fields=["cycle", "kind"], name="budgets_phase_unique_kind")]

    def __str__(self):
        return f"{self.cycle}: {self.get_kind_display()}"

    @property
    def spec(self) -> PhaseSpec:
        return spec_for(self.kind)

    @property
    def ends_at(self):
        return self.cycle.phase_end(self.kind)


class Heading(TimeStampedModel):
    """A part of a cycle with its own amount: the whole city, or one district."""

    cycle = models.ForeignKey(Cycle, verbose_name=_("budgetronde"), on_delete=models.CASCADE, related_name="headings")
    district = models.ForeignKey(
        "neighbourhoods.District",
        verbose_name=_("stadsdeel"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_headings",
    )
    name = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(_("code in de link"), max_length=150)
    amount = models.DecimalField(_("budget (euro)"), **MONEY)
    eligible_count = models.PositiveIntegerField(
        _("aantal stemgerechtigden"),
        help_text=_("Het cijfer waarmee de opkomst wordt berekend (bv. inwoners van 14 jaar of ouder)."),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("deelbudget")
        verbose_name_plural = _("deelbudgetten")
        ordering = ["cycle", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "slug"], name="budgets_heading_unique_slug"),
            models.UniqueConstraint(fields=["cycle", "district"], name="budgets_heading_unique_district"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="budgets_heading_amount_positive"),
        ]

    def __str__(self):
        return f"{self.cycle} – {self.name}"

    def get_ballot_url(self):
        return reverse("budgets:ballot", kwargs={"slug": self.cycle.slug, "heading": self.slug})

    def rule(self) -> counting.Rule:
        return self.cycle.rule(self.amount)


def proposal_image_path(instance, filename):
    return f"budgets/voorstellen/{instance.cycle_id}/{filename}"


class Proposal(TimeStampedModel):
    """A project proposed by a resident; reviewed, voted on, maybe selected and carried out."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("ingediend")
        FEASIBLE = "feasible", _("haalbaar")
        NOT_FEASIBLE = "not_feasible", _("niet haalbaar")
        MERGED = "merged", _("samengevoegd")
        WITHDRAWN = "withdrawn", _("ingetrokken")
        SELECTED = "selected", _("gekozen")
        NOT_SELECTED = "not_selected", _("niet gekozen")
        COMPLETED = "completed", _("uitgevoerd")

    cycle = models.ForeignKey(Cycle, verbose_name=_("budgetronde"), on_delete=models.CASCADE, related_name="proposals")
    heading = models.ForeignKey(
        Heading, verbose_name=_("deelbudget"), on_delete=models.PROTECT, related_name="proposals"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("indiener"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="budget_proposals",
    )
    title = models.CharField(_("titel"), max_length=150)
    summary = models.CharField(_("samenvatting"), max_length=300, help_text=_("Eén of twee zinnen."))
    description = models.TextField(_("beschrijving"))
    theme = models.ForeignKey(Theme, verbose_name=_("thema"), on_delete=models.PROTECT, related_name="proposals")
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_proposals",
    )
    location = models.CharField(_("plaats"), max_length=200, blank=True, help_text=_("Straat, plein of gebouw."))
    estimated_cost = models.DecimalField(_("geschatte kost (euro)"), **MONEY)
    image = models.ImageField(
        _("afbeelding"),
        upload_to=proposal_image_path,
        blank=True,
        validators=[IMAGE_EXTENSIONS, validate_image_size],
    )
    image_alt = models.CharField(_("beschrijving van de afbeelding"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    revised_cost = models.DecimalField(_("herziene kost (euro)"), null=True, blank=True, **MONEY)
    feasibility_note = models.TextField(
        _("toelichting bij de haalbaarheid"), blank=True, help_text=_("Publiek: waarom (niet) haalbaar.")
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("samengevoegd met"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_proposals",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("projectvoorstel")
        verbose_name_plural = _("projectvoorstellen")
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["heading", "status"]),
            models.Index(fields=["cycle", "status", "-created"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(estimated_cost__gt=0), name="budgets_proposal_cost_positive"),
            models.CheckConstraint(
                condition=Q(revised_cost__isnull=True) | Q(revised_cost__gt=0), name="budgets_proposal_revised_cost"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="budgets_proposal_progress_range"),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False), name="budgets_proposal_merged_target"
            ),
            models.CheckConstraint(
                condition=~Q(status="not_feasible") | ~Q(feasibility_note=""),
                name="budgets_proposal_not_feasible_reason",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("budgets:proposal", kwargs={"slug": self.cycle.slug, "pk": self.pk})

    @property
    def cost(self) -> Decimal:
        """The cost that counts: the city's revised estimate when there is one."""
        return self.revised_cost if self.revised_cost is not None else self.estimated_cost

    @property
    def reference(self) -> str:
        return f"#{self.pk}"

    @property
    def on_ballot(self) -> bool:
        return self.status in ProposalQuerySet.ON_BALLOT


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
        indexes = [models.Index(fields=["heading", "channel"])]

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


class HeadingResult(TimeStampedModel):
    """The count of one heading by the published rule. Visible once the cycle's results are published."""

    heading = models.OneToOneField(
        Heading, verbose_name=_("deelbudget"), on_delete=models.CASCADE, related_name="result"
    )
    computed_at = models.DateTimeField(_("geteld op"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geteld door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    voting_rule = models.CharField(_("stemregel"), max_length=20, choices=Cycle.VotingRule.choices)
    amount = models.DecimalField(_("budget"), **MONEY)
    seed = models.CharField(_("lotingscode"), max_length=64)
    ballots_online = models.PositiveIntegerField(_("stembrieven online"))
    ballots_paper = models.PositiveIntegerField(_("stembrieven op papier"))
    ballots_invalid = models.PositiveIntegerField(_("ongeldige stembrieven"), default=0)
    eligible_count = models.PositiveIntegerField(_("aantal stemgerechtigden"))

    class Meta:
        verbose_name = _("resultaat van een deelbudget")
        verbose_name_plural = _("resultaten van deelbudgetten")

    def __str__(self):
        return str(self.heading)

    @property
    def voters(self) -> int:
        return self.ballots_online + self.ballots_paper

    @property
    def spent(self) -> Decimal:
        return sum((r.cost for r in self.project_results.all() if r.selected), Decimal(0))

    @property
    def turnout_percent(self) -> Decimal | None:
        if not self.eligible_count:
            return None
        return (Decimal(self.voters) * 100 / self.eligible_count).quantize(Decimal("0.1"))


class ProjectResult(models.Model):
    """Votes for one project and whether it is selected; a manual override is public with its reason."""

    class Reason(models.TextChoices):
        SELECTED = counting.SELECTED, _("gekozen")
        DOES_NOT_FIT = counting.DOES_NOT_FIT, _("past niet meer in het budget")
        NO_VOTES = counting.NO_VOTES, _("geen stemmen")

    result = models.ForeignKey(
        HeadingResult, verbose_name=_("resultaat"), on_delete=models.CASCADE, related_name="project_results"
    )
    proposal = models.ForeignKey(Proposal, verbose_name=_("project"), on_delete=models.CASCADE, related_name="results")
    rank = models.PositiveIntegerField(_("plaats"))
    cost = models.DecimalField(_("kost"), **MONEY)
    votes_online = models.PositiveIntegerField(_("stemmen online"))
    votes_paper = models.PositiveIntegerField(_("stemmen op papier"))
    reason = models.CharField(_("uitkomst volgens de regel"), max_length=20, choices=Reason.choices)
    selected_by_rule = models.BooleanField(_("gekozen volgens de regel"))
    selected = models.BooleanField(_("gekozen"))
    override_reason = models.TextField(_("reden van de aanpassing"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangepast door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    overridden_at = models.DateTimeField(_("aangepast op"), null=True, blank=True)

    class Meta:
        verbose_name = _("resultaat van een project")
        verbose_name_plural = _("resultaten van projecten")
        ordering = ["result", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["result", "proposal"], name="budgets_project_result_unique"),
            models.UniqueConstraint(fields=["result", "rank"], name="budgets_project_result_rank"),
            models.CheckConstraint(
                condition=Q(selected=F("selected_by_rule")) | ~Q(override_reason=""),
                name="budgets_project_result_override_reason",
            ),
        ]

    def __str__(self):
        return f"{self.proposal_id}: {self.votes_online + self.votes_paper}"

    @property
    def votes(self) -> int:
        return self.votes_online + self.votes_paper

    @property
    def is_overridden(self) -> bool:
        return self.selected != self.selected_by_rule


def update_photo_path(instance, filename):
    return f"budgets/uitvoering/{instance.proposal_id}/{filename}"


class ProjectUpdate(TimeStampedModel):
    """Progress of a selected project: percentage, text and an optional photo."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("project"), on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    progress = models.PositiveSmallIntegerField(
        _("voortgang (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    text = models.TextField(_("tekst"))
    photo = models.ImageField(
        _("foto"), upload_to=update_photo_path, blank=True, validators=[IMAGE_EXTENSIONS, validate_image_size]
    )
    photo_alt = models.CharField(_("beschrijving van de foto"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("stand van uitvoering")
        verbose_name_plural = _("standen van uitvoering")
        ordering = ["-created", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="budgets_update_progress_range")]

    def __str__(self):
        return f"{self.proposal} – {self.progress}%"


class Follow(TimeStampedModel):
    """Someone who wants to hear when a phase starts (and, if they say so, a voting reminder)."""

    cycle = models.ForeignKey(Cycle, verbose_name=_("budgetronde"), on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volger"),
        on_delete=models.CASCADE,
        related_name="budget_follows",
    )
    remind_to_vote = models.BooleanField(
        _("herinner me als de stemming bijna sluit"),
        default=False,
        help_text=_("Twee dagen voor het einde, als je nog niet gestemd hebt."),
    )

    class Meta:
        verbose_name = _("volger")
        verbose_name_plural = _("volgers")
        constraints = [models.UniqueConstraint(fields=["cycle", "user"], name="budgets_follow_unique")]

    def __str__(self):
        return f"{self.user} volgt {self.cycle}"

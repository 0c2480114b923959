"""A budget cycle and what belongs to it: themes, phases, headings (one amount each) and followers."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel
from participation.ownership import DepartmentOwned

from .. import counting
from ..phases import ANNOUNCED, PHASE_ORDER, PhaseSpec, spec_for
from ..querysets import CyclePartQuerySet, CycleQuerySet
from .base import MONEY


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


class Cycle(DepartmentOwned, TimeStampedModel):
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

    def voting_has_opened(self, now=None) -> bool:
        """Voting has started (and may be over): what voters rely on is frozen (headings, links)."""
        phase = self.phase(Phase.Kind.VOTING)
        return phase is not None and phase.starts_at <= (now or timezone.now())

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

    objects = CyclePartQuerySet.as_manager()

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

    objects = CyclePartQuerySet.as_manager()

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

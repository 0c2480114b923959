"""A scheme (reglement) with its yearly budgets, criteria and required documents."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel

from ..querysets import SchemeBudgetQuerySet, SchemeQuerySet
from .common import MONEY, ZERO


class Scheme(TimeStampedModel):
    """A subsidy regulation (reglement): who may apply, for what, how much, and by when."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("code in de link"), max_length=100, unique=True)
    summary = models.CharField(_("korte samenvatting"), max_length=500, blank=True)
    legal_basis = models.TextField(
        _("rechtsgrond"), blank=True, help_text=_("De tekst van het reglement of de verwijzing naar het raadsbesluit.")
    )
    exclusions = models.TextField(_("uitsluitingen"), blank=True, help_text=_("Waarvoor deze subsidie niet dient."))
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("behandelende dienst"),
        on_delete=models.PROTECT,
        related_name="subsidy_schemes",
    )
    allows_resident_group = models.BooleanField(_("voor groepen inwoners"), default=False)
    allows_organisation = models.BooleanField(_("voor organisaties"), default=True)
    organisation_kinds = models.JSONField(
        _("soorten organisaties"),
        default=list,
        blank=True,
        help_text=_("Leeg: elke soort organisatie mag aanvragen."),
    )
    min_group_size = models.PositiveSmallIntegerField(_("minimum aantal aanvragers"), null=True, blank=True)
    min_distinct_addresses = models.PositiveSmallIntegerField(
        _("minimum aantal verschillende adressen"), null=True, blank=True
    )
    once_per_group_per_year = models.BooleanField(_("één keer per groep per jaar"), default=False)
    min_amount = models.DecimalField(_("minimumbedrag"), default=ZERO, **MONEY)
    max_amount = models.DecimalField(_("maximumbedrag"), **MONEY)
    advance_percentage = models.PositiveSmallIntegerField(
        _("voorschot (percentage)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Het deel van het toegekende bedrag dat als voorschot betaald mag worden."),
    )
    opens_on = models.DateField(_("aanvragen vanaf"), null=True, blank=True)
    closes_on = models.DateField(_("aanvragen tot en met"), null=True, blank=True)
    intake_days = models.PositiveSmallIntegerField(_("dagen voor de ontvankelijkheid"), default=10)
    assessment_days = models.PositiveSmallIntegerField(_("dagen voor de beoordeling"), default=20)
    decision_days = models.PositiveSmallIntegerField(_("dagen voor de beslissing"), default=30)
    report_days = models.PositiveSmallIntegerField(
        _("dagen voor het eindverslag"), default=60, help_text=_("Te rekenen vanaf het einde van het project.")
    )
    is_active = models.BooleanField(_("actief"), default=True)
    sdgs = models.ManyToManyField(
        "worldcitizenship.Goal", verbose_name=_("SDG's"), blank=True, related_name="subsidy_schemes"
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = SchemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("subsidiereglement")
        verbose_name_plural = _("subsidiereglementen")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(min_amount__lte=F("max_amount")), name="subsidy_scheme_min_le_max"),
            models.CheckConstraint(condition=Q(min_amount__gte=0), name="subsidy_scheme_min_not_negative"),
            models.CheckConstraint(
                condition=Q(advance_percentage__gte=0, advance_percentage__lte=100),
                name="subsidy_scheme_advance_0_100",
            ),
            models.CheckConstraint(
                condition=Q(opens_on__isnull=True) | Q(closes_on__isnull=True) | Q(closes_on__gte=F("opens_on")),
                name="subsidy_scheme_window",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("subsidies:scheme", kwargs={"slug": self.slug})

    def is_open(self, day=None) -> bool:
        """Applications can be submitted on `day` (today by default)."""
        day = day or timezone.localdate()
        return (
            self.is_active
            and (self.opens_on is None or self.opens_on <= day)
            and (self.closes_on is None or day <= self.closes_on)
        )

    def allows_kind(self, applicant_kind: str) -> bool:
        from .files import SubsidyFile  # the file refers to its scheme: imported when asked

        if applicant_kind == SubsidyFile.ApplicantKind.RESIDENT_GROUP:
            return self.allows_resident_group
        if applicant_kind == SubsidyFile.ApplicantKind.ORGANISATION:
            return self.allows_organisation
        return False

    def allows_organisation_kind(self, kind: str) -> bool:
        return self.allows_organisation and (not self.organisation_kinds or kind in self.organisation_kinds)

    def budget_for(self, year: int):
        """The SchemeBudget of `year` with `committed` and `remaining` annotated, or None."""
        return SchemeBudget.objects.with_committed().filter(scheme=self, year=year).first()

    def remaining_for(self, year: int) -> Decimal:
        budget = self.budget_for(year)
        return budget.remaining if budget else ZERO


class SchemeBudget(models.Model):
    """The envelope of a scheme for one year: the decisions charged to that year can never
    commit more (checked under a row lock in workflow.decide)."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("reglement"), on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount = models.DecimalField(_("budget"), max_digits=12, decimal_places=2)

    objects = SchemeBudgetQuerySet.as_manager()

    class Meta:
        verbose_name = _("jaarbudget")
        verbose_name_plural = _("jaarbudgetten")
        ordering = ["scheme", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "year"], name="subsidy_budget_once_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="subsidy_budget_not_negative"),
        ]

    def __str__(self):
        return f"{self.scheme} {self.year}"

    def committed_amount(self) -> Decimal:
        """Σ (granted − recovered) of the files charged to this scheme and year."""
        if "committed" in self.__dict__:
            return self.__dict__["committed"]
        from .files import SubsidyFile  # the file refers to its scheme: imported when asked

        total = SubsidyFile.objects.filter(
            scheme_id=self.scheme_id,
            budget_year=self.year,
            status__in=SubsidyFile.COMMITTED_STATES,
            amount_granted__isnull=False,
        ).aggregate(total=Coalesce(Sum(F("amount_granted") - F("amount_recovered")), ZERO))["total"]
        return total

    def remaining_amount(self) -> Decimal:
        if "remaining" in self.__dict__:
            return self.__dict__["remaining"]
        return self.amount - self.committed_amount()


class Criterion(models.Model):
    """An assessment criterion of a scheme, scored 0..5 by each assessor and weighted."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("reglement"), on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    weight = models.PositiveSmallIntegerField(_("gewicht"), default=1, validators=[MinValueValidator(1)])
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("beoordelingscriterium")
        verbose_name_plural = _("beoordelingscriteria")
        ordering = ["scheme", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "name"], name="subsidy_criterion_unique_name"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="subsidy_criterion_weight_positive"),
        ]

    def __str__(self):
        return self.name


class RequiredDocument(models.Model):
    """A document a scheme asks for, with the application or with the final report."""

    class Stage(models.TextChoices):
        APPLICATION = "application", _("bij de aanvraag")
        REPORT = "report", _("bij het eindverslag")

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("reglement"), on_delete=models.CASCADE, related_name="required_documents"
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    stage = models.CharField(_("moment"), max_length=20, choices=Stage.choices, default=Stage.APPLICATION)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("vereist document")
        verbose_name_plural = _("vereiste documenten")
        ordering = ["scheme", "stage", "position", "pk"]

    def __str__(self):
        return self.name

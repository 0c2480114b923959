"""Proposals (projects) and their implementation updates."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel

from ..querysets import ProposalQuerySet
from ..validators import validate_image_size
from .base import IMAGE_EXTENSIONS, MONEY
from .cycle import Cycle, Heading, Theme


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

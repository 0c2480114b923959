"""The assessment of a file against its scheme's criteria: one per assessor, with a score per criterion."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel

from .common import MONEY
from .files import SubsidyFile
from .schemes import Criterion


class Assessment(TimeStampedModel):
    """One assessor's scores and recommendation on one file."""

    class Recommendation(models.TextChoices):
        GRANT = "grant", _("toekennen")
        PARTIAL = "partial", _("gedeeltelijk toekennen")
        REFUSE = "refuse", _("weigeren")

    file = models.ForeignKey(
        SubsidyFile, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="assessments"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordelaar"),
        on_delete=models.PROTECT,
        related_name="subsidy_assessments",
    )
    recommendation = models.CharField(_("advies"), max_length=20, choices=Recommendation.choices, blank=True)
    recommended_amount = models.DecimalField(_("geadviseerd bedrag"), null=True, blank=True, **MONEY)
    comment = models.TextField(_("toelichting"), blank=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["file", "assessor"], name="subsidy_assessment_once_per_assessor"),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | ~Q(recommendation=""),
                name="subsidy_assessment_submitted_has_recommendation",
            ),
            models.CheckConstraint(
                condition=Q(recommended_amount__isnull=True) | Q(recommended_amount__gte=0),
                name="subsidy_assessment_amount_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.assessor} – {self.file}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def weighted_total(self) -> Decimal | None:
        """Σ score × weight / Σ weight, on the 0..5 scale (None without scores)."""
        scores = list(self.scores.all())
        weights = sum(s.criterion.weight for s in scores)
        if not weights:
            return None
        total = sum(Decimal(s.score * s.criterion.weight) for s in scores)
        return (total / weights).quantize(Decimal("0.01"))


class Score(models.Model):
    """An assessor's score (0..5) on one criterion."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("beoordeling"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterium"), on_delete=models.CASCADE, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(5)])
    comment = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="subsidy_score_once_per_criterion"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=5), name="subsidy_score_0_5"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"

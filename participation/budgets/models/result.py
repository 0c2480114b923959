"""Results: per heading, counted by the published rule, and per project."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel

from .. import counting
from .base import MONEY
from .cycle import Cycle, Heading
from .proposal import Proposal


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

"""Payments of a granted subsidy: advances and the balance."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .common import MONEY
from .files import SubsidyFile


class Payment(models.Model):
    """A payment to the recipient. Σ payments ≤ granted − recovered (services.record_payment)."""

    class Kind(models.TextChoices):
        ADVANCE = "advance", _("voorschot")
        BALANCE = "balance", _("saldo")
        OTHER = "other", _("andere betaling")

    file = models.ForeignKey(SubsidyFile, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="payments")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.ADVANCE)
    amount = models.DecimalField(_("bedrag"), **MONEY)
    paid_on = models.DateField(_("betaald op"))
    reference = models.CharField(_("referentie"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("geregistreerd op"), default=timezone.now)

    class Meta:
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        ordering = ["paid_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="subsidy_payment_positive")]

    def __str__(self):
        return f"{self.get_kind_display()} € {self.amount} ({self.paid_on})"

"""Stored daily figures and the population per wijk.

`DailyFigure`: one row per registered figure, wijk and day (only days with a value other
than zero), written by `services.refresh` with an upsert. `PopulationFigure`: the population
of a wijk on a reference date, with its source; the newest one is copied to
`Neighbourhood.population` / `population_year`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel
from neighbourhoods.models import Neighbourhood

from .caching import ChangesStoredFigures


class DailyFigure(models.Model):
    indicator = models.CharField(_("cijfer"), max_length=100)
    neighbourhood = models.ForeignKey(Neighbourhood, verbose_name=_("wijk"), on_delete=models.CASCADE)
    day = models.DateField(_("dag"))
    value = models.DecimalField(_("waarde"), max_digits=16, decimal_places=2)

    # Every bulk write (the upsert of `services.refresh`, deletes) moves the cached stored
    # figures' version (caching.STORED); single saves and deletes do it through signals.
    objects = ChangesStoredFigures.as_manager()

    class Meta:
        verbose_name = _("dagcijfer")
        verbose_name_plural = _("dagcijfers")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "neighbourhood", "day"], name="daily_figure_unique"),
        ]
        indexes = [models.Index(fields=["day", "indicator"], name="daily_figure_day")]

    def __str__(self):
        return f"{self.indicator} {self.neighbourhood_id} {self.day}: {self.value}"


class PopulationFigure(TimeStampedModel):
    neighbourhood = models.ForeignKey(
        Neighbourhood, verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="population_figures"
    )
    reference_date = models.DateField(_("peildatum"))
    population = models.PositiveIntegerField(_("inwoners"))
    source = models.CharField(_("bron"), max_length=200)
    estimated = models.BooleanField(_("schatting"), default=False)
    is_example = models.BooleanField(
        _("voorbeeldcijfer"), default=False, help_text=_("Aan voor verzonnen cijfers (demo): nooit officieel.")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevoerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inwonertal")
        verbose_name_plural = _("inwonertallen")
        ordering = ["neighbourhood", "-reference_date"]
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "reference_date"], name="population_figure_unique"),
        ]

    def __str__(self):
        return f"{self.neighbourhood}: {self.population} ({self.reference_date})"

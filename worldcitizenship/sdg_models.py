"""The models of the SDG overview and of the international-solidarity directory.

Imported at the end of `models.py` (Django finds them there). `SDGTag` tags any object that has
no SDG field of its own; `LocalIndicator` and `IndicatorValue` are Genk's own figures per goal;
`SolidarityProfile` flags an organisation as a North–South / international-solidarity one.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel

from .countries import name as country_name
from .countries import validate_countries


class SDGTag(models.Model):
    """One goal on one object of any app (for models without an SDG field of their own)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    goal = models.ForeignKey(
        "worldcitizenship.Goal", verbose_name=_("SDG"), on_delete=models.CASCADE, related_name="tags"
    )

    class Meta:
        verbose_name = _("SDG-koppeling")
        verbose_name_plural = _("SDG-koppelingen")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "goal"], name="worldcitizenship_sdgtag_unique")
        ]
        indexes = [models.Index(fields=["content_type", "goal"], name="worldcit_sdgtag_ct_goal")]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} – SDG {self.goal_id}"


class LocalIndicator(TimeStampedModel):
    """A figure that shows how Genk does on a goal: entered by staff per year, or computed from a
    figure registered in `genk.core.indicators` (then `figure_key` is set)."""

    class Chart(models.TextChoices):
        LINE = "line", _("lijn")
        BARS = "bars", _("staven")

    goal = models.ForeignKey(
        "worldcitizenship.Goal", verbose_name=_("SDG"), on_delete=models.PROTECT, related_name="local_indicators"
    )
    name = models.CharField(_("naam"), max_length=200)
    unit = models.CharField(_("eenheid"), max_length=60, help_text=_("Bv. ton CO₂, %, inwoners, euro."))
    source = models.CharField(_("bron"), max_length=300)
    source_url = models.URLField(_("link naar de bron"), blank=True)
    description = models.TextField(_("uitleg"), blank=True)
    target_value = models.DecimalField(_("streefwaarde"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("streefjaar"), null=True, blank=True)
    figure_key = models.CharField(
        _("berekend uit cijfer"),
        max_length=100,
        blank=True,
        help_text=_("Leeg: de waarden worden ingevuld. Anders: het cijfer voor heel Genk, per jaar berekend."),
    )
    chart = models.CharField(_("grafiek"), max_length=10, choices=Chart.choices, default=Chart.LINE)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("lokale indicator")
        verbose_name_plural = _("lokale indicatoren")
        ordering = ["goal__number", "position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_year__isnull=True) | Q(target_year__gte=2000, target_year__lte=2100),
                name="worldcitizenship_indicator_target_year",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_computed(self) -> bool:
        return bool(self.figure_key)


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(LocalIndicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("jaar"))
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2)
    computed = models.BooleanField(_("berekend"), default=False)

    class Meta:
        verbose_name = _("waarde van een indicator")
        verbose_name_plural = _("waarden van indicatoren")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="worldcitizenship_indicator_value_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="worldcitizenship_indicator_value_year_range"
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"


ZERO = Decimal("0")


class SolidarityProfile(TimeStampedModel):
    """An organisation of Genk that works for international solidarity (North–South), as shown in
    the directory: where it works, what it does, its projects and goals. Managed by the
    world-citizenship officer; the organisation's representatives edit their own profile."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="solidarity_profile",
    )
    countries = models.JSONField(
        _("landen"), default=list, blank=True, validators=[validate_countries], help_text=_("ISO 3166-codes.")
    )
    description = models.TextField(_("wat de organisatie doet"))
    projects = models.TextField(
        _("projecten"), blank=True, help_text=_("Eén project per regel: wat, waar en met welke partner.")
    )
    sdgs = models.ManyToManyField(
        "worldcitizenship.Goal", verbose_name=_("SDG's"), blank=True, related_name="solidarity_profiles"
    )
    is_listed = models.BooleanField(
        _("in de gids"),
        default=True,
        help_text=_("Alleen de dienst wereldburgerschap haalt een organisatie uit de gids."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("profiel internationale solidariteit")
        verbose_name_plural = _("profielen internationale solidariteit")
        ordering = ["organisation__name"]

    def __str__(self):
        return str(self.organisation)

    def get_absolute_url(self):
        return reverse("worldcitizenship:organisation", kwargs={"slug": self.organisation.slug})

    @property
    def country_names(self) -> list[str]:
        return [country_name(code) for code in self.countries]

    @property
    def project_lines(self) -> list[str]:
        return [line.strip() for line in self.projects.splitlines() if line.strip()]

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Goal(models.Model):
    """One of the 17 Sustainable Development Goals (duurzameontwikkelingsdoelstellingen)."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    short_title_nl = models.CharField(_("korte titel (nl)"), max_length=120)
    short_title_en = models.CharField(_("korte titel (en)"), max_length=120)
    short_title_fr = models.CharField(_("korte titel (fr)"), max_length=120)
    title_nl = models.CharField(_("titel (nl)"), max_length=300, blank=True)
    title_en = models.CharField(_("titel (en)"), max_length=300)
    title_fr = models.CharField(_("titel (fr)"), max_length=300)

    class Meta:
        verbose_name = _("SDG")
        verbose_name_plural = _("SDG's")
        ordering = ["number"]

    def __str__(self):
        return f"SDG {self.number} – {self.short_title}"

    def _localised(self, field):
        language = (get_language() or "nl")[:2]
        return getattr(self, f"{field}_{language}", "") or getattr(self, f"{field}_nl") or getattr(self, f"{field}_en")

    @property
    def short_title(self) -> str:
        return self._localised("short_title")

    @property
    def title(self) -> str:
        return self._localised("title")

    def get_absolute_url(self):
        return reverse("worldcitizenship:goal", kwargs={"number": self.number})


class Target(models.Model):
    goal = models.ForeignKey(Goal, verbose_name=_("SDG"), on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("code"), max_length=10, unique=True)
    title_en = models.TextField(_("titel (en)"))
    title_nl = models.TextField(_("titel (nl)"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("SDG-subdoel")
        verbose_name_plural = _("SDG-subdoelen")
        ordering = ["goal__number", "position"]

    def __str__(self):
        return self.code

    @property
    def title(self) -> str:
        return self.title_nl if (get_language() or "nl").startswith("nl") and self.title_nl else self.title_en

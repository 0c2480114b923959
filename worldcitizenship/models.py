from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("nl", "en", "fr")


def _active_language() -> str:
    language = (get_language() or "nl")[:2]
    return language if language in LANGUAGES else "nl"


class Goal(models.Model):
    """One of the 17 Sustainable Development Goals (duurzameontwikkelingsdoelstellingen).

    Loaded from `data/sdg_goals.json` by `services.load_sdgs()`. `title_nl` is never filled
    by the loader: there is no official machine-readable Dutch full title (see data/README.md).
    """

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
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=17), name="worldcitizenship_goal_number_1_17"
            ),
        ]

    def __str__(self):
        return f"SDG {self.number} – {self.short_title}"

    def get_absolute_url(self):
        return reverse("worldcitizenship:goal", kwargs={"number": self.number})

    @property
    def short_title(self) -> str:
        """The short title in the active language (Dutch when that one is missing)."""
        return getattr(self, f"short_title_{_active_language()}") or self.short_title_nl

    @property
    def has_title(self) -> bool:
        """Whether the full title exists in the active language (not yet for Dutch)."""
        return bool(getattr(self, f"title_{_active_language()}"))

    @property
    def title(self) -> str:
        """The full title in the active language, else the short title: never another language."""
        return getattr(self, f"title_{_active_language()}") or self.short_title

    @property
    def css_class(self) -> str:
        return f"sdg-{self.number}"


class Target(models.Model):
    """One of the 169 SDG targets (subdoelen). English only for now (see data/README.md)."""

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
    def title_language(self) -> str:
        """The language `title` is in, for the `lang` attribute."""
        return "nl" if _active_language() == "nl" and self.title_nl else "en"

    @property
    def title(self) -> str:
        return self.title_nl if self.title_language == "nl" else self.title_en


from .follows import Follow  # noqa: E402  (the model lives beside notify_followers)
from .partnership.models import (  # noqa: E402
    Contact,
    Document,
    Exchange,
    Funding,
    Indicator,
    Partner,
    Partnership,
    Photo,
    Project,
    Update,
)

__all__ = [
    "Contact",
    "Document",
    "Exchange",
    "Follow",
    "Funding",
    "Goal",
    "Indicator",
    "Partner",
    "Partnership",
    "Photo",
    "Project",
    "Target",
    "Update",
]

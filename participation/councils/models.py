from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel


class Council(TimeStampedModel):
    """An advisory council (adviesraad). Meetings, agenda and advice follow in this app."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    mission = models.TextField(_("opdracht"), blank=True)
    is_example = models.BooleanField(_("voorbeeld"), default=False)

    class Meta:
        verbose_name = _("adviesraad")
        verbose_name_plural = _("adviesraden")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CouncilMembershipQuerySet(models.QuerySet):
    def current(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(start__isnull=True) | Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))


class CouncilMembership(TimeStampedModel):
    class Role(models.TextChoices):
        CHAIR = "chair", _("voorzitter")
        VICE_CHAIR = "vice_chair", _("ondervoorzitter")
        SECRETARY = "secretary", _("secretaris")
        MEMBER = "member", _("lid")
        EXPERT = "expert", _("deskundige")
        OBSERVER = "observer", _("waarnemer")

    council = models.ForeignKey(
        Council, verbose_name=_("adviesraad"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="council_memberships",
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    start = models.DateField(_("begin van het mandaat"), null=True, blank=True)
    end = models.DateField(_("einde van het mandaat"), null=True, blank=True)

    objects = CouncilMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap van een adviesraad")
        verbose_name_plural = _("lidmaatschappen van adviesraden")
        ordering = ["council", "role"]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} {self.council}"

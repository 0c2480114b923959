from django.db import models
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel

from .areas import Neighbourhood


class Place(TimeStampedModel):
    """A public place: a service centre, community centre or meeting room."""

    class Kind(models.TextChoices):
        SERVICE_CENTRE = "service_centre", _("dienstencentrum")
        COMMUNITY_CENTRE = "community_centre", _("buurthuis")
        CITY_BUILDING = "city_building", _("stadsgebouw")
        OTHER = "other", _("andere")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    neighbourhood = models.ForeignKey(
        Neighbourhood, verbose_name=_("wijk"), null=True, blank=True, on_delete=models.SET_NULL, related_name="places"
    )
    address = models.CharField(_("adres"), max_length=250)
    opening_hours = models.TextField(_("openingsuren"), blank=True)
    accessibility = models.TextField(_("toegankelijkheid"), blank=True)

    class Meta:
        verbose_name = _("plaats")
        verbose_name_plural = _("plaatsen")
        ordering = ["name"]

    def __str__(self):
        return self.name

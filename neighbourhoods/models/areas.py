from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel


class District(TimeStampedModel):
    """A district (stadsdeel): an editable grouping of neighbourhoods."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("code"), max_length=120, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    is_example = models.BooleanField(
        _("voorbeeldindeling"),
        default=False,
        help_text=_("Aan als deze indeling een voorbeeld is en niet de officiële indeling van de stad."),
    )

    class Meta:
        verbose_name = _("stadsdeel")
        verbose_name_plural = _("stadsdelen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("neighbourhoods:district", kwargs={"slug": self.slug})


class NeighbourhoodQuerySet(models.QuerySet):
    def with_district(self):
        return self.select_related("district")

    def without_geometry(self):
        """Leave the boundary (kilobytes of JSON per wijk) in the database: pages that list
        wijken or show one do not need it; the map has its own cached copy."""
        return self.defer("boundary")

    def in_district(self, district):
        return self.filter(district=district)

    def of_team_member(self, user, day=None):
        """The wijken where `user` is currently in the area team (any role)."""
        return self.filter(pk__in=TeamMembership.objects.current(day).filter(user=user).values("neighbourhood"))


class Neighbourhood(TimeStampedModel):
    """One of Genk's 31 wijken, with its official code and boundary."""

    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("bv. 71016W01"))
    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("stadsdeel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="neighbourhoods",
    )
    population = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("inwoners in jaar"), null=True, blank=True)
    boundary = models.JSONField(_("grens (GeoJSON-geometrie)"), null=True, blank=True)
    statistical_sectors = models.JSONField(
        _("statistische sectoren"),
        default=list,
        blank=True,
        help_text=_("De statistische sectoren van Statbel in deze wijk, als lijst van {code, name}."),
    )
    description = models.TextField(_("omschrijving"), blank=True)
    # The wijk's public contact, edited by its wijkregisseur (areawork: /beheer/wijken/<wijk>/team/).
    contact_email = models.EmailField(_("publiek e-mailadres van de wijk"), blank=True)
    contact_phone = models.CharField(_("publiek telefoonnummer van de wijk"), max_length=40, blank=True)
    contact_note = models.TextField(
        _("contact en spreekuren"), blank=True, help_text=_("Waar en wanneer bewoners het wijkteam kunnen aanspreken.")
    )

    objects = NeighbourhoodQuerySet.as_manager()

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("neighbourhoods:detail", kwargs={"slug": self.slug})

    @property
    def sector_names(self) -> list[str]:
        """The names of the wijk's statistical sectors (its named areas), as loaded."""
        return [sector["name"] for sector in self.statistical_sectors or []]


class TeamMembershipQuerySet(models.QuerySet):
    def current(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(start__isnull=True) | Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))

    def directors(self):
        return self.filter(role=TeamMembership.Role.DIRECTOR)

    def public(self):
        """Memberships shown on public pages: people whose account is active and not erased."""
        return self.filter(user__is_active=True, user__erased_at__isnull=True)


class TeamMembership(TimeStampedModel):
    """A person in the area team of a neighbourhood (gebiedsgerichte werking)."""

    class Role(models.TextChoices):
        DIRECTOR = "director", _("wijkregisseur")
        COMMUNITY_WORK = "community_work", _("buurtwerk")
        STREET_WORK = "street_work", _("straathoekwerk")
        YOUTH_WORK = "youth_work", _("jeugdwelzijnswerk")
        SERVICE_CENTRE = "service_centre", _("dienstencentrum")

    neighbourhood = models.ForeignKey(
        Neighbourhood, verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="team"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="team_memberships",
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    public_email = models.EmailField(_("publiek e-mailadres"), blank=True)
    public_phone = models.CharField(_("publiek telefoonnummer"), max_length=40, blank=True)
    start = models.DateField(_("vanaf"), null=True, blank=True)
    end = models.DateField(_("tot en met"), null=True, blank=True)

    objects = TeamMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lid van een wijkteam")
        verbose_name_plural = _("leden van wijkteams")
        ordering = ["neighbourhood", "role"]
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "user", "role"], name="team_membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} {self.neighbourhood}"

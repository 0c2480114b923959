"""Wijkplannen (priorities and actions per wijk and year), collective signals from the street,
and the residents who follow a wijk. See README.md."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel


class PlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Plan.Status.PUBLISHED)

    def of_wijk(self, neighbourhood):
        return self.filter(neighbourhood=neighbourhood)


class Plan(TimeStampedModel):
    """The wijkplan of one wijk for one year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("in voorbereiding")
        PUBLISHED = "published", _("gepubliceerd")

    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood", verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="plans"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    introduction = models.TextField(_("inleiding"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("wijkplan")
        verbose_name_plural = _("wijkplannen")
        ordering = ["neighbourhood", "-year"]
        constraints = [models.UniqueConstraint(fields=["neighbourhood", "year"], name="areawork_plan_one_per_year")]

    def __str__(self):
        return str(_("Wijkplan %(wijk)s %(year)s")) % {"wijk": self.neighbourhood.name, "year": self.year}

    def get_absolute_url(self):
        return reverse("areawork_staff:plan", kwargs={"slug": self.neighbourhood.slug, "year": self.year})

    def get_public_url(self):
        return reverse("areawork:plan", kwargs={"slug": self.neighbourhood.slug}) + f"?jaar={self.year}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Priority(TimeStampedModel):
    """A priority of a wijkplan: what the wijk works on this year."""

    plan = models.ForeignKey(Plan, verbose_name=_("wijkplan"), on_delete=models.CASCADE, related_name="priorities")
    title = models.CharField(_("prioriteit"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_public = models.BooleanField(_("in de publieke versie"), default=True)

    class Meta:
        verbose_name = _("prioriteit")
        verbose_name_plural = _("prioriteiten")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class ActionQuerySet(models.QuerySet):
    def done(self):
        return self.filter(status=Action.Status.DONE)

    def counted(self):
        """The actions progress counts: all except the dropped ones."""
        return self.exclude(status=Action.Status.DROPPED)


class Action(TimeStampedModel):
    """One action of a priority: what, who, by when, and how far."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        IN_PROGRESS = "in_progress", _("bezig")
        DONE = "done", _("klaar")
        DROPPED = "dropped", _("geschrapt")

    priority = models.ForeignKey(
        Priority, verbose_name=_("prioriteit"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("wat"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    owner_member = models.ForeignKey(
        "neighbourhoods.TeamMembership",
        verbose_name=_("wie: iemand van het wijkteam"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("wie: een stadsdienst"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_partner = models.ForeignKey(
        "neighbourhoods.Partner",
        verbose_name=_("wie: een partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deadline = models.DateField(_("tegen wanneer"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    progress_note = models.TextField(_("stand van zaken"), blank=True)
    is_public = models.BooleanField(_("in de publieke versie"), default=True)
    activities = models.ManyToManyField(
        "agenda.Activity", verbose_name=_("activiteiten in de agenda"), blank=True, related_name="+"
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(owner_member__isnull=True, owner_department__isnull=True)
                    | Q(owner_member__isnull=True, owner_partner__isnull=True)
                    | Q(owner_department__isnull=True, owner_partner__isnull=True)
                ),
                name="areawork_action_one_owner",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        slug = self.priority.plan.neighbourhood.slug
        return reverse("areawork_staff:action", kwargs={"slug": slug, "pk": self.pk})

    @property
    def owner_label(self) -> str:
        if self.owner_member_id:
            member = self.owner_member
            return f"{member.user.public_name} ({member.get_role_display()})"
        if self.owner_department_id:
            return self.owner_department.name
        if self.owner_partner_id:
            return self.owner_partner.name
        return ""


class ActionLink(models.Model):
    """A link from an action to an initiative or a budget project, found through the
    `genk.core.portal.wijk_content` registry (no import of those apps): its `ref`, and the
    title and address as they were when linked."""

    action = models.ForeignKey(Action, verbose_name=_("actie"), on_delete=models.CASCADE, related_name="links")
    ref = models.CharField(_("verwijzing"), max_length=100)
    kind_label = models.CharField(_("soort"), max_length=100)
    title = models.CharField(_("titel"), max_length=300)
    url = models.CharField(_("adres"), max_length=300)

    class Meta:
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        ordering = ["kind_label", "title"]
        constraints = [models.UniqueConstraint(fields=["action", "ref"], name="areawork_link_once")]

    def __str__(self):
        return self.title


class SignalQuerySet(models.QuerySet):
    def in_wijken(self, ids):
        return self.filter(neighbourhood_id__in=ids)

    def open(self):
        return self.exclude(status=Signal.Status.CLOSED)


class Signal(TimeStampedModel):
    """A collective signal from the street: a theme that lives in a wijk, never a person."""

    class Theme(models.TextChoices):
        HOUSING = "housing", _("wonen")
        SAFETY = "safety", _("veiligheid")
        LONELINESS = "loneliness", _("eenzaamheid")
        YOUTH = "youth", _("jongeren")
        CLEANLINESS = "cleanliness", _("netheid")
        MOBILITY = "mobility", _("mobiliteit")
        POVERTY = "poverty", _("armoede")
        LIVING_TOGETHER = "living_together", _("samenleven")
        HEALTH = "health", _("gezondheid")
        OTHER = "other", _("ander thema")

    class Status(models.TextChoices):
        NEW = "new", _("nieuw")
        FOLLOWED_UP = "followed_up", _("opgevolgd")
        CLOSED = "closed", _("afgesloten")

    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood", verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="signals"
    )
    theme = models.CharField(_("thema"), max_length=30, choices=Theme.choices)
    place = models.ForeignKey(
        "neighbourhoods.Place",
        verbose_name=_("plek"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    observed_on = models.DateField(_("datum"))
    description = models.TextField(_("wat er leeft"))
    follow_up = models.TextField(_("opvolging"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("genoteerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-observed_on", "-pk"]
        indexes = [models.Index(fields=["neighbourhood", "observed_on"])]

    def __str__(self):
        return f"{self.get_theme_display()} – {self.neighbourhood}"

    def get_absolute_url(self):
        return reverse("areawork_staff:signal", kwargs={"slug": self.neighbourhood.slug, "pk": self.pk})


class Follow(models.Model):
    """A resident follows a wijk: told when something new is published in it."""

    class Frequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("meteen, per bericht")
        DAILY = "daily", _("één bericht per dag")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="wijk_follows"
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood", verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="followers"
    )
    frequency = models.CharField(_("hoe vaak"), max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATELY)
    created = models.DateTimeField(_("sinds"), auto_now_add=True)

    class Meta:
        verbose_name = _("wijk die iemand volgt")
        verbose_name_plural = _("wijken die mensen volgen")
        constraints = [models.UniqueConstraint(fields=["user", "neighbourhood"], name="areawork_follow_once")]

    def __str__(self):
        return f"{self.user} → {self.neighbourhood}"


class NewsCursor(models.Model):
    """How far the followers' notifications have looked (one row per task name)."""

    name = models.CharField(max_length=50, unique=True)
    until = models.DateTimeField()

    class Meta:
        verbose_name = _("stand van de wijkberichten")
        verbose_name_plural = _("stand van de wijkberichten")

    def __str__(self):
        return f"{self.name}: {self.until}"


class WijkPhoto(TimeStampedModel):
    """A photo on a wijk's public page, added by its wijkregisseur. The versions (page, small)
    are made by a task (genk.core.images); until then the photo is not shown."""

    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood", verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("foto"), upload_to="wijken/", blank=True)
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_pending = models.CharField(max_length=200, blank=True, editable=False)
    image_alt = models.CharField(
        _("wat staat er op de foto"), max_length=200, help_text=_("Voor wie de foto niet kan zien.")
    )
    caption = models.CharField(_("onderschrift"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegevoegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("foto van een wijk")
        verbose_name_plural = _("foto's van wijken")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.image_alt

    @property
    def srcset(self) -> str:
        from . import photos

        return photos.srcset(self)

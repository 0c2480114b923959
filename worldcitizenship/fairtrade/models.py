"""FairTrade town (FairTrade-gemeente): the campaign's criteria as data, the yearly progress
per criterion with evidence, the steering group, and the directory of fair-trade points.

States (`Progress.status`, `Point.status`) are written only in workflow.py."""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from genk.core.files import PrivateStorage
from genk.core.models import TimeStampedModel
from neighbourhoods.models import Neighbourhood
from neighbourhoods.models.places import point_inside_boundary

_storage = PrivateStorage("fairtrade")


def private_storage():
    return _storage


class PointKind(models.TextChoices):
    SHOP = "shop", _("winkel")
    HORECA = "horeca", _("café of restaurant")
    ORGANISATION = "organisation", _("organisatie of vereniging")
    SCHOOL = "school", _("school")
    COMPANY = "company", _("bedrijf")


class Criterion(TimeStampedModel):
    """One of the campaign's criteria, with its requirement. A threshold that scales with the
    population is `ceil(population / per_residents)`, at least `minimum`; `point_kinds` says
    which approved fair-trade points count towards it (none: the criterion is judged on its
    evidence alone)."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    title = models.CharField(_("titel"), max_length=200)
    requirement = models.TextField(_("vereiste"))
    point_kinds = models.JSONField(_("soorten punten die meetellen"), default=list, blank=True)
    per_residents = models.PositiveIntegerField(
        _("één per zoveel inwoners"),
        null=True,
        blank=True,
        help_text=_("Leeg: de drempel hangt niet af van het inwonertal."),
    )
    minimum = models.PositiveIntegerField(_("minimum"), default=0)
    source = models.CharField(_("bron"), max_length=300)
    source_url = models.URLField(_("link naar de bron"), blank=True)
    source_date = models.DateField(_("datum van de bron"))
    to_verify = models.BooleanField(
        _("na te vragen bij de campagne"), default=False, help_text=_("De drempel is niet bevestigd door de campagne.")
    )

    class Meta:
        verbose_name = _("criterium")
        verbose_name_plural = _("criteria")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def counts_points(self) -> bool:
        return bool(self.point_kinds)

    def threshold(self, population: int) -> int | None:
        """How many approved points are needed for this population; None: not counted."""
        if not self.point_kinds:
            return None
        needed = self.minimum
        if self.per_residents:
            needed = max(needed, math.ceil(population / self.per_residents))
        return needed

    def kind_labels(self) -> list[str]:
        labels = dict(PointKind.choices)
        return [str(labels.get(k, k)) for k in self.point_kinds]


class Progress(TimeStampedModel):
    """A criterion's progress in one year."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("niet begonnen")
        IN_PROGRESS = "in_progress", _("bezig")
        MET = "met", _("behaald")

    year = models.PositiveSmallIntegerField(_("jaar"))
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterium"), on_delete=models.CASCADE, related_name="progress"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    notes = models.TextField(_("toelichting"), blank=True)
    met_at = models.DateTimeField(_("behaald op"), null=True, blank=True)

    class Meta:
        verbose_name = _("voortgang")
        verbose_name_plural = _("voortgang")
        ordering = ["-year", "criterion__number"]
        constraints = [models.UniqueConstraint(fields=["year", "criterion"], name="fairtrade_one_progress_per_year")]

    def __str__(self):
        return f"{self.year} – {self.criterion}"


class Evidence(TimeStampedModel):
    """A proof of progress: a document, a link or a photo (with alt text)."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("document")
        LINK = "link", _("link")
        PHOTO = "photo", _("foto")

    progress = models.ForeignKey(
        Progress, verbose_name=_("voortgang"), on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("bestand"), storage=private_storage, upload_to="evidence/", blank=True)
    image = models.ImageField(_("foto"), upload_to="fairtrade/", blank=True)
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_pending = models.CharField(max_length=200, blank=True, editable=False)
    alt_text = models.CharField(
        _("beschrijving van de foto (alt-tekst)"),
        max_length=300,
        blank=True,
        help_text=_("Wat is er op de foto te zien?"),
    )
    public = models.BooleanField(_("publiek tonen"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegevoegd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bewijsstuk")
        verbose_name_plural = _("bewijsstukken")
        ordering = ["created"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.kind == self.Kind.LINK and not self.url:
            raise ValidationError({"url": _("Geef de link.")})
        if self.kind == self.Kind.DOCUMENT and not self.file:
            raise ValidationError({"file": _("Kies een bestand.")})
        if self.kind == self.Kind.PHOTO and not self.alt_text.strip():
            raise ValidationError({"alt_text": _("Beschrijf wat er op de foto te zien is, voor wie ze niet kan zien.")})
        if self.kind == self.Kind.PHOTO and not self.public:
            raise ValidationError(
                {"public": _("Een foto is altijd publiek. Voeg een document toe als het niet publiek mag zijn.")}
            )

    def get_absolute_url(self):
        if self.kind == self.Kind.LINK:
            return self.url
        if self.kind == self.Kind.PHOTO:
            return self.image.url if self.image else ""
        return reverse("fairtrade:evidence_file", args=[self.pk])

    @property
    def srcset(self) -> str:
        from .images import srcset

        return srcset(self)


class SteeringMember(TimeStampedModel):
    """A member of the steering group (trekkersgroep)."""

    name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(_("rol"), max_length=200)
    represents = models.CharField(_("namens"), max_length=200, blank=True)
    since = models.DateField(_("lid sinds"), null=True, blank=True)
    until = models.DateField(_("lid tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("lid van de trekkersgroep")
        verbose_name_plural = _("leden van de trekkersgroep")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SteeringMeeting(TimeStampedModel):
    date = models.DateField(_("datum"))
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    minutes = models.TextField(_("verslag"), blank=True)

    class Meta:
        verbose_name = _("vergadering van de trekkersgroep")
        verbose_name_plural = _("vergaderingen van de trekkersgroep")
        ordering = ["-date"]

    def __str__(self):
        return str(self.date)


class PointQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Point.Status.APPROVED)

    def for_list(self):
        return self.select_related("neighbourhood").only(
            "pk", "name", "kind", "address", "latitude", "longitude", "website", "offer", "status",
            "neighbourhood__name", "neighbourhood__slug",
        )  # fmt: skip


class Point(TimeStampedModel):
    """A fair-trade point: a shop, café or restaurant, organisation, school or company that
    sells or uses fair-trade products."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("aangemeld")
        APPROVED = "approved", _("goedgekeurd")
        DECLINED = "declined", _("geweigerd")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=PointKind.choices)
    address = models.CharField(_("adres"), max_length=250)
    neighbourhood = models.ForeignKey(
        Neighbourhood, verbose_name=_("wijk"), on_delete=models.PROTECT, related_name="fairtrade_points"
    )
    latitude = models.DecimalField(_("breedtegraad"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("lengtegraad"), max_digits=9, decimal_places=6)
    website = models.URLField(_("website"), blank=True)
    offer = models.TextField(_("wat je er vindt"), help_text=_("Welke fairtradeproducten verkoop of gebruik je?"))
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fairtrade_points",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemeld door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="fairtrade_points",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    review_message = models.TextField(_("bericht van de stad"), blank=True)
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = PointQuerySet.as_manager()

    class Meta:
        verbose_name = _("fairtradepunt")
        verbose_name_plural = _("fairtradepunten")
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "kind"]), models.Index(fields=["status", "approved_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False), name="fairtrade_point_approved_at"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("fairtrade:point", args=[self.pk])

    def clean(self):
        super().clean()
        problem = location_problem(self.latitude, self.longitude, self.neighbourhood if self.neighbourhood_id else None)
        if problem:
            raise ValidationError({problem[0]: problem[1]})


def location_problem(latitude, longitude, neighbourhood) -> tuple[str, str] | None:
    """(field, message) when the point lies outside Genk or outside its wijk, else None.
    Uses the point-inside-wijk check of Place (neighbourhoods.models.places)."""
    if latitude is None or longitude is None:
        return None
    rows = Neighbourhood.objects.filter(boundary__isnull=False).values_list("pk", "boundary")
    boundaries = {pk: boundary for pk, boundary in rows if boundary}
    if not boundaries:
        return None
    if not any(point_inside_boundary(b, latitude, longitude) for b in boundaries.values()):
        return (
            "latitude",
            _("Dit punt ligt buiten Genk. Kijk de breedte- en lengtegraad na: de gids toont alleen punten in Genk."),
        )
    inside = boundaries.get(getattr(neighbourhood, "pk", None))
    if inside is not None and not point_inside_boundary(inside, latitude, longitude):
        return (
            "neighbourhood",
            _("Dit punt ligt niet in de wijk %(wijk)s. Kies de wijk waarin het punt ligt.")
            % {"wijk": neighbourhood.name},
        )
    return None

"""Public places in the wijken, their opening hours, rooms and bookings, and the partners of
the area-based work.

Integrity that the database keeps: two approved bookings of one room never overlap (an
exclusion constraint on PostgreSQL; `services.py` checks it too under a lock on the room, so
SQLite, used by `make demo`, refuses as well), a booking ends after it starts and is for at
least one person, an opening range closes after it opens, a room holds at least one person.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel

from .areas import Neighbourhood, TeamMembership


class PostgresExclusionConstraint(ExclusionConstraint):
    """An exclusion constraint that exists only on PostgreSQL. On SQLite (the demo) the table
    is created without it and model validation skips it; the service's check under a lock on
    the room is what refuses an overlap there."""

    def _postgres(self, schema_editor) -> bool:
        return schema_editor.connection.vendor == "postgresql"

    def constraint_sql(self, model, schema_editor):
        return super().constraint_sql(model, schema_editor) if self._postgres(schema_editor) else None

    def create_sql(self, model, schema_editor):
        return super().create_sql(model, schema_editor) if self._postgres(schema_editor) else None

    def remove_sql(self, model, schema_editor):
        return super().remove_sql(model, schema_editor) if self._postgres(schema_editor) else None

    def validate(self, model, instance, exclude=None, using="default"):
        from django.db import connections

        if connections[using].vendor == "postgresql":
            super().validate(model, instance, exclude=exclude, using=using)


class TsTzRange(models.Func):
    """`tstzrange(start, end, '[)')`: the booking's time as a range (PostgreSQL only)."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def point_inside_boundary(boundary, latitude, longitude) -> bool:
    """Whether (latitude, longitude) lies inside a wijk's GeoJSON boundary (maps.contains)."""
    from ..maps import contains

    return contains(boundary, float(longitude), float(latitude))


class PlaceQuerySet(models.QuerySet):
    def with_neighbourhood(self):
        return self.select_related("neighbourhood")

    def with_point(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def managed_by(self, user):
        """The places whose bookings `user` handles: those of their departments (all for an
        administrator)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(department_id__in=user.department_ids())


class Place(TimeStampedModel):
    """A public place: a service centre, community centre, library, youth centre, park or
    square, or a city building, in a wijk."""

    class Kind(models.TextChoices):
        SERVICE_CENTRE = "service_centre", _("dienstencentrum")
        COMMUNITY_CENTRE = "community_centre", _("buurthuis")
        LIBRARY = "library", _("bibliotheek")
        YOUTH_CENTRE = "youth_centre", _("jeugdhuis")
        PARK = "park", _("park of plein")
        CITY_BUILDING = "city_building", _("stadsgebouw")
        OTHER = "other", _("andere")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    neighbourhood = models.ForeignKey(
        Neighbourhood, verbose_name=_("wijk"), null=True, blank=True, on_delete=models.SET_NULL, related_name="places"
    )
    address = models.CharField(_("adres"), max_length=250)
    opening_hours = models.TextField(
        _("openingsuren (toelichting)"),
        blank=True,
        help_text=_("Een toelichting bij de openingsuren; de uren zelf staan per weekdag."),
    )
    accessibility = models.TextField(_("toegankelijkheid"), blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    latitude = models.DecimalField(_("breedtegraad"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("lengtegraad"), max_digits=9, decimal_places=6, null=True, blank=True)
    step_free = models.BooleanField(_("drempelvrij"), default=False)
    accessible_toilet = models.BooleanField(_("aangepast toilet"), default=False)
    induction_loop = models.BooleanField(_("ringleiding"), default=False)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True)
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("dienst"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
        help_text=_("De dienst die de plek beheert: haar medewerkers behandelen de reservaties."),
    )
    team = models.ManyToManyField(
        TeamMembership,
        verbose_name=_("wijkteam ter plaatse"),
        blank=True,
        related_name="places",
        help_text=_("De leden van het wijkteam die op deze plek werken."),
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("plek")
        verbose_name_plural = _("plekken")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="place_point_complete",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("places:detail", kwargs={"slug": self.slug})

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Geef zowel de breedtegraad als de lengtegraad, of geen van beide."))
        if self.has_point and self.neighbourhood_id:
            boundary = Neighbourhood.objects.filter(pk=self.neighbourhood_id).values_list("boundary", flat=True).first()
            if boundary and not point_inside_boundary(boundary, self.latitude, self.longitude):
                raise ValidationError(
                    {
                        "latitude": _("Dit punt ligt niet in de wijk %(wijk)s. Kies een punt binnen de wijkgrens.")
                        % {"wijk": self.neighbourhood.name}
                    }
                )

    @property
    def accessibility_flags(self) -> list[str]:
        labels = []
        for name in ("step_free", "accessible_toilet", "induction_loop"):
            if getattr(self, name):
                labels.append(str(self._meta.get_field(name).verbose_name))
        return labels


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class OpeningHours(models.Model):
    """One range of the weekly opening hours: a place may have several per day (09:00–12:00
    and 13:30–17:00)."""

    place = models.ForeignKey(Place, verbose_name=_("plek"), on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("weekdag"), choices=Weekday.choices)
    opens = models.TimeField(_("open van"))
    closes = models.TimeField(_("tot"))

    class Meta:
        verbose_name = _("openingsuren")
        verbose_name_plural = _("openingsuren")
        ordering = ["place", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")), name="opening_hours_closes_after_opens"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class OpeningException(models.Model):
    """A day that differs from the weekly hours: closed (a holiday), or open at other hours.
    Several rows on one date with hours are several ranges; one closed row closes the day."""

    place = models.ForeignKey(Place, verbose_name=_("plek"), on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("datum"))
    closed = models.BooleanField(_("gesloten"), default=True)
    opens = models.TimeField(_("open van"), null=True, blank=True)
    closes = models.TimeField(_("tot"), null=True, blank=True)
    reason = models.CharField(_("reden"), max_length=200, blank=True, help_text=_("bv. Kerstmis, brugdag"))

    class Meta:
        verbose_name = _("afwijkende openingsuren")
        verbose_name_plural = _("afwijkende openingsuren")
        ordering = ["place", "date", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed=True) | Q(opens__isnull=False, closes__isnull=False, closes__gt=models.F("opens")),
                name="opening_exception_hours",
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.reason}"

    def clean(self):
        if not self.closed and (self.opens is None or self.closes is None or self.closes <= self.opens):
            raise ValidationError(_("Geef de uren waarop de plek die dag open is, of vink ‘gesloten’ aan."))


class Partner(TimeStampedModel):
    """An external partner of the area-based work (an organisation with a role in wijken)."""

    class Kind(models.TextChoices):
        WELFARE = "welfare", _("welzijn")
        HOUSING = "housing", _("wonen")
        SCHOOL = "school", _("onderwijs")
        POLICE = "police", _("wijkpolitie")
        HEALTH = "health", _("gezondheid")
        CULTURE = "culture", _("cultuur")
        OTHER = "other", _("andere")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("soort partner"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("publiek e-mailadres"), blank=True)
    phone = models.CharField(_("publiek telefoonnummer"), max_length=40, blank=True)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, verbose_name=_("wijken"), through="PartnerArea", related_name="partners", blank=True
    )
    places = models.ManyToManyField(
        Place, verbose_name=_("plekken"), through="PartnerPlace", related_name="partners", blank=True
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PartnerArea(models.Model):
    """A partner's role in a wijk."""

    partner = models.ForeignKey(Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="areas")
    neighbourhood = models.ForeignKey(
        Neighbourhood, verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="partner_roles"
    )
    role = models.CharField(_("rol in de wijk"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("partner in een wijk")
        verbose_name_plural = _("partners in wijken")
        constraints = [models.UniqueConstraint(fields=["partner", "neighbourhood"], name="partner_area_unique")]

    def __str__(self):
        return f"{self.partner} – {self.neighbourhood}"


class PartnerPlace(models.Model):
    """A partner's role at a place (e.g. a weekly consultation hour in the service centre)."""

    partner = models.ForeignKey(Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="at_places")
    place = models.ForeignKey(Place, verbose_name=_("plek"), on_delete=models.CASCADE, related_name="partner_roles")
    role = models.CharField(_("rol op deze plek"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("partner op een plek")
        verbose_name_plural = _("partners op plekken")
        constraints = [models.UniqueConstraint(fields=["partner", "place"], name="partner_place_unique")]

    def __str__(self):
        return f"{self.partner} – {self.place}"


class Room(TimeStampedModel):
    """A room of a place that residents and organisations can ask to book."""

    place = models.ForeignKey(Place, verbose_name=_("plek"), on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("naam"), max_length=150)
    capacity = models.PositiveIntegerField(_("maximum aantal personen"), validators=[MinValueValidator(1)])
    equipment = models.TextField(_("uitrusting"), blank=True, help_text=_("bv. beamer, keuken, 30 stoelen"))
    price = models.DecimalField(
        _("prijs per reservatie (euro)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    free_for_associations = models.BooleanField(_("gratis voor verenigingen"), default=False)
    bookable = models.BooleanField(_("te reserveren"), default=True)

    class Meta:
        verbose_name = _("zaal")
        verbose_name_plural = _("zalen")
        ordering = ["place", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gt=0), name="room_capacity_positive"),
            models.CheckConstraint(condition=Q(price__gte=0), name="room_price_not_negative"),
        ]

    def __str__(self):
        return f"{self.place} – {self.name}"

    def get_absolute_url(self):
        return reverse("places:request_booking", kwargs={"slug": self.place.slug, "room": self.pk})


class BookingQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Booking.Status.APPROVED)

    def requested(self):
        return self.filter(status=Booking.Status.REQUESTED)

    def active(self):
        """Requested or approved: what occupies (or may occupy) the room."""
        return self.filter(status__in=[Booking.Status.REQUESTED, Booking.Status.APPROVED])

    def overlapping(self, start, end):
        return self.filter(start__lt=end, end__gt=start)

    def of_requester(self, user):
        return self.filter(requester=user)

    def for_places(self, places):
        return self.filter(room__place__in=places)

    def with_details(self):
        return self.select_related("room__place", "requester", "organisation")


class Booking(TimeStampedModel):
    """A request to use a room from `start` to `end`; see workflow.py for its states."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("aangevraagd")
        APPROVED = "approved", _("goedgekeurd")
        DECLINED = "declined", _("geweigerd")
        CANCELLED = "cancelled", _("geannuleerd")

    room = models.ForeignKey(Room, verbose_name=_("zaal"), on_delete=models.CASCADE, related_name="bookings")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="room_bookings",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("voor de organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="room_bookings",
    )
    start = models.DateTimeField(_("begin"))
    end = models.DateTimeField(_("einde"))
    purpose = models.TextField(_("waarvoor"), max_length=1000)
    people = models.PositiveIntegerField(_("aantal personen"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    staff_message = models.TextField(_("bericht van de medewerker"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslist door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("reservatie")
        verbose_name_plural = _("reservaties")
        ordering = ["start"]
        indexes = [
            models.Index(fields=["room", "start"], name="booking_room_start"),
            models.Index(fields=["status", "start"], name="booking_status_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="booking_ends_after_start"),
            models.CheckConstraint(condition=Q(people__gt=0), name="booking_people_positive"),
            PostgresExclusionConstraint(
                name="booking_no_overlap_when_approved",
                expressions=[
                    (TsTzRange("start", "end", RangeBoundary()), RangeOperators.OVERLAPS),
                    ("room", RangeOperators.EQUAL),
                ],
                condition=Q(status="approved"),
                violation_error_message=_("Deze zaal is op dat moment al gereserveerd."),
            ),
        ]

    def __str__(self):
        return f"{self.room} {timezone.localtime(self.start):%d-%m-%Y %H:%M}"

    @property
    def requester_name(self) -> str:
        return self.requester.public_name if self.requester else str(_("voormalige inwoner"))

    @property
    def is_upcoming(self) -> bool:
        return self.end > timezone.now()

    @property
    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.start)

    @property
    def local_end(self) -> datetime.datetime:
        return timezone.localtime(self.end)

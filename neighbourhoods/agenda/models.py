"""The city's agenda: activities (one-off or a series of occurrences) and registrations.

An activity belongs to one organiser, named by explicit foreign keys: a city department, the
area team of a wijk, or an organisation (councils and world-citizenship programmes are a
department's activities with a label). Its state moves only through workflow.py.
"""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel

MAX_OCCURRENCES = 52
SDG_NUMBERS = range(1, 18)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at the door


class Theme(models.TextChoices):
    CULTURE = "culture", _("cultuur")
    SPORT = "sport", _("sport en beweging")
    YOUTH = "youth", _("jeugd")
    SENIORS = "seniors", _("senioren")
    NEIGHBOURHOOD = "neighbourhood", _("buurtleven")
    LEARNING = "learning", _("leren en Nederlands")
    ENVIRONMENT = "environment", _("natuur en milieu")
    HEALTH = "health", _("gezondheid en welzijn")
    WORLD = "world", _("wereldburgerschap")
    OTHER = "other", _("andere")


class Language(models.TextChoices):
    DUTCH = "nl", _("Nederlands")
    ENGLISH = "en", _("Engels")
    FRENCH = "fr", _("Frans")
    TURKISH = "tr", _("Turks")
    ARABIC = "ar", _("Arabisch")
    ITALIAN = "it", _("Italiaans")
    POLISH = "pl", _("Pools")
    SIGN = "sgn", _("Vlaamse Gebarentaal")


class Programme(models.TextChoices):
    NONE = "", _("geen")
    FRANCISTOWN = "francistown", _("Francistown")
    FAIRTRADE = "fairtrade", _("FairTrade-gemeente")
    SDG = "sdg", _("duurzame ontwikkelingsdoelen")
    NORTH_SOUTH = "north_south", _("Noord-Zuid")


def validate_sdgs(value):
    if not isinstance(value, list) or any(not isinstance(n, int) or n not in SDG_NUMBERS for n in value):
        raise ValidationError(_("Kies duurzame ontwikkelingsdoelen met een nummer van 1 tot 17."))


def validate_themes(value):
    if not isinstance(value, list) or any(v not in Theme.values for v in value):
        raise ValidationError(_("Kies thema's uit de lijst."))


def validate_languages(value):
    if not isinstance(value, list) or any(v not in Language.values for v in value):
        raise ValidationError(_("Kies talen uit de lijst."))


def image_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"agenda/{timezone.now():%Y}/{uuid.uuid4().hex}.{extension}"


def new_code() -> str:
    """A registration code: 8 characters from 32, 40 bits; unique (the constraint)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def _list_contains(field: str, value, pattern: str):
    """`field` (a JSON list) contains `value`: JSON containment on PostgreSQL (GIN-indexable),
    a regular expression on the JSON text elsewhere (SQLite, for the demo)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__contains": [value]})
    return Q(**{f"{field}_text__regex": pattern})


class Series(TimeStampedModel):
    """A repeating activity: the pattern its occurrences were made with."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("elke week")
        BIWEEKLY = "biweekly", _("om de twee weken")
        MONTHLY = "monthly", _("elke maand")

    frequency = models.CharField(_("herhaling"), max_length=10, choices=Frequency.choices)
    occurrences = models.PositiveSmallIntegerField(_("aantal keer"))

    class Meta:
        verbose_name = _("reeks")
        verbose_name_plural = _("reeksen")
        constraints = [
            models.CheckConstraint(
                condition=Q(occurrences__gte=2) & Q(occurrences__lte=MAX_OCCURRENCES), name="agenda_series_length"
            )
        ]

    def __str__(self):
        return f"{self.get_frequency_display()} ({self.occurrences})"


class ActivityQuerySet(models.QuerySet):
    def public(self):
        """What visitors see: published, cancelled (shown as such) and past activities."""
        return self.filter(status__in=Activity.PUBLIC_STATES)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def published(self):
        return self.filter(status=Activity.Status.PUBLISHED)

    def in_review(self):
        return self.filter(status=Activity.Status.IN_REVIEW)

    def in_neighbourhood(self, neighbourhood):
        return self.filter(neighbourhood=neighbourhood)

    def with_theme(self, theme):
        return self.annotate(themes_text=Cast("themes", models.TextField())).filter(
            _list_contains("themes", theme, rf'"{theme}"')
        )

    def with_sdg(self, number: int):
        return self.annotate(sdgs_text=Cast("sdgs", models.TextField())).filter(
            _list_contains("sdgs", int(number), rf"(^|[^0-9]){int(number)}([^0-9]|$)")
        )

    def free(self):
        return self.filter(price=0)

    def accessible(self):
        return self.filter(step_free=True)

    def for_children(self):
        return self.filter(Q(age_min__isnull=True) | Q(age_min__lt=12), age_max__isnull=False, age_max__lte=14)

    def with_seats_taken(self):
        """`seats_taken`: people (with companions) registered or attended; one subquery per row shown."""
        taken = (
            Registration.objects.filter(activity=OuterRef("pk"), status__in=Registration.COUNTING)
            .order_by()
            .values("activity")
            .annotate(total=Sum(F("companions") + 1))
            .values("total")
        )
        return self.annotate(seats_taken=Coalesce(Subquery(taken), 0))

    def for_list(self):
        """With what a card or a page shows, but not the wijken's boundaries (kilobytes each)."""
        return self.select_related("place", "neighbourhood", "organisation", "department", "team_neighbourhood").defer(
            "neighbourhood__boundary",
            "neighbourhood__statistical_sectors",
            "team_neighbourhood__boundary",
            "team_neighbourhood__statistical_sectors",
        )

    def of_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def organised_by(self, user):
        """Activities `user` organises: of their departments, wijk teams or organisations."""
        from neighbourhoods.models import TeamMembership

        teams = TeamMembership.objects.current().filter(user=user).values("neighbourhood")
        organisations = user.organisation_memberships.current().values("organisation")
        return self.filter(
            Q(department_id__in=user.department_ids())
            | Q(team_neighbourhood__in=teams)
            | Q(organisation__in=organisations)
        )


class Activity(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("ontwerp")
        IN_REVIEW = "in_review", _("ter controle")
        PUBLISHED = "published", _("gepubliceerd")
        CANCELLED = "cancelled", _("geannuleerd")
        TOOK_PLACE = "took_place", _("heeft plaatsgevonden")

    class OrganiserKind(models.TextChoices):
        CITY = "city", _("stadsdienst")
        AREA_TEAM = "area_team", _("wijkteam")
        ORGANISATION = "organisation", _("organisatie")
        COUNCIL = "council", _("adviesraad")
        PROGRAMME = "programme", _("programma wereldburgerschap")

    PUBLIC_STATES = (Status.PUBLISHED, Status.CANCELLED, Status.TOOK_PLACE)

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)

    organiser_kind = models.CharField(_("soort organisator"), max_length=20, choices=OrganiserKind.choices)
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("dienst"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    team_neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijkteam van"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="team_activities",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    organiser_label = models.CharField(_("naam van de adviesraad of het programma"), max_length=200, blank=True)
    programme = models.CharField(
        _("programma wereldburgerschap"), max_length=20, choices=Programme.choices, default="", blank=True
    )

    place = models.ForeignKey(
        "neighbourhoods.Place",
        verbose_name=_("plaats"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    address = models.CharField(_("adres"), max_length=250, blank=True)
    online_url = models.URLField(_("link om online deel te nemen"), blank=True)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    starts_at = models.DateTimeField(_("begint op"))
    ends_at = models.DateTimeField(_("eindigt op"))
    series = models.ForeignKey(
        Series, verbose_name=_("reeks"), null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )

    themes = models.JSONField(_("thema's"), default=list, blank=True, validators=[validate_themes])
    sdgs = models.JSONField(_("duurzame ontwikkelingsdoelen"), default=list, blank=True, validators=[validate_sdgs])
    age_min = models.PositiveSmallIntegerField(_("leeftijd vanaf"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("leeftijd tot en met"), null=True, blank=True)
    languages = models.JSONField(_("talen"), default=list, blank=True, validators=[validate_languages])
    price = models.DecimalField(
        _("prijs (euro)"), max_digits=7, decimal_places=2, default=0, help_text=_("0 voor gratis.")
    )
    step_free = models.BooleanField(_("drempelvrij"), default=False)
    accessible_toilet = models.BooleanField(_("aangepast toilet"), default=False)
    induction_loop = models.BooleanField(_("ringleiding"), default=False)
    sign_language = models.BooleanField(_("tolk Vlaamse Gebarentaal"), default=False)

    # An optional image (genk.core.images; agenda/images.py): the page version, its size, the
    # upload waiting for its versions, and the alt text (required with an image).
    image = models.ImageField(
        _("afbeelding"),
        upload_to=image_upload_to,
        width_field="image_width",
        height_field="image_height",
        blank=True,
    )
    image_width = models.PositiveIntegerField(_("breedte van de afbeelding"), null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(_("hoogte van de afbeelding"), null=True, blank=True, editable=False)
    image_alt = models.CharField(_("beschrijving van de afbeelding"), max_length=250, blank=True)
    image_pending = models.CharField(_("afbeelding in verwerking"), max_length=200, blank=True, editable=False)

    registration_enabled = models.BooleanField(_("inschrijven nodig"), default=False)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), null=True, blank=True)
    waiting_list_enabled = models.BooleanField(_("wachtlijst"), default=True)
    registration_deadline = models.DateTimeField(_("inschrijven kan tot"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    review_message = models.TextField(_("bericht van de controle"), blank=True)
    cancelled_reason = models.TextField(_("reden van annulering"), blank=True)
    changed_at = models.DateTimeField(_("laatst gewijzigd voor deelnemers"), null=True, blank=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="agenda_activity_status_start"),
            models.Index(fields=["neighbourhood", "starts_at"], name="agenda_activity_wijk_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="agenda_activity_ends_after_start"),
            models.CheckConstraint(condition=Q(price__gte=0), name="agenda_activity_price_not_negative"),
            models.CheckConstraint(
                condition=Q(registration_enabled=False) | Q(capacity__gte=1),
                name="agenda_activity_capacity_when_registering",
            ),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True) | Q(age_max__isnull=True) | Q(age_max__gte=F("age_min")),
                name="agenda_activity_ages",
            ),
            models.CheckConstraint(
                condition=(
                    Q(organiser_kind="organisation", organisation__isnull=False)
                    | Q(organiser_kind="area_team", team_neighbourhood__isnull=False)
                    | Q(organiser_kind__in=["city", "council", "programme"], department__isnull=False)
                ),
                name="agenda_activity_has_organiser",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agenda:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATES

    @property
    def is_free(self) -> bool:
        return self.price == 0

    @property
    def organiser_name(self) -> str:
        if self.organiser_kind == self.OrganiserKind.ORGANISATION:
            return str(self.organisation)
        if self.organiser_kind == self.OrganiserKind.AREA_TEAM:
            return str(_("Wijkteam %(wijk)s")) % {"wijk": self.team_neighbourhood}
        if self.organiser_label:
            return self.organiser_label
        return str(_("Stad Genk – %(department)s")) % {"department": self.department}

    @property
    def location_label(self) -> str:
        if self.place_id:
            return f"{self.place.name}, {self.place.address}"
        return self.address

    @property
    def accessibility_labels(self) -> list[str]:
        flags = [
            (self.step_free, _("drempelvrij")),
            (self.accessible_toilet, _("aangepast toilet")),
            (self.induction_loop, _("ringleiding")),
            (self.sign_language, _("tolk Vlaamse Gebarentaal")),
        ]
        return [str(label) for on, label in flags if on]

    @property
    def image_srcset(self) -> str:
        from .images import srcset

        return srcset(self)

    def theme_labels(self) -> list[str]:
        return [str(Theme(t).label) for t in self.themes if t in Theme.values]

    def language_labels(self) -> list[str]:
        return [str(Language(t).label) for t in self.languages if t in Language.values]

    def registration_closes_at(self):
        """Registrations close at the deadline, or when the activity starts."""
        return self.registration_deadline or self.starts_at

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Het einde moet na het begin liggen.")
        if self.registration_enabled and not self.capacity:
            errors["capacity"] = _("Geef het aantal plaatsen (minstens 1) als je inschrijvingen aanzet.")
        if self.age_min is not None and self.age_max is not None and self.age_max < self.age_min:
            errors["age_max"] = _("De leeftijd ‘tot en met’ mag niet lager zijn dan ‘vanaf’.")
        if self.registration_deadline and self.starts_at and self.registration_deadline > self.starts_at:
            errors["registration_deadline"] = _("De inschrijvingen moeten sluiten voor de activiteit begint.")
        if not (self.place_id or self.address or self.online_url):
            errors["address"] = _("Kies een plaats, geef een adres of een link om online deel te nemen.")
        if errors:
            raise ValidationError(errors)


class RegistrationQuerySet(models.QuerySet):
    def counting(self):
        return self.filter(status__in=Registration.COUNTING)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("created", "pk")

    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def of_user(self, user):
        return self.filter(user=user) if user.is_authenticated else self.none()


class Registration(TimeStampedModel):
    """One person's registration for an activity, for themselves and `companions` more."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("e-mailadres nog niet bevestigd")
        REGISTERED = "registered", _("ingeschreven")
        WAITING = "waiting", _("op de wachtlijst")
        CANCELLED = "cancelled", _("geannuleerd")
        ATTENDED = "attended", _("aanwezig")

    COUNTING = (Status.REGISTERED, Status.ATTENDED)

    activity = models.ForeignKey(
        Activity, verbose_name=_("activiteit"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_registrations",
    )
    name = models.CharField(_("naam"), max_length=150, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    companions = models.PositiveSmallIntegerField(_("aantal personen die met je meekomen"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    code = models.CharField(_("inschrijvingscode"), max_length=12, unique=True, default=new_code)
    promoted_at = models.DateTimeField(_("van de wachtlijst gehaald op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    attended_at = models.DateTimeField(_("aanwezig gemeld op"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("e-mailadres bevestigd op"), null=True, blank=True)
    anonymised = models.BooleanField(_("geanonimiseerd"), default=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["activity", "status"], name="agenda_registration_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "user"],
                condition=Q(user__isnull=False) & ~Q(status="cancelled"),
                name="agenda_one_registration_per_person",
            ),
            models.UniqueConstraint(
                fields=["activity", "email"],
                condition=Q(user__isnull=True) & ~Q(status="cancelled") & ~Q(email=""),
                name="agenda_one_registration_per_email",
            ),
            models.CheckConstraint(condition=Q(companions__lte=20), name="agenda_registration_companions"),
        ]

    def __str__(self):
        return f"{self.display_name} – {self.activity}"

    @property
    def seats(self) -> int:
        return 1 + self.companions

    @property
    def display_name(self) -> str:
        if self.anonymised:
            return str(_("geanonimiseerd"))
        if self.user_id:
            return self.user.public_name
        return self.name

    @property
    def contact_email(self) -> str:
        return self.user.email if self.user_id else self.email

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED

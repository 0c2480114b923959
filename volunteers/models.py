"""Volunteer work: opportunities (vacatures) of organisations, their shifts, sign-ups, and the
information notice (organisatienota) that Belgian volunteer law requires before the work starts.

States change only in workflow.py; capacity is guarded there under a lock on the shift row.
"""

import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from genk.core.files import random_name
from genk.core.models import TimeStampedModel
from initiatives.fields import SearchVectorField

from .querysets import OpportunityManager, ShiftQuerySet, SignUpQuerySet
from .storage import private_storage


class Theme(models.TextChoices):
    CARE = "care", _("zorg en welzijn")
    YOUTH = "youth", _("jeugd")
    SPORT = "sport", _("sport en beweging")
    CULTURE = "culture", _("cultuur")
    NATURE = "nature", _("natuur en klimaat")
    LANGUAGE = "language", _("taal en integratie")
    NEIGHBOURHOOD = "neighbourhood", _("buurt en samenleven")
    EDUCATION = "education", _("onderwijs en huiswerkbegeleiding")
    EVENTS = "events", _("evenementen")
    WORLD = "world", _("wereldburgerschap en fairtrade")


class Language(models.TextChoices):
    """Languages a volunteer may use on the job (Genk speaks many)."""

    DUTCH = "nl", _("Nederlands")
    FRENCH = "fr", _("Frans")
    ENGLISH = "en", _("Engels")
    TURKISH = "tr", _("Turks")
    ITALIAN = "it", _("Italiaans")
    ARABIC = "ar", _("Arabisch")
    POLISH = "pl", _("Pools")
    SPANISH = "es", _("Spaans")


def check_choice_list(value, choices):
    if not isinstance(value, list) or any(v not in choices for v in value):
        raise ValidationError(_("Kies enkel uit de lijst."))


def validate_themes(value):
    check_choice_list(value, Theme.values)


def validate_languages(value):
    check_choice_list(value, Language.values)


def validate_sdgs(value):
    if not isinstance(value, list) or any(not isinstance(v, int) or not 1 <= v <= 17 for v in value):
        raise ValidationError(_("SDG's zijn nummers van 1 tot en met 17."))


ADULT_AGE = 18  # under it, a parent or guardian consents (wet van 3 juli 2005)

# Paths under /vrijwilligers/ that an opportunity's slug must not take.
RESERVED_SLUGS = {
    "mijn",
    "organisaties",
    "shift",
    "inschrijving",
    "organisatienota",
    "agenda",
    "attest",
    "meedoen",
    "taalmaatjes",
}


class Opportunity(TimeStampedModel):
    """A vacature: what an organisation asks of volunteers, with shifts to sign up for."""

    class Kind(models.TextChoices):
        ONE_OFF = "one_off", _("eenmalig")
        RECURRING = "recurring", _("terugkerend")
        FLEXIBLE = "flexible", _("flexibel")
        DUTCH_PRACTICE = "dutch_practice", _("oefenkans Nederlands (taalmaatje)")

    class SignUpMode(models.TextChoices):
        INSTANT = "instant", _("meteen ingeschreven")
        APPROVAL = "approval", _("na goedkeuring door de coördinator")

    class Status(models.TextChoices):
        DRAFT = "draft", _("ontwerp")
        IN_REVIEW = "in_review", _("ter controle bij het vrijwilligerspunt")
        PUBLISHED = "published", _("gepubliceerd")
        CLOSED = "closed", _("afgesloten")

    PUBLIC_STATES = (Status.PUBLISHED, Status.CLOSED)

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="volunteer_opportunities",
    )
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("code"), max_length=220, unique=True, blank=True)
    description = models.TextField(_("omschrijving"))
    tasks = models.TextField(_("taken"), blank=True)
    skills = models.TextField(_("wat je meebrengt"), blank=True)
    offered = models.TextField(_("wat je ervoor terugkrijgt"), blank=True)
    languages = models.JSONField(
        _("talen"),
        default=list,
        blank=True,
        validators=[validate_languages],
        help_text=_("Talen die je kunt gebruiken."),
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimumleeftijd"), null=True, blank=True, validators=[MaxValueValidator(99)]
    )
    place = models.ForeignKey(
        "neighbourhoods.Place",
        verbose_name=_("plaats"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_opportunities",
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_opportunities",
        help_text=_("Leeg: in heel Genk."),
    )
    themes = models.JSONField(_("thema's"), default=list, blank=True, validators=[validate_themes])
    sdgs = models.JSONField(_("SDG's"), default=list, blank=True, validators=[validate_sdgs])
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.ONE_OFF)
    signup_mode = models.CharField(
        _("inschrijven"), max_length=20, choices=SignUpMode.choices, default=SignUpMode.INSTANT
    )
    cancellation_deadline_hours = models.PositiveSmallIntegerField(
        _("annuleren tot (uren vooraf)"),
        default=24,
        validators=[MaxValueValidator(24 * 14)],
        help_text=_("Tot hoeveel uur voor de shift een vrijwilliger zelf kan annuleren."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Full-text search (PostgreSQL): title (A), description, tasks and skills (B), the
    # organisation's name (C) in `dutch_unaccent`. Written by the database only: a trigger on
    # every insert and on every update of those columns (bulk writes included), and again when
    # the organisation is renamed (migration 0005). Never loaded (the manager defers it).
    search_vector = SearchVectorField(_("zoekindex"), null=True, editable=False)

    objects = OpportunityManager()

    class Meta:
        verbose_name = _("vrijwilligersvacature")
        verbose_name_plural = _("vrijwilligersvacatures")
        ordering = ["-published_at", "-created"]
        indexes = [models.Index(fields=["status", "-published_at", "-id"], name="volunteers_opp_status_newest")]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True) | Q(minimum_age__lte=99), name="volunteers_opportunity_age"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.title)[:200].strip("-") or "vacature"
            if base in RESERVED_SLUGS:
                base = f"{base}-vacature"
            slug, n = base, 1
            while type(self).objects.filter(slug=slug).exclude(pk=self.pk).exists():
                n += 1
                slug = f"{base}-{n}"
            self.slug = slug
        if self.place_id and not self.neighbourhood_id:
            self.neighbourhood_id = self.place.neighbourhood_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("volunteers:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATES

    def theme_labels(self) -> list[str]:
        return [Theme(t).label for t in self.themes if t in Theme.values]

    def language_labels(self) -> list[str]:
        return [Language(code).label for code in self.languages if code in Language.values]


class Shift(TimeStampedModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("gepland")
        CANCELLED = "cancelled", _("geannuleerd")

    opportunity = models.ForeignKey(
        Opportunity, verbose_name=_("vacature"), on_delete=models.CASCADE, related_name="shifts"
    )
    start = models.DateTimeField(_("begin"))
    end = models.DateTimeField(_("einde"))
    capacity = models.PositiveIntegerField(_("plaatsen"), validators=[MinValueValidator(1)])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    cancellation_reason = models.TextField(_("reden van annulering"), blank=True)

    objects = ShiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["opportunity", "start"], name="volunteers_shift_opp_start")]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gt=0), name="volunteers_shift_capacity_positive"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="volunteers_shift_end_after_start"),
        ]

    def __str__(self):
        return f"{self.opportunity} – {timezone.localtime(self.start):%d-%m-%Y %H:%M}"

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("Het einde moet na het begin liggen.")})

    @property
    def cancellation_deadline(self):
        return self.start - timedelta(hours=self.opportunity.cancellation_deadline_hours)

    @property
    def is_upcoming(self) -> bool:
        return self.start > timezone.now()


class SignUp(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("aangevraagd")
        ACCEPTED = "accepted", _("ingeschreven")
        DECLINED = "declined", _("niet aanvaard")
        WAITING = "waiting", _("op de wachtlijst")
        CANCELLED = "cancelled", _("geannuleerd")
        ATTENDED = "attended", _("aanwezig geweest")
        NO_SHOW = "no_show", _("niet opgedaagd")

    ACTIVE_STATES = (Status.REQUESTED, Status.ACCEPTED, Status.WAITING)

    shift = models.ForeignKey(Shift, verbose_name=_("shift"), on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vrijwilliger"),
        on_delete=models.CASCADE,
        related_name="volunteer_signups",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    message = models.TextField(_("bericht aan de coördinator"), blank=True)
    coordinator_message = models.TextField(_("bericht van de coördinator"), blank=True)
    created = models.DateTimeField(_("aangemaakt"), default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    guardian_name = models.CharField(
        _("ouder of voogd die toestemming gaf"), max_length=200, blank=True, help_text=_("Voor vrijwilligers onder 18.")
    )
    guardian_consent_at = models.DateTimeField(_("toestemming van ouder of voogd op"), null=True, blank=True)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["shift", "volunteer"], name="volunteers_one_signup_per_shift"),
            models.CheckConstraint(
                condition=(Q(guardian_name="") & Q(guardian_consent_at__isnull=True))
                | (~Q(guardian_name="") & Q(guardian_consent_at__isnull=False)),
                name="volunteers_guardian_consent_complete",
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} – {self.shift}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATES

    @property
    def hour_entry(self):
        """The hours logged for this sign-up, or None."""
        try:
            return self.hours
        except ObjectDoesNotExist:
            return None

    @property
    def can_log_hours(self) -> bool:
        return self.status in (self.Status.ACCEPTED, self.Status.ATTENDED) and self.shift.start <= timezone.now()


class InformationNotice(TimeStampedModel):
    """The organisatienota (wet van 3 juli 2005 betreffende de rechten van vrijwilligers, art. 4):
    what an organisation tells its volunteers before the work starts. Versioned: a new version
    asks every volunteer for a new acknowledgement before their next shift."""

    class AllowanceSystem(models.TextChoices):
        NONE = "none", _("geen vergoeding")
        FLAT_RATE = "flat_rate", _("forfaitaire vergoeding")
        ACTUAL_COSTS = "actual_costs", _("terugbetaling van de werkelijke kosten, met bewijs")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="volunteer_notices",
    )
    version = models.PositiveIntegerField(_("versie"), validators=[MinValueValidator(1)])
    aims = models.TextField(_("doel van de organisatie"))
    legal_status = models.CharField(
        _("juridisch statuut"), max_length=200, help_text=_("Bv. vzw, feitelijke vereniging, openbaar bestuur.")
    )
    insurance_civil_liability = models.TextField(
        _("verzekering burgerlijke aansprakelijkheid"), help_text=_("Verzekeraar en polisnummer.")
    )
    insurance_bodily_injury = models.TextField(
        _("verzekering lichamelijke schade"), blank=True, help_text=_("Leeg als er geen is.")
    )
    allowance_system = models.CharField(
        _("vergoedingsstelsel"), max_length=20, choices=AllowanceSystem.choices, default=AllowanceSystem.NONE
    )
    discretion_duty = models.TextField(
        _("discretieplicht"), blank=True, help_text=_("Wanneer het beroepsgeheim of de discretieplicht geldt.")
    )
    published_on = models.DateField(_("gepubliceerd op"), default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgesteld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("organisatienota")
        verbose_name_plural = _("organisatienota's")
        ordering = ["organisation", "-version"]
        get_latest_by = "version"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "version"], name="volunteers_notice_version_unique"),
        ]

    def __str__(self):
        return _("Organisatienota van %(organisation)s, versie %(version)s") % {
            "organisation": self.organisation,
            "version": self.version,
        }

    def get_absolute_url(self):
        return reverse("volunteers:notice", kwargs={"pk": self.pk})

    @classmethod
    def current_for(cls, organisation_id):
        return cls.objects.filter(organisation_id=organisation_id).order_by("-version").first()

    @classmethod
    def current_ids(cls):
        """A subquery-friendly queryset: the latest version of each organisation."""
        newer = cls.objects.filter(organisation_id=OuterRef("organisation_id"), version__gt=OuterRef("version"))
        return cls.objects.annotate(_newer=Exists(newer)).filter(_newer=False)


class NoticeAcknowledgement(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vrijwilliger"),
        on_delete=models.CASCADE,
        related_name="notice_acknowledgements",
    )
    notice = models.ForeignKey(
        InformationNotice, verbose_name=_("organisatienota"), on_delete=models.PROTECT, related_name="acknowledgements"
    )
    acknowledged_at = models.DateTimeField(_("gelezen op"), default=timezone.now)

    class Meta:
        verbose_name = _("kennisname van een organisatienota")
        verbose_name_plural = _("kennisnames van organisatienota's")
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "notice"], name="volunteers_one_acknowledgement"),
        ]

    def __str__(self):
        return f"{self.user} – {self.notice}"


class LoggedHours(TimeStampedModel):
    """What hour entries of shifts and of flexible work share: the hours, logged by the
    volunteer or a coordinator, approved or rejected by a coordinator (HOURS_FLOW)."""

    class Status(models.TextChoices):
        LOGGED = "logged", _("ingegeven")
        APPROVED = "approved", _("goedgekeurd")
        REJECTED = "rejected", _("afgewezen")

    hours = models.DecimalField(
        _("uren"), max_digits=4, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.LOGGED)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingegeven door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslist door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)

    class Meta:
        abstract = True


class HourEntry(LoggedHours):
    """The hours a volunteer worked on one shift, logged by the volunteer or a coordinator and
    approved by a coordinator: the basis of the certificate of hours (a later step)."""

    signup = models.OneToOneField(
        SignUp, verbose_name=_("inschrijving"), on_delete=models.CASCADE, related_name="hours"
    )
    note = models.TextField(_("opmerking"), blank=True)

    class Meta:
        verbose_name = _("gewerkte uren")
        verbose_name_plural = _("gewerkte uren")
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=24), name="volunteers_hours_within_a_day"),
        ]

    def __str__(self):
        return f"{self.signup}: {self.hours}"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of a volunteer's own shifts as an iCalendar feed. Renewing it makes
    the old address stop working; deleting it switches the feed off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vrijwilliger"),
        on_delete=models.CASCADE,
        related_name="volunteer_feed",
    )
    token = models.CharField(_("geheime code"), max_length=64, unique=True, default=new_token)
    created = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    class Meta:
        verbose_name = _("agenda-abonnement")
        verbose_name_plural = _("agenda-abonnementen")

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("volunteers:feed", kwargs={"token": self.token})


def accepted_counts():
    """An annotation: how many accepted sign-ups a shift has."""
    return Count("signups", filter=Q(signups__status=SignUp.Status.ACCEPTED))


# Allowances (wet van 3 juli 2005 betreffende de rechten van vrijwilligers, art. 10).


class AllowanceCap(models.Model):
    """The legal caps on flat-rate allowances for one calendar year, as data an administrator
    adds each year (the amounts are indexed on 1 January). `general` holds for every volunteer;
    `higher` is the higher yearly cap for the categories the law names (sports trainers and
    referees, night and day sitters, non-urgent patient transport): its daily cap is the
    general one when left empty."""

    class Category(models.TextChoices):
        GENERAL = "general", _("algemeen")
        HIGHER = "higher", _("verhoogd (categorieën die de wet noemt)")

    year = models.PositiveSmallIntegerField(_("jaar"), validators=[MinValueValidator(2005), MaxValueValidator(2100)])
    category = models.CharField(_("categorie"), max_length=20, choices=Category.choices, default=Category.GENERAL)
    per_day = models.DecimalField(
        _("maximum per dag"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Leeg bij de verhoogde categorie: dan geldt het algemene dagmaximum."),
    )
    per_year = models.DecimalField(
        _("maximum per jaar"), max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    source = models.CharField(_("bron"), max_length=300, help_text=_("Bv. de publicatie van de geïndexeerde bedragen."))

    class Meta:
        verbose_name = _("wettelijk maximum voor vrijwilligersvergoedingen")
        verbose_name_plural = _("wettelijke maxima voor vrijwilligersvergoedingen")
        ordering = ["-year", "category"]
        constraints = [
            models.UniqueConstraint(fields=["year", "category"], name="volunteers_one_cap_per_year_category"),
            models.CheckConstraint(
                condition=Q(category="higher") | Q(per_day__isnull=False), name="volunteers_general_cap_has_day"
            ),
            models.CheckConstraint(condition=Q(per_year__gt=0), name="volunteers_cap_year_positive"),
        ]

    def __str__(self):
        return f"{self.year} – {self.get_category_display()}"


class VolunteerYear(models.Model):
    """One row per volunteer and calendar year: the lock under which flat-rate allowances are
    checked against the caps across all organisations (created race-free, then locked with
    `select_for_update` for the length of the recording transaction)."""

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vrijwilliger"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))

    class Meta:
        verbose_name = _("vrijwilligersjaar")
        verbose_name_plural = _("vrijwilligersjaren")
        constraints = [models.UniqueConstraint(fields=["volunteer", "year"], name="volunteers_one_volunteer_year")]

    def __str__(self):
        return f"{self.volunteer} – {self.year}"


def proof_upload_to(instance, filename):
    """`proofs/<year>/<random>.<suffix>`: the stored name tells nothing about the file."""
    return random_name(filename, "proofs", timezone.now().year)


class Allowance(TimeStampedModel):
    """An allowance an organisation paid a volunteer for one day, in one of two systems: flat-rate
    (no proof, within the legal caps across all organisations) or actual costs (with proof)."""

    class System(models.TextChoices):
        FLAT_RATE = "flat_rate", _("forfaitaire kostenvergoeding")
        ACTUAL_COSTS = "actual_costs", _("werkelijke kosten, met bewijs")

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vrijwilliger"),
        on_delete=models.PROTECT,
        related_name="volunteer_allowances",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("dag"))
    system = models.CharField(_("stelsel"), max_length=20, choices=System.choices)
    category = models.CharField(
        _("categorie"),
        max_length=20,
        choices=AllowanceCap.Category.choices,
        default=AllowanceCap.Category.GENERAL,
        help_text=_("Verhoogd enkel voor de categorieën die de wet noemt (bv. sporttrainer, nachtoppas)."),
    )
    amount = models.DecimalField(_("bedrag (euro)"), max_digits=8, decimal_places=2)
    proof = models.CharField(
        _("bewijs"),
        max_length=300,
        blank=True,
        help_text=_("Bij werkelijke kosten: welk bewijsstuk (bv. kasticket, treinticket) de organisatie bewaart."),
    )
    # The scanned receipt (PDF, JPEG or PNG), private: served only by views.allowance_proof. Erased
    # with the volunteer's account (the allowance stays, as the organisation's legal record).
    proof_file = models.FileField(
        _("bewijsstuk (bestand)"), upload_to=proof_upload_to, storage=private_storage, max_length=300, blank=True
    )
    proof_file_name = models.CharField(_("naam van het bewijsstuk"), max_length=200, blank=True)
    note = models.CharField(_("omschrijving"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingegeven door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("vrijwilligersvergoeding")
        verbose_name_plural = _("vrijwilligersvergoedingen")
        ordering = ["-day", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "organisation", "day"], name="volunteers_one_allowance_per_day"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="volunteers_allowance_positive"),
            models.CheckConstraint(
                condition=Q(system="flat_rate") | ~Q(proof="") | ~Q(proof_file=""),
                name="volunteers_actual_costs_have_proof",
            ),
        ]
        indexes = [models.Index(fields=["volunteer", "day"], name="volunteers_allowance_vol_day")]

    def __str__(self):
        return f"{self.volunteer} – {self.organisation} – {self.day}: {self.amount}"


CERTIFICATE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_certificate_code() -> str:
    raw = "".join(secrets.choice(CERTIFICATE_ALPHABET) for _i in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_certificate_code(text: str) -> str:
    raw = "".join(c for c in (text or "").upper() if c.isalnum())
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:12]}" if len(raw) == 12 else raw


class Certificate(models.Model):
    """A certificate of hours (attest): the approved hours of one volunteer for one organisation
    in one year, as issued at a moment. Its code lets anyone verify it; a later change of the
    hours makes a new certificate (the earlier one stays genuine for what it said)."""

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vrijwilliger"),
        on_delete=models.PROTECT,
        related_name="volunteer_certificates",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    hours = models.DecimalField(_("uren"), max_digits=8, decimal_places=2)
    code = models.CharField(_("code"), max_length=20, unique=True, default=new_certificate_code)
    issued_at = models.DateTimeField(_("uitgereikt op"), default=timezone.now)

    class Meta:
        verbose_name = _("attest van vrijwilligersuren")
        verbose_name_plural = _("attesten van vrijwilligersuren")
        ordering = ["-issued_at"]
        constraints = [models.CheckConstraint(condition=Q(hours__gte=0), name="volunteers_certificate_hours")]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("volunteers:certificate_check", kwargs={"code": self.code})


# Flexible work: a sign-up for the opportunity as a whole, without shifts.


class Commitment(models.Model):
    """A volunteer's sign-up for an opportunity as a whole (flexible work without shifts): the
    hours are logged per day afterwards (`FlexibleHours`)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("aangevraagd")
        ACCEPTED = "accepted", _("ingeschreven")
        DECLINED = "declined", _("niet aanvaard")
        CANCELLED = "cancelled", _("geannuleerd")

    opportunity = models.ForeignKey(
        Opportunity, verbose_name=_("vacature"), on_delete=models.CASCADE, related_name="commitments"
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vrijwilliger"),
        on_delete=models.CASCADE,
        related_name="volunteer_commitments",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    message = models.TextField(_("bericht aan de coördinator"), blank=True)
    created = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)

    class Meta:
        verbose_name = _("inschrijving voor flexibel vrijwilligerswerk")
        verbose_name_plural = _("inschrijvingen voor flexibel vrijwilligerswerk")
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "volunteer"], name="volunteers_one_commitment"),
        ]

    def __str__(self):
        return f"{self.volunteer} – {self.opportunity}"


class FlexibleHours(LoggedHours):
    """The hours of one day of flexible work, logged by the volunteer (or a coordinator) and
    approved by a coordinator; approved hours count for the certificate."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("inschrijving"), on_delete=models.CASCADE, related_name="hours"
    )
    day = models.DateField(_("dag"))
    note = models.CharField(_("opmerking"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("uren flexibel vrijwilligerswerk")
        verbose_name_plural = _("uren flexibel vrijwilligerswerk")
        ordering = ["-day", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "day"], name="volunteers_flexible_hours_per_day"),
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=24), name="volunteers_flexible_hours_day"),
        ]

    def __str__(self):
        return f"{self.commitment} {self.day}: {self.hours}"

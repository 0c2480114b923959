from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. Roles are memberships (department, organisation,
    neighbourhood team, council), never a user type."""

    class NotificationFrequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("meteen, per bericht")
        DAILY = "daily", _("één keer per dag, in een overzicht")
        NEVER = "never", _("geen e-mail, alleen in het portaal")

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    display_name = models.CharField(
        _("schermnaam"), max_length=80, blank=True, help_text=_("Zo zien anderen je in het portaal.")
    )
    year_of_birth = models.PositiveSmallIntegerField(
        _("geboortejaar"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Nodig om te stemmen of te steunen waar een minimumleeftijd geldt."),
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
    )
    language = models.CharField(_("taal"), max_length=8, choices=settings.LANGUAGES, default="nl")
    notification_frequency = models.CharField(
        _("e-mail over meldingen"),
        max_length=20,
        choices=NotificationFrequency.choices,
        default=NotificationFrequency.IMMEDIATELY,
    )
    residency_verified_at = models.DateTimeField(_("woonplaats geverifieerd op"), null=True, blank=True)
    residency_verified_by = models.ForeignKey(
        "self",
        verbose_name=_("woonplaats geverifieerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    erased_at = models.DateTimeField(_("gegevens gewist op"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                condition=Q(year_of_birth__isnull=True) | Q(year_of_birth__gte=1900),
                name="user_year_of_birth_plausible",
            )
        ]

    def __str__(self):
        return self.public_name

    @property
    def public_name(self) -> str:
        """How the person appears on public pages."""
        if self.erased_at:
            return str(_("voormalige inwoner"))
        return self.display_name or self.email.split("@", 1)[0]

    def age_in(self, year: int | None = None) -> int | None:
        """Age reached in `year` (the birth year is all we keep)."""
        if self.year_of_birth is None:
            return None
        return (year or timezone.localdate().year) - self.year_of_birth

    @property
    def is_city_staff(self) -> bool:
        """A civil servant (a member of a department) or an administrator: must use MFA."""
        if self.is_staff or self.is_superuser:
            return True
        return bool(self.current_memberships())

    def current_memberships(self) -> list["DepartmentMembership"]:
        """The person's current department memberships with their department: one query,
        cached per instance. `is_city_staff`, `department_ids` and `in_department_named` (the
        apps' "member of department X" rules, the staff dashboard) all read it."""
        cached = getattr(self, "_current_memberships", None)
        if cached is None:
            if not self.is_authenticated or self.pk is None:
                cached = []
            else:
                cached = list(
                    DepartmentMembership.objects.current().filter(user=self).select_related("department").order_by("pk")
                )
            self._current_memberships = cached
        return cached

    def department_ids(self) -> frozenset[int]:
        """The ids of the departments the person is a current member of (cached per instance):
        what scopes their staff rights (`genk.core.permissions.in_department`)."""
        return frozenset(m.department_id for m in self.current_memberships())

    def in_department_named(self, slug: str, role: str | None = None) -> bool:
        """A current member of the department `slug` (with `role`, if given)."""
        return any(m.department.slug == slug and (role is None or m.role == role) for m in self.current_memberships())

    @property
    def has_mfa(self) -> bool:
        """Cached per instance (asked by the middleware, the rules and the pages of one request)."""
        cached = getattr(self, "_has_mfa", None)
        if cached is None:
            from allauth.mfa.models import Authenticator

            cached = self._has_mfa = Authenticator.objects.filter(user=self, type=Authenticator.Type.TOTP).exists()
        return cached


class Department(TimeStampedModel):
    """A department of the city (dienst), e.g. Participatie, Wereldburgerschap."""

    name = models.CharField(_("naam"), max_length=150, unique=True)
    slug = models.SlugField(_("code"), max_length=80, unique=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def current(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(start__isnull=True) | Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))


class DepartmentMembership(TimeStampedModel):
    class Role(models.TextChoices):
        STAFF = "staff", _("medewerker")
        HEAD = "head", _("diensthoofd")

    department = models.ForeignKey(
        Department, verbose_name=_("dienst"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.CASCADE,
        related_name="department_memberships",
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.STAFF)
    job_title = models.CharField(_("functie"), max_length=150, blank=True)
    start = models.DateField(_("vanaf"), null=True, blank=True)
    end = models.DateField(_("tot en met"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap van een dienst")
        verbose_name_plural = _("lidmaatschappen van diensten")
        constraints = [
            models.UniqueConstraint(fields=["department", "user"], name="department_membership_unique"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="department_membership_dates",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.department}"


class Organisation(TimeStampedModel):
    """An association, school, company or foundation that acts on the portal."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("vereniging")
        SCHOOL = "school", _("school")
        COMPANY = "company", _("bedrijf")
        FOUNDATION = "foundation", _("stichting")
        NORTH_SOUTH = "north_south", _("Noord-Zuidorganisatie")
        CITY = "city", _("stadsdienst")
        OTHER = "other", _("andere")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("code"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATION)
    enterprise_number = models.CharField(
        _("ondernemingsnummer"), max_length=12, blank=True, help_text=_("KBO-nummer, bv. 0207.437.468")
    )
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganisationMembership(TimeStampedModel):
    class Role(models.TextChoices):
        REPRESENTATIVE = "representative", _("vertegenwoordiger")
        VOLUNTEER_COORDINATOR = "volunteer_coordinator", _("vrijwilligerscoördinator")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices, default=Role.REPRESENTATIVE)
    start = models.DateField(_("vanaf"), null=True, blank=True)
    end = models.DateField(_("tot en met"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap van een organisatie")
        verbose_name_plural = _("lidmaatschappen van organisaties")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user", "role"], name="organisation_membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

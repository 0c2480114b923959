"""The Francistown partnership (stedenband): the partnership, its partners and contacts, its
projects (with funding, indicators, updates with photos and documents) and its exchanges.

Money: every amount is in euros (`DecimalField`). A line may also carry the amount in a foreign
currency (ISO 4217, BWP by default) with the rate used (units of that currency per euro), as the
partners reported it: both are shown side by side and nothing is ever converted by the portal.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel
from genk.core.money import group_thousands

CURRENCY = RegexValidator(r"^[A-Z]{3}$", _("Een valutacode heeft drie hoofdletters (ISO 4217), bv. BWP."))


class Partnership(TimeStampedModel):
    """The partnership itself (one row: Genk–Francistown), owned by a department of the city."""

    slug = models.SlugField(_("code"), max_length=60, unique=True, default="francistown")
    name = models.CharField(_("naam"), max_length=150)
    city = models.CharField(_("partnerstad"), max_length=100, default="Francistown")
    country = models.CharField(_("land"), max_length=100, default="Botswana")
    since = models.PositiveSmallIntegerField(_("sinds (jaar)"), null=True, blank=True)
    aims = models.TextField(_("doelen"))
    focus = models.TextField(_("vernieuwde focus"), blank=True)
    department = models.ForeignKey(
        "accounts.Department", verbose_name=_("dienst"), on_delete=models.PROTECT, related_name="partnerships"
    )

    class Meta:
        verbose_name = _("stedenband")
        verbose_name_plural = _("stedenbanden")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnership:home")


class Side(models.TextChoices):
    GENK = "genk", _("Genk")
    PARTNER = "partner", _("Francistown")


class Partner(models.Model):
    """An organisation on either side. Its contact details are only for the officer."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="partners")
    side = models.CharField(_("kant"), max_length=10, choices=Side.choices)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # Private: shown only to whoever manages the partnership.
    contact_name = models.CharField(_("contactpersoon (niet publiek)"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mailadres (niet publiek)"), blank=True)
    contact_phone = models.CharField(_("telefoon (niet publiek)"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["side", "name"]

    def __str__(self):
        return self.name


class Contact(models.Model):
    """A person to contact about the partnership: public role and work address."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("naam"), max_length=150)
    role = models.CharField(_("functie"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    side = models.CharField(_("kant"), max_length=10, choices=Side.choices, default=Side.GENK)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("aanspreekpunt")
        verbose_name_plural = _("aanspreekpunten")
        ordering = ["position", "name"]

    def __str__(self):
        return f"{self.name} ({self.role})"


class ProjectQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=Project.Status.DRAFT)

    def for_list(self):
        return self.select_related("neighbourhood").prefetch_related("sdgs")


class Project(TimeStampedModel):
    """A project of the partnership; an educational project (with a school) is a kind of project."""

    class Kind(models.TextChoices):
        PROJECT = "project", _("project")
        EDUCATIONAL = "educational", _("educatief project")

    class Status(models.TextChoices):
        DRAFT = "draft", _("in voorbereiding")
        RUNNING = "running", _("loopt")
        COMPLETED = "completed", _("afgerond")
        STOPPED = "stopped", _("stopgezet")

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="projects")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.PROJECT)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.CharField(_("korte omschrijving"), max_length=300)
    aims = models.TextField(_("doelen"))
    partners = models.ManyToManyField(Partner, verbose_name=_("partners"), blank=True, related_name="projects")
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"), null=True, blank=True)
    sdgs = models.ManyToManyField(
        "worldcitizenship.Goal", verbose_name=_("SDG's"), blank=True, related_name="partnership_projects"
    )
    targets = models.ManyToManyField(
        "worldcitizenship.Target", verbose_name=_("SDG-subdoelen"), blank=True, related_name="partnership_projects"
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk in Genk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partnership_projects",
    )
    # Educational projects.
    school = models.CharField(_("school"), max_length=200, blank=True)
    class_group = models.CharField(_("klas"), max_length=100, blank=True)
    materials = models.TextField(_("lesmateriaal"), blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    closing_note = models.TextField(_("toelichting bij de afsluiting"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("stedenbandproject")
        verbose_name_plural = _("stedenbandprojecten")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["status", "-starts_on"], name="wc_project_status_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="wc_project_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnership:project", kwargs={"pk": self.pk})

    def get_manage_url(self):
        return reverse("partnership_staff:project", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def is_educational(self) -> bool:
        return self.kind == self.Kind.EDUCATIONAL

    @property
    def department_id(self):
        return self.partnership.department_id

    def clean(self):
        errors = {}
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Het einde ligt voor het begin.")
        if self.kind == self.Kind.EDUCATIONAL and not self.school:
            errors["school"] = _("Een educatief project heeft een school.")
        if errors:
            raise ValidationError(errors)


class Funding(models.Model):
    """One funding source of a project's budget, in euros (with the foreign amount as reported)."""

    class Source(models.TextChoices):
        CITY = "city", _("stad Genk")
        FLEMISH = "flemish", _("Vlaamse cofinanciering")
        FEDERAL = "federal", _("federale cofinanciering")
        PARTNERS = "partners", _("eigen middelen van de partners")
        OTHER = "other", _("andere")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="fundings")
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices)
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    amount_eur = models.DecimalField(
        _("bedrag (euro)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    foreign_amount = models.DecimalField(
        _("bedrag in vreemde munt"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    foreign_currency = models.CharField(
        _("munt (ISO 4217)"), max_length=3, blank=True, default="BWP", validators=[CURRENCY]
    )
    rate = models.DecimalField(
        _("gebruikte koers (eenheden per euro)"),
        max_digits=14,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.000001"))],
    )

    class Meta:
        verbose_name = _("financieringsbron")
        verbose_name_plural = _("financieringsbronnen")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_eur__gte=0), name="wc_funding_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(foreign_amount__isnull=True) | (Q(rate__gt=0) & ~Q(foreign_currency="")),
                name="wc_funding_foreign_with_currency_and_rate",
            ),
        ]

    def __str__(self):
        return f"{self.get_source_display()}: {self.amount_eur} EUR"

    @property
    def foreign_amount_display(self) -> str:
        """'14.800,00 BWP', written the Dutch way like the euro amounts; '' without one."""
        if self.foreign_amount is None:
            return ""
        whole, cents = f"{abs(self.foreign_amount):.2f}".split(".")
        sign = "-" if self.foreign_amount < 0 else ""
        return f"{sign}{group_thousands(whole)},{cents}\u00a0{self.foreign_currency}"

    @property
    def rate_display(self) -> str:
        """'14,8' (the rate as entered, without trailing zeros, a decimal comma)."""
        if self.rate is None:
            return ""
        text = format(self.rate.normalize(), "f")
        return text.replace(".", ",")

    def clean(self):
        if self.foreign_amount is not None:
            errors = {}
            if not self.foreign_currency:
                errors["foreign_currency"] = _("Geef de munt van het bedrag in vreemde munt.")
            if self.rate is None:
                errors["rate"] = _("Geef de koers die je gebruikte: hoeveel eenheden van die munt één euro is.")
            if errors:
                raise ValidationError(errors)
        elif self.rate is not None:
            raise ValidationError({"foreign_amount": _("Een koers zonder bedrag in vreemde munt zegt niets.")})


class Indicator(models.Model):
    """A result indicator set at the start: name, baseline and target are fixed once the project
    is published (see services); the result is filled in as the project goes."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("eenheid"), max_length=50, blank=True)
    baseline = models.DecimalField(_("beginwaarde"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("streefwaarde"), max_digits=14, decimal_places=2)
    result = models.DecimalField(_("resultaat"), max_digits=14, decimal_places=2, null=True, blank=True)
    measured_on = models.DateField(_("gemeten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("resultaatindicator")
        verbose_name_plural = _("resultaatindicatoren")
        ordering = ["pk"]

    def __str__(self):
        return self.name

    @property
    def reached(self) -> bool | None:
        if self.result is None:
            return None
        if self.target >= self.baseline:
            return self.result >= self.target
        return self.result <= self.target


def photo_upload_to(instance, filename):
    from genk.core.files import random_name

    return random_name(filename, "worldcitizenship", "updates")


def document_upload_to(instance, filename):
    from genk.core.files import random_name

    return random_name(filename, "worldcitizenship", "documents")


class Update(models.Model):
    """News about a project, written by the officer; public once the project is."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(_("geplaatst op"), default=timezone.now)

    class Meta:
        verbose_name = _("nieuws over een project")
        verbose_name_plural = _("nieuws over projecten")
        ordering = ["-created", "-pk"]

    def __str__(self):
        return self.title


class Photo(models.Model):
    """A photo of an update; the alt text is required (what the photo shows)."""

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("foto"), upload_to=photo_upload_to, width_field="width", height_field="height")
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt_text = models.CharField(
        _("beschrijving van de foto (alt-tekst)"),
        max_length=250,
        help_text=_("Wat er op de foto te zien is, voor wie de foto niet ziet."),
    )

    class Meta:
        verbose_name = _("foto")
        verbose_name_plural = _("foto's")
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=~Q(alt_text=""), name="wc_photo_alt_text_required")]

    def __str__(self):
        return self.alt_text


class Document(models.Model):
    """A public document of a project (report, plan, leaflet)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("bestand"), upload_to=document_upload_to)
    created = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-created", "-pk"]

    def __str__(self):
        return self.title


class Exchange(models.Model):
    """A visit, a delegation, a school link or a youth exchange between the two cities."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("bezoek")
        DELEGATION = "delegation", _("delegatie")
        SCHOOL_LINK = "school_link", _("scholenband")
        YOUTH = "youth", _("jongerenuitwisseling")

    class Direction(models.TextChoices):
        TO_PARTNER = "to_partner", _("van Genk naar Francistown")
        TO_GENK = "to_genk", _("van Francistown naar Genk")
        BOTH = "both", _("in beide richtingen")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="exchanges")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    direction = models.CharField(_("richting"), max_length=20, choices=Direction.choices)
    participants = models.TextField(_("wie ging"), help_text=_("Functies of groepen, geen privégegevens."))
    place = models.CharField(_("waar"), max_length=200)
    starts_on = models.DateField(_("van"))
    ends_on = models.DateField(_("tot"), null=True, blank=True)
    purpose = models.TextField(_("doel"))
    outcome = models.TextField(_("wat het opleverde"), blank=True)
    project = models.ForeignKey(
        Project, verbose_name=_("project"), null=True, blank=True, on_delete=models.SET_NULL, related_name="exchanges"
    )

    class Meta:
        verbose_name = _("uitwisseling")
        verbose_name_plural = _("uitwisselingen")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="wc_exchange_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

"""Citizen initiatives: the initiative and its committee, supports, follows, comments, updates.

States and transitions are in workflow.py; operations that touch several rows in services.py.
Subsidy files will live beside these models in a `subsidies` sub-package.
"""

import secrets
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel

from . import conf
from .caching import ChangesInitiativeParts
from .fields import SearchVectorField
from .querysets import CommentQuerySet, InitiativeManager, InvitationQuerySet
from .workdays import add_working_days


class Theme(models.Model):
    """A theme an initiative is filed under (groen, samenleven, sport, ...)."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("code"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


def image_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"initiatives/{timezone.now():%Y}/{uuid.uuid4().hex}.{extension}"


class Initiative(TimeStampedModel):
    """A citizen initiative or a burgervoorstel, from draft to realised."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("kladversie")
        SUBMITTED = "submitted", _("ingediend, wacht op moderatie")
        CHANGES_REQUESTED = "changes_requested", _("aanpassing gevraagd")
        REJECTED = "rejected", _("niet gepubliceerd")
        COLLECTING = "collecting", _("verzamelt steun")
        THRESHOLD_REACHED = "threshold_reached", _("drempel bereikt")
        CLOSED = "closed", _("steunperiode afgelopen")
        ANSWERED = "answered", _("beantwoord door de stad")
        IN_PROGRESS = "in_progress", _("in uitvoering")
        REALISED = "realised", _("gerealiseerd")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("burgerinitiatief")
        PROPOSAL = "proposal", _("burgervoorstel")

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("aanvaard: de stad helpt")
        CO_CREATION = "co_creation", _("samen uitwerken met de stad")
        REDIRECTED = "redirected", _("doorverwezen")
        DECLINED = "declined", _("niet aanvaard")

    class RedirectTarget(models.TextChoices):
        SUBSIDY = "subsidy", _("een subsidiereglement")
        DEPARTMENT = "department", _("een stadsdienst")
        COUNCIL = "council", _("de agenda van de gemeenteraad")

    # What the resident writes.
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.INITIATIVE)
    title = models.CharField(_("titel"), max_length=120)
    slug = models.SlugField(_("code in de link"), max_length=80, blank=True)
    summary = models.CharField(_("korte samenvatting"), max_length=300, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    city_wide = models.BooleanField(_("voor heel Genk"), default=False)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("thema's"), blank=True, related_name="initiatives")
    sdgs = models.ManyToManyField(
        "worldcitizenship.Goal", verbose_name=_("SDG's"), blank=True, related_name="initiatives"
    )
    image = models.ImageField(
        _("afbeelding"),
        upload_to=image_upload_to,
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(_("breedte van de afbeelding"), null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(_("hoogte van de afbeelding"), null=True, blank=True, editable=False)
    image_alt = models.CharField(_("beschrijving van de afbeelding"), max_length=250, blank=True)
    # An upload waiting (in private storage) for the task that makes its versions: images.py.
    image_pending = models.CharField(_("afbeelding in verwerking"), max_length=200, blank=True, editable=False)
    help_venue = models.BooleanField(_("een locatie"), default=False)
    help_materials = models.BooleanField(_("materiaal"), default=False)
    help_permits = models.BooleanField(_("vergunningen"), default=False)
    help_communication = models.BooleanField(_("communicatie"), default=False)
    help_subsidy = models.BooleanField(_("een subsidie"), default=False)
    help_cocreation = models.BooleanField(_("samen uitwerken met de stad"), default=False)
    help_details = models.TextField(_("toelichting bij de gevraagde hulp"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        on_delete=models.PROTECT,
        related_name="initiatives_created",
    )

    # The workflow (written by workflow.py only).
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DRAFT, db_index=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    moderation_message = models.TextField(_("bericht van de moderator"), blank=True)
    moderated_at = models.DateTimeField(_("gemodereerd op"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemodereerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True, db_index=True)
    supports_close_at = models.DateTimeField(_("steun mogelijk tot"), null=True, blank=True)
    threshold = models.PositiveIntegerField(_("drempel"), null=True, blank=True)
    threshold_reached_at = models.DateTimeField(_("drempel bereikt op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("steunperiode afgesloten op"), null=True, blank=True)
    answer_due = models.DateField(_("antwoord verwacht tegen"), null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verantwoordelijke medewerker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives_handled",
    )
    outcome = models.CharField(_("antwoord"), max_length=20, choices=Outcome.choices, blank=True)
    answer_text = models.TextField(_("motivering van het antwoord"), blank=True)
    redirect_target = models.CharField(
        _("doorverwezen naar"), max_length=20, choices=RedirectTarget.choices, blank=True
    )
    redirect_detail = models.CharField(_("doorverwezen naar (welke)"), max_length=200, blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantwoord door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    progress_started_at = models.DateTimeField(_("uitvoering gestart op"), null=True, blank=True)
    realised_at = models.DateTimeField(_("gerealiseerd op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reden van intrekking"), blank=True)

    # Counters kept in the same transaction as the rows they count (services.py), checked
    # against the rows by services.recount() and its tests.
    support_count = models.PositiveIntegerField(_("steunbetuigingen"), default=0)
    counted_support_count = models.PositiveIntegerField(_("steunbetuigingen die meetellen"), default=0)
    comment_count = models.PositiveIntegerField(_("reacties"), default=0)

    # Full-text search (PostgreSQL, Dutch configuration); filled by save() and the seed.
    search_vector = SearchVectorField(_("zoekindex"), null=True, editable=False)

    objects = InitiativeManager()

    class Meta:
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")
        ordering = ["-published_at", "-created"]
        # The list's default order (`newest()`) also has a partial index on PostgreSQL,
        # `initiative_newest` (published_at DESC NULLS LAST, id DESC), made by migration 0003
        # on PostgreSQL only: SQLite (`make demo`) has no NULLS LAST in an index.
        indexes = [
            models.Index(fields=["status", "-published_at"], name="initiative_status_published"),
            models.Index(fields=["status", "-support_count"], name="initiative_status_supports"),
            models.Index(fields=["status", "supports_close_at"], name="initiative_status_closing"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(city_wide=True, neighbourhood__isnull=False), name="initiative_city_wide_or_neighbourhood"
            ),
            models.CheckConstraint(
                condition=Q(counted_support_count__lte=F("support_count")), name="initiative_counted_within_supports"
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(threshold__gte=1), name="initiative_published_has_threshold"
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(outcome=""), name="initiative_answer_has_outcome"
            ),
        ]

    # Groups of states, used by rules, querysets and templates.
    EDITABLE_STATES = (Status.DRAFT, Status.CHANGES_REQUESTED)
    PUBLIC_STATES = (
        Status.COLLECTING,
        Status.THRESHOLD_REACHED,
        Status.CLOSED,
        Status.ANSWERED,
        Status.IN_PROGRESS,
        Status.REALISED,
        Status.WITHDRAWN,  # only when it was published before (published_at)
    )
    SUPPORT_STATES = (Status.COLLECTING, Status.THRESHOLD_REACHED)
    AWAITING_ANSWER_STATES = (Status.THRESHOLD_REACHED, Status.CLOSED)
    FINAL_STATES = (Status.REJECTED, Status.REALISED, Status.WITHDRAWN)

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:80].strip("-") or "initiatief"
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"title", "summary", "description"} & set(update_fields):
            self.refresh_search_vector()

    def refresh_search_vector(self):
        """Recompute the stored Dutch tsvector (PostgreSQL only; SQLite searches with icontains)."""
        if connection.vendor == "postgresql":
            type(self).objects.filter(pk=self.pk).update(search_vector=search_vector_expression())

    def get_absolute_url(self):
        return reverse("initiatives:detail", kwargs={"pk": self.pk, "slug": self.slug or "initiatief"})

    @property
    def image_small_url(self) -> str:
        """The small version of the image (640 px), made with the page version: images.py."""
        from genk.core.images import small_url

        return small_url(self.image)

    @property
    def image_srcset(self) -> str:
        """`srcset` of the page and small versions with their real widths (genk.core.images.srcset)."""
        from .images import srcset

        return srcset(self)

    def take_state_from(self, other: "Initiative") -> None:
        """Copy the loaded field values of `other` (the same row, fresher) onto this instance,
        so a caller's object follows a transition done on a locked copy."""
        if other is self:
            return
        for field in self._meta.concrete_fields:
            if field.attname in other.__dict__:
                self.__dict__[field.attname] = other.__dict__[field.attname]
        self._state.fields_cache.clear()

    # State questions.
    @property
    def is_public(self) -> bool:
        return self.published_at is not None and self.status in self.PUBLIC_STATES

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATES

    @property
    def is_proposal(self) -> bool:
        return self.kind == self.Kind.PROPOSAL

    @property
    def supports_open(self) -> bool:
        return (
            self.status in self.SUPPORT_STATES
            and self.supports_close_at is not None
            and timezone.now() < self.supports_close_at
        )

    @property
    def awaiting_answer(self) -> bool:
        return self.status in self.AWAITING_ANSWER_STATES

    @property
    def progress_percent(self) -> int:
        if not self.threshold:
            return 0
        return min(100, self.counted_support_count * 100 // self.threshold)

    @property
    def supports_missing(self) -> int:
        if not self.threshold:
            return 0
        return max(0, self.threshold - self.counted_support_count)

    @property
    def place_label(self) -> str:
        if self.city_wide:
            return str(_("heel Genk"))
        return self.neighbourhood.name if self.neighbourhood_id else ""

    HELP_FIELDS = (
        ("venue", "help_venue"),
        ("materials", "help_materials"),
        ("permits", "help_permits"),
        ("communication", "help_communication"),
        ("subsidy", "help_subsidy"),
        ("cocreation", "help_cocreation"),
    )

    def help_asked(self) -> list[str]:
        """The labels of the kinds of help asked, in a fixed order."""
        return [
            str(self._meta.get_field(field).verbose_name) for _key, field in self.HELP_FIELDS if getattr(self, field)
        ]

    # The committee.
    def initiator_ids(self) -> set[int]:
        """The user ids of the accepted initiators (the lead included). Uses the prefetched
        `initiators` when there, so a page asking many permission questions queries once."""
        cached = getattr(self, "_initiator_ids", None)
        if cached is None:
            if "initiators" in getattr(self, "_prefetched_objects_cache", {}):
                cached = {i.user_id for i in self.initiators.all()}
            else:
                cached = set(self.initiators.values_list("user_id", flat=True))
            self._initiator_ids = cached
        return cached

    def forget_cached_initiators(self):
        self.__dict__.pop("_initiator_ids", None)
        getattr(self, "_prefetched_objects_cache", {}).pop("initiators", None)

    @cached_property
    def co_initiator_count(self) -> int:
        return max(0, len(self.initiator_ids()) - 1)

    def missing_for_submission(self) -> list[tuple[str, str]]:
        """What is still missing before this can be submitted: (step, message) pairs."""
        missing = []
        if not self.title.strip():
            missing.append(("idee", _("Geef je initiatief een titel.")))
        if not self.summary.strip():
            missing.append(("idee", _("Schrijf een korte samenvatting.")))
        if len(self.description.strip()) < 50:
            missing.append(("beschrijving", _("Beschrijf je initiatief in minstens 50 tekens.")))
        if not self.city_wide and not self.neighbourhood_id:
            missing.append(("plaats", _("Kies een wijk, of duid aan dat het voor heel Genk is.")))
        if self.image and not self.image_alt.strip():
            missing.append(("afbeelding", _("Beschrijf wat er op de afbeelding staat.")))
        if self.is_proposal and self.co_initiator_count < 1:
            missing.append(
                (
                    "initiatiefnemers",
                    _("Een burgervoorstel heeft minstens één mede-initiatiefnemer die de uitnodiging aanvaardde."),
                )
            )
        return missing

    def answer_due_from(self, moment) -> date:
        """The answer's due date for a threshold reached (or a period closed) at `moment`."""
        return add_working_days(timezone.localdate(moment), conf.answer_working_days())


def search_vector_expression():
    """The stored tsvector: title (A), summary (B), description (C), in the Dutch configuration
    without accents (`genk.core.search`: "taalcafe" finds "Taalcafé")."""
    from genk.core import search

    return search.vector(("title", "A"), ("summary", "B"), ("description", "C"))


class Initiator(TimeStampedModel):
    """A member of the initiative's committee: the lead (who started it) or a co-initiator
    (who accepted an invitation)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("initiatiefnemer")
        CO = "co", _("mede-initiatiefnemer")

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiatief"), on_delete=models.CASCADE, related_name="initiators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="initiative_roles",
    )
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.CO)

    objects = ChangesInitiativeParts.as_manager()

    class Meta:
        verbose_name = _("initiatiefnemer")
        verbose_name_plural = _("initiatiefnemers")
        ordering = ["role", "created"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="initiator_once_per_initiative"),
            models.UniqueConstraint(fields=["initiative"], condition=Q(role="lead"), name="initiator_one_lead"),
        ]

    def __str__(self):
        return f"{self.user} – {self.initiative}"


class Invitation(models.Model):
    """An invitation, by email, to join the committee as co-initiator. The link carries a
    random token; the invitee signs in (or signs up) and accepts."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiatief"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mailadres"))
    token = models.CharField(_("sleutel"), max_length=64, unique=True, default=secrets.token_urlsafe, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uitgenodigd door"), on_delete=models.CASCADE, related_name="+"
    )
    created = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    expires_at = models.DateTimeField(_("geldig tot"))
    accepted_at = models.DateTimeField(_("aanvaard op"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aanvaard door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    declined_at = models.DateTimeField(_("geweigerd op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging als mede-initiatiefnemer")
        verbose_name_plural = _("uitnodigingen als mede-initiatiefnemer")
        ordering = ["-created"]
        constraints = [models.UniqueConstraint(fields=["initiative", "email"], name="invitation_once_per_email")]

    def __str__(self):
        return f"{self.email} – {self.initiative}"

    def get_absolute_url(self):
        return reverse("initiatives:invitation", kwargs={"token": self.token})

    @classmethod
    def default_expiry(cls, now=None):
        return (now or timezone.now()) + timedelta(days=conf.invitation_days())

    @property
    def is_pending(self) -> bool:
        return (
            self.accepted_at is None
            and self.declined_at is None
            and self.revoked_at is None
            and timezone.now() < self.expires_at
        )


class Support(models.Model):
    """One resident's support for one initiative: at most one, by a database constraint."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiatief"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inwoner"),
        on_delete=models.CASCADE,
        related_name="initiative_supports",
    )
    created = models.DateTimeField(_("gesteund op"), default=timezone.now, db_index=True)
    counted = models.BooleanField(
        _("telt mee voor de drempel"),
        default=True,
        help_text=_("Voor een burgervoorstel tellen alleen inwoners van 16 jaar of ouder."),
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk van de inwoner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("steunbetuiging")
        verbose_name_plural = _("steunbetuigingen")
        ordering = ["-created"]
        constraints = [models.UniqueConstraint(fields=["initiative", "user"], name="support_once_per_person")]
        indexes = [models.Index(fields=["user", "-created"], name="support_by_user")]

    def __str__(self):
        return f"{self.user} steunt {self.initiative}"


class Follow(models.Model):
    """Someone follows an initiative: its updates reach them by their notification preference."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiatief"), on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="initiative_follows"
    )
    created = models.DateTimeField(_("volgt sinds"), default=timezone.now)

    class Meta:
        verbose_name = _("volger")
        verbose_name_plural = _("volgers")
        constraints = [models.UniqueConstraint(fields=["initiative", "user"], name="follow_once_per_person")]
        indexes = [models.Index(fields=["user"], name="follow_by_user")]

    def __str__(self):
        return f"{self.user} volgt {self.initiative}"


class Update(models.Model):
    """News about an initiative, by its initiators or by the city (progress until realised)."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiatief"), on_delete=models.CASCADE, related_name="updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.PROTECT, related_name="+"
    )
    by_city = models.BooleanField(_("namens de stad"), default=False)
    title = models.CharField(_("titel"), max_length=150)
    body = models.TextField(_("tekst"))
    created = models.DateTimeField(_("geplaatst op"), default=timezone.now)

    objects = ChangesInitiativeParts.as_manager()

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["initiative", "-created"], name="update_by_initiative")]

    def __str__(self):
        return self.title


class Comment(models.Model):
    """A reaction on a published initiative. Moderators hide it (never delete) with a reason
    the author is told."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiatief"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.PROTECT, related_name="initiative_comments"
    )
    body = models.TextField(_("reactie"), max_length=2000)
    created = models.DateTimeField(_("geplaatst op"), default=timezone.now)
    hidden_at = models.DateTimeField(_("verborgen op"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verborgen door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.TextField(_("reden van verbergen"), blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["initiative", "created"], name="comment_by_initiative")]
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""), name="comment_hidden_has_reason"
            )
        ]

    def __str__(self):
        return f"{self.author}: {self.body[:40]}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class CommentReport(models.Model):
    """Someone (signed in or not) reports a comment to the moderators."""

    comment = models.ForeignKey(Comment, verbose_name=_("reactie"), on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("waarom meld je deze reactie?"), max_length=1000)
    created = models.DateTimeField(_("gemeld op"), default=timezone.now)
    resolved_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("melding van een reactie")
        verbose_name_plural = _("meldingen van reacties")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], condition=Q(reporter__isnull=False), name="comment_report_once"
            )
        ]

    def __str__(self):
        return f"{self.comment} ({self.reason[:40]})"

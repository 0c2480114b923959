from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel

from .council import Council
from .meeting import AgendaItem, Vote


class AdviceRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=AdviceRequest.Status.OPEN)

    def overdue(self, today=None):
        return self.open().filter(deadline__lt=today or timezone.localdate())


class AdviceRequest(TimeStampedModel):
    """The city asks a council for advice, with a deadline."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ANSWERED = "answered", _("advies gegeven")
        DECLINED = "declined", _("geen advies")

    council = models.ForeignKey(
        Council, verbose_name=_("adviesraad"), on_delete=models.CASCADE, related_name="advice_requests"
    )
    title = models.CharField(_("onderwerp"), max_length=250)
    question = models.TextField(_("adviesvraag"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gevraagd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("dienst"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_advice_requests",
    )
    deadline = models.DateField(_("advies gevraagd tegen"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    declined_reason = models.TextField(_("waarom geen advies"), blank=True)

    objects = AdviceRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("adviesvraag")
        verbose_name_plural = _("adviesvragen")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["council", "status"])]

    def __str__(self):
        return self.title

    def is_overdue(self, today=None) -> bool:
        return self.status == self.Status.OPEN and self.deadline < (today or timezone.localdate())


class AdviceQuerySet(models.QuerySet):
    def public(self):
        """Advice the city has received: sent or answered."""
        return self.filter(status__in=Advice.PUBLIC_STATES)

    def awaiting_answer(self):
        return self.filter(status=Advice.Status.SENT)

    def overdue(self, today=None):
        return self.awaiting_answer().filter(answer_due__lt=today or timezone.localdate())

    def answered_on_time(self):
        return self.filter(status=Advice.Status.ANSWERED, answered_at__date__lte=F("answer_due"))

    def for_listing(self):
        return self.select_related("council", "department")

    def to_answer_by(self, user):
        """Advice awaiting the city's answer that `user` handles (see predicates.handles_advice):
        named on it, or in the addressed department, or, when none is addressed, in the
        council's supporting department; never advice of a council the user sits on."""
        from .council import CouncilMembership

        if not user.is_authenticated:
            return self.none()
        own_councils = CouncilMembership.objects.current().filter(user=user).values("council_id")
        advice = self.awaiting_answer().exclude(council_id__in=own_councils)
        if user.is_superuser:
            return advice
        departments = user.department_memberships.current().values("department_id")
        return advice.filter(
            Q(responsible=user)
            | Q(department_id__in=departments)
            | Q(department__isnull=True, council__department_id__in=departments)
        )


class Advice(TimeStampedModel):
    """Advice (advies) of a council to the city, and the city's answer."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("ontwerp")
        APPROVED = "approved", _("goedgekeurd door de raad")
        SENT = "sent", _("bezorgd aan de stad")
        ANSWERED = "answered", _("beantwoord door de stad")

    class Outcome(models.TextChoices):
        FOLLOWED = "followed", _("gevolgd")
        PARTLY_FOLLOWED = "partly_followed", _("gedeeltelijk gevolgd")
        NOT_FOLLOWED = "not_followed", _("niet gevolgd")

    PUBLIC_STATES = (Status.SENT, Status.ANSWERED)

    council = models.ForeignKey(Council, verbose_name=_("adviesraad"), on_delete=models.CASCADE, related_name="advice")
    title = models.CharField(_("titel"), max_length=250)
    summary = models.TextField(_("samenvatting"), blank=True)
    body = models.TextField(_("advies"))
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agendapunt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice",
    )
    request = models.ForeignKey(
        "AdviceRequest",
        verbose_name=_("op vraag van de stad"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    vote = models.ForeignKey(
        Vote,
        verbose_name=_("goedgekeurd bij stemming"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_advice",
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("gericht aan dienst"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_advice",
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verantwoordelijke medewerker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_advice_to_answer",
    )
    sent_at = models.DateTimeField(_("bezorgd op"), null=True, blank=True)
    answer_due = models.DateField(_("antwoord verwacht tegen"), null=True, blank=True)
    outcome = models.CharField(_("gevolg"), max_length=20, choices=Outcome.choices, blank=True)
    answer = models.TextField(_("antwoord van de stad"), blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantwoord door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgesteld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AdviceQuerySet.as_manager()

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["council", "status"]),
            models.Index(fields=["status", "answer_due"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "approved"]) | Q(sent_at__isnull=False, answer_due__isnull=False),
                name="advice_sent_has_deadline",
            ),
            models.CheckConstraint(
                condition=~Q(status="answered") | (~Q(outcome="") & Q(answered_at__isnull=False)),
                name="advice_answered_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False), name="advice_approved_has_date"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("councils:advice", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATES

    @property
    def on_own_initiative(self) -> bool:
        return self.request_id is None

    def is_overdue(self, today=None) -> bool:
        return (
            self.status == self.Status.SENT
            and self.answer_due is not None
            and self.answer_due < (today or timezone.localdate())
        )

    @property
    def answered_on_time(self) -> bool | None:
        if self.status != self.Status.ANSWERED or self.answer_due is None:
            return None
        return timezone.localdate(self.answered_at) <= self.answer_due

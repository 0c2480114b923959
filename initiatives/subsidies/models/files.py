"""The subsidy file (subsidiedossier) from application to decision, payment and final report,
with its co-applicants and budget lines. States and transitions live in workflow.py."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.models import TimeStampedModel

from ..querysets import SubsidyFileManager
from .common import MONEY, ZERO, normalise_address, normalise_iban
from .schemes import Scheme


class SubsidyFile(TimeStampedModel):
    """One application for a subsidy under one scheme, from draft to closed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("kladversie")
        SUBMITTED = "submitted", _("ingediend, ontvankelijkheid")
        INFO_REQUESTED = "info_requested", _("meer informatie gevraagd")
        ASSESSMENT = "assessment", _("in beoordeling")
        PROPOSED = "proposed", _("voorstel van beslissing")
        GRANTED = "granted", _("toegekend")
        REFUSED = "refused", _("geweigerd")
        REPORT_SUBMITTED = "report_submitted", _("eindverslag ingediend")
        REPORT_APPROVED = "report_approved", _("eindverslag goedgekeurd")
        CLOSED = "closed", _("afgesloten")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    class ApplicantKind(models.TextChoices):
        RESIDENT_GROUP = "resident_group", _("een groep inwoners")
        ORGANISATION = "organisation", _("een organisatie")

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("toekennen")
        REFUSED = "refused", _("weigeren")

    reference = models.CharField(_("dossiernummer"), max_length=20, unique=True, editable=False)
    scheme = models.ForeignKey(
        Scheme, verbose_name=_("reglement"), on_delete=models.PROTECT, related_name="subsidy_files"
    )
    budget_year = models.PositiveSmallIntegerField(
        _("begrotingsjaar"), help_text=_("Het jaar van de beslissing; tot dan het jaar van de aanvraag.")
    )
    applicant_kind = models.CharField(
        _("aanvrager"), max_length=20, choices=ApplicantKind.choices, default=ApplicantKind.RESIDENT_GROUP
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hoofdaanvrager"),
        on_delete=models.PROTECT,
        related_name="subsidy_files",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subsidy_files",
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiatief"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subsidy_files",
    )
    title = models.CharField(_("titel van het project"), max_length=200)
    description = models.TextField(_("beschrijving van het project"), blank=True)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subsidy_files",
    )
    city_wide = models.BooleanField(_("voor heel Genk"), default=False)
    starts_on = models.DateField(_("begindatum van het project"), null=True, blank=True)
    ends_on = models.DateField(_("einddatum van het project"), null=True, blank=True)
    applicant_address = models.CharField(
        _("adres van de hoofdaanvrager"), max_length=200, blank=True, help_text=_("Straat en huisnummer.")
    )
    iban = models.CharField(_("rekeningnummer (IBAN)"), max_length=34, blank=True)
    account_holder = models.CharField(_("rekeninghouder"), max_length=200, blank=True)
    amount_requested = models.DecimalField(_("gevraagd bedrag"), default=ZERO, **MONEY)

    # The workflow (written by workflow.py only).
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DRAFT, db_index=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dossierbehandelaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subsidy_files_handled",
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    intake_due = models.DateField(_("ontvankelijkheid tegen"), null=True, blank=True)
    info_requested_at = models.DateTimeField(_("informatie gevraagd op"), null=True, blank=True)
    info_due = models.DateField(_("antwoord verwacht tegen"), null=True, blank=True)
    info_return_status = models.CharField(
        _("status na het antwoord"), max_length=30, choices=Status.choices, blank=True
    )
    assessment_due = models.DateField(_("beoordeling tegen"), null=True, blank=True)
    decision_due = models.DateField(_("beslissing tegen"), null=True, blank=True)
    proposed_outcome = models.CharField(
        _("voorgestelde beslissing"), max_length=20, choices=Outcome.choices, blank=True
    )
    proposed_amount = models.DecimalField(_("voorgesteld bedrag"), null=True, blank=True, **MONEY)
    proposal_text = models.TextField(_("motivering van het voorstel"), blank=True)
    decided_on = models.DateField(_("beslist op (zitting van het college)"), null=True, blank=True)
    decision_reference = models.CharField(_("nummer van de collegebeslissing"), max_length=100, blank=True)
    outcome = models.CharField(_("beslissing"), max_length=20, choices=Outcome.choices, blank=True)
    amount_granted = models.DecimalField(_("toegekend bedrag"), null=True, blank=True, **MONEY)
    decision_text = models.TextField(_("motivering van de beslissing"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslissing geregistreerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report_due = models.DateField(_("eindverslag tegen"), null=True, blank=True)
    report_submitted_at = models.DateTimeField(_("eindverslag ingediend op"), null=True, blank=True)
    report_text = models.TextField(_("eindverslag"), blank=True)
    report_costs = models.DecimalField(_("werkelijke kosten"), null=True, blank=True, **MONEY)
    report_approved_at = models.DateTimeField(_("eindverslag goedgekeurd op"), null=True, blank=True)
    amount_recovered = models.DecimalField(_("teruggevorderd bedrag"), default=ZERO, **MONEY)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reden van intrekking"), blank=True)
    intake_checklist = models.JSONField(_("checklist ontvankelijkheid"), default=dict, blank=True)

    objects = SubsidyFileManager()

    class Meta:
        verbose_name = _("subsidiedossier")
        verbose_name_plural = _("subsidiedossiers")
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["scheme", "budget_year", "status"], name="subsidy_file_scheme_year"),
            models.Index(fields=["handler", "status"], name="subsidy_file_handler"),
            models.Index(fields=["status", "-created"], name="subsidy_file_status_created"),
            models.Index(fields=["applicant", "-created"], name="subsidy_file_applicant"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount_requested__gte=0), name="subsidy_file_requested_not_negative"),
            models.CheckConstraint(
                condition=Q(amount_granted__isnull=True) | Q(amount_granted__gte=0),
                name="subsidy_file_granted_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(proposed_amount__isnull=True) | Q(proposed_amount__gte=0),
                name="subsidy_file_proposed_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(amount_recovered__gte=0)
                & Q(amount_recovered__lte=Coalesce(F("amount_granted"), models.Value(ZERO))),
                name="subsidy_file_recovered_within_granted",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="granted") | Q(amount_granted__isnull=False),
                name="subsidy_file_granted_has_amount",
            ),
            models.CheckConstraint(
                condition=~Q(city_wide=True, neighbourhood__isnull=False),
                name="subsidy_file_city_wide_or_neighbourhood",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="subsidy_file_dates",
            ),
        ]

    # Groups of states, used by rules, querysets, tasks and templates.
    EDITABLE_STATES = (Status.DRAFT,)
    IN_PROGRESS_STATES = (Status.SUBMITTED, Status.INFO_REQUESTED, Status.ASSESSMENT, Status.PROPOSED)
    WITHDRAWABLE_STATES = (Status.DRAFT, *IN_PROGRESS_STATES)
    COMMITTED_STATES = (Status.GRANTED, Status.REPORT_SUBMITTED, Status.REPORT_APPROVED, Status.CLOSED)
    PAYABLE_STATES = (Status.GRANTED, Status.REPORT_SUBMITTED, Status.REPORT_APPROVED)
    FINAL_STATES = (Status.REFUSED, Status.CLOSED, Status.WITHDRAWN)
    DECIDED_STATES = (Status.REFUSED, *COMMITTED_STATES)
    DECISION_VISIBLE_STATES = (Status.PROPOSED, *DECIDED_STATES)
    # The deadline of each state's current step.
    DUE_FIELDS = {
        Status.SUBMITTED: "intake_due",
        Status.INFO_REQUESTED: "info_due",
        Status.ASSESSMENT: "assessment_due",
        Status.PROPOSED: "decision_due",
        Status.GRANTED: "report_due",
    }

    def __str__(self):
        return f"{self.reference} {self.title}".strip()

    def get_absolute_url(self):
        return reverse("subsidies:file", kwargs={"reference": self.reference})

    def get_staff_url(self):
        return reverse("subsidies_staff:file", kwargs={"reference": self.reference})

    # The reference: SUB-<year>-<0001>, numbered per year of creation.
    @classmethod
    def next_reference(cls, year: int) -> str:
        prefix = f"SUB-{year}-"
        last = (
            cls.objects.filter(reference__startswith=prefix)
            .order_by("-reference")
            .values_list("reference", flat=True)
            .first()
        )
        number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
        return f"{prefix}{number:04d}"

    def save(self, *args, **kwargs):
        self.iban = normalise_iban(self.iban)
        if self.budget_year is None:
            self.budget_year = timezone.localdate().year
        if self.reference or self.pk:
            return super().save(*args, **kwargs)
        year = timezone.localdate().year
        for _attempt in range(10):
            self.reference = self.next_reference(year)
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if not type(self).objects.filter(reference=self.reference).exists():
                    raise
                self.pk = None
                self._state.adding = True
        raise IntegrityError("Could not allocate a subsidy file reference.")

    def take_state_from(self, other: "SubsidyFile") -> None:
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
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATES

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL_STATES

    @property
    def is_granted(self) -> bool:
        return self.status in self.COMMITTED_STATES and self.outcome == self.Outcome.GRANTED

    @property
    def is_payable(self) -> bool:
        return self.status in self.PAYABLE_STATES

    @property
    def current_due(self):
        """The deadline of the current step, or None."""
        field = self.DUE_FIELDS.get(self.status)
        return getattr(self, field) if field else None

    def is_overdue_on(self, day=None) -> bool:
        due = self.current_due
        return due is not None and due < (day or timezone.localdate())

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on()

    @property
    def place_label(self) -> str:
        if self.city_wide:
            return str(_("heel Genk"))
        return self.neighbourhood.name if self.neighbourhood_id else ""

    @property
    def recipient_label(self) -> str:
        """The public name of the recipient: the organisation, or "a group of residents" —
        never a private person's name."""
        if self.applicant_kind == self.ApplicantKind.ORGANISATION and self.organisation_id:
            return self.organisation.name
        return str(_("een groep inwoners"))

    # Totals: from the annotations of `with_totals()` when there, else from the prefetched
    # rows, else one query each.
    def _line_total(self, kind) -> Decimal:
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "budget_lines" in cache:
            return sum((line.amount for line in cache["budget_lines"] if line.kind == kind), ZERO)
        return self.budget_lines.filter(kind=kind).aggregate(total=Coalesce(Sum("amount"), ZERO))["total"]

    @property
    def total_costs(self) -> Decimal:
        if "costs_total" in self.__dict__:
            return self.__dict__["costs_total"]
        return self._line_total(BudgetLine.Kind.COST)

    @property
    def total_income(self) -> Decimal:
        if "income_total" in self.__dict__:
            return self.__dict__["income_total"]
        return self._line_total(BudgetLine.Kind.INCOME)

    @property
    def deficit(self) -> Decimal:
        """Costs minus other income: the most a subsidy may cover."""
        return self.total_costs - self.total_income

    @property
    def total_paid(self) -> Decimal:
        if "paid_total" in self.__dict__:
            return self.__dict__["paid_total"]
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "payments" in cache:
            return sum((p.amount for p in cache["payments"]), ZERO)
        return self.payments.aggregate(total=Coalesce(Sum("amount"), ZERO))["total"]

    @property
    def payable_total(self) -> Decimal:
        """Granted minus recovered: the most that may ever be paid."""
        return (self.amount_granted or ZERO) - (self.amount_recovered or ZERO)

    @property
    def outstanding(self) -> Decimal:
        """What is still to be paid: granted − recovered − paid."""
        return self.payable_total - self.total_paid

    # The group of applicants.
    def accepted_co_applicants(self):
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "co_applicants" in cache:
            return [c for c in cache["co_applicants"] if c.accepted_at is not None]
        return list(self.co_applicants.filter(accepted_at__isnull=False))

    def group_size(self) -> int:
        """The lead plus the co-applicants who accepted."""
        return 1 + len(self.accepted_co_applicants())

    def distinct_addresses(self) -> set[str]:
        addresses = {normalise_address(self.applicant_address)}
        addresses |= {normalise_address(c.address) for c in self.accepted_co_applicants()}
        addresses.discard("")
        return addresses

    def member_user_ids(self) -> set[int]:
        """The lead and the accepted co-applicants with an account."""
        ids = {self.applicant_id}
        ids |= {c.user_id for c in self.accepted_co_applicants() if c.user_id}
        return ids

    def documents_for(self, required_document) -> list:
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "documents" in cache:
            return [d for d in cache["documents"] if d.required_document_id == required_document.pk]
        return list(self.documents.filter(required_document=required_document))

    def missing_documents(self, stage) -> list:
        """The scheme's required documents of `stage` with no document uploaded for them."""
        present = set(
            self.documents.filter(required_document__isnull=False).values_list("required_document_id", flat=True)
        )
        return [r for r in self.scheme.required_documents.filter(stage=stage) if r.pk not in present]


def co_applicant_token():
    return secrets.token_urlsafe(32)


class CoApplicant(TimeStampedModel):
    """A member of a group of residents applying together, invited by email by the lead."""

    file = models.ForeignKey(
        SubsidyFile, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="co_applicants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subsidy_co_applications",
    )
    email = models.EmailField(_("e-mailadres"))
    name = models.CharField(_("naam"), max_length=200, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True, help_text=_("Straat en huisnummer."))
    token = models.CharField(_("sleutel"), max_length=64, unique=True, default=co_applicant_token, editable=False)
    invited_at = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    accepted_at = models.DateTimeField(_("aanvaard op"), null=True, blank=True)

    class Meta:
        verbose_name = _("mede-aanvrager")
        verbose_name_plural = _("mede-aanvragers")
        ordering = ["invited_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["file", "email"], name="subsidy_co_applicant_once_per_email")]

    def __str__(self):
        return f"{self.name or self.email} – {self.file}"

    def get_absolute_url(self):
        return reverse("subsidies:accept_invitation", kwargs={"token": self.token})

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None


class BudgetLine(models.Model):
    """One line of the project's budget: a cost, or other income (own means, sponsors, ...)."""

    class Kind(models.TextChoices):
        COST = "cost", _("uitgave")
        INCOME = "income", _("inkomst")

    file = models.ForeignKey(
        SubsidyFile, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.COST)
    description = models.CharField(_("omschrijving"), max_length=250)
    amount = models.DecimalField(_("bedrag"), **MONEY)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("begrotingslijn")
        verbose_name_plural = _("begrotingslijnen")
        ordering = ["file", "kind", "position", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="subsidy_budget_line_positive")]

    def __str__(self):
        return f"{self.description}: € {self.amount}"

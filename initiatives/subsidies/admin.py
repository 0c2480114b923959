"""Django admin for administrators. The workflow fields and the money of a file are read-only
here: they change through workflow.py and services.py only (the staff pages), so every change
is permission-checked, checked against the budget and audited."""

from django.contrib import admin

from genk.core.audit import AuditedAdminMixin

from .models import (
    Assessment,
    BudgetLine,
    CoApplicant,
    Criterion,
    Document,
    Message,
    Payment,
    RequiredDocument,
    Scheme,
    SchemeBudget,
    Score,
    SubsidyFile,
)

WORKFLOW_FIELDS = [
    "reference",
    "status",
    "budget_year",
    "handler",
    "submitted_at",
    "intake_due",
    "info_requested_at",
    "info_due",
    "info_return_status",
    "assessment_due",
    "decision_due",
    "proposed_outcome",
    "proposed_amount",
    "proposal_text",
    "decided_on",
    "decision_reference",
    "outcome",
    "amount_granted",
    "decision_text",
    "decided_by",
    "report_due",
    "report_submitted_at",
    "report_text",
    "report_costs",
    "report_approved_at",
    "amount_recovered",
    "closed_at",
    "withdrawn_at",
    "withdrawn_reason",
]


class SchemeBudgetInline(admin.TabularInline):
    model = SchemeBudget
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 0


@admin.register(Scheme)
class SchemeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "department", "max_amount", "opens_on", "closes_on", "is_active", "position"]
    list_filter = ["is_active", "department"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sdgs"]
    inlines = [SchemeBudgetInline, CriterionInline, RequiredDocumentInline]


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    readonly_fields = ["kind", "description", "amount", "position"]
    can_delete = False


class CoApplicantInline(admin.TabularInline):
    model = CoApplicant
    extra = 0
    fields = ["email", "name", "user", "invited_at", "accepted_at"]
    readonly_fields = ["user", "invited_at", "accepted_at"]


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    readonly_fields = ["kind", "amount", "paid_on", "reference", "recorded_by", "created"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = ["title", "stage", "original_name", "size", "uploaded_by", "created"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SubsidyFile)
class SubsidyFileAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["reference", "title", "scheme", "status", "amount_requested", "amount_granted", "budget_year"]
    list_filter = ["status", "scheme", "budget_year"]
    list_select_related = ["scheme"]
    search_fields = ["reference", "title", "organisation__name"]
    raw_id_fields = ["applicant", "organisation", "initiative", "neighbourhood"]
    readonly_fields = WORKFLOW_FIELDS
    inlines = [CoApplicantInline, BudgetLineInline, DocumentInline, PaymentInline]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["file", "assessor", "recommendation", "submitted_at"]
    list_select_related = ["file", "assessor"]
    raw_id_fields = ["file", "assessor"]
    readonly_fields = ["submitted_at"]
    inlines = [ScoreInline]


@admin.register(Message)
class MessageAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["file", "kind", "author", "created"]
    list_filter = ["kind"]
    list_select_related = ["file", "author"]
    raw_id_fields = ["file", "author"]


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    """Read-only: payments are recorded on the staff pages (services.record_payment checks the total)."""

    list_display = ["file", "kind", "amount", "paid_on", "reference"]
    list_select_related = ["file"]
    search_fields = ["file__reference", "reference"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

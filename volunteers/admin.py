from django.contrib import admin

from .models import (
    Allowance,
    AllowanceCap,
    Certificate,
    InformationNotice,
    NoticeAcknowledgement,
    Opportunity,
    Shift,
    SignUp,
)


class ShiftInline(admin.TabularInline):
    model = Shift
    extra = 0
    fields = ["start", "end", "capacity", "status"]
    readonly_fields = ["status"]


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "kind", "status", "published_at"]
    list_filter = ["status", "kind", "signup_mode"]
    search_fields = ["title", "organisation__name"]
    readonly_fields = ["status", "published_at"]
    autocomplete_fields = ["organisation"]
    inlines = [ShiftInline]


@admin.register(SignUp)
class SignUpAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "shift", "status", "created"]
    list_filter = ["status"]
    readonly_fields = ["status"]
    raw_id_fields = ["shift", "volunteer"]


@admin.register(InformationNotice)
class InformationNoticeAdmin(admin.ModelAdmin):
    list_display = ["organisation", "version", "allowance_system", "published_on"]
    readonly_fields = ["version"]


@admin.register(NoticeAcknowledgement)
class NoticeAcknowledgementAdmin(admin.ModelAdmin):
    list_display = ["user", "notice", "acknowledged_at"]
    raw_id_fields = ["user", "notice"]


@admin.register(AllowanceCap)
class AllowanceCapAdmin(admin.ModelAdmin):
    """Where an administrator adds each year's legal caps (indexed on 1 January)."""

    list_display = ["year", "category", "per_day", "per_year", "source"]
    list_filter = ["category"]


@admin.register(Allowance)
class AllowanceAdmin(admin.ModelAdmin):
    """Read-only: allowances are recorded through the coordinators' page, which checks the caps under a lock."""

    list_display = ["day", "volunteer", "organisation", "system", "amount"]
    list_filter = ["system", "category"]
    raw_id_fields = ["volunteer", "organisation", "recorded_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "organisation", "year", "hours", "issued_at"]
    search_fields = ["code"]
    raw_id_fields = ["volunteer", "organisation"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

"""Django admin for administrators. The workflow fields are read-only here: states change
through workflow.py only (the staff pages), so every change is permission-checked and audited."""

from django.contrib import admin

from genk.core.audit import AuditedAdminMixin

from .models import Comment, CommentReport, Follow, Initiative, Initiator, Invitation, Support, Theme, Update

WORKFLOW_FIELDS = [
    "status",
    "submitted_at",
    "moderation_message",
    "moderated_at",
    "moderated_by",
    "published_at",
    "supports_close_at",
    "threshold",
    "threshold_reached_at",
    "closed_at",
    "answer_due",
    "outcome",
    "answer_text",
    "redirect_target",
    "redirect_detail",
    "answered_at",
    "answered_by",
    "progress_started_at",
    "realised_at",
    "withdrawn_at",
    "withdrawn_reason",
    "support_count",
    "counted_support_count",
    "comment_count",
]


@admin.register(Theme)
class ThemeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


class InitiatorInline(admin.TabularInline):
    model = Initiator
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Initiative)
class InitiativeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "status", "neighbourhood", "support_count", "published_at"]
    list_filter = ["status", "kind", "neighbourhood__district"]
    list_select_related = ["neighbourhood"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["created_by", "handler"]
    readonly_fields = WORKFLOW_FIELDS
    filter_horizontal = ["themes", "sdgs"]
    inlines = [InitiatorInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "initiative", "created", "accepted_at", "declined_at", "revoked_at"]
    raw_id_fields = ["initiative", "invited_by", "accepted_by"]
    readonly_fields = ["token"]


@admin.register(Support)
class SupportAdmin(admin.ModelAdmin):
    list_display = ["initiative", "user", "created", "counted"]
    raw_id_fields = ["initiative", "user"]
    list_select_related = ["initiative", "user"]

    def has_add_permission(self, request):
        return False  # supports are counted with the initiative's counters: services.support only

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["initiative", "author", "created", "hidden_at"]
    raw_id_fields = ["initiative", "author", "hidden_by"]
    readonly_fields = ["hidden_at", "hidden_by", "hidden_reason"]
    list_select_related = ["initiative", "author"]


admin.site.register(CommentReport, raw_id_fields=["comment", "reporter", "resolved_by"])
admin.site.register(Follow, raw_id_fields=["initiative", "user"])
admin.site.register(Update, raw_id_fields=["initiative", "author"])

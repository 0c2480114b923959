from django.contrib import admin

from .models import AuditLogEntry, Notification, OutboxMessage, SendLog


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    list_display = ["created", "actor_repr", "action", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["actor_repr", "object_repr", "action"]
    readonly_fields = [f.name for f in AuditLogEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created", "recipient", "kind", "subject", "read_at", "emailed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient"]


@admin.register(SendLog)
class SendLogAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "key", "recipient", "channel"]
    search_fields = ["key"]
    raw_id_fields = ["recipient"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """What waits for the broker (genk.core.outbox): read-only; `manage.py drain_outbox` publishes it."""

    list_display = ["pk", "task", "created", "sent_at", "attempts", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter), "task"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

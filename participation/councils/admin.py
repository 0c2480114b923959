from django.contrib import admin

from .models import (
    Advice,
    AdviceRequest,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Council,
    CouncilMembership,
    Meeting,
    MembershipApplication,
    Minutes,
    MinutesRemark,
    Vote,
)


class MembershipInline(admin.TabularInline):
    model = CouncilMembership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "start", "end", "represents", "organisation"]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active", "is_example", "quorum_percentage", "answer_days"]
    list_filter = ["is_active", "is_example"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(CouncilMembership)
class CouncilMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "council", "role", "start", "end"]
    list_filter = ["council", "role"]
    search_fields = ["user__email", "user__display_name"]
    autocomplete_fields = ["user"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "purpose", "is_confidential"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "starts_at", "status", "is_public", "sequence"]
    list_filter = ["council", "status", "is_public"]
    date_hierarchy = "starts_at"
    readonly_fields = ["status", "sequence", "invitations_sent_at"]
    inlines = [AgendaItemInline]


@admin.register(AgendaDocument)
class AgendaDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "item", "is_confidential", "size"]
    readonly_fields = ["file", "content_type", "size", "original_name"]


@admin.register(Advice)
class AdviceAdmin(admin.ModelAdmin):
    list_display = ["title", "council", "status", "sent_at", "answer_due", "outcome"]
    list_filter = ["council", "status", "outcome"]
    search_fields = ["title"]
    readonly_fields = ["status", "sent_at", "answer_due", "answered_at", "approved_at"]


@admin.register(AdviceRequest)
class AdviceRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "council", "deadline", "status"]
    list_filter = ["council", "status"]
    readonly_fields = ["status"]


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(admin.ModelAdmin):
    list_display = ["user", "council", "status", "created"]
    list_filter = ["council", "status"]
    readonly_fields = ["status"]


admin.site.register([Attendance, Vote, Minutes, MinutesRemark])

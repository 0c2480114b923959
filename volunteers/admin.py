from django.contrib import admin

from .models import InformationNotice, NoticeAcknowledgement, Opportunity, Shift, SignUp


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

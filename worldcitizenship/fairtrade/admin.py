from django.contrib import admin

from .models import Criterion, Evidence, Point, Progress, SteeringMeeting, SteeringMember


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "per_residents", "minimum", "to_verify", "source_date"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0


@admin.register(Progress)
class ProgressAdmin(admin.ModelAdmin):
    list_display = ["year", "criterion", "status"]
    list_filter = ["year", "status"]
    readonly_fields = ["status"]
    inlines = [EvidenceInline]


@admin.register(Point)
class PointAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "neighbourhood", "status"]
    list_filter = ["status", "kind"]
    readonly_fields = ["status", "approved_at", "withdrawn_at"]
    search_fields = ["name", "address"]


admin.site.register(SteeringMember)
admin.site.register(SteeringMeeting)

from django.contrib import admin

from .models import (
    Ballot,
    Cycle,
    Heading,
    HeadingResult,
    Phase,
    ProjectResult,
    ProjectUpdate,
    Proposal,
    Theme,
    VoterRecord,
)


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class HeadingInline(admin.TabularInline):
    model = Heading
    extra = 0


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["name", "scope", "voting_rule", "is_published", "results_published_at"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [HeadingInline, PhaseInline]

    def get_readonly_fields(self, request, obj=None):
        # Whether online voters need an identity cannot change once someone voted (README: Integrity).
        if obj is not None and Ballot.objects.filter(heading__cycle=obj).exists():
            return ["paper_ballots"]
        return []


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "cycle", "heading", "status", "estimated_cost", "revised_cost"]
    list_filter = ["cycle", "status", "theme"]
    search_fields = ["title"]
    raw_id_fields = ["author", "merged_into", "reviewed_by"]
    # Status changes go through the workflow (and the staff pages), never by hand here.
    readonly_fields = ["status", "reviewed_by", "reviewed_at", "progress"]


@admin.register(Ballot)
class BallotAdmin(admin.ModelAdmin):
    """Read-only: ballots change only through voting and the paper-ballot page."""

    list_display = ["heading", "channel", "choice_count", "total_cost", "confirmed_at"]
    list_filter = ["channel", "heading__cycle"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VoterRecord)
class VoterRecordAdmin(admin.ModelAdmin):
    list_display = ["label", "cycle", "neighbourhood", "verified_by", "verified_at"]
    exclude = ["identity_hash"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(HeadingResult)
class HeadingResultAdmin(admin.ModelAdmin):
    list_display = ["heading", "ballots_online", "ballots_paper", "computed_at"]

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(ProjectResult)
admin.site.register(ProjectUpdate)

from django.contrib import admin

from .models import District, Neighbourhood, Place, TeamMembership


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "is_example"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    # The grouping of wijken is administrators' (rules.py: neighbourhoods.change_district).
    def has_add_permission(self, request):
        return request.user.has_perm("neighbourhoods.change_district")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("neighbourhoods.change_district", obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("neighbourhoods.change_district", obj)


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "district", "population"]
    list_filter = ["district"]
    list_select_related = ["district"]
    search_fields = ["name", "code"]
    readonly_fields = ["code", "boundary", "statistical_sectors"]
    inlines = [TeamMembershipInline]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "neighbourhood"]
    list_filter = ["kind"]
    search_fields = ["name", "address"]
    prepopulated_fields = {"slug": ["name"]}

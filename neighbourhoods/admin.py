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


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "district", "population"]
    list_filter = ["district"]
    list_select_related = ["district"]
    search_fields = ["name", "code"]
    readonly_fields = ["code", "boundary"]
    inlines = [TeamMembershipInline]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "neighbourhood"]
    list_filter = ["kind"]
    search_fields = ["name", "address"]
    prepopulated_fields = {"slug": ["name"]}

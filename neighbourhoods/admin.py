from django.contrib import admin

from .models import (
    Booking,
    District,
    Neighbourhood,
    OpeningException,
    OpeningHours,
    Partner,
    PartnerArea,
    PartnerPlace,
    Place,
    Room,
    TeamMembership,
)


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


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class OpeningExceptionInline(admin.TabularInline):
    model = OpeningException
    extra = 0


class RoomInline(admin.StackedInline):
    model = Room
    extra = 0


class PartnerPlaceInline(admin.TabularInline):
    model = PartnerPlace
    extra = 0
    autocomplete_fields = ["partner"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "neighbourhood", "department"]
    list_filter = ["kind", "department", "step_free", "accessible_toilet", "induction_loop"]
    list_select_related = ["neighbourhood", "department"]
    search_fields = ["name", "address"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["neighbourhood"]
    filter_horizontal = ["team"]
    inlines = [OpeningHoursInline, OpeningExceptionInline, RoomInline, PartnerPlaceInline]


class PartnerAreaInline(admin.TabularInline):
    model = PartnerArea
    extra = 0
    autocomplete_fields = ["neighbourhood"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnerAreaInline, PartnerPlaceInline]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Read-only: bookings change through the workflow (the staff pages under /beheer/plekken/)."""

    list_display = ["room", "start", "end", "status", "requester", "organisation"]
    list_filter = ["status"]
    list_select_related = ["room__place", "requester", "organisation"]
    date_hierarchy = "start"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

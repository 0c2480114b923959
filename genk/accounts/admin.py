from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from genk.core.audit import AuditedAdminMixin, record

from .models import Department, DepartmentMembership, Organisation, OrganisationMembership, User


class DepartmentMembershipInline(admin.TabularInline):
    model = DepartmentMembership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["department"]


class OrganisationMembershipInline(admin.TabularInline):
    model = OrganisationMembership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "neighbourhood", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language", "neighbourhood"]
    search_fields = ["email", "display_name"]
    list_select_related = ["neighbourhood"]
    autocomplete_fields = ["neighbourhood"]
    readonly_fields = ["last_login", "date_joined", "erased_at", "residency_verified_by"]
    inlines = [DepartmentMembershipInline, OrganisationMembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profiel"), {"fields": ["display_name", "year_of_birth", "neighbourhood", "language"]}),
        (_("Woonplaats"), {"fields": ["residency_verified_at", "residency_verified_by"]}),
        (_("Rechten"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Data"), {"fields": ["last_login", "date_joined", "erased_at"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    actions = ["verify_residency"]

    @admin.action(description=_("Woonplaats verifiëren (na controle van het adres)"))
    def verify_residency(self, request, queryset):
        count = 0
        with transaction.atomic():
            for user in queryset.select_for_update(of=("self",)).filter(
                residency_verified_at__isnull=True, erased_at__isnull=True
            ):
                user.residency_verified_at = timezone.now()
                user.residency_verified_by = request.user
                user.save(update_fields=["residency_verified_at", "residency_verified_by"])
                record(
                    request.user,
                    "accounts.user.residency_verified",
                    user,
                    after={"neighbourhood": user.neighbourhood_id, "residency_verified_at": user.residency_verified_at},
                )
                count += 1
        self.message_user(
            request,
            ngettext("%(count)d woonplaats geverifieerd.", "%(count)d woonplaatsen geverifieerd.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Department)
class DepartmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "email"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "enterprise_number", "neighbourhood"]
    list_filter = ["kind"]
    search_fields = ["name", "enterprise_number"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["neighbourhood"]

from django.urls import reverse
from django.utils.translation import gettext as _

from genk.core.portal import DashboardItem, dashboard_section


@dashboard_section
def staff_tools(user):
    items = []
    for membership in user.current_memberships():
        items.append(
            DashboardItem(
                section=_("Mijn diensten"),
                label=membership.department.name,
                url="",
                description=membership.job_title or membership.get_role_display(),
            )
        )
    items.append(
        DashboardItem(
            section=_("Opvolging"),
            label=_("Auditlog"),
            url=reverse("core:audit_log"),
            description=_("Wie deed wat, wanneer, met welk dossier."),
        )
    )
    if user.is_superuser:
        items.append(
            DashboardItem(
                section=_("Opvolging"),
                label=_("Django-beheer"),
                url=reverse("admin:index"),
                description=_("Alle gegevens, voor beheerders."),
            )
        )
    return items

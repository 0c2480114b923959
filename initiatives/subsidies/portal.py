"""Subsidy files on the staff dashboard (/beheer/): what this civil servant may act on."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from genk.core import portal
from genk.core.permissions import can
from genk.core.portal import DashboardItem, dashboard_section, waiting_invitation

from .models import CoApplicant, SubsidyFile
from .predicates import is_decision_maker

S = SubsidyFile.Status


@dashboard_section
def staff_items(user) -> list[DashboardItem]:
    if not user.is_authenticated or not can(user, "subsidies.access_workbench"):
        return []
    workbench = reverse("subsidies_staff:workbench")
    section = _("Subsidies")
    files = SubsidyFile.objects.for_workbench(user)
    today = timezone.localdate()
    open_files = files.exclude(status__in=(S.DRAFT, *SubsidyFile.FINAL_STATES))
    # Counted with the dashboard's other numbers in one query (genk.core.portal.count).
    items = [
        DashboardItem(
            section=section,
            label=_("Mijn subsidiedossiers"),
            url=f"{workbench}?lijst=mijn",
            count=portal.count(open_files.filter(handler=user)),
            description=_("Dossiers waarvan je de behandelaar bent."),
        ),
        DashboardItem(
            section=section,
            label=_("Niet toegewezen"),
            url=f"{workbench}?lijst=niet-toegewezen",
            count=portal.count(open_files.filter(handler__isnull=True)),
        ),
        DashboardItem(
            section=section,
            label=_("Te laat"),
            url=f"{workbench}?lijst=te-laat",
            count=portal.count(files.overdue(today)),
        ),
        DashboardItem(
            section=section,
            label=_("Door mij te beoordelen"),
            url=f"{workbench}?lijst=te-beoordelen",
            count=portal.count(
                files.filter(status=S.ASSESSMENT, assessments__assessor=user, assessments__submitted_at__isnull=True)
                .values("pk")
                .distinct()
            ),
            hide_when_zero=True,
        ),
    ]
    if is_decision_maker(user):
        items.append(
            DashboardItem(
                section=section,
                label=_("Te beslissen door het college"),
                url=f"{workbench}?status={S.PROPOSED}",
                count=portal.count(files.filter(status=S.PROPOSED)),
                description=_("Registreer de beslissing van het college van burgemeester en schepenen."),
            )
        )
    return items


# An invitation to apply together is followed up for this long after it was sent.
INVITATION_WAITS_DAYS = 30


@waiting_invitation
def co_applicant_invitation(user) -> str | None:
    """The newest open invitation to apply together for the person's email address."""
    if not user.email:
        return None
    since = timezone.now() - timedelta(days=INVITATION_WAITS_DAYS)
    invitation = (
        CoApplicant.objects.filter(
            email__iexact=user.email,
            accepted_at__isnull=True,
            invited_at__gte=since,
            file__status__in=(S.DRAFT, S.SUBMITTED, S.INFO_REQUESTED),
        )
        .order_by("-invited_at")
        .first()
    )
    return invitation.get_absolute_url() if invitation else None

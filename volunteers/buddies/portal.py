from django.urls import reverse
from django.utils.translation import gettext as _

from genk.core import portal
from genk.core.portal import DashboardItem, dashboard_section
from volunteers.models import Opportunity
from volunteers.predicates import coordinated_organisation_ids, is_desk_staff

from .models import Meeting


@dashboard_section
def language_buddies(user):
    """For the coordinators of a programme and the volunteer desk: the matching pages, with
    the number of meetings waiting for approval."""
    if not user.is_authenticated:
        return []
    programmes = Opportunity.objects.filter(kind=Opportunity.Kind.DUTCH_PRACTICE).exclude(
        status=Opportunity.Status.DRAFT
    )
    if not is_desk_staff(user, user):
        programmes = programmes.filter(organisation_id__in=coordinated_organisation_ids(user))
        if not coordinated_organisation_ids(user) or not programmes.exists():
            return []
    to_approve = portal.count(Meeting.objects.filter(pair__opportunity__in=programmes, status=Meeting.Status.LOGGED))
    return [
        DashboardItem(
            section=_("Taalmaatjes"),
            label=_("Taalmaatjes koppelen"),
            url=reverse("buddies_staff:programmes"),
            count=to_approve,
            description=_("ontmoetingen om goed te keuren"),
        )
    ]

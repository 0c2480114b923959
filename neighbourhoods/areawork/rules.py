"""Permissions of the area-based work, named areawork.<verb>_<model>. README.md has the table per
persona. The object is a wijk (Neighbourhood) or something of one (a plan, a priority, an
action, a signal): the rule asks about the area team of that wijk (current memberships only)."""

import rules

from genk.core.permissions import is_administrator
from neighbourhoods.models import Neighbourhood, TeamMembership

from .models import Action, Plan, Priority, Signal


def wijk_id(obj) -> int | None:
    """The id of the wijk `obj` belongs to."""
    if isinstance(obj, Neighbourhood):
        return obj.pk
    if isinstance(obj, Plan | Signal):
        return obj.neighbourhood_id
    if isinstance(obj, Priority):
        return obj.plan.neighbourhood_id
    if isinstance(obj, Action):
        return obj.priority.plan.neighbourhood_id
    return None


def _memberships(user, obj):
    wid = wijk_id(obj)
    if not getattr(user, "is_authenticated", False) or wid is None:
        return TeamMembership.objects.none()
    return TeamMembership.objects.current().filter(user=user, neighbourhood_id=wid)


@rules.predicate
def in_wijk_team(user, obj) -> bool:
    """A current member of the area team of the object's wijk (any role, wijkregisseur included)."""
    return _memberships(user, obj).exists()


@rules.predicate
def directs_wijk(user, obj) -> bool:
    """A current wijkregisseur of the object's wijk."""
    return _memberships(user, obj).directors().exists()


@rules.predicate
def is_signed_in(user) -> bool:
    return user.is_authenticated and user.is_active


@rules.predicate
def plan_is_published(user, plan) -> bool:
    return isinstance(plan, Plan) and plan.status == Plan.Status.PUBLISHED


# The wijkplan: the area team of the wijk reads and updates it; its wijkregisseur publishes it.
rules.add_perm("areawork.view_plan", in_wijk_team | is_administrator)
rules.add_perm("areawork.change_plan", in_wijk_team | is_administrator)
rules.add_perm("areawork.change_action", in_wijk_team | is_administrator)
rules.add_perm("areawork.publish_plan", directs_wijk | is_administrator)
# The public version: everyone, once published.
rules.add_perm("areawork.view_public_plan", plan_is_published)

# Signals are never public. The area team records and follows them up in its own wijk; the
# wijkregisseur sees the overview per theme over time. Administrators do not read them.
rules.add_perm("areawork.record_signal", in_wijk_team)
rules.add_perm("areawork.view_signal", in_wijk_team)
rules.add_perm("areawork.change_signal", in_wijk_team)
rules.add_perm("areawork.view_signal_overview", directs_wijk)

# The area-team page of a wijk; its public description, contacts (and photos): the wijkregisseur.
rules.add_perm("areawork.view_team", in_wijk_team | is_administrator)
rules.add_perm("areawork.change_wijk_page", directs_wijk | is_administrator)

# Following a wijk: any signed-in person.
rules.add_perm("areawork.follow_wijk", is_signed_in)

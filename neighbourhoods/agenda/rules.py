"""Permissions of the agenda, named agenda.<verb>_<model>. README.md has the table per persona.

Who organises an activity: members (with MFA) of its department, the area team of its wijk
team (`team_neighbourhood`), the representatives of its organisation. Reviewers of an
organisation's first activity: members (with MFA) of the reviewing department
(`AGENDA_REVIEW_DEPARTMENT`, default "participatie"). Administrators pass where `is_administrator`
is in the rule.
"""

import rules
from django.conf import settings

from genk.core.permissions import in_department, is_administrator, is_staff_with_mfa
from neighbourhoods.models import TeamMembership

from .models import Activity, Registration

REVIEW_DEPARTMENT = getattr(settings, "AGENDA_REVIEW_DEPARTMENT", "participatie")


def _activity(obj):
    if isinstance(obj, Registration):
        return obj.activity
    return obj


@rules.predicate
def is_authenticated(user):
    return user.is_authenticated


owns_by_department = in_department(lambda obj: _activity(obj).department_id, name="in_activity_department")


@rules.predicate
def is_in_organising_team(user, obj) -> bool:
    activity = _activity(obj)
    if not user.is_authenticated or activity is None or activity.team_neighbourhood_id is None:
        return False
    return TeamMembership.objects.current().filter(user=user, neighbourhood_id=activity.team_neighbourhood_id).exists()


@rules.predicate
def represents_organiser(user, obj) -> bool:
    activity = _activity(obj)
    if not user.is_authenticated or activity is None or activity.organisation_id is None:
        return False
    return user.organisation_memberships.current().filter(organisation_id=activity.organisation_id).exists()


is_organiser = owns_by_department | is_in_organising_team | represents_organiser


@rules.predicate
def organisation_is_trusted(user, obj) -> bool:
    """An organisation with an activity published before publishes without review."""
    activity = _activity(obj)
    if activity is None or activity.organisation_id is None:
        return False
    return (
        Activity.objects.filter(organisation_id=activity.organisation_id, published_at__isnull=False)
        .exclude(pk=activity.pk)
        .exists()
    )


@rules.predicate
def is_reviewer(user) -> bool:
    if not (user.is_authenticated and user.has_mfa):
        return False
    return user.in_department_named(REVIEW_DEPARTMENT)


@rules.predicate
def can_organise_something(user) -> bool:
    """Has a role to organise with: a department (MFA), a wijk team, an organisation."""
    if not user.is_authenticated:
        return False
    if is_staff_with_mfa(user) and user.department_ids():
        return True
    if TeamMembership.objects.current().filter(user=user).exists():
        return True
    return user.organisation_memberships.current().exists()


@rules.predicate
def is_public(user, activity) -> bool:
    return activity is not None and activity.is_public


@rules.predicate
def own_registration(user, registration) -> bool:
    return user.is_authenticated and registration is not None and registration.user_id == user.pk


rules.add_perm("agenda.view_activity", is_public | is_organiser | is_reviewer | is_administrator)
rules.add_perm("agenda.add_activity", can_organise_something | is_administrator)
rules.add_perm("agenda.change_activity", is_organiser | is_administrator)
rules.add_perm(
    "agenda.publish_activity",
    owns_by_department | is_in_organising_team | (represents_organiser & organisation_is_trusted) | is_administrator,
)
rules.add_perm("agenda.review_activity", is_reviewer | is_administrator)
rules.add_perm("agenda.add_registration", is_authenticated)
rules.add_perm("agenda.manage_registration", is_organiser | is_administrator)
rules.add_perm("agenda.attend_registration", is_organiser | is_administrator)
rules.add_perm("agenda.cancel_registration", own_registration | is_organiser | is_administrator)

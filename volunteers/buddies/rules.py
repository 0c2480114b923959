"""Who may do what with language buddies. The coordinators of a programme are the volunteer
coordinators of the organisation running it (its Dutch-practice opportunity) and the city's
volunteer desk; an administrator passes only where named. A learner's level and availability
are seen by the learner, the coordinators and — once a pair is proposed — the proposed buddy."""

import rules

from genk.core.permissions import is_administrator
from volunteers.predicates import coordinated_organisation_ids, is_desk_staff, is_signed_in


def opportunity_of(obj):
    from volunteers.models import Opportunity

    from .models import Buddy, Learner, Meeting, Pair

    if isinstance(obj, Opportunity):
        return obj
    if isinstance(obj, Learner | Buddy | Pair):
        return obj.opportunity
    if isinstance(obj, Meeting):
        return obj.pair.opportunity
    return None


@rules.predicate
def is_programme_coordinator(user, obj):
    opportunity = opportunity_of(obj)
    return opportunity is not None and opportunity.organisation_id in coordinated_organisation_ids(user)


@rules.predicate
def is_open_programme(user, opportunity):
    return opportunity is not None and opportunity.kind == "dutch_practice" and opportunity.status == "published"


def pair_of(obj):
    from .models import Meeting

    return obj.pair if isinstance(obj, Meeting) else obj


@rules.predicate
def is_pair_learner(user, obj):
    pair = pair_of(obj)
    return pair is not None and user.is_authenticated and pair.learner.user_id == user.pk


@rules.predicate
def is_pair_buddy(user, obj):
    pair = pair_of(obj)
    return pair is not None and user.is_authenticated and pair.buddy.user_id == user.pk


@rules.predicate
def is_own_registration(user, obj):
    return obj is not None and user.is_authenticated and obj.user_id == user.pk


@rules.predicate
def is_proposed_buddy_of(user, learner):
    """The buddy of an open pair with this learner (proposed or active)."""
    from .models import Pair

    if learner is None or not user.is_authenticated:
        return False
    return Pair.objects.open().filter(learner=learner, buddy__user=user).exists()


coordinates = is_programme_coordinator | is_desk_staff | is_administrator
is_party = is_pair_learner | is_pair_buddy

# Programme (object: the Dutch-practice opportunity).
rules.add_perm("buddies.register", is_signed_in & is_open_programme)
rules.add_perm("buddies.coordinate", coordinates)
rules.add_perm("buddies.propose_pair", coordinates)

# Registrations (object: the learner or buddy).
rules.add_perm("buddies.view_learner", is_own_registration | coordinates | is_proposed_buddy_of)
rules.add_perm("buddies.withdraw_registration", is_own_registration | coordinates)

# Pairs (object: the pair).
rules.add_perm("buddies.view_pair", is_party | coordinates)
rules.add_perm("buddies.accept_as_learner", is_pair_learner)
rules.add_perm("buddies.accept_as_buddy", is_pair_buddy)
rules.add_perm("buddies.decline_pair", is_party)
rules.add_perm("buddies.end_pair", is_party | coordinates)
rules.add_perm("buddies.log_meeting", is_party)

# Meetings (object: the meeting).
rules.add_perm("buddies.approve_meeting", coordinates)

"""Small named checks that rules.py combines into permissions.

Results that need a query are cached on the user or the initiative for the request, so a page
that asks many permission questions stays at a constant number of queries.
"""

import rules
from django.utils import timezone

from genk.core.permissions import has_mfa
from genk.core.permissions import is_administrator as _is_administrator

from . import conf
from .models import Comment, Initiative, Initiator

# Every right the city's people have here (moderator, handler, administrator) needs two-factor
# authentication: without it a civil servant is an ordinary resident outside /beheer/ too.
is_administrator = _is_administrator & has_mfa

# django-rules passes a one-argument predicate the *user*: every predicate about the object
# takes (user, obj).


def _initiative(obj):
    if isinstance(obj, Initiative):
        return obj
    if isinstance(obj, (Comment, Initiator)):
        return obj.initiative
    return None


@rules.predicate
def is_moderator(user) -> bool:
    """A current member of the participation department (or the configured one), with MFA."""
    if not (user.is_authenticated and user.has_mfa):
        return False
    cached = getattr(user, "_initiatives_is_moderator", None)
    if cached is None:
        cached = user.in_department_named(conf.moderation_department())
        user._initiatives_is_moderator = cached
    return cached


@rules.predicate
def has_verified_email(user) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_initiatives_verified_email", None)
    if cached is None:
        from allauth.account.models import EmailAddress

        cached = EmailAddress.objects.filter(user=user, verified=True).exists()
        user._initiatives_verified_email = cached
    return cached


@rules.predicate
def has_neighbourhood(user) -> bool:
    return user.is_authenticated and user.neighbourhood_id is not None


@rules.predicate
def is_initiator(user, obj) -> bool:
    initiative = _initiative(obj)
    return bool(user.is_authenticated and initiative is not None and user.pk in initiative.initiator_ids())


@rules.predicate
def is_lead_initiator(user, obj) -> bool:
    initiative = _initiative(obj)
    return bool(user.is_authenticated and initiative is not None and initiative.created_by_id == user.pk)


@rules.predicate
def is_co_initiator_membership(_user, obj) -> bool:
    """The object is a co-initiator's place in a committee (not the lead's)."""
    return isinstance(obj, Initiator) and obj.role == Initiator.Role.CO


@rules.predicate
def is_own_membership(user, obj) -> bool:
    """The object is the user's own place in a committee."""
    return bool(user.is_authenticated and isinstance(obj, Initiator) and obj.user_id == user.pk)


@rules.predicate
def is_handler(user, obj) -> bool:
    """The civil servant responsible for the initiative, with MFA."""
    initiative = _initiative(obj)
    return bool(user.is_authenticated and initiative is not None and initiative.handler_id == user.pk and user.has_mfa)


@rules.predicate
def is_public(_user, obj) -> bool:
    initiative = _initiative(obj)
    return initiative is not None and initiative.is_public


@rules.predicate
def is_editable(_user, obj) -> bool:
    initiative = _initiative(obj)
    return initiative is not None and initiative.is_editable


@rules.predicate
def is_draft(_user, obj) -> bool:
    initiative = _initiative(obj)
    return initiative is not None and initiative.status == Initiative.Status.DRAFT


@rules.predicate
def is_submitted(_user, obj) -> bool:
    initiative = _initiative(obj)
    return initiative is not None and initiative.status == Initiative.Status.SUBMITTED


@rules.predicate
def is_withdrawable(_user, obj) -> bool:
    initiative = _initiative(obj)
    return initiative is not None and initiative.status in WITHDRAWABLE_STATES


@rules.predicate
def is_final(_user, obj) -> bool:
    initiative = _initiative(obj)
    return initiative is None or initiative.status in Initiative.FINAL_STATES


@rules.predicate
def is_awaiting_answer(_user, obj) -> bool:
    initiative = _initiative(obj)
    return initiative is not None and initiative.awaiting_answer


@rules.predicate
def is_being_realised(_user, obj) -> bool:
    """Answered with an outcome the city carries out (not declined), or in progress."""
    initiative = _initiative(obj)
    if initiative is None:
        return False
    if initiative.status == Initiative.Status.IN_PROGRESS:
        return True
    return initiative.status == Initiative.Status.ANSWERED and initiative.outcome != Initiative.Outcome.DECLINED


@rules.predicate
def takes_updates(_user, obj) -> bool:
    """News can be posted while the initiative is public and not over."""
    initiative = _initiative(obj)
    return (
        initiative is not None
        and initiative.is_public
        and initiative.status not in (Initiative.Status.WITHDRAWN, Initiative.Status.REALISED)
    )


@rules.predicate
def takes_comments(_user, obj) -> bool:
    initiative = _initiative(obj)
    return initiative is not None and initiative.is_public and initiative.status != Initiative.Status.WITHDRAWN


@rules.predicate
def supports_open(_user, obj) -> bool:
    initiative = _initiative(obj)
    return initiative is not None and initiative.supports_open


@rules.predicate
def comment_is_visible(_user, obj) -> bool:
    return isinstance(obj, Comment) and obj.hidden_at is None and obj.initiative.is_public


WITHDRAWABLE_STATES = (
    Initiative.Status.DRAFT,
    Initiative.Status.SUBMITTED,
    Initiative.Status.CHANGES_REQUESTED,
    Initiative.Status.COLLECTING,
    Initiative.Status.THRESHOLD_REACHED,
    Initiative.Status.CLOSED,
)


def counts_for_threshold(user, initiative, when=None) -> bool:
    """Whether this person's support counts towards the threshold. For a burgervoorstel only
    residents aged 16 or older count. We keep the birth year only, so we count a support when
    the person is certainly 16 on the day: the year minus the birth year is at least 17. Someone
    who turns 16 this year is not counted (they might still be 15); the city checks the
    signatures against the population register before the council meeting anyway."""
    if initiative.kind != Initiative.Kind.PROPOSAL:
        return True
    if user.year_of_birth is None:
        return False
    year = timezone.localdate(when).year if when else timezone.localdate().year
    return year - user.year_of_birth > conf.burgervoorstel_min_age()

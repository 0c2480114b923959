"""Small named checks for the rules of volunteer work."""

import rules

from genk.accounts.models import Department, OrganisationMembership

from . import conf


def organisation_id_of(obj):
    """The organisation an object of this app belongs to (an Organisation, opportunity, shift,
    sign-up or notice)."""
    from genk.accounts.models import Organisation

    from .models import (
        Allowance,
        Certificate,
        Commitment,
        FlexibleHours,
        HourEntry,
        InformationNotice,
        Opportunity,
        Shift,
        SignUp,
    )

    if isinstance(obj, Organisation):
        return obj.pk
    if isinstance(obj, Opportunity | InformationNotice | Allowance | Certificate):
        return obj.organisation_id
    if isinstance(obj, Shift):
        return obj.opportunity.organisation_id
    if isinstance(obj, SignUp):
        return obj.shift.opportunity.organisation_id
    if isinstance(obj, HourEntry):
        return obj.signup.shift.opportunity.organisation_id
    if isinstance(obj, Commitment):
        return obj.opportunity.organisation_id
    if isinstance(obj, FlexibleHours):
        return obj.commitment.opportunity.organisation_id
    return None


def coordinated_organisation_ids(user) -> frozenset[int]:
    """Organisations `user` is a current volunteer coordinator of (cached per user instance)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_volunteer_coordinator_of", None)
    if cached is None:
        cached = frozenset(
            OrganisationMembership.objects.current()
            .filter(user=user, role=OrganisationMembership.Role.VOLUNTEER_COORDINATOR)
            .values_list("organisation_id", flat=True)
        )
        user._volunteer_coordinator_of = cached
    return cached


@rules.predicate
def is_coordinator(user, obj):
    org_id = organisation_id_of(obj)
    return org_id is not None and org_id in coordinated_organisation_ids(user)


@rules.predicate
def is_any_coordinator(user):
    return bool(coordinated_organisation_ids(user))


def desk_department_ids(obj=None) -> list[int]:
    return list(Department.objects.filter(slug=conf.desk_department_slug()).values_list("pk", flat=True))


@rules.predicate(name="is_volunteer_desk_staff")
def is_desk_staff(user, obj) -> bool:
    """A current member (with MFA) of the volunteer desk's department, as
    `in_department(desk_department_ids)` would say, read from the memberships the user
    object holds (`User.current_memberships`: no query of its own)."""
    if obj is None or not (user.is_authenticated and user.has_mfa):
        return False
    return user.in_department_named(conf.desk_department_slug())


@rules.predicate
def is_own_signup(user, obj):
    """`obj` is the user's sign-up, or the hours of it."""
    from .models import HourEntry

    signup = obj.signup if isinstance(obj, HourEntry) else obj
    return signup is not None and user.is_authenticated and signup.volunteer_id == user.pk


@rules.predicate
def is_own_commitment(user, obj):
    """`obj` is the user's commitment to flexible work, or hours of it."""
    from .models import FlexibleHours

    commitment = obj.commitment if isinstance(obj, FlexibleHours) else obj
    return commitment is not None and user.is_authenticated and commitment.volunteer_id == user.pk


@rules.predicate
def is_own_record(user, obj):
    """`obj` (an allowance or a certificate) is about the user."""
    return obj is not None and user.is_authenticated and obj.volunteer_id == user.pk


@rules.predicate
def is_public_opportunity(user, opportunity):
    return opportunity is not None and opportunity.is_public


@rules.predicate
def organisation_is_trusted(user, opportunity):
    """An organisation that had an opportunity published before needs no review for the next."""
    from .models import Opportunity

    if opportunity is None:
        return False
    return (
        Opportunity.objects.filter(organisation_id=opportunity.organisation_id, published_at__isnull=False)
        .exclude(pk=opportunity.pk)
        .exists()
    )


@rules.predicate
def is_signed_in(user):
    return user.is_authenticated


def notice_to_acknowledge(signup):
    """The version of the organisation's notice that the sign-up's volunteer still has to
    acknowledge before this shift, or None: the latest version published on or before the
    shift's day, unless they acknowledged it or a later one. Shifts before a new version are
    not affected by it."""
    from django.utils import timezone

    from .models import InformationNotice, NoticeAcknowledgement

    shift = signup.shift
    notice = (
        InformationNotice.objects.filter(
            organisation_id=shift.opportunity.organisation_id,
            published_on__lte=timezone.localdate(shift.start),
        )
        .order_by("-version")
        .first()
    )
    if notice is None:
        return None
    read = NoticeAcknowledgement.objects.filter(
        user_id=signup.volunteer_id, notice__organisation_id=notice.organisation_id, notice__version__gte=notice.version
    ).exists()
    return None if read else notice


@rules.predicate
def notice_acknowledged(user, signup):
    """The sign-up's volunteer acknowledged the notice version that holds for the shift."""
    from .models import HourEntry

    signup = signup.signup if isinstance(signup, HourEntry) else signup
    return signup is not None and notice_to_acknowledge(signup) is None

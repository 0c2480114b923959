"""Small named checks that rules.py combines into permissions.

Every predicate about an object takes (user, obj); obj may be a SubsidyFile or one of its
rows (Document, Message, Assessment, Payment, CoApplicant, BudgetLine), or a Scheme where
noted. Results that need a query are cached on the user or on the file for the request, so a
page that asks many permission questions stays at a constant number of queries.
"""

import rules

from genk.core.permissions import has_mfa, is_city_staff
from genk.core.permissions import is_administrator as _is_administrator

from . import conf
from .models import Assessment, Scheme, SubsidyFile

__all__ = ["is_city_staff"]

# Every right the city's people have here (department staff, head, handler, assessor,
# decision-maker, administrator) needs two-factor authentication: without it a civil servant
# is an ordinary resident, on the applicant pages as much as on the staff pages.
is_administrator = _is_administrator & has_mfa


def _staff(user) -> bool:
    return user.is_authenticated and user.has_mfa


S = SubsidyFile.Status

# The applicant may add or remove documents in these states (the application's documents
# while a draft or when the city asks for more; the report's while the grant runs).
DOCUMENT_STATES = (S.DRAFT, S.INFO_REQUESTED, S.GRANTED)


def file_of(obj) -> SubsidyFile | None:
    if isinstance(obj, SubsidyFile):
        return obj
    file = getattr(obj, "file", None)
    return file if isinstance(file, SubsidyFile) else None


def _department_ids(user) -> set[int]:
    """The departments `user` is a current member of (cached on the user)."""
    cached = getattr(user, "_subsidies_department_ids", None)
    if cached is None:
        cached = set(user.department_ids())
        user._subsidies_department_ids = cached
    return cached


def _head_department_ids(user) -> set[int]:
    cached = getattr(user, "_subsidies_head_department_ids", None)
    if cached is None:
        cached = {m.department_id for m in user.current_memberships() if m.role == "head"}
        user._subsidies_head_department_ids = cached
    return cached


def _representative_org_ids(user) -> set[int]:
    cached = getattr(user, "_subsidies_representative_org_ids", None)
    if cached is None:
        from genk.accounts.models import OrganisationMembership

        cached = set(
            user.organisation_memberships.current()
            .filter(role=OrganisationMembership.Role.REPRESENTATIVE)
            .values_list("organisation_id", flat=True)
        )
        user._subsidies_representative_org_ids = cached
    return cached


def assessor_ids(file: SubsidyFile) -> set[int]:
    """The users with an assessment on `file` (uses prefetched `assessments`)."""
    cached = getattr(file, "_subsidies_assessor_ids", None)
    if cached is None:
        if "assessments" in getattr(file, "_prefetched_objects_cache", {}):
            cached = {a.assessor_id for a in file.assessments.all()}
        else:
            cached = set(Assessment.objects.filter(file=file).values_list("assessor_id", flat=True))
        file._subsidies_assessor_ids = cached
    return cached


def member_ids(file: SubsidyFile) -> set[int]:
    """The lead and the accepted co-applicants (cached on the file)."""
    cached = getattr(file, "_subsidies_member_ids", None)
    if cached is None:
        cached = file._subsidies_member_ids = file.member_user_ids()
    return cached


def forget_cache(file: SubsidyFile) -> None:
    for name in ("_subsidies_assessor_ids", "_subsidies_member_ids"):
        file.__dict__.pop(name, None)


@rules.predicate
def is_applicant(user, obj) -> bool:
    """The lead, an accepted co-applicant, or (an organisation's file) a current representative."""
    file = file_of(obj)
    if file is None or not user.is_authenticated:
        return False
    if user.pk in member_ids(file):
        return True
    return (
        file.applicant_kind == SubsidyFile.ApplicantKind.ORGANISATION
        and file.organisation_id is not None
        and file.organisation_id in _representative_org_ids(user)
    )


@rules.predicate
def is_lead_applicant(user, obj) -> bool:
    file = file_of(obj)
    return bool(user.is_authenticated and file is not None and file.applicant_id == user.pk)


@rules.predicate
def is_department_staff(user, obj) -> bool:
    """A current member of the handling department of the file's (or the) scheme."""
    if not _staff(user):
        return False
    scheme = obj if isinstance(obj, Scheme) else getattr(file_of(obj), "scheme", None)
    return scheme is not None and scheme.department_id in _department_ids(user)


@rules.predicate
def is_department_head(user, obj) -> bool:
    """The head of the scheme's department; without an object: the head of any department."""
    if not _staff(user):
        return False
    heads = _head_department_ids(user)
    if obj is None:
        return bool(heads)
    scheme = obj if isinstance(obj, Scheme) else getattr(file_of(obj), "scheme", None)
    return scheme is not None and scheme.department_id in heads


@rules.predicate
def is_scheme_staff(user) -> bool:
    """A member of a department that handles a scheme."""
    if not _staff(user):
        return False
    cached = getattr(user, "_subsidies_scheme_staff", None)
    if cached is None:
        departments = _department_ids(user)
        cached = bool(departments) and Scheme.objects.filter(department_id__in=departments).exists()
        user._subsidies_scheme_staff = cached
    return cached


@rules.predicate
def is_handler(user, obj) -> bool:
    file = file_of(obj)
    return bool(_staff(user) and file is not None and file.handler_id == user.pk)


@rules.predicate
def is_assessor(user, obj) -> bool:
    file = file_of(obj)
    return bool(_staff(user) and file is not None and user.pk in assessor_ids(file))


@rules.predicate
def is_any_assessor(user) -> bool:
    if not _staff(user):
        return False
    cached = getattr(user, "_subsidies_any_assessor", None)
    if cached is None:
        cached = user._subsidies_any_assessor = Assessment.objects.filter(assessor=user).exists()
    return cached


@rules.predicate
def is_decision_maker(user) -> bool:
    """A current member of SUBSIDIES_DECISION_DEPARTMENT ("secretariaat"): records the
    decisions of the college of mayor and aldermen."""
    if not _staff(user):
        return False
    cached = getattr(user, "_subsidies_decision_maker", None)
    if cached is None:
        cached = user.in_department_named(conf.decision_department())
        user._subsidies_decision_maker = cached
    return cached


# The file's state.
def _state(*states):
    @rules.predicate
    def check(_user, obj) -> bool:
        file = file_of(obj)
        return file is not None and file.status in states

    return check


is_draft = _state(S.DRAFT)
is_submitted = _state(S.SUBMITTED)
is_info_requested = _state(S.INFO_REQUESTED)
is_in_assessment = _state(S.ASSESSMENT)
is_proposed = _state(S.PROPOSED)
is_granted_state = _state(S.GRANTED)
is_report_submitted = _state(S.REPORT_SUBMITTED)
is_closable = _state(S.GRANTED, S.REPORT_APPROVED)
is_payable = _state(*SubsidyFile.PAYABLE_STATES)
is_withdrawable = _state(*SubsidyFile.WITHDRAWABLE_STATES)
is_info_requestable = _state(S.SUBMITTED, S.ASSESSMENT)
is_decision_visible = _state(*SubsidyFile.DECISION_VISIBLE_STATES)
is_decided = _state(*SubsidyFile.DECIDED_STATES)
takes_documents = _state(*DOCUMENT_STATES)
is_final = _state(*SubsidyFile.FINAL_STATES)
takes_co_applicants = _state(S.DRAFT, S.SUBMITTED, S.INFO_REQUESTED)


@rules.predicate
def is_resident_group(_user, obj) -> bool:
    file = file_of(obj)
    return file is not None and file.applicant_kind == SubsidyFile.ApplicantKind.RESIDENT_GROUP


@rules.predicate
def is_unassigned(_user, obj) -> bool:
    file = file_of(obj)
    return file is not None and file.handler_id is None


@rules.predicate
def assessment_is_own_and_open(user, obj) -> bool:
    """An assessment that belongs to `user` and is not submitted yet (obj: Assessment)."""
    return (
        isinstance(obj, Assessment)
        and _staff(user)
        and obj.assessor_id == user.pk
        and obj.submitted_at is None
        and obj.file.status == S.ASSESSMENT
    )


@rules.predicate
def document_is_applicants(_user, obj) -> bool:
    """A document of the application or the report (not the city's decision or other)."""
    from .models import Document

    return isinstance(obj, Document) and obj.stage in (Document.Stage.APPLICATION, Document.Stage.REPORT)


@rules.predicate
def scheme_is_open(_user, obj) -> bool:
    return isinstance(obj, Scheme) and obj.is_open()

"""Who may do what with a subsidy file, per persona (README: permissions table). An applicant
never sees another's file; an assessor sees only the files assigned to them; only a
decision-maker records a decision; a civil servant of another department sees nothing."""

import pytest
from django.utils import timezone

from genk.accounts.models import Organisation
from genk.core.permissions import can
from initiatives.subsidies import workflow
from initiatives.subsidies.models import Assessment, SubsidyFile

from .factories import SchemeFactory, SubsidyFileFactory, add_co_applicant, make_file

S = SubsidyFile.Status
pytestmark = pytest.mark.django_db

PERSONAS = [
    "lead",
    "co_applicant",
    "visitor",
    "resident",
    "department_staff",
    "handler",
    "assessor",
    "other_assessor",
    "other_civil_servant",
    "decision_maker",
    "admin",
]


@pytest.fixture
def people(
    request, visitor, other_resident, civil_servant, assessor, decision_maker, worldcitizenship_officer, admin_user
):
    return {
        "visitor": visitor,
        "resident": other_resident,
        "department_staff": civil_servant,
        "assessor": assessor,
        "decision_maker": decision_maker,
        "other_civil_servant": worldcitizenship_officer,
        "admin": admin_user,
    }


def file_in(status, people, co_applicant):
    """A file in `status` handled by a new department member, assessed by `assessor`."""
    from .factories import department_member

    scheme = SchemeFactory()
    handler = department_member(scheme.department)
    file = make_file(
        status, scheme=scheme, handler=handler if status != S.DRAFT else None, assessors=[people["assessor"]]
    )
    add_co_applicant(file, user=co_applicant)
    # The other assessor assesses another file only.
    other = make_file(S.ASSESSMENT, assessors=[people["other_assessor"]])
    assert other.pk != file.pk
    everyone = dict(people, lead=file.applicant, co_applicant=co_applicant, handler=handler)
    if status == S.DRAFT:
        Assessment.objects.create(file=file, assessor=people["assessor"])  # even so: a draft stays private
    return SubsidyFile.objects.get(pk=file.pk), everyone


@pytest.fixture
def other_assessor(db):
    from tests.factories import DepartmentFactory

    from .factories import department_member

    return department_member(DepartmentFactory(name="Sport", slug="sport"))


@pytest.fixture
def everyone(people, other_assessor):
    return dict(people, other_assessor=other_assessor)


APPLICANTS = {"lead", "co_applicant"}
HANDLING = {"department_staff", "handler", "admin"}

# Who sees the file, per state.
VIEW = {
    S.DRAFT: APPLICANTS,
    S.SUBMITTED: APPLICANTS | HANDLING,
    S.ASSESSMENT: APPLICANTS | HANDLING | {"assessor"},
    S.PROPOSED: APPLICANTS | HANDLING | {"assessor", "decision_maker"},
    S.GRANTED: APPLICANTS | HANDLING | {"assessor", "decision_maker"},
    S.REFUSED: APPLICANTS | HANDLING | {"assessor", "decision_maker"},
    S.CLOSED: APPLICANTS | HANDLING | {"assessor", "decision_maker"},
    S.WITHDRAWN: APPLICANTS | HANDLING,  # withdrawn at intake: never assessed
}


@pytest.mark.parametrize("status", list(VIEW))
def test_who_sees_the_file(status, everyone, co_applicant):
    file, users = file_in(status, everyone, co_applicant)
    seen = {name for name in PERSONAS if can(users[name], "subsidies.view_file", file)}
    assert seen == VIEW[status]
    staff_side = {name for name in PERSONAS if can(users[name], "subsidies.view_staff_file", file)}
    assert staff_side == VIEW[status] - APPLICANTS


@pytest.mark.parametrize("status", [S.SUBMITTED, S.ASSESSMENT, S.GRANTED])
def test_the_querysets_agree_with_the_rules(status, everyone, co_applicant):
    file, users = file_in(status, everyone, co_applicant)
    for name in PERSONAS:
        user = users[name]
        mine = SubsidyFile.objects.for_applicant(user).filter(pk=file.pk).exists()
        assert mine == (name in APPLICANTS), name
        on_workbench = SubsidyFile.objects.for_workbench(user).filter(pk=file.pk).exists()
        assert on_workbench == can(user, "subsidies.view_staff_file", file), name


def test_an_applicant_never_sees_another_applicants_file(resident, other_resident):
    mine = make_file(S.GRANTED, applicant=resident)
    theirs = make_file(S.GRANTED, applicant=other_resident)
    assert list(SubsidyFile.objects.for_applicant(resident)) == [mine]
    assert not can(resident, "subsidies.view_file", theirs)
    from initiatives.subsidies.models import Document

    doc = Document.objects.create(file=theirs, title="Offerte", attachment="x.pdf", uploaded_by=other_resident)
    assert not can(resident, "subsidies.view_document", doc)
    assert can(other_resident, "subsidies.view_document", doc)


def test_an_assessor_sees_only_assigned_files(assessor):
    assigned = make_file(S.ASSESSMENT, assessors=[assessor])
    other = make_file(S.ASSESSMENT)
    assert list(SubsidyFile.objects.for_workbench(assessor)) == [assigned]
    assert can(assessor, "subsidies.assess_file", assigned)
    assert not can(assessor, "subsidies.view_file", other)
    assert not can(assessor, "subsidies.assess_file", other)
    assert not can(assessor, "subsidies.propose_file", assigned)  # assessing is not handling


def test_only_a_decision_maker_decides(everyone, co_applicant):
    file, users = file_in(S.PROPOSED, everyone, co_applicant)
    deciders = {name for name in PERSONAS if can(users[name], "subsidies.decide_file", file)}
    assert deciders == {"decision_maker"}


def test_the_decision_maker_sees_no_file_before_the_proposal(decision_maker):
    make_file(S.SUBMITTED)
    make_file(S.ASSESSMENT)
    proposed = make_file(S.PROPOSED)
    assert list(SubsidyFile.objects.for_workbench(decision_maker)) == [proposed]


@pytest.mark.parametrize(
    "perm,status,allowed",
    [
        ("subsidies.change_file", S.DRAFT, APPLICANTS),
        ("subsidies.change_file", S.SUBMITTED, set()),
        ("subsidies.submit_file", S.DRAFT, APPLICANTS),
        ("subsidies.withdraw_file", S.SUBMITTED, {"lead"}),
        ("subsidies.withdraw_file", S.GRANTED, set()),
        ("subsidies.intake_file", S.SUBMITTED, HANDLING),
        ("subsidies.request_info_file", S.ASSESSMENT, HANDLING),
        ("subsidies.assign_file", S.ASSESSMENT, HANDLING),
        ("subsidies.propose_file", S.ASSESSMENT, HANDLING),
        ("subsidies.assess_file", S.ASSESSMENT, {"assessor"}),
        ("subsidies.record_payment", S.GRANTED, HANDLING),
        ("subsidies.record_payment", S.PROPOSED, set()),
        ("subsidies.report_file", S.GRANTED, APPLICANTS),
        ("subsidies.close_file", S.GRANTED, HANDLING),
        ("subsidies.add_note", S.ASSESSMENT, HANDLING | {"assessor"}),
        ("subsidies.view_internal_notes", S.ASSESSMENT, HANDLING | {"assessor"}),
        ("subsidies.invite_coapplicant", S.DRAFT, {"lead"}),
    ],
)
def test_permission_matrix(perm, status, allowed, everyone, co_applicant):
    file, users = file_in(status, everyone, co_applicant)
    assert {name for name in PERSONAS if can(users[name], perm, file)} == allowed


def test_an_organisations_representative_is_an_applicant(organisation_rep, other_resident):
    organisation = Organisation.objects.get(memberships__user=organisation_rep)
    file = make_file(S.SUBMITTED, applicant=other_resident, applicant_kind="organisation", organisation=organisation)
    assert can(organisation_rep, "subsidies.view_file", file)
    assert list(SubsidyFile.objects.for_applicant(organisation_rep)) == [file]
    assert not can(organisation_rep, "subsidies.withdraw_file", file)  # only the lead


def test_a_volunteer_coordinator_is_not_an_applicant(volunteer_coordinator, other_resident):
    organisation = Organisation.objects.get(memberships__user=volunteer_coordinator)
    file = make_file(S.SUBMITTED, applicant=other_resident, applicant_kind="organisation", organisation=organisation)
    assert not can(volunteer_coordinator, "subsidies.view_file", file)


def test_schemes_are_managed_by_the_department_head_and_administrators(
    scheme, department_head, civil_servant, admin_user, worldcitizenship_officer
):
    assert can(department_head, "subsidies.change_scheme", scheme)
    assert can(admin_user, "subsidies.change_scheme", scheme)
    assert not can(civil_servant, "subsidies.change_scheme", scheme)
    assert not can(worldcitizenship_officer, "subsidies.change_scheme", scheme)
    assert can(department_head, "subsidies.add_scheme")


def test_applying_needs_an_open_scheme(resident, visitor, scheme):
    assert can(resident, "subsidies.apply_scheme", scheme)
    assert not can(visitor, "subsidies.apply_scheme", scheme)
    type(scheme).objects.filter(pk=scheme.pk).update(closes_on=timezone.localdate().replace(year=2000))
    scheme.refresh_from_db()
    assert not can(resident, "subsidies.apply_scheme", scheme)


def test_a_file_in_a_transition_is_checked_again(civil_servant):
    """A permission given by the page is checked again on the locked row."""
    file = make_file(S.SUBMITTED)
    stale = SubsidyFile.objects.get(pk=file.pk)
    workflow.withdraw(file, file.applicant)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.accept_intake(stale, civil_servant)


def test_workbench_access(civil_servant, assessor, decision_maker, resident, worldcitizenship_officer, admin_user):
    SchemeFactory()  # the participation department handles a scheme
    make_file(S.ASSESSMENT, assessors=[assessor])
    assert can(civil_servant, "subsidies.access_workbench")
    assert can(assessor, "subsidies.access_workbench")
    assert can(decision_maker, "subsidies.access_workbench")
    assert can(admin_user, "subsidies.access_workbench")
    assert not can(resident, "subsidies.access_workbench")
    assert not can(worldcitizenship_officer, "subsidies.access_workbench")  # no scheme of theirs


def test_draft_files_created_by_someone_else_are_private(resident):
    draft = SubsidyFileFactory()
    assert not can(resident, "subsidies.view_file", draft)

"""Every transition of a subsidy file: allowed and refused states, permission, audit entry,
the notification emails after commit, and the checks at submission."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from genk.core.audit import history
from initiatives.subsidies import services, workflow
from initiatives.subsidies.models import Message, Payment, SubsidyFile
from initiatives.subsidies.workflow import TransitionNotAllowed
from tests.factories import UserFactory

from .factories import SubsidyFileFactory, make_file, make_group

S = SubsidyFile.Status
pytestmark = pytest.mark.django_db


def subjects(outbox=None):
    return [m.subject for m in (outbox if outbox is not None else mail.outbox)]


def test_the_whole_path(django_capture_on_commit_callbacks, scheme, applicant, civil_servant, assessor, decision_maker):
    file = SubsidyFileFactory(scheme=scheme, applicant=applicant)
    make_group(file, 5)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(file, applicant)
    assert file.status == S.SUBMITTED
    assert file.reference.startswith(f"SUB-{timezone.localdate().year}-")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.accept_intake(file, civil_servant, assessors=[assessor])
    assert file.status == S.ASSESSMENT and file.handler == civil_servant
    criteria = list(scheme.criteria.all())
    services.save_assessment(
        file, assessor, scores=dict.fromkeys(criteria, 4), recommendation="grant", recommended_amount="900", submit=True
    )
    workflow.propose(file, civil_servant, outcome="granted", amount=Decimal("900"), text="Goed project.")
    assert file.status == S.PROPOSED
    with django_capture_on_commit_callbacks(execute=True):
        workflow.decide(
            file, decision_maker, outcome="granted", amount="900", decided_on=timezone.localdate(), text="Toegekend."
        )
    assert file.status == S.GRANTED and file.amount_granted == Decimal("900.00")
    services.record_payment(file, civil_servant, Payment.Kind.ADVANCE, Decimal("720"), timezone.localdate())
    workflow.submit_report(file, applicant, text="Het was fijn.", costs="1400")
    workflow.approve_report(file, civil_servant)
    services.record_payment(file, civil_servant, Payment.Kind.BALANCE, Decimal("180"), timezone.localdate())
    workflow.close(file, civil_servant)
    assert file.status == S.CLOSED
    assert file.outstanding == 0
    actions = [e.action for e in history(file)]
    assert "subsidies.decide" in actions and "subsidies.close" in actions


# Helpers.


def upload(name="offerte.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n%test\n%%EOF\n", content_type="application/pdf")


def emails_to(user):
    return [m for m in mail.outbox if user.email in m.to]


def last_action(file):
    return history(file).first().action


@pytest.fixture
def wijkbudget(scheme):
    """The scheme with the wijkbudget's group rules."""
    Scheme = type(scheme)
    Scheme.objects.filter(pk=scheme.pk).update(
        min_group_size=5, min_distinct_addresses=5, once_per_group_per_year=True, allows_organisation=False
    )
    scheme.refresh_from_db()
    return scheme


@pytest.fixture
def group_draft(wijkbudget, applicant):
    file = SubsidyFileFactory(scheme=wijkbudget, applicant=applicant)
    make_group(file, 5)
    return file


# Submit.


def test_submit_tells_applicants_and_department(
    django_capture_on_commit_callbacks, group_draft, applicant, civil_servant
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(group_draft, applicant)
    group_draft.refresh_from_db()
    assert group_draft.status == S.SUBMITTED
    assert group_draft.intake_due == timezone.localdate() + timedelta(days=group_draft.scheme.intake_days)
    assert last_action(group_draft) == "subsidies.submit"
    assert any("is ingediend" in m.subject for m in emails_to(applicant))
    co_user = group_draft.co_applicants.first().user
    assert any("is ingediend" in m.subject for m in emails_to(co_user))
    assert any("Nieuwe subsidieaanvraag" in m.subject for m in emails_to(civil_servant))


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks, group_draft, applicant):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        workflow.submit(group_draft, applicant)
        raise RuntimeError
    assert callbacks == [] and mail.outbox == []
    group_draft.refresh_from_db()
    assert group_draft.status == S.DRAFT


def test_only_an_applicant_submits(group_draft, other_resident, civil_servant):
    for user in (other_resident, civil_servant):
        with pytest.raises(PermissionDenied):
            workflow.submit(group_draft, user)


def test_a_co_applicant_may_submit(group_draft):
    co_user = group_draft.co_applicants.first().user
    workflow.submit(group_draft, co_user)
    assert group_draft.status == S.SUBMITTED


def test_submit_twice_is_refused(group_draft, applicant):
    workflow.submit(group_draft, applicant)
    with pytest.raises(TransitionNotAllowed):
        workflow.submit(group_draft, applicant)


def problems_after_submit(file, user):
    with pytest.raises(TransitionNotAllowed) as error:
        workflow.submit(file, user)
    file.refresh_from_db()
    assert file.status == S.DRAFT
    return str(error.value)


def test_wijkbudget_needs_five_people(wijkbudget, applicant):
    file = SubsidyFileFactory(scheme=wijkbudget, applicant=applicant)
    make_group(file, 4)
    assert "minstens 5 aanvragers" in problems_after_submit(file, applicant)


def test_wijkbudget_needs_five_addresses(wijkbudget, applicant):
    file = SubsidyFileFactory(scheme=wijkbudget, applicant=applicant)
    make_group(file, 5, distinct_addresses=4)
    message = problems_after_submit(file, applicant)
    assert "5 verschillende adressen" in message and "aanvragers;" not in message


def test_invitations_not_accepted_do_not_count(wijkbudget, applicant):
    file = SubsidyFileFactory(scheme=wijkbudget, applicant=applicant)
    make_group(file, 4)
    from .factories import add_co_applicant

    add_co_applicant(file, accepted=False)
    assert "minstens 5 aanvragers" in problems_after_submit(file, applicant)


def test_once_per_group_per_year(wijkbudget, group_draft, applicant):
    workflow.submit(group_draft, applicant)
    second = SubsidyFileFactory(scheme=wijkbudget, applicant=UserFactory())
    make_group(second, 4)
    from .factories import add_co_applicant

    add_co_applicant(second, user=group_draft.co_applicants.first().user, address="Elders 1")
    assert "één keer per jaar" in problems_after_submit(second, second.applicant)
    # A withdrawn application does not count.
    workflow.withdraw(group_draft, applicant)
    workflow.submit(second, second.applicant)
    assert second.status == S.SUBMITTED


def test_once_per_year_is_per_scheme_and_year(wijkbudget, group_draft, applicant):
    workflow.submit(group_draft, applicant)
    SubsidyFile.objects.filter(pk=group_draft.pk).update(budget_year=timezone.localdate().year - 1)
    again = SubsidyFileFactory(scheme=wijkbudget, applicant=applicant)
    make_group(again, 5)
    workflow.submit(again, applicant)
    assert again.status == S.SUBMITTED


def test_amount_limits(group_draft, applicant):
    SubsidyFile.objects.filter(pk=group_draft.pk).update(amount_requested=Decimal("1300.01"))
    group_draft.refresh_from_db()
    assert "tekort van je begroting" in problems_after_submit(group_draft, applicant)
    type(group_draft.scheme).objects.filter(pk=group_draft.scheme_id).update(max_amount=Decimal("900"))
    SubsidyFile.objects.filter(pk=group_draft.pk).update(amount_requested=Decimal("1000"))
    group_draft.refresh_from_db()
    assert "hoogstens € 900,00" in problems_after_submit(group_draft, applicant)
    type(group_draft.scheme).objects.filter(pk=group_draft.scheme_id).update(
        min_amount=Decimal("500"), max_amount=Decimal("2500")
    )
    SubsidyFile.objects.filter(pk=group_draft.pk).update(amount_requested=Decimal("400"))
    group_draft.refresh_from_db()
    assert "minstens € 500,00" in problems_after_submit(group_draft, applicant)


def test_window_closed(group_draft, applicant):
    yesterday = timezone.localdate() - timedelta(days=1)
    type(group_draft.scheme).objects.filter(pk=group_draft.scheme_id).update(
        opens_on=yesterday - timedelta(days=30), closes_on=yesterday
    )
    group_draft.refresh_from_db()
    assert "staat nu niet open" in problems_after_submit(group_draft, applicant)


def test_required_documents_and_iban(group_draft, applicant):
    from .factories import add_required_document

    required = add_required_document(group_draft.scheme, "Offerte")
    SubsidyFile.objects.filter(pk=group_draft.pk).update(iban="BE68539007547035")
    group_draft.refresh_from_db()
    message = problems_after_submit(group_draft, applicant)
    assert "Voeg dit document toe: Offerte." in message
    assert "klopt niet" in message
    services.add_document(group_draft, applicant, upload(), required_document=required)
    SubsidyFile.objects.filter(pk=group_draft.pk).update(iban="BE68539007547034")
    group_draft.refresh_from_db()
    workflow.submit(group_draft, applicant)
    assert group_draft.status == S.SUBMITTED


def test_organisation_must_be_of_an_allowed_kind(scheme, organisation_rep):
    from genk.accounts.models import Organisation

    organisation = Organisation.objects.get(memberships__user=organisation_rep)
    type(scheme).objects.filter(pk=scheme.pk).update(organisation_kinds=["north_south"])
    file = SubsidyFileFactory(
        scheme=scheme, applicant=organisation_rep, applicant_kind="organisation", organisation=organisation
    )
    assert "niet voor een organisatie van de soort" in problems_after_submit(file, organisation_rep)
    type(scheme).objects.filter(pk=scheme.pk).update(organisation_kinds=[])
    workflow.submit(file, organisation_rep)
    assert file.status == S.SUBMITTED


# Information.


def test_request_and_answer_information(django_capture_on_commit_callbacks, civil_servant):
    file = make_file(S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_info(file, civil_servant, message="Voeg een offerte toe.")
    assert file.status == S.INFO_REQUESTED and file.info_return_status == S.SUBMITTED
    assert file.handler == civil_servant
    assert last_action(file) == "subsidies.request_info"
    assert [m.body for m in file.messages.filter(kind=Message.Kind.INFO_REQUEST)] == ["Voeg een offerte toe."]
    assert any("meer informatie" in m.subject for m in emails_to(file.applicant))
    with django_capture_on_commit_callbacks(execute=True):
        workflow.answer_info(file, file.applicant, message="De offerte is toegevoegd.")
    assert file.status == S.SUBMITTED
    assert file.intake_due == timezone.localdate() + timedelta(days=file.scheme.intake_days)
    assert any("antwoordde" in m.subject for m in emails_to(civil_servant))


def test_information_during_assessment_returns_to_assessment(civil_servant):
    file = make_file(S.ASSESSMENT)
    workflow.request_info(file, civil_servant, message="Hoeveel buren doen mee?")
    workflow.answer_info(file, file.applicant, message="Twintig.")
    assert file.status == S.ASSESSMENT
    assert file.assessment_due == timezone.localdate() + timedelta(days=file.scheme.assessment_days)


@pytest.mark.parametrize("status", [S.DRAFT, S.PROPOSED, S.GRANTED, S.CLOSED])
def test_information_cannot_be_requested_in(status, civil_servant):
    file = make_file(status)
    with pytest.raises((TransitionNotAllowed, PermissionDenied)):
        workflow.request_info(file, civil_servant, message="Nog iets?")


def test_only_the_department_requests_information(other_resident, assessor):
    file = make_file(S.SUBMITTED)
    for user in (other_resident, assessor, file.applicant):
        with pytest.raises(PermissionDenied):
            workflow.request_info(file, user, message="Nog iets?")


# Intake and assessment.


def test_accept_intake_assigns_assessors(django_capture_on_commit_callbacks, civil_servant, assessor):
    file = make_file(S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.accept_intake(file, civil_servant, assessors=[assessor], checklist={"volledig": True})
    assert file.status == S.ASSESSMENT and file.handler == civil_servant
    assert file.intake_checklist == {"volledig": True}
    assert list(file.assessments.values_list("assessor", flat=True)) == [assessor.pk]
    assert any("Beoordeel dossier" in m.subject for m in emails_to(assessor))
    assert any("ontvankelijk" in m.subject for m in emails_to(file.applicant))
    assert {"subsidies.accept_intake", "subsidies.assign_assessors"} <= {e.action for e in history(file)}


def test_an_applicant_cannot_assess_their_own_file(civil_servant):
    file = make_file(S.SUBMITTED)
    with pytest.raises(TransitionNotAllowed):
        workflow.accept_intake(file, civil_servant, assessors=[file.applicant])
    file.refresh_from_db()
    assert file.status == S.SUBMITTED


def test_a_civil_servant_cannot_handle_their_own_application(scheme, civil_servant):
    file = make_file(S.SUBMITTED, scheme=scheme, applicant=civil_servant)
    with pytest.raises(PermissionDenied):
        workflow.accept_intake(file, civil_servant)


def test_propose_needs_every_assessment(civil_servant, assessor, decision_maker, django_capture_on_commit_callbacks):
    file = make_file(S.SUBMITTED)
    workflow.accept_intake(file, civil_servant, assessors=[assessor, civil_servant])
    scores = dict.fromkeys(file.scheme.criteria.all(), 3)
    services.save_assessment(file, assessor, scores=scores, recommendation="grant", submit=True)
    with pytest.raises(TransitionNotAllowed, match="Nog niet alle beoordelaars"):
        workflow.propose(file, civil_servant, outcome="granted", amount="1000", text="Goed.")
    services.save_assessment(file, civil_servant, scores=scores, recommendation="grant", submit=True)
    with pytest.raises(TransitionNotAllowed, match="gevraagde bedrag"):
        workflow.propose(file, civil_servant, outcome="granted", amount="1000.01", text="Goed.")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.propose(file, civil_servant, outcome="granted", amount="1000", text="Goed.")
    assert file.status == S.PROPOSED and file.proposed_amount == Decimal("1000.00")
    assert file.decision_due == timezone.localdate() + timedelta(days=file.scheme.decision_days)
    assert any("Te beslissen" in m.subject for m in emails_to(decision_maker))


def test_propose_at_most_the_scheme_maximum(civil_servant):
    file = make_file(S.ASSESSMENT, handler=civil_servant, submitted_assessments=True, amount_requested=Decimal("1300"))
    type(file.scheme).objects.filter(pk=file.scheme_id).update(max_amount=Decimal("1200"))
    file.scheme.refresh_from_db()
    with pytest.raises(TransitionNotAllowed, match="maximum van het reglement"):
        workflow.propose(file, civil_servant, outcome="granted", amount="1250", text="Goed.")


def test_blind_assessments(civil_servant, assessor):
    file = make_file(S.SUBMITTED)
    workflow.accept_intake(file, civil_servant, assessors=[assessor, civil_servant])
    scores = dict.fromkeys(file.scheme.criteria.all(), 2)
    services.save_assessment(file, civil_servant, scores=scores, recommendation="refuse", submit=True)
    services.save_assessment(file, assessor, scores=dict.fromkeys(file.scheme.criteria.all(), 5))  # a draft
    mine = services.visible_assessments(file, assessor)
    assert [a.assessor for a in mine] == [assessor]  # not the other's scores before submitting
    assert [a.assessor for a in services.visible_assessments(file, civil_servant)] == [civil_servant]
    services.save_assessment(
        file, assessor, scores=dict.fromkeys(file.scheme.criteria.all(), 5), recommendation="grant", submit=True
    )
    assert {a.assessor for a in services.visible_assessments(file, assessor)} == {assessor, civil_servant}
    assert services.visible_assessments(file, file.applicant) == []
    with pytest.raises(services.AlreadyDone):
        services.save_assessment(file, assessor, scores=scores, recommendation="grant")


def test_submitting_an_assessment_needs_every_score(civil_servant, assessor):
    file = make_file(S.SUBMITTED)
    workflow.accept_intake(file, civil_servant, assessors=[assessor])
    first = file.scheme.criteria.first()
    with pytest.raises(services.NotAllowed, match="Geef nog een score"):
        services.save_assessment(file, assessor, scores={first: 4}, recommendation="grant", submit=True)
    with pytest.raises(services.NotAllowed, match="tussen 0 en 5"):
        services.save_assessment(file, assessor, scores={first: 7})
    with pytest.raises(PermissionDenied):
        services.save_assessment(file, civil_servant, scores={first: 4})  # not an assessor of this file


# The decision.


def proposed(amount="1000", scheme=None):
    file = make_file(S.PROPOSED, **({"scheme": scheme} if scheme else {}))
    SubsidyFile.objects.filter(pk=file.pk).update(proposed_amount=Decimal(amount))
    file.refresh_from_db()
    return file


def test_decide_grant(django_capture_on_commit_callbacks, decision_maker):
    file = proposed()
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.decide(
            file, decision_maker, outcome="granted", amount="950", decided_on=today, reference="CBS/1", text="Ja."
        )
    file.refresh_from_db()
    assert file.status == S.GRANTED and file.amount_granted == Decimal("950.00")
    assert file.decided_by == decision_maker and file.budget_year == today.year
    assert file.report_due == file.ends_on + timedelta(days=file.scheme.report_days)
    assert last_action(file) == "subsidies.decide"
    granted_mail = [m for m in emails_to(file.applicant) if "is toegekend" in m.subject]
    assert granted_mail and "950,00" in granted_mail[0].body
    assert any("besliste" in m.subject for m in emails_to(file.handler))


def test_decide_refuse(decision_maker):
    file = proposed()
    workflow.decide(file, decision_maker, outcome="refused", decided_on=timezone.localdate(), text="Nee.")
    assert file.status == S.REFUSED and file.amount_granted is None and file.report_due is None


def test_only_a_decision_maker_decides(civil_servant, admin_user, assessor):
    file = proposed()
    for user in (civil_servant, admin_user, assessor, file.applicant, file.handler):
        with pytest.raises(PermissionDenied):
            workflow.decide(file, user, outcome="granted", amount="100", decided_on=timezone.localdate(), text="Ja.")
    file.refresh_from_db()
    assert file.status == S.PROPOSED


def test_decide_cannot_over_commit_the_budget(decision_maker):
    from .factories import SchemeFactory

    scheme = SchemeFactory(budget=Decimal("1500"))
    make_file(S.GRANTED, scheme=scheme, amount_granted=Decimal("1000"))
    file = proposed(scheme=scheme)
    with pytest.raises(TransitionNotAllowed, match="overschrijden"):
        workflow.decide(
            file, decision_maker, outcome="granted", amount="500.01", decided_on=timezone.localdate(), text="Ja."
        )
    workflow.decide(file, decision_maker, outcome="granted", amount="500", decided_on=timezone.localdate(), text="Ja.")
    assert scheme.remaining_for(timezone.localdate().year) == Decimal("0.00")


def test_decide_needs_a_budget_for_the_year_of_the_decision(decision_maker):
    file = proposed()
    last_year = timezone.localdate().replace(month=1, day=1) - timedelta(days=1)
    with pytest.raises(TransitionNotAllowed, match="geen budget"):
        workflow.decide(file, decision_maker, outcome="granted", amount="500", decided_on=last_year, text="Ja.")
    with pytest.raises(TransitionNotAllowed, match="toekomst"):
        workflow.decide(
            file,
            decision_maker,
            outcome="granted",
            amount="5",
            decided_on=timezone.localdate() + timedelta(days=1),
            text="Ja.",
        )


@pytest.mark.parametrize("status", [S.ASSESSMENT, S.GRANTED, S.REFUSED, S.WITHDRAWN])
def test_decide_only_a_proposal(status, decision_maker):
    file = make_file(status)
    with pytest.raises((TransitionNotAllowed, PermissionDenied)):
        workflow.decide(file, decision_maker, outcome="refused", decided_on=timezone.localdate(), text="Nee.")


# Payments, report, closing.


def test_payments_never_exceed_the_grant(civil_servant):
    file = make_file(S.GRANTED, handler=civil_servant, amount_granted=Decimal("1000"), paid=0)
    today = timezone.localdate()
    with pytest.raises(services.NotAllowed, match="voorschot"):
        services.record_payment(file, civil_servant, Payment.Kind.ADVANCE, Decimal("800.01"), today)
    services.record_payment(file, civil_servant, Payment.Kind.ADVANCE, Decimal("800"), today)
    with pytest.raises(services.NotAllowed, match="te veel"):
        services.record_payment(file, civil_servant, Payment.Kind.BALANCE, Decimal("200.01"), today)
    services.record_payment(file, civil_servant, Payment.Kind.BALANCE, Decimal("200"), today)
    assert file.total_paid == Decimal("1000.00") and file.outstanding == 0
    assert last_action(file) == "subsidies.payment"


@pytest.mark.parametrize("status", [S.PROPOSED, S.REFUSED, S.CLOSED])
def test_no_payment_in(status, civil_servant):
    file = make_file(status, handler=civil_servant)
    with pytest.raises(PermissionDenied):
        services.record_payment(file, civil_servant, Payment.Kind.OTHER, Decimal("1"), timezone.localdate())


def test_report_needs_its_documents(django_capture_on_commit_callbacks, civil_servant):
    from .factories import add_required_document

    file = make_file(S.GRANTED, handler=civil_servant)
    required = add_required_document(file.scheme, "Facturen", stage="report")
    with pytest.raises(TransitionNotAllowed, match="Facturen"):
        workflow.submit_report(file, file.applicant, text="Gelukt.", costs="1400")
    services.add_document(file, file.applicant, upload("facturen.pdf"), required_document=required)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_report(file, file.applicant, text="Gelukt.", costs="1400")
    assert file.status == S.REPORT_SUBMITTED and file.report_costs == Decimal("1400.00")
    assert any("Eindverslag ingediend" in m.subject for m in emails_to(civil_servant))


def test_return_and_approve_report(civil_servant):
    file = make_file(S.REPORT_SUBMITTED, handler=civil_servant, amount_granted=Decimal("1000"), paid=Decimal("800"))
    workflow.return_report(file, civil_servant, message="Voeg de kastickets toe.")
    assert file.status == S.GRANTED
    workflow.submit_report(file, file.applicant, text="Met tickets.", costs="900")
    with pytest.raises(TransitionNotAllowed, match="hoogstens € 200,00"):
        workflow.approve_report(file, civil_servant, amount_recovered="250")
    workflow.approve_report(file, civil_servant, amount_recovered="100")
    assert file.status == S.REPORT_APPROVED and file.amount_recovered == Decimal("100.00")
    assert file.outstanding == Decimal("100.00")


def test_close_releases_what_is_not_paid(civil_servant):
    file = make_file(S.REPORT_APPROVED, handler=civil_servant, amount_granted=Decimal("1000"), paid=Decimal("800"))
    with pytest.raises(TransitionNotAllowed, match="open"):
        workflow.close(file, civil_servant, amount_recovered="100")
    workflow.close(file, civil_servant)
    assert file.status == S.CLOSED and file.amount_recovered == Decimal("200.00") and file.outstanding == 0
    budget = file.scheme.budget_for(file.budget_year)
    assert budget.committed == Decimal("800.00")


def test_only_handling_staff_close(other_resident, assessor):
    file = make_file(S.REPORT_APPROVED)
    for user in (other_resident, assessor, file.applicant):
        with pytest.raises(PermissionDenied):
            workflow.close(file, user)


# Withdrawing.


def test_the_lead_withdraws(django_capture_on_commit_callbacks, civil_servant):
    file = make_file(S.SUBMITTED, handler=civil_servant)
    co = make_group(file, 2)[0].user
    with pytest.raises(PermissionDenied):
        workflow.withdraw(file, co)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw(file, file.applicant, reason="Gaat niet door.")
    assert file.status == S.WITHDRAWN and file.withdrawn_reason == "Gaat niet door."
    assert any("ingetrokken" in m.subject for m in emails_to(civil_servant))


@pytest.mark.parametrize("status", [S.GRANTED, S.REFUSED, S.CLOSED, S.WITHDRAWN])
def test_no_withdrawing_after_the_decision(status):
    file = make_file(status)
    with pytest.raises((TransitionNotAllowed, PermissionDenied)):
        workflow.withdraw(file, file.applicant)


def test_every_transition_is_in_the_table():
    assert set(workflow.FLOW.transitions) == {
        "submit",
        "request_info",
        "answer_info",
        "accept_intake",
        "propose",
        "decide",
        "submit_report",
        "return_report",
        "approve_report",
        "close",
        "withdraw",
    }
    reachable = {t.target for t in workflow.FLOW if t.target} | {S.DRAFT, S.REFUSED}
    assert reachable | {S.GRANTED} == set(S.values)


def test_intake_checklist_is_saved_and_audited(civil_servant, other_resident):
    file = make_file(S.SUBMITTED)
    checklist = {"checks": {"eligible": True}, "remarks": "Offerte ontbreekt."}
    services.save_intake_checklist(file, civil_servant, checklist)
    file.refresh_from_db()
    assert file.intake_checklist == checklist and file.status == S.SUBMITTED
    assert last_action(file) == "subsidies.intake_checklist"
    with pytest.raises(PermissionDenied):
        services.save_intake_checklist(file, other_resident, {})


# Services around the workflow: co-applicants, documents, handlers.


def test_invite_and_accept_a_co_applicant(django_capture_on_commit_callbacks, applicant, co_applicant, scheme):
    file = SubsidyFileFactory(scheme=scheme, applicant=applicant)
    with django_capture_on_commit_callbacks(execute=True):
        co = services.invite_co_applicant(file, applicant, email=co_applicant.email.upper(), name="Mehmet")
    invitation = emails_to(co_applicant)
    assert len(invitation) == 1 and co.get_absolute_url() in invitation[0].body
    with pytest.raises(services.NotAllowed):
        services.accept_invitation(co.token, co_applicant, address="")
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_invitation(co.token, co_applicant, address="Vennestraat 9")
    assert file.group_size() == 2
    assert any("mede-aanvrager" in m.subject for m in emails_to(applicant))
    from genk.core.permissions import can

    assert can(co_applicant, "subsidies.view_file", file)
    with pytest.raises(services.NotAllowed):
        services.accept_invitation(co.token, co_applicant, address="Vennestraat 9")  # used
    with pytest.raises(PermissionDenied):
        services.invite_co_applicant(file, co_applicant, email="x@example.be")  # only the lead invites


def test_an_expired_invitation_cannot_be_accepted(applicant, co_applicant, scheme, settings):
    file = SubsidyFileFactory(scheme=scheme, applicant=applicant)
    co = services.invite_co_applicant(file, applicant, email=co_applicant.email)
    type(co).objects.filter(pk=co.pk).update(invited_at=timezone.now() - timedelta(days=31))
    with pytest.raises(services.NotAllowed, match="niet meer geldig"):
        services.accept_invitation(co.token, co_applicant, address="Vennestraat 9")


def test_documents_are_private_and_checked(settings, applicant, scheme):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SubsidyFileFactory(scheme=scheme, applicant=applicant)
    with pytest.raises(services.NotAllowed, match="past niet bij"):
        services.add_document(file, applicant, SimpleUploadedFile("nep.pdf", b"<html>", content_type="application/pdf"))
    document = services.add_document(file, applicant, upload("offerte.pdf"), title="Offerte")
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / "subsidies" / document.attachment.name
    assert stored.exists() and "offerte" not in document.attachment.name
    assert (document.original_name, document.content_type) == ("offerte.pdf", "application/pdf")
    services.remove_document(document, applicant)
    assert not file.documents.exists()


def test_applicant_documents_only_while_asked(applicant, scheme, civil_servant):
    file = make_file(S.SUBMITTED, scheme=scheme, applicant=applicant)
    with pytest.raises(PermissionDenied):
        services.add_document(file, applicant, upload())
    workflow.request_info(file, civil_servant, message="Een offerte graag.")
    services.add_document(file, applicant, upload())
    assert last_action(file) == "subsidies.document_added"


def test_take_and_assign_a_handler(django_capture_on_commit_callbacks, civil_servant, handler, other_resident):
    file = make_file(S.SUBMITTED)
    services.take_file(file, civil_servant)
    assert file.handler == civil_servant
    with pytest.raises(PermissionDenied):
        services.take_file(file, handler)  # taken already
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_handler(file, civil_servant, handler)
    assert file.handler == handler
    assert any("Je behandelt dossier" in m.subject for m in emails_to(handler))
    with pytest.raises(services.NotAllowed):
        services.assign_handler(file, civil_servant, other_resident)  # not of the department


def test_nothing_but_the_workflow_writes_the_status():
    import re
    from pathlib import Path

    root = Path(workflow.__file__).parent
    writers = []
    for path in root.rglob("*.py"):
        if path.name in {"workflow.py", "seed.py", "demo.py"} or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if re.search(r"\.status\s*=[^=]|\b(update|create|SubsidyFile)\(.*\bstatus\s*=", line):
                writers.append(f"{path.name}:{number}: {line.strip()}")
    assert not writers, "\n".join(writers)

"""The periodic tasks: reminders to applicants and handlers and the weekly digest are sent
once, however often the task runs; a new week brings a new reminder for what is still late."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from initiatives.subsidies import services, tasks
from initiatives.subsidies.models import SubsidyFile

from .factories import make_file

S = SubsidyFile.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def run(task, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return task(*args, **kwargs)

    return run


def mails_to(user, text=""):
    return [m for m in mail.outbox if user.email in m.to and text in m.subject]


def test_information_reminder_once_then_weekly_when_late(run):
    today = timezone.localdate()
    file = make_file(S.INFO_REQUESTED)
    SubsidyFile.objects.filter(pk=file.pk).update(info_due=today + timedelta(days=2))
    assert run(tasks.remind_info_requests) == 1
    run(tasks.remind_info_requests)
    assert len(mails_to(file.applicant, "wacht op je antwoord")) == 1
    # Late: one more per week.
    later = today + timedelta(days=7)
    run(tasks.remind_info_requests, later)
    run(tasks.remind_info_requests, later)
    assert len(mails_to(file.applicant, "wacht op je antwoord")) == 2


def test_no_information_reminder_far_from_the_due_date(run):
    file = make_file(S.INFO_REQUESTED)  # due in 12 days
    assert run(tasks.remind_info_requests) == 0
    assert mails_to(file.applicant) == []


def test_report_reminder(run):
    today = timezone.localdate()
    file = make_file(S.GRANTED)
    SubsidyFile.objects.filter(pk=file.pk).update(report_due=today + timedelta(days=10))
    make_file(S.GRANTED)  # its report is due in months
    assert run(tasks.remind_reports) == 1
    run(tasks.remind_reports)
    reminders = mails_to(file.applicant, "eindverslag")
    assert len(reminders) == 1 and file.reference in reminders[0].subject


def test_intake_reminder_to_the_handler_or_the_department(run, civil_servant):
    yesterday = timezone.localdate() - timedelta(days=1)
    file = make_file(S.SUBMITTED)
    SubsidyFile.objects.filter(pk=file.pk).update(intake_due=yesterday)
    run(tasks.remind_intake_overdue)
    run(tasks.remind_intake_overdue)
    assert len(mails_to(civil_servant, "ontvankelijkheid")) == 1  # no handler: the department


def test_assessment_reminder_to_open_assessors_and_the_handler(run, assessor, civil_servant):
    from initiatives.subsidies.models import Assessment

    file = make_file(S.ASSESSMENT, handler=civil_servant, assessors=[assessor, civil_servant])
    Assessment.objects.filter(file=file, assessor=civil_servant).update(
        recommendation="grant", submitted_at=timezone.now()
    )
    SubsidyFile.objects.filter(pk=file.pk).update(assessment_due=timezone.localdate() - timedelta(days=3))
    run(tasks.remind_assessment_overdue)
    run(tasks.remind_assessment_overdue)
    assert len(mails_to(assessor, "beoordeling")) == 1
    assert len(mails_to(civil_servant, "beoordeling")) == 1


def test_decision_reminder_to_the_decision_makers(run, decision_maker):
    file = make_file(S.PROPOSED)
    SubsidyFile.objects.filter(pk=file.pk).update(decision_due=timezone.localdate() - timedelta(days=1))
    make_file(S.PROPOSED)  # not late
    assert run(tasks.remind_decision_overdue) == 1
    run(tasks.remind_decision_overdue)
    assert len(mails_to(decision_maker, "beslissing")) == 1
    assert len(mails_to(file.handler, "beslissing")) == 1


def test_weekly_digest_per_department(run, civil_servant, scheme):
    late = make_file(S.SUBMITTED, scheme=scheme)
    SubsidyFile.objects.filter(pk=late.pk).update(intake_due=timezone.localdate() - timedelta(days=2))
    make_file(S.PROPOSED, scheme=scheme)
    make_file(S.REPORT_SUBMITTED, scheme=scheme)
    run(tasks.send_weekly_digests)
    run(tasks.send_weekly_digests)
    digests = mails_to(civil_servant, "weekoverzicht")
    assert len(digests) == 1
    body = digests[0].body
    assert "Te laat: 1" in body and "Wachten op een beslissing: 1" in body and "Eindverslagen na te kijken: 1" in body
    assert late.reference in body


def test_the_command_runs_everything_twice_without_sending_twice(run, civil_servant, capsys):
    file = make_file(S.SUBMITTED)
    SubsidyFile.objects.filter(pk=file.pk).update(intake_due=timezone.localdate() - timedelta(days=1))
    run(call_command, "subsidies_tasks")
    first = len(mail.outbox)
    run(call_command, "subsidies_tasks")
    assert len(mail.outbox) == first > 0
    assert "intake: 1" in capsys.readouterr().out


def test_invitation_to_someone_without_an_account_is_emailed_once(run, scheme):
    file = make_file(S.DRAFT, scheme=scheme, amount_requested=Decimal("100"))
    run(services.invite_co_applicant, file, file.applicant, email="nieuw@example.be", name="Nieuwe Buur")
    invitations = [m for m in mail.outbox if m.to == ["nieuw@example.be"]]
    assert len(invitations) == 1 and "/subsidies/uitnodiging/" in invitations[0].body
    co = file.co_applicants.get()
    key = f"subsidies:invitation:{co.pk}:{int(co.invited_at.timestamp())}"
    assert tasks.send_invitation_email(co.pk, file.applicant.pk, key) is False  # a rerun sends nothing


def test_beat_runs_the_subsidy_reminders_and_digest():
    from genk.core import beat

    scheduled = {entry["task"] for entry in beat.schedule().values()}
    for name in ("remind_applicants", "remind_handlers", "send_weekly_digests"):
        assert f"initiatives.subsidies.tasks.{name}" in scheduled and callable(getattr(tasks, name))

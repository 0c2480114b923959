"""Reminders (idempotent), working days, and the beat schedule."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from genk.core.models import Notification
from initiatives import tasks
from initiatives.models import Initiative
from initiatives.workdays import add_working_days, easter, is_working_day, working_days_between

from .factories import in_state

S = Initiative.Status
BRUSSELS = ZoneInfo("Europe/Brussels")


def test_belgian_working_days():
    assert easter(2026) == date(2026, 4, 5)
    assert easter(2027) == date(2027, 3, 28)
    assert not is_working_day(date(2026, 4, 6))  # Easter Monday
    assert not is_working_day(date(2026, 5, 14))  # Ascension
    assert not is_working_day(date(2026, 7, 21))
    assert not is_working_day(date(2026, 11, 14))  # a Saturday
    assert add_working_days(date(2026, 12, 24), 2) == date(2026, 12, 29)  # Christmas and the weekend skipped
    assert working_days_between(date(2026, 4, 3), date(2026, 4, 10)) == 4


def test_beat_runs_the_initiative_tasks():
    from genk.core import beat

    scheduled = {entry["task"] for entry in beat.schedule().values()}
    for name in ("close_expired_support_periods", "remind_stale_drafts", "remind_moderation_overdue"):
        assert f"initiatives.tasks.{name}" in scheduled and callable(getattr(tasks, name))


@pytest.mark.django_db
def test_draft_reminder_after_14_days_once(initiator, django_capture_on_commit_callbacks):
    stale = in_state(S.DRAFT, created_by=initiator, title="Buurtfeest Sledderlo")
    fresh = in_state(S.DRAFT, created_by=initiator, title="Nieuw idee")
    Initiative.objects.filter(pk=stale.pk).update(modified=timezone.now() - timedelta(days=15))
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            tasks.remind_stale_drafts()
    reminders = Notification.objects.filter(kind="initiatives.reminder_draft")
    assert [n.subject for n in reminders] == ["Je kladversie ‘Buurtfeest Sledderlo’ wacht nog op je"]
    assert "15" not in reminders[0].body and "14 dagen" in reminders[0].body
    assert fresh.pk != stale.pk


@pytest.mark.django_db
def test_moderation_reminder_past_the_service_level(
    moderator, settings, django_capture_on_commit_callbacks, time_machine=None
):
    # Submitted on Monday 2 November 2026; 5 working days later is Monday 9 November.
    submitted = datetime(2026, 11, 2, 10, 0, tzinfo=BRUSSELS)
    waiting = in_state(S.SUBMITTED, title="Speelstraat in de Bret", submitted_at=submitted)
    recent = in_state(S.SUBMITTED, title="Net ingediend", submitted_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        tasks.remind_moderation_overdue()
        tasks.remind_moderation_overdue()
    reminders = Notification.objects.filter(kind="initiatives.reminder_moderation", recipient=moderator)
    assert reminders.count() == 1
    assert "Speelstraat in de Bret" in reminders[0].subject and "werkdagen op moderatie" in reminders[0].subject
    assert "De afspraak is 5 werkdagen." in reminders[0].body
    settings.INITIATIVES_MODERATION_WORKING_DAYS = 10_000
    assert tasks.remind_moderation_overdue() == 0
    assert recent.pk and waiting.pk


@pytest.mark.django_db
def test_answer_reminder_goes_to_the_handler(other_civil_servant, moderator, django_capture_on_commit_callbacks):
    overdue = in_state(S.CLOSED, handler=other_civil_servant, answer_due=timezone.localdate() - timedelta(days=1))
    in_state(S.THRESHOLD_REACHED, handler=other_civil_servant, answer_due=timezone.localdate() + timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_answers_overdue() == 1
        tasks.remind_answers_overdue()
    assert Notification.objects.filter(kind="initiatives.reminder_answer", recipient=other_civil_servant).count() == 1
    assert not Notification.objects.filter(kind="initiatives.reminder_answer", recipient=moderator).exists()
    assert overdue.pk


@pytest.mark.django_db
def test_the_management_command_runs_them_all(capsys):
    call_command("initiatives_tasks")
    out = capsys.readouterr().out
    assert "close: 0" in out and "drafts: 0" in out and "moderation: 0" in out and "answers: 0" in out


@pytest.mark.django_db
def test_an_invitation_email_is_sent_once(initiator, mailoutbox):
    from initiatives import services

    draft = in_state(S.DRAFT, created_by=initiator)
    invitation = services.invite(draft, initiator, "buur@example.be")
    key = f"initiatives:invitation:{invitation.pk}:{int(invitation.created.timestamp())}"
    assert tasks.send_invitation_email(invitation.pk, key) is True
    assert tasks.send_invitation_email(invitation.pk, key) is False
    assert len(mailoutbox) == 1

"""A new version of an organisation's notice asks for a new acknowledgement before the next
shift: until the volunteer acknowledges it, that shift's attendance and hours cannot be recorded
(the workflow rule `volunteers.record_attendance`, and a refusal that says what to do)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from genk.core.permissions import can
from genk.core.refusals import NotAllowed
from volunteers import tasks, workflow
from volunteers.models import HourEntry, NoticeAcknowledgement, SignUp

from .factories import NoticeFactory, ShiftFactory

pytestmark = pytest.mark.django_db
S = SignUp.Status
PERSONAS = ["visitor", "resident", "volunteer", "coordinator", "other_coordinator", "desk_staff", "admin_user"]


@pytest.fixture
def worked(opportunity, notice, volunteer):
    NoticeAcknowledgement.objects.create(user=volunteer, notice=notice)
    start = timezone.now() - timedelta(hours=2)
    shift = ShiftFactory(opportunity=opportunity, start=start, end=start + timedelta(hours=1))
    return SignUp.objects.create(shift=shift, volunteer=volunteer, status=S.ACCEPTED)


def new_version(organisation, published_on):
    return NoticeFactory(organisation=organisation, version=2, published_on=published_on)


def test_a_version_before_the_shift_blocks_attendance_and_hours(worked, organisation, volunteer, coordinator):
    v2 = new_version(organisation, timezone.localdate(worked.shift.start) - timedelta(days=1))
    with pytest.raises(NotAllowed, match="heeft versie 2 van de organisatienota nog niet bevestigd"):
        workflow.mark_attendance(worked, coordinator, present=True)
    with pytest.raises(NotAllowed, match="Lees eerst versie 2") as refused:
        workflow.log_hours(worked, volunteer, Decimal("1"))
    assert refused.value.next_url == v2.get_absolute_url()
    with pytest.raises(NotAllowed):
        workflow.log_hours(worked, coordinator, Decimal("1"))
    assert not can(coordinator, "volunteers.record_attendance", worked)
    workflow.mark_attendance(worked, coordinator, present=False)  # a no-show can be noted
    NoticeAcknowledgement.objects.create(user=volunteer, notice=v2)
    assert workflow.mark_attendance(SignUp.objects.get(pk=worked.pk), coordinator, present=True).status == S.ATTENDED
    assert workflow.log_hours(worked, volunteer, Decimal("1")).status == HourEntry.Status.LOGGED


def test_approving_hours_is_blocked_too(worked, organisation, volunteer, coordinator):
    entry = workflow.log_hours(worked, volunteer, Decimal("1"))
    new_version(organisation, timezone.localdate(worked.shift.start))
    with pytest.raises(NotAllowed, match="nog niet bevestigd"):
        workflow.decide_hours(entry, coordinator, approve=True)
    assert workflow.decide_hours(entry, coordinator, approve=False).status == HourEntry.Status.REJECTED


def test_a_version_after_the_shift_does_not_block_it(worked, organisation, volunteer, coordinator):
    new_version(organisation, timezone.localdate(worked.shift.start) + timedelta(days=1))
    assert workflow.mark_attendance(worked, coordinator, present=True).status == S.ATTENDED


@pytest.mark.parametrize("persona", PERSONAS)
def test_record_attendance_rule(request, worked, organisation, persona):
    user = request.getfixturevalue(persona)
    manages = persona in {"coordinator", "admin_user"}
    assert can(user, "volunteers.record_attendance", worked) == manages
    new_version(organisation, timezone.localdate(worked.shift.start))
    assert not can(user, "volunteers.record_attendance", worked)


def test_the_page_says_what_to_do(client, worked, organisation, volunteer):
    v2 = new_version(organisation, timezone.localdate(worked.shift.start))
    client.force_login(volunteer)
    response = client.post(reverse("volunteers:log_hours", args=[worked.pk]), {"hours": "1"}, follow=True)
    body = response.content.decode()
    assert "Lees eerst versie 2" in body
    assert not HourEntry.objects.exists()
    assert v2.get_absolute_url() in client.get(reverse("volunteers:mine")).content.decode()


def test_the_reminder_links_to_the_new_version(
    opportunity, notice, organisation, volunteer, django_capture_on_commit_callbacks
):
    NoticeAcknowledgement.objects.create(user=volunteer, notice=notice)
    tomorrow = timezone.localtime() + timedelta(days=1)
    shift = ShiftFactory(
        opportunity=opportunity, start=tomorrow.replace(hour=10, minute=0), end=tomorrow.replace(hour=12, minute=0)
    )
    SignUp.objects.create(shift=shift, volunteer=volunteer, status=S.ACCEPTED)
    v2 = new_version(organisation, timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_shift_reminders()
    body = mail.outbox[-1].body
    assert "organisatienota (versie 2)" in body and v2.get_absolute_url() in body

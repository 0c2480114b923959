from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from genk.core.refusals import AlreadyDone, NotAllowed
from tests.factories import UserFactory
from volunteers import workflow
from volunteers.models import HourEntry, SignUp

from .factories import ShiftFactory

pytestmark = pytest.mark.django_db
S = SignUp.Status


@pytest.fixture
def worked(opportunity, volunteer):
    start = timezone.now() - timedelta(days=1)
    shift = ShiftFactory(opportunity=opportunity, start=start, end=start + timedelta(hours=3))
    return SignUp.objects.create(shift=shift, volunteer=volunteer, status=S.ACCEPTED)


def test_log_approve_and_attendance(worked, volunteer, coordinator):
    entry = workflow.log_hours(worked, volunteer, Decimal("3"), "Soep opgediend")
    assert entry.status == HourEntry.Status.LOGGED
    entry = workflow.log_hours(worked, volunteer, Decimal("2.5"))  # corrected before the decision
    assert HourEntry.objects.get().hours == Decimal("2.5")
    with pytest.raises(PermissionDenied):
        workflow.decide_hours(entry, volunteer, approve=True)
    workflow.decide_hours(entry, coordinator, approve=True)
    worked.refresh_from_db()
    assert worked.status == S.ATTENDED
    with pytest.raises(AlreadyDone):
        workflow.log_hours(worked, volunteer, Decimal("4"))


def test_rejected_hours_are_corrected_and_go_back(worked, volunteer, coordinator):
    entry = workflow.log_hours(worked, volunteer, Decimal("8"))
    workflow.decide_hours(entry, coordinator, approve=False)
    entry = workflow.log_hours(worked, volunteer, Decimal("3"), "Toch maar 3")
    assert (entry.status, entry.hours) == (HourEntry.Status.LOGGED, Decimal("3"))


def test_no_hours_before_the_shift_or_for_someone_else(opportunity, volunteer, worked, other_coordinator):
    coming = SignUp.objects.create(shift=ShiftFactory(opportunity=opportunity), volunteer=volunteer, status=S.ACCEPTED)
    with pytest.raises(NotAllowed, match="begin"):
        workflow.log_hours(coming, volunteer, Decimal("2"))
    with pytest.raises(PermissionDenied):
        workflow.log_hours(worked, UserFactory(), Decimal("2"))
    with pytest.raises(PermissionDenied):
        workflow.log_hours(worked, other_coordinator, Decimal("2"))
    worked_cancelled = SignUp.objects.create(shift=worked.shift, volunteer=UserFactory(), status=S.CANCELLED)
    with pytest.raises(NotAllowed):
        workflow.log_hours(worked_cancelled, worked_cancelled.volunteer, Decimal("2"))


def test_the_database_keeps_hours_within_a_day(worked, volunteer):
    with pytest.raises(IntegrityError), transaction.atomic():
        HourEntry.objects.create(signup=worked, hours=Decimal("25"), logged_by=volunteer)


def test_pages(client, worked, volunteer, coordinator, opportunity):
    client.force_login(volunteer)
    mine = client.get(reverse("volunteers:mine"))
    assert "Uren ingeven" in mine.text
    client.post(reverse("volunteers:log_hours", args=[worked.pk]), {"hours": "3", "note": ""})
    response = client.post(reverse("volunteers:log_hours", args=[worked.pk]), {"hours": "abc"}, follow=True)
    assert "tussen 0,25 en 24" in response.text
    entry = HourEntry.objects.get()
    client.force_login(coordinator)
    page = client.get(reverse("volunteers_staff:opportunity", args=[opportunity.pk]))
    assert "Uren goedkeuren" in page.text
    client.post(reverse("volunteers_staff:hours_decide", args=[entry.pk, "approve"]))
    entry.refresh_from_db()
    assert entry.status == HourEntry.Status.APPROVED
    client.force_login(volunteer)
    assert f"Goedgekeurde uren in {timezone.localdate().year}: 3,00" in client.get(reverse("volunteers:mine")).text


def test_a_coordinator_logs_hours_from_the_workbench(client, worked, coordinator, opportunity):
    client.force_login(coordinator)
    back = reverse("volunteers_staff:opportunity", args=[opportunity.pk])
    response = client.post(reverse("volunteers:log_hours", args=[worked.pk]), {"hours": "2", "next": back})
    assert response.status_code == 302 and response.url == back
    response = client.post(
        reverse("volunteers:log_hours", args=[worked.pk]), {"hours": "2", "next": "https://elders.example/"}
    )
    assert response.url == reverse("volunteers:mine")
    assert HourEntry.objects.get().logged_by == coordinator

"""Flexible work: signing up for an opportunity as a whole (no shifts), hours per day, the
coordinator's decisions, and the approved hours on the certificate."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from genk.core.permissions import can
from genk.core.refusals import AlreadyDone, NotAllowed
from volunteers import certificates, workflow
from volunteers.models import Commitment, FlexibleHours, Opportunity

from .factories import OpportunityFactory

pytestmark = pytest.mark.django_db
C, F = Commitment.Status, FlexibleHours.Status
PERSONAS = ["visitor", "resident", "volunteer", "coordinator", "other_coordinator", "desk_staff", "admin_user"]
YESTERDAY = timezone.localdate() - timedelta(days=1)


@pytest.fixture
def flexible(organisation, notice):
    return OpportunityFactory(organisation=organisation, title="Parkje proper houden", kind=Opportunity.Kind.FLEXIBLE)


def test_commit_needs_the_notice_then_logs_and_approves(flexible, volunteer, coordinator, organisation):
    with pytest.raises(NotAllowed, match="organisatienota"):
        workflow.commit(volunteer, flexible)
    commitment = workflow.commit(volunteer, flexible, acknowledged_version=1, message="Op zaterdag")
    assert commitment.status == C.ACCEPTED
    with pytest.raises(AlreadyDone):
        workflow.commit(volunteer, flexible)
    entry = workflow.log_flexible_hours(commitment, volunteer, day=YESTERDAY, hours=Decimal("2"))
    entry = workflow.log_flexible_hours(commitment, volunteer, day=YESTERDAY, hours=Decimal("1.5"))  # corrected
    assert FlexibleHours.objects.get().hours == Decimal("1.5")
    with pytest.raises(PermissionDenied):
        workflow.decide_flexible_hours(entry, volunteer, approve=True)
    assert workflow.decide_flexible_hours(entry, coordinator, approve=True).status == F.APPROVED
    with pytest.raises(AlreadyDone):
        workflow.log_flexible_hours(commitment, volunteer, day=YESTERDAY, hours=Decimal("3"))
    year = YESTERDAY.year
    assert certificates.issue(volunteer, organisation, year, volunteer).hours == Decimal("1.5")


def test_approval_mode_and_refusals(flexible, volunteer, coordinator, resident):
    flexible.signup_mode = Opportunity.SignUpMode.APPROVAL
    flexible.save()
    commitment = workflow.commit(volunteer, flexible, acknowledged_version=1)
    assert commitment.status == C.REQUESTED
    with pytest.raises(NotAllowed, match="zodra je inschrijving aanvaard is"):
        workflow.log_flexible_hours(commitment, volunteer, day=YESTERDAY, hours=Decimal("1"))
    assert workflow.decide_commitment(commitment, coordinator, accept=True).status == C.ACCEPTED
    commitment.refresh_from_db()
    with pytest.raises(NotAllowed, match="voorbij is of vandaag"):
        workflow.log_flexible_hours(
            commitment, volunteer, day=timezone.localdate() + timedelta(days=1), hours=Decimal("1")
        )
    with pytest.raises(PermissionDenied):
        workflow.log_flexible_hours(commitment, resident, day=YESTERDAY, hours=Decimal("1"))
    assert workflow.cancel_commitment(commitment, volunteer).status == C.CANCELLED
    assert workflow.commit(volunteer, flexible).status == C.REQUESTED  # rejoins at the back


def test_only_flexible_published_work_and_no_minors(opportunity, flexible, volunteer):
    with pytest.raises(NotAllowed, match="per shift"):
        workflow.commit(volunteer, opportunity, acknowledged_version=1)
    volunteer.year_of_birth = timezone.localdate().year - 15
    volunteer.save()
    with pytest.raises(NotAllowed, match="jonger dan 18"):
        workflow.commit(volunteer, flexible, acknowledged_version=1)


@pytest.mark.parametrize("persona", PERSONAS)
def test_flexible_rules(request, flexible, persona):
    user = request.getfixturevalue(persona)
    volunteer = request.getfixturevalue("volunteer")
    commitment = Commitment.objects.create(opportunity=flexible, volunteer=volunteer, status=C.ACCEPTED)
    entry = FlexibleHours.objects.create(commitment=commitment, day=YESTERDAY, hours=2)
    manages = persona in {"coordinator", "admin_user"}
    own = persona == "volunteer"
    assert can(user, "volunteers.decide_commitment", commitment) == manages
    assert can(user, "volunteers.cancel_commitment", commitment) == (manages or own)
    assert can(user, "volunteers.log_flexible_hours", commitment) == (manages or own)
    assert can(user, "volunteers.approve_flexible_hours", entry) == manages


def test_pages(client, flexible, volunteer, coordinator):
    client.force_login(volunteer)
    detail = client.get(flexible.get_absolute_url()).content.decode()
    commit_url = reverse("volunteers:commit", args=[flexible.slug])
    assert commit_url in detail
    response = client.post(commit_url, {"message": "Graag"})
    assert (
        response.status_code == 200 and "Bevestig dat je de organisatienota gelezen hebt" in response.content.decode()
    )
    assert client.post(commit_url, {"message": "Graag", "acknowledge": "on"}).status_code == 302
    commitment = Commitment.objects.get()
    mine = client.get(reverse("volunteers:mine")).content.decode()
    hours_url = reverse("volunteers:flexible_hours", args=[commitment.pk])
    assert hours_url in mine
    client.post(hours_url, {"day": YESTERDAY.isoformat(), "hours": "3"})
    response = client.post(hours_url, {"day": "", "hours": "3"}, follow=True)
    assert "Geef een dag" in response.content.decode()
    entry = FlexibleHours.objects.get()
    client.force_login(coordinator)
    page = client.get(reverse("volunteers_staff:opportunity", args=[flexible.pk])).content.decode()
    approve = reverse("volunteers_staff:flexible_hours_decide", args=[entry.pk, "approve"])
    assert approve in page and "Ayse Vrijwilliger" in page
    assert client.post(approve).status_code == 302
    assert FlexibleHours.objects.get().status == F.APPROVED


def test_another_coordinator_cannot_decide(client, flexible, volunteer, other_coordinator):
    commitment = Commitment.objects.create(opportunity=flexible, volunteer=volunteer, status=C.REQUESTED)
    client.force_login(other_coordinator)
    response = client.post(reverse("volunteers_staff:commitment_decide", args=[commitment.pk, "accept"]))
    assert response.status_code == 403
    assert Commitment.objects.get().status == C.REQUESTED

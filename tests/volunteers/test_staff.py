from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from volunteers.models import InformationNotice, Opportunity, Shift, SignUp

from .factories import OpportunityFactory, ShiftFactory

pytestmark = pytest.mark.django_db
S = SignUp.Status
INDEX = reverse("volunteers_staff:index")


def test_workbench_for_coordinators_only(client, coordinator, resident, organisation):
    assert client.get(INDEX).status_code == 302
    client.force_login(resident)
    response = client.get(INDEX)
    assert response.status_code == 403
    assert "vrijwilligerscoördinatoren" in response.text
    client.force_login(coordinator)  # not city staff: no MFA asked
    response = client.get(INDEX)
    assert response.status_code == 200 and organisation.name in response.text


def test_a_coordinator_writes_adds_shifts_and_publishes(client, coordinator, organisation, notice, desk_staff):
    client.force_login(coordinator)
    response = client.post(
        reverse("volunteers_staff:opportunity_new", args=[organisation.slug]),
        {
            "title": "Wandelbuddy voor senioren",
            "description": "Samen wandelen in Bokrijk.",
            "kind": "recurring",
            "signup_mode": "approval",
            "themes": ["care", "sport"],
            "languages": ["nl"],
            "sdgs": ["3"],
            "cancellation_deadline_hours": "24",
        },
    )
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302
    assert opportunity.status == "draft" and opportunity.sdgs == [3] and opportunity.themes == ["care", "sport"]
    shifts_url = reverse("volunteers_staff:shift_add", args=[opportunity.pk])
    start = (timezone.localtime() + timedelta(days=2)).replace(hour=14, minute=0, second=0, microsecond=0)
    response = client.post(
        shifts_url,
        {
            "pattern": "single",
            "single-start": start.strftime("%Y-%m-%dT%H:%M"),
            "single-end": start.strftime("%Y-%m-%dT%H:%M"),
            "single-capacity": "0",
        },
    )
    assert response.status_code == 200
    assert "Het einde moet na het begin liggen." in response.text and not Shift.objects.exists()
    client.post(
        shifts_url,
        {
            "pattern": "single",
            "single-start": start.strftime("%Y-%m-%dT%H:%M"),
            "single-end": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "single-capacity": "3",
        },
    )
    first = timezone.localdate() + timedelta(days=1)
    weekly = {
        "pattern": "weekly",
        "weekly-weekday": "2",
        "weekly-start_time": "09:00",
        "weekly-end_time": "11:00",
        "weekly-first_day": first.isoformat(),
        "weekly-capacity": "4",
    }
    response = client.post(shifts_url, {**weekly, "weekly-last_day": (first + timedelta(days=400)).isoformat()})
    assert "hoogstens 52" in response.text
    client.post(shifts_url, {**weekly, "weekly-last_day": (first + timedelta(days=27)).isoformat()})
    assert Shift.objects.count() == 5
    # First opportunity of the organisation: to the volunteer desk.
    client.post(reverse("volunteers_staff:opportunity_transition", args=[opportunity.pk, "publish"]))
    opportunity.refresh_from_db()
    assert opportunity.status == "in_review"
    client.force_login(desk_staff)
    page = client.get(INDEX)
    assert opportunity.title in page.text
    client.post(reverse("volunteers_staff:opportunity_transition", args=[opportunity.pk, "approve"]))
    opportunity.refresh_from_db()
    assert opportunity.status == "published"


def test_the_queue_accept_and_decline_with_a_message(client, coordinator, opportunity):
    Opportunity.objects.filter(pk=opportunity.pk).update(signup_mode="approval")
    shift = ShiftFactory(opportunity=opportunity, capacity=1)
    a, b = UserFactory.create_batch(2)
    sa = SignUp.objects.create(shift=shift, volunteer=a, status=S.REQUESTED, message="Ik heb ervaring")
    sb = SignUp.objects.create(shift=shift, volunteer=b, status=S.REQUESTED)
    client.force_login(coordinator)
    page = client.get(reverse("volunteers_staff:opportunity", args=[opportunity.pk]))
    assert "Ik heb ervaring" in page.text
    client.post(reverse("volunteers_staff:signup_decide", args=[sa.pk, "accept"]), {"message": "Welkom"})
    client.post(reverse("volunteers_staff:signup_decide", args=[sb.pk, "decline"]), {"message": "Volzet"})
    sa.refresh_from_db()
    sb.refresh_from_db()
    assert (sa.status, sa.coordinator_message) == (S.ACCEPTED, "Welkom")
    assert (sb.status, sb.coordinator_message) == (S.DECLINED, "Volzet")
    # Deciding twice: a message, not an error page.
    response = client.post(reverse("volunteers_staff:signup_decide", args=[sb.pk, "accept"]), follow=True)
    assert "Dat kan niet (meer)" in response.text


def test_another_organisations_coordinator_is_refused(client, other_coordinator, opportunity, organisation):
    shift = ShiftFactory(opportunity=opportunity)
    signup = SignUp.objects.create(shift=shift, volunteer=UserFactory(), status=S.REQUESTED)
    client.force_login(other_coordinator)
    for url in (
        reverse("volunteers_staff:opportunity_edit", args=[opportunity.pk]),
        reverse("volunteers_staff:shift_add", args=[opportunity.pk]),
        reverse("volunteers_staff:shift_cancel", args=[shift.pk]),
        reverse("volunteers_staff:notice_new", args=[organisation.slug]),
        reverse("volunteers_staff:opportunity_new", args=[organisation.slug]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("volunteers_staff:signup_decide", args=[signup.pk, "accept"])).status_code == 403
    signup.refresh_from_db()
    assert signup.status == S.REQUESTED


def test_cancel_a_shift(client, coordinator, shift):
    signup = SignUp.objects.create(shift=shift, volunteer=UserFactory(), status=S.ACCEPTED)
    client.force_login(coordinator)
    url = reverse("volunteers_staff:shift_cancel", args=[shift.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"reason": "Storm voorspeld"})
    signup.refresh_from_db()
    assert signup.status == S.CANCELLED
    shift.refresh_from_db()
    assert shift.cancellation_reason == "Storm voorspeld"


def test_a_new_notice_version(client, coordinator, organisation, notice):
    client.force_login(coordinator)
    url = reverse("volunteers_staff:notice_new", args=[organisation.slug])
    assert "Ethias" in client.get(url).text  # the current version as a start
    client.post(
        url,
        {
            "aims": "Ontmoeting",
            "legal_status": "vzw",
            "insurance_civil_liability": "KBC, polis 1",
            "allowance_system": "flat_rate",
        },
    )
    assert InformationNotice.current_for(organisation.pk).version == 2


def test_close_and_reopen(client, coordinator, opportunity):
    client.force_login(coordinator)
    client.post(reverse("volunteers_staff:opportunity_transition", args=[opportunity.pk, "close"]))
    opportunity.refresh_from_db()
    assert opportunity.status == "closed"
    client.post(reverse("volunteers_staff:opportunity_transition", args=[opportunity.pk, "reopen"]))
    opportunity.refresh_from_db()
    assert opportunity.status == "published"


def test_unknown_transition_is_404(client, coordinator, opportunity):
    client.force_login(coordinator)
    assert (
        client.post(reverse("volunteers_staff:opportunity_transition", args=[opportunity.pk, "nope"])).status_code
        == 404
    )


def test_draft_of_another_org_is_hidden(client, other_coordinator):
    draft = OpportunityFactory(status="draft")
    client.force_login(other_coordinator)
    assert client.get(reverse("volunteers_staff:opportunity", args=[draft.pk])).status_code == 403


def test_overlapping_shifts_are_refused_with_the_clash(client, coordinator, opportunity):
    start = (timezone.localtime() + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    ShiftFactory(opportunity=opportunity, start=start, end=start + timedelta(hours=2))
    client.force_login(coordinator)
    url = reverse("volunteers_staff:shift_add", args=[opportunity.pk])
    response = client.post(
        url,
        {
            "pattern": "single",
            "single-start": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "single-end": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "single-capacity": "2",
        },
    )
    assert "die hiermee overlapt" in response.text and f"{start:%H:%M}" in response.text
    assert opportunity.shifts.count() == 1
    day = start.date()
    response = client.post(
        url,
        {
            "pattern": "weekly",
            "weekly-weekday": str(day.weekday()),
            "weekly-start_time": "11:00",
            "weekly-end_time": "12:00",
            "weekly-first_day": (day - timedelta(days=7)).isoformat(),
            "weekly-last_day": (day + timedelta(days=7)).isoformat(),
            "weekly-capacity": "2",
        },
    )
    assert "die hiermee overlapt" in response.text
    assert opportunity.shifts.count() == 1  # all or none


def test_workbench_query_count_is_constant(client, coordinator, opportunity):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("volunteers_staff:opportunity", args=[opportunity.pk])).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(coordinator)
    shift = ShiftFactory(opportunity=opportunity, capacity=50)
    SignUp.objects.create(shift=shift, volunteer=UserFactory(), status=S.REQUESTED)
    few = count()
    for n in range(5):
        other = ShiftFactory(opportunity=opportunity, start=timezone.now() + timedelta(days=10 + n), capacity=50)
        for person in UserFactory.create_batch(4):
            SignUp.objects.create(shift=other, volunteer=person, status=S.ACCEPTED)
    assert count() == few


def test_move_a_shift_and_everyone_is_told(client, coordinator, shift, django_capture_on_commit_callbacks):
    from genk.core.models import Notification

    people = UserFactory.create_batch(2)
    for person in people:
        SignUp.objects.create(shift=shift, volunteer=person, status=S.ACCEPTED)
    client.force_login(coordinator)
    url = reverse("volunteers_staff:shift_move", args=[shift.pk])
    assert client.get(url).status_code == 200
    new = (timezone.localtime(shift.start) + timedelta(days=1)).replace(second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "start": new.strftime("%Y-%m-%dT%H:%M"),
                "end": (new + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
                "message": "De zaal is pas vrij op donderdag",
            },
        )
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.start == new
    moved = Notification.objects.filter(kind="volunteers.shift_moved")
    assert moved.count() == 2 and "donderdag" in moved.first().body
    assert set(SignUp.objects.values_list("status", flat=True)) == {S.ACCEPTED}
    # Into the past: refused on the form.
    response = client.post(
        url,
        {
            "start": (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "end": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert "Een shift begint in de toekomst." in response.text


def test_a_message_to_everyone_of_a_shift(
    client, coordinator, other_coordinator, shift, django_capture_on_commit_callbacks
):
    from genk.core.models import Notification

    SignUp.objects.create(shift=shift, volunteer=UserFactory(), status=S.ACCEPTED)
    SignUp.objects.create(shift=shift, volunteer=UserFactory(), status=S.WAITING)
    SignUp.objects.create(shift=shift, volunteer=UserFactory(), status=S.CANCELLED)
    url = reverse("volunteers_staff:shift_message", args=[shift.pk])
    client.force_login(other_coordinator)
    assert client.post(url, {"text": "Hallo"}).status_code == 403
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"text": "Breng laarzen mee, het wordt modderig."}, follow=True)
    assert "naar 2 vrijwilliger(s)" in response.text
    assert Notification.objects.filter(kind="volunteers.shift_message").count() == 2


def test_export_of_sign_ups_and_hours(client, coordinator, other_coordinator, opportunity, organisation):
    import io

    from openpyxl import load_workbook

    from volunteers.models import HourEntry

    past = ShiftFactory(
        opportunity=opportunity,
        start=timezone.now() - timedelta(hours=5),
        end=timezone.now() - timedelta(hours=2),
    )
    person = UserFactory(display_name="Rita")
    signup = SignUp.objects.create(shift=past, volunteer=person, status=S.ATTENDED)
    HourEntry.objects.create(signup=signup, hours=3, logged_by=person, status="approved")
    year = timezone.localdate(past.start).year
    url = reverse("volunteers_staff:export", args=[organisation.slug, year, "csv"])
    client.force_login(other_coordinator)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert "CSV" in client.get(INDEX).text
    text = client.get(url).content.decode()
    assert "Rita" in text and person.email in text and "3.00" in text and "goedgekeurd" in text
    xlsx = client.get(reverse("volunteers_staff:export", args=[organisation.slug, year, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[1][3] == "Rita" and rows[1][6] == 3.0
    assert client.get(reverse("volunteers_staff:export", args=[organisation.slug, year, "pdf"])).status_code == 404

"""Open data (Popolo JSON) and the yearly report (screen and XLSX)."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from participation.councils import reports
from participation.councils.models import Advice, Attendance, Meeting

from .factories import AdviceFactory, AgendaItemFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_popolo_shape_and_no_private_data(client, council, board, chair, member, invited_meeting):
    MembershipFactory(council=council, end=timezone.localdate() - timedelta(days=1))
    closed = MeetingFactory(council=council, is_public=False, status=Meeting.Status.INVITED)
    AgendaItemFactory(meeting=closed, title="Besloten punt")
    response = client.get(reverse("councils:open_data"))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"organizations", "persons", "memberships", "events", "vote_events"}
    org = next(o for o in data["organizations"] if o["id"] == "adviesraad/seniorenraad")
    assert org["name"] == "Seniorenraad" and org["classification"] == "adviesraad"
    assert len(data["persons"]) == 5
    for person in data["persons"]:
        assert set(person) == {"id", "name"}
    text = response.content.decode()
    assert chair.email not in text and member.email not in text
    roles = {(m["person_id"], m["role"]) for m in data["memberships"]}
    assert (f"persoon/{chair.pk}", "chair") in roles
    assert any(m["end_date"] for m in data["memberships"])
    events = {e["id"]: e for e in data["events"]}
    meeting = events[f"vergadering/{invited_meeting.pk}"]
    assert meeting["organization_id"] == "adviesraad/seniorenraad"
    assert meeting["start_date"] == timezone.localtime(invited_meeting.starts_at).isoformat()
    items = [e for e in data["events"] if e.get("parent_id") == f"vergadering/{invited_meeting.pk}"]
    assert [i["name"] for i in items] == ["Zitbanken op de wandelroutes"]  # the confidential item stays out
    assert "Besloten punt" not in text
    assert events[f"vergadering/{closed.pk}"]["public"] is False


def test_popolo_filter_per_council(client, council, board):
    MeetingFactory()  # another council
    data = client.get(reverse("councils:open_data") + "?raad=seniorenraad").json()
    assert [o["id"] for o in data["organizations"]] == ["adviesraad/seniorenraad"]


@pytest.fixture
def year_data(council, board, chair, member, other_member, secretary):
    """Two meetings held (attendance 3/4 and 2/4), one cancelled; three pieces of advice."""
    year = timezone.localdate().year - 1
    rows = []
    for month, present in ((3, [chair, member, secretary]), (6, [chair, secretary])):
        start = timezone.make_aware(timezone.datetime(year, month, 10, 19, 30))
        meeting = MeetingFactory(
            council=council,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            rsvp_deadline=start,
            status=Meeting.Status.PUBLISHED,
        )
        for user in (chair, member, other_member, secretary):
            Attendance.objects.create(
                meeting=meeting,
                user=user,
                role="member",
                has_vote=user != secretary,
                presence="present" if user in present else "absent",
            )
        rows.append(meeting)
    start = timezone.make_aware(timezone.datetime(year, 9, 10, 19, 30))
    MeetingFactory(
        council=council,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        rsvp_deadline=start,
        status=Meeting.Status.CANCELLED,
    )
    sent = timezone.make_aware(timezone.datetime(year, 4, 1, 12, 0))
    on_time = AdviceFactory(council=council, sent=True, sent_at=sent, answer_due=sent.date() + timedelta(days=30))
    late = AdviceFactory(council=council, sent=True, sent_at=sent, answer_due=sent.date() + timedelta(days=30))
    AdviceFactory(council=council, sent=True, sent_at=sent, answer_due=sent.date() + timedelta(days=30))  # overdue
    Advice.objects.filter(pk=on_time.pk).update(
        status="answered", outcome="followed", answer="Ja", answered_at=sent + timedelta(days=10)
    )
    Advice.objects.filter(pk=late.pk).update(
        status="answered", outcome="not_followed", answer="Nee", answered_at=sent + timedelta(days=45)
    )
    return year


def test_year_report_figures(council, year_data):
    report = reports.year_report(council, year_data)
    assert report.meetings_held == 2 and report.meetings_cancelled == 1
    assert (report.present_total, report.invited_total) == (5, 8)
    assert str(report.attendance_rate) == "62.5"
    assert report.advice_given == 3 and report.advice_answered == 2
    assert (report.advice_on_time, report.advice_due) == (1, 3)
    assert str(report.on_time_share) == "33.3"
    assert report.meetings[0].quorum_reached and not report.meetings[1].quorum_reached
    assert report.advice_overdue == 1


def test_year_report_page_and_xlsx(client, council, year_data):
    html = client.get(reverse("councils:report", kwargs={"slug": council.slug, "year": year_data})).content.decode()
    assert "62.5%" in html or "62,5%" in html
    assert "33.3%" in html or "33,3%" in html
    response = client.get(reverse("councils:report_xlsx", kwargs={"slug": council.slug, "year": year_data}))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="jaarverslag-seniorenraad-{year_data}.xlsx"'
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["Samenvatting", "Vergaderingen", "Adviezen"]
    summary = {row[0]: row[1] for row in workbook["Samenvatting"].iter_rows(min_row=3, values_only=True)}
    assert summary["Vergaderingen gehouden"] == 2
    assert summary["Aanwezigheidsgraad (%)"] == 62.5
    assert summary["Adviezen gegeven"] == 3
    assert summary["Aandeel tijdig beantwoord (%)"] == pytest.approx(33.3)
    meetings = list(workbook["Vergaderingen"].iter_rows(min_row=2, values_only=True))
    assert len(meetings) == 2 and meetings[0][9] == "ja" and meetings[1][9] == "nee"
    advice = list(workbook["Adviezen"].iter_rows(min_row=2, values_only=True))
    assert sorted(row[6] or "" for row in advice) == ["", "ja", "nee"]


def test_report_for_a_year_without_data(client, council):
    response = client.get(reverse("councils:report_current", kwargs={"slug": council.slug}))
    assert response.status_code == 200
    assert "Geen vergaderingen in dit jaar." in response.content.decode()
    assert client.get(reverse("councils:report", kwargs={"slug": council.slug, "year": 1900})).status_code == 404

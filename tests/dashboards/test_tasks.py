import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from genk.core import beat
from neighbourhoods.dashboards import services, tasks
from neighbourhoods.dashboards.models import DailyFigure

pytestmark = pytest.mark.django_db


def test_the_tasks_are_scheduled():
    schedule = beat.schedule()
    assert schedule["dashboards-refresh-figures"]["task"] == tasks.refresh_figures.name
    assert schedule["dashboards-weekly-reports"]["task"] == tasks.send_weekly_reports.name


def test_refresh_stores_yesterday(wijk, residents_of):
    residents_of(wijk, 2, date_joined=timezone.now() - timedelta(days=5))
    tasks.refresh_figures.delay()
    yesterday = timezone.localdate() - timedelta(days=1)
    assert DailyFigure.objects.get(indicator="neighbourhoods.registered_residents", day=yesterday).value == 2


def test_weekly_report_once_per_director_and_wijk(director, wijk, other_wijk, residents_of):
    from tests.factories import TeamMembershipFactory

    TeamMembershipFactory(user=director, neighbourhood=other_wijk)
    residents_of(wijk, 3, date_joined=timezone.now() - timedelta(days=3))
    monday = timezone.localdate()
    services.backfill(monday - timedelta(days=14), monday - timedelta(days=1))  # what the daily task stored
    assert tasks.send_weekly_reports(monday.isoformat()) == 2
    assert tasks.send_weekly_reports(monday.isoformat()) == 0  # rerun: nothing twice
    assert len(mail.outbox) == 2
    message = next(m for m in mail.outbox if wijk.name in m.subject)
    assert message.to == [director.email]
    assert f"/beheer/wijken/{wijk.slug}/" in message.body
    assert "Inwoners met een account: 3" in message.body
    name, content, _mime = message.attachments[0]
    assert name.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["A1"].value == "Cijfer"

"""/beheer/: every app's number is counted in one query (genk.core.portal.count), and the
page costs the same queries however many rows there are to count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from genk.core import portal
from genk.core.models import Notification
from initiatives.models import Initiative
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_counts_are_counted_together_and_an_item_shown_only_when_not_zero_is_left_out(civil_servant):
    Notification.objects.create(recipient=civil_servant, kind="test", key="a", subject="Eén", body="", url="/")
    items = [
        portal.DashboardItem("S", "alle", "/a/", count=portal.count(Notification.objects.all())),
        portal.DashboardItem("S", "geen", "/b/", count=portal.count(Notification.objects.none()), hide_when_zero=True),
        portal.DashboardItem("S", "leeg", "/c/", count=portal.count(Notification.objects.filter(kind="x"))),
        portal.DashboardItem("S", "vast", "/d/", count=7, hide_when_zero=True),
    ]
    with CaptureQueriesContext(connection) as ctx:
        result = portal.counted(items)
    assert len(ctx) == 1
    assert [(i.label, i.count) for i in result] == [("alle", 1), ("leeg", 0), ("vast", 7)]


def dashboard(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/beheer/")
    assert response.status_code == 200
    return response.content.decode(), len(ctx)


def test_the_staff_dashboard_costs_the_same_queries_for_1_and_40_initiatives_to_moderate(client, civil_servant):
    """The bench's staff member is a member of the participation department, the moderators."""
    InitiativeFactory(submitted=True)
    client.force_login(civil_servant)
    client.get("/beheer/")
    html, few = dashboard(client)
    assert "Ter moderatie" in html
    InitiativeFactory.create_batch(39, submitted=True)
    html, many = dashboard(client)
    assert many == few
    assert Initiative.objects.awaiting_moderation().count() == 40
    start = html.index(">Ter moderatie</a>")
    assert '<span class="badge">40</span>' in html[start : html.index("</li>", start)]

"""Query counts of the wijkplan (public and staff), the signal list and the overview do not grow
with the number of actions and signals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from neighbourhoods.areawork.models import Action, ActionLink, Plan
from tests.agenda.factories import ActivityFactory

from .factories import ActionFactory, PriorityFactory, SignalFactory

pytestmark = pytest.mark.django_db


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def grow(plan, wijk, n):
    for _i in range(n):
        priority = PriorityFactory(plan=plan)
        for status in Action.Status.values:
            action = ActionFactory(priority=priority, status=status)
            ActionLink.objects.create(
                action=action, ref=f"x:{action.pk}", kind_label="Initiatief", title="Iets", url="/"
            )
            action.activities.add(ActivityFactory(neighbourhood=wijk))
        SignalFactory(neighbourhood=wijk)


def test_pages_cost_the_same_with_few_and_many_rows(client, director, plan, wijk):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.PUBLISHED)
    year = timezone.localdate().year
    urls = [
        f"/wijken/{wijk.slug}/wijkplan/",
        f"/beheer/wijken/{wijk.slug}/wijkplan/{year}/",
        f"/beheer/wijken/{wijk.slug}/signalen/",
        "/beheer/signalen/",
        f"/beheer/wijken/{wijk.slug}/team/",
    ]
    grow(plan, wijk, 1)
    client.force_login(director)
    few = [count(client, url) for url in urls]
    print("query counts", dict(zip(urls, few, strict=True)))
    grow(plan, wijk, 8)
    assert [count(client, url) for url in urls] == few

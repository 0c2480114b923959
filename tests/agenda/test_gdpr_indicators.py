from datetime import date, timedelta

import pytest
from django.utils import timezone

from genk.core import gdpr, indicators
from neighbourhoods.agenda import services
from neighbourhoods.agenda.models import Registration

from .factories import ActivityFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_export_holds_the_registrations(activity, resident):
    RegistrationFactory(activity=activity, user=resident, companions=2)
    section = gdpr.export_sections(resident)["agenda"]
    assert section["registrations"][0]["activity"] == activity.title
    assert section["registrations"][0]["companions"] == 2


def test_erasure_deletes_future_and_anonymises_past(activity, resident, other_resident):
    activity.capacity = 1
    activity.save()
    services.register(activity, resident)
    waiting = services.register(activity, other_resident)
    past = ActivityFactory(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=3, hours=-2)
    )
    old = RegistrationFactory(activity=past, user=resident, status=Registration.Status.ATTENDED)
    gdpr.erase_all(resident)
    assert not Registration.objects.filter(activity=activity, user=resident).exists()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.REGISTERED  # the freed seat went to the waiting list
    old.refresh_from_db()
    assert old.user is None and old.anonymised and old.status == Registration.Status.ATTENDED


def test_indicators_per_wijk(activity, wijk, people):
    for user in people(3):
        RegistrationFactory(activity=activity, user=user, companions=1)
    attended = RegistrationFactory(activity=activity, status=Registration.Status.ATTENDED)
    assert attended
    day = timezone.localdate(activity.starts_at)
    period = indicators.Period(day - timedelta(days=1), day + timedelta(days=1))
    figures = {i.key: i.by_neighbourhood(period) for i in indicators.registered() if i.key.startswith("agenda.")}
    assert figures["agenda.activities"] == {wijk.pk: 1}
    assert figures["agenda.registrations"] == {wijk.pk: 7}
    assert figures["agenda.attendance"] == {wijk.pk: 1}
    assert indicators.Period(date(2000, 1, 1), date(2000, 12, 31))

"""A real Celery worker, consuming from the Redis broker, runs a notification end to end."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import transaction

from genk.celery import app as celery_app
from genk.core import notifications
from genk.core.models import Notification
from genk.core.tasks import deliver_notification
from tests.factories import UserFactory

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(settings):
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield
    celery_app.conf.task_always_eager = previous


def wait_for(condition, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_notification_goes_through_a_real_worker_once(worker):
    user = UserFactory(display_name="Karim")
    with transaction.atomic():
        notifications.notify("account.welcome", [user], key="worker:1", context={"name": "Karim"}, url="/profiel/")
    assert wait_for(lambda: Notification.objects.filter(recipient=user, emailed_at__isnull=False).exists())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "[Samen Genk] Welkom bij Samen Genk, Karim"

    # The broker delivers the same task again (a retry, a duplicate beat run): nothing is sent twice.
    deliver_notification.delay("account.welcome", [user.pk], "worker:1", {"name": "Karim"})
    # The solo worker runs tasks in order: once this sentinel is done, the duplicate was handled.
    deliver_notification.delay("account.welcome", [user.pk], "worker:sentinel", {"name": "Karim"})
    assert wait_for(lambda: Notification.objects.filter(recipient=user, key="worker:sentinel").exists())
    assert wait_for(lambda: len(mail.outbox) == 2)
    assert Notification.objects.filter(recipient=user, key="worker:1").count() == 1
    assert [m.subject for m in mail.outbox].count("[Samen Genk] Welkom bij Samen Genk, Karim") == 2  # one per key

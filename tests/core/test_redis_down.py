"""Redis down: the cache and the Celery broker point at a closed port.

Pages are served from the database, a login works, a write that notifies is stored with its
task kept in the outbox, and once the broker answers again the task is delivered once."""

import logging
import re

import pytest
from django.core import mail
from django.urls import reverse

from genk.accounts.models import User
from genk.celery import app as celery_app
from genk.core.models import Notification

pytestmark = pytest.mark.django_db

CLOSED = "redis://127.0.0.1:1/0"


def _reset_broker_connections():
    """Forget the connections made to the previous broker address."""
    celery_app._pool = celery_app.amqp._producer_pool = None


@pytest.fixture
def cache_down(settings):
    from genk.core import cache as fail_open

    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": CLOSED}}
    reset = getattr(fail_open, "reset_outage", lambda: None)
    reset()
    yield
    reset()


@pytest.fixture
def broker_down(cache_down):
    conf = celery_app.conf
    previous = conf.broker_url, conf.task_always_eager
    conf.broker_url, conf.task_always_eager = CLOSED, False
    _reset_broker_connections()
    yield
    conf.broker_url, conf.task_always_eager = previous
    _reset_broker_connections()


def test_pages_are_served_from_the_database_when_the_cache_is_down(client, cache_down, caplog):
    from tests.initiatives.factories import InitiativeFactory

    initiative = InitiativeFactory(published=True, title="Bloembakken in de Vennestraat")
    caplog.set_level(logging.WARNING)
    for url in ["/", "/initiatieven/", "/wijken/", reverse("account_login"), initiative.get_absolute_url()]:
        assert client.get(url).status_code == 200, url
    # The cached public pages keep working (twice: the second answer may come from memory).
    for _ in range(2):
        assert "Bloembakken in de Vennestraat" in client.get(initiative.get_absolute_url()).content.decode()
    # One warning for the outage, not one per request.
    warnings = [r for r in caplog.records if r.name == "genk.core.cache"]
    assert len(warnings) == 1
    assert "unreachable" in warnings[0].getMessage()


def test_login_works_when_the_cache_is_down(client, cache_down, resident):
    response = client.post(reverse("account_login"), {"login": resident.email, "password": "een-sterk-wachtwoord"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_a_write_that_notifies_is_kept_until_the_broker_is_back(
    client, broker_down, django_capture_on_commit_callbacks
):
    from genk.core.models import OutboxMessage

    # Sign up and confirm the address: the confirmation notifies (the welcome message) after commit.
    signup = {"email": "nieuw@example.be", "password1": "Winterslag-2026!", "password2": "Winterslag-2026!"}
    assert client.post(reverse("account_signup"), signup).status_code == 302
    link = re.search(r"http://testserver(/account/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert response.status_code == 302  # the person gets their page, not a 500
    user = User.objects.get(email="nieuw@example.be")
    assert user.emailaddress_set.get().verified
    message = OutboxMessage.objects.get()
    assert message.task == "genk.core.tasks.deliver_notification"
    assert message.sent_at is None and message.attempts == 1
    assert "127.0.0.1:1" in message.last_error
    assert not Notification.objects.exists()

    # The broker is back (here: tasks run in-process): draining delivers it, once.
    from genk.core import outbox

    celery_app.conf.task_always_eager = True
    sent_before = len(mail.outbox)
    assert outbox.drain() == 1
    assert outbox.drain() == 0
    assert Notification.objects.get(recipient=user).kind == "account.welcome"
    assert len(mail.outbox) == sent_before + 1
    message.refresh_from_db()
    assert message.sent_at is not None


def test_the_drain_command_reports_what_it_published(broker_down):
    from django.core.management import call_command

    from genk.core import outbox
    from genk.core.models import OutboxMessage
    from genk.core.tasks import send_daily_digests

    outbox.enqueue(send_daily_digests)  # no transaction: published at once, and the broker is down
    assert OutboxMessage.objects.pending().count() == 1
    celery_app.conf.task_always_eager = True
    from io import StringIO

    out = StringIO()
    call_command("drain_outbox", stdout=out)
    assert out.getvalue().strip() == "1 published, 0 pending"


def test_administrators_see_what_waits_in_the_outbox(client, admin_user, broker_down):
    from genk.core import outbox
    from genk.core.tasks import send_daily_digests

    outbox.enqueue(send_daily_digests)
    client.force_login(admin_user)
    response = client.get(reverse("admin:core_outboxmessage_changelist") + "?sent_at__isempty=1")
    assert response.status_code == 200
    assert "genk.core.tasks.send_daily_digests" in response.content.decode()


def test_an_invitation_email_is_kept_until_the_broker_is_back(broker_down, django_capture_on_commit_callbacks):
    """The apps' own tasks queued on commit go through the outbox too (here: a committee invitation)."""
    from genk.core import outbox
    from genk.core.models import OutboxMessage
    from initiatives import services
    from tests.initiatives.factories import InitiativeFactory

    initiative = InitiativeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(initiative, initiative.created_by, "buur@example.be")
    message = OutboxMessage.objects.get(task="initiatives.tasks.send_invitation_email")
    assert message.sent_at is None
    celery_app.conf.task_always_eager = True
    sent_before = len(mail.outbox)
    assert outbox.drain() == 1
    assert [m.to for m in mail.outbox[sent_before:]] == [["buur@example.be"]]

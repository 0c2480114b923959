from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from genk.core import notifications
from genk.core.models import Notification, SendLog
from genk.core.tasks import deliver_notification, send_daily_digests
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_notify_stores_in_app_and_emails_immediately(django_capture_on_commit_callbacks):
    user = UserFactory(display_name="An")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify("account.welcome", [user], key="welcome:1", context={"name": "An"}, url="/profiel/")
    notification = Notification.objects.get(recipient=user)
    assert notification.subject == "Welkom bij Samen Genk, An"
    assert "Je e-mailadres is bevestigd" in notification.body
    assert notification.emailed_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "http://127.0.0.1:8000/profiel/" in mail.outbox[0].body


def test_nothing_is_sent_before_the_transaction_commits():
    user = UserFactory()
    with transaction.atomic():
        notifications.notify("account.welcome", [user], key="welcome:2", context={"name": "An"})
        transaction.set_rollback(True)
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_the_same_key_twice_sends_nothing_twice():
    user = UserFactory()
    for _ in range(2):
        deliver_notification.delay("account.welcome", [user.pk], "welcome:3", {"name": "An"})
    assert Notification.objects.filter(recipient=user).count() == 1
    assert len(mail.outbox) == 1
    assert SendLog.objects.count() == 1


def test_email_is_in_the_recipients_language():
    user = UserFactory(language="fr")
    deliver_notification("account.welcome", [user.pk], "welcome:fr", {"name": "Anne"})
    notification = Notification.objects.get(recipient=user)
    # The French catalogue translates the subject; without a translation it stays Dutch.
    from django.utils import translation

    with translation.override("fr"):
        expected = str(notifications.get_kind("account.welcome").subject) % {"name": "Anne"}
    assert notification.subject == expected


def test_daily_digest_users_get_one_email_a_day():
    user = UserFactory(notification_frequency="daily")
    deliver_notification("account.welcome", [user.pk], "k:1", {"name": "An"}, "/a/")
    deliver_notification("account.welcome", [user.pk], "k:2", {"name": "An"}, "/b/")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=user, emailed_at__isnull=True).count() == 2

    assert send_daily_digests() == 1
    assert len(mail.outbox) == 1
    assert "http://127.0.0.1:8000/a/" in mail.outbox[0].body
    assert "http://127.0.0.1:8000/b/" in mail.outbox[0].body
    assert send_daily_digests() == 0  # nothing pending

    # A new notification the same day waits: one digest per day (send log key per user and day).
    deliver_notification("account.welcome", [user.pk], "k:3", {"name": "An"}, "/c/")
    assert notifications.send_digest(user, date.today()) is False
    assert len(mail.outbox) == 1
    # ... and is not lost: it stays pending and goes out in the next day's digest.
    assert Notification.objects.filter(recipient=user, emailed_at__isnull=True).count() == 1
    assert notifications.send_digest(user, date.today() + timedelta(days=1)) is True
    assert len(mail.outbox) == 2 and "http://127.0.0.1:8000/c/" in mail.outbox[1].body
    assert "/a/" not in mail.outbox[1].body


def test_never_preference_keeps_it_in_the_portal_only():
    user = UserFactory(notification_frequency="never")
    deliver_notification("account.welcome", [user.pk], "k:never", {"name": "An"})
    assert Notification.objects.filter(recipient=user).count() == 1
    assert mail.outbox == []


def test_unknown_kind_fails_early():
    with pytest.raises(KeyError):
        notifications.notify("no.such.kind", [1], key="x")


def test_notification_list_and_unread_count(client):
    user = UserFactory()
    other = UserFactory()
    for i in range(3):
        Notification.objects.create(
            recipient=user, kind="account.welcome", key=f"n{i}", subject=f"Bericht {i}", body="x"
        )
    Notification.objects.create(recipient=other, kind="account.welcome", key="o", subject="Niet van jou", body="x")
    client.force_login(user)
    html = client.get("/meldingen/").content.decode()
    assert "Je hebt 3 ongelezen meldingen." in html
    assert "Bericht 2" in html and "Niet van jou" not in html
    first = Notification.objects.filter(recipient=user).first()
    client.post(f"/meldingen/{first.pk}/gelezen/")
    assert "Je hebt 2 ongelezen meldingen." in client.get("/meldingen/").content.decode()
    # Someone else's notification is not yours to mark.
    theirs = Notification.objects.get(recipient=other)
    assert client.post(f"/meldingen/{theirs.pk}/gelezen/").status_code == 404
    client.post("/meldingen/alles-gelezen/")
    assert "Je hebt 0 ongelezen meldingen." in client.get("/meldingen/").content.decode()


def test_notification_list_query_count_is_constant(client, django_assert_num_queries):
    user = UserFactory()
    client.force_login(user)

    def make(n, start):
        for i in range(start, start + n):
            Notification.objects.create(recipient=user, kind="account.welcome", key=f"q{i}", subject=f"S{i}", body="x")

    make(3, 0)
    client.get("/meldingen/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/meldingen/")
    few = len(ctx.captured_queries)
    assert few <= 8
    make(60, 100)
    with django_assert_num_queries(few):
        client.get("/meldingen/")


def test_the_notification_page_counts_the_page_and_the_badge_in_one_query(client, resident):
    """The paginator's count and the menu's unread badge are one aggregate: the page costs the
    same queries for 3 and 60 notifications, and shows both numbers right."""
    from django.utils import timezone

    def make(n, start):
        Notification.objects.bulk_create(
            Notification(recipient=resident, kind="test", key=f"k{i}", subject=f"Melding {i}", body="", url="/")
            for i in range(start, start + n)
        )

    make(3, 0)
    client.force_login(resident)
    client.get("/meldingen/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/meldingen/")
    few = len(ctx)
    # session, user, the two counts in one aggregate, department memberships (menu), the page
    assert few == 5
    make(57, 3)
    Notification.objects.filter(recipient=resident, key__in=["k0", "k1"]).update(read_at=timezone.now())
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/meldingen/?pagina=3")
    assert len(ctx) == few
    html = response.content.decode()
    assert "Melding" in html
    assert response.context["page"].paginator.count == 60
    assert response.context["unread_notifications"] == 58

"""Following the partnership, FairTrade or a goal: who hears what, once, and how."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from genk.core.models import Notification
from tests.factories import UserFactory
from worldcitizenship import follows
from worldcitizenship.follows import Follow, notify_followers

pytestmark = pytest.mark.django_db


def _notify(capture, subject="partnership", key="project:1:published", title="Waterputten (voorbeeld)"):
    with capture(execute=True):
        return notify_followers(subject, key=key, title=title, url="/wereldburgerschap/francistown/", summary="Nieuw")


def test_subjects_that_can_be_followed():
    for subject in ("partnership", "fairtrade", "sdg-1", "sdg-17"):
        assert follows.validate_subject(subject) == subject
    for subject in ("sdg-0", "sdg-18", "sdg-04", "sdg-", "fair", ""):
        with pytest.raises(ValidationError):
            follows.validate_subject(subject)


def test_followers_of_the_subject_are_told_once(django_capture_on_commit_callbacks):
    fan = UserFactory(email="fan@example.org")
    other = UserFactory(email="other@example.org")
    follows.follow(fan, "partnership")
    follows.follow(other, "fairtrade")
    assert _notify(django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [["fan@example.org"]]
    assert "Waterputten (voorbeeld)" in mail.outbox[0].subject
    assert "Nieuw" in mail.outbox[0].body and "/wereldburgerschap/francistown/" in mail.outbox[0].body
    assert Notification.objects.filter(recipient=fan, kind="worldcitizenship.follow").count() == 1
    assert not Notification.objects.filter(recipient=other).exists()
    # The same event again (a retry, or the same news for another subject the person follows): nothing new.
    follows.follow(fan, "sdg-6")
    _notify(django_capture_on_commit_callbacks)
    _notify(django_capture_on_commit_callbacks, subject="sdg-6")
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(recipient=fan).count() == 1


def test_nobody_follows_nothing_is_queued(django_capture_on_commit_callbacks):
    assert _notify(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_the_account_preference_is_the_ceiling(django_capture_on_commit_callbacks):
    never = UserFactory(notification_frequency="never")
    daily = UserFactory(notification_frequency="daily")
    follows.follow(never, "partnership")
    follows.follow(daily, "partnership")
    _notify(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Notification.objects.filter(recipient__in=[never, daily], emailed_at__isnull=True).count() == 2


def test_digest_followers_get_one_email_a_day_with_yesterdays_news(django_capture_on_commit_callbacks):
    fan = UserFactory(email="digest@example.org")
    follows.follow(fan, "sdg-13", how=Follow.How.DIGEST)
    _notify(django_capture_on_commit_callbacks, subject="sdg-13", key="a", title="Klimaatproject A")
    _notify(django_capture_on_commit_callbacks, subject="sdg-13", key="b", title="Klimaatproject B")
    assert mail.outbox == []
    # Today's news waits for tomorrow's digest: nothing is marked emailed without being sent.
    assert follows.send_follow_digests() == 0
    Notification.objects.filter(recipient=fan).update(created=timezone.now() - timedelta(days=1))
    assert follows.send_follow_digests() == 1
    assert len(mail.outbox) == 1
    assert "Klimaatproject A" in mail.outbox[0].body and "Klimaatproject B" in mail.outbox[0].body
    assert follows.send_follow_digests() == 0
    assert len(mail.outbox) == 1
    assert not Notification.objects.filter(recipient=fan, emailed_at__isnull=True).exists()


def test_follow_changes_how_and_unfollow_stops(django_capture_on_commit_callbacks):
    fan = UserFactory()
    follows.follow(fan, "fairtrade")
    follows.follow(fan, "fairtrade", how=Follow.How.DIGEST)
    assert Follow.objects.get(user=fan).how == "digest"
    assert follows.following(fan, "fairtrade") is not None
    follows.unfollow(fan, "fairtrade")
    assert follows.following(fan, "fairtrade") is None
    assert _notify(django_capture_on_commit_callbacks, subject="fairtrade") == 0
    with pytest.raises(ValidationError):
        follows.follow(fan, "sdg-99")


def test_inactive_followers_hear_nothing(django_capture_on_commit_callbacks):
    gone = UserFactory(is_active=False)
    follows.follow(gone, "partnership")
    assert _notify(django_capture_on_commit_callbacks) == 0


def test_follows_are_in_my_data_and_go_with_my_account():
    from genk.core import gdpr

    fan = UserFactory()
    follows.follow(fan, "sdg-5", how=Follow.How.DIGEST)
    assert gdpr.export_sections(fan)["worldcitizenship.follows"][0]["subject"] == "sdg-5"
    gdpr.erase_all(fan)
    assert not Follow.objects.filter(user=fan).exists()

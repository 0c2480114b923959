from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils import timezone

from . import beat, notifications


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def deliver_notification(self, kind: str, recipient_ids: list[int], key: str, context: dict, url: str = "") -> int:
    """Store and email one notification per recipient. Harmless to rerun: the Notification's
    unique (recipient, key) and the SendLog's unique key mean nothing is stored or sent twice."""
    return notifications.deliver(kind, recipient_ids, key, context, url)


@shared_task
def send_daily_digests() -> int:
    """Email each daily-digest user what they have not been emailed yet. Runs hourly; the
    send log key is per user and day, so a user gets at most one digest a day."""
    User = get_user_model()
    today = timezone.localdate()
    users = User.objects.filter(
        is_active=True,
        notification_frequency=User.NotificationFrequency.DAILY,
        notifications__emailed_at__isnull=True,
    ).distinct()
    return sum(1 for user in users if notifications.send_digest(user, today))


@shared_task
def drain_outbox() -> int:
    """Publish the outbox's pending tasks (genk.core.outbox). Runs every minute; harmless to
    rerun: a message is marked sent once published, and the tasks it publishes are idempotent."""
    from . import outbox

    return outbox.drain()


# Periodic runs (celery beat): each task is idempotent, so a rerun sends nothing twice.
beat.every("core-drain-outbox", drain_outbox, 60)  # tasks queued while the broker was down
beat.every(
    "notifications-daily-digest", send_daily_digests, 60 * 60
)  # hourly; each user gets at most one digest a day (send log)

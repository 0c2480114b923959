"""The transactional outbox: Celery work queued on commit survives a broker that is down.

    from genk.core import outbox
    outbox.enqueue(send_invitation_email, invitation_id=invitation.pk, key=key)

instead of `transaction.on_commit(lambda: send_invitation_email.delay(...))`. `enqueue` writes
an `OutboxMessage` row in the current transaction (rolled back with it) and, after commit,
publishes it. When the broker does not answer, the person still gets their page: the row
stays pending, one warning is logged, and `drain()` publishes it later — every minute from
beat (`genk.core.tasks.drain_outbox`) or by hand (`manage.py drain_outbox`).

A row is locked while it is published (`select_for_update(skip_locked=True)`), so the publish
after commit and a drain never publish it both. A crash between publishing and marking the
row sent publishes it again: only idempotent tasks (ids in, a unique key for what they
send) go through the outbox. Keyword arguments only, JSON-serialisable.
"""

import logging
from datetime import timedelta

from celery import current_app
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from .models import OutboxMessage

logger = logging.getLogger(__name__)

# What a broker that is down or unreachable raises on publish.
BROKER_ERRORS = (OperationalError, OSError)
KEEP_SENT = timedelta(days=7)


def enqueue(task, /, **kwargs) -> OutboxMessage:
    """Publish `task(**kwargs)` once the current transaction commits, even if the broker is
    down then. `task` is a Celery task or its name."""
    message = OutboxMessage.objects.create(task=getattr(task, "name", task), kwargs=kwargs)
    transaction.on_commit(lambda: publish(message.pk))
    return message


def publish(pk: int) -> bool | None:
    """Publish one pending message: True when published, False when the broker did not answer
    (it stays pending), None when there was nothing to do (already sent, or being sent)."""
    with transaction.atomic():
        message = OutboxMessage.objects.pending().select_for_update(skip_locked=True).filter(pk=pk).first()
        if message is None:
            return None
        try:
            # No retries here: the outbox is the retry.
            current_app.tasks[message.task].apply_async(kwargs=message.kwargs, retry=False)
        except BROKER_ERRORS as error:
            message.attempts += 1
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            message.save(update_fields=["attempts", "last_error"])
            logger.warning("Outbox: %s #%s kept for later, the broker did not answer (%s).", message.task, pk, error)
            return False
        message.attempts += 1
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "sent_at", "last_error"])
    return True


def drain(limit: int = 1000) -> int:
    """Publish pending messages, oldest first, until the broker fails; returns how many went.

    Also forgets messages sent more than a week ago."""
    sent = 0
    for pk in OutboxMessage.objects.pending().order_by("pk").values_list("pk", flat=True)[:limit]:
        published = publish(pk)
        if published is False:
            break  # the broker is down: the next drain tries again
        sent += bool(published)
    OutboxMessage.objects.filter(sent_at__lt=timezone.now() - KEEP_SENT).delete()
    return sent

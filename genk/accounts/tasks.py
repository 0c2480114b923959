from datetime import timedelta

from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils import timezone

from genk.core import beat


@shared_task
def purge_unverified_accounts(days: int = 30) -> int:
    """Delete accounts whose email was never verified within `days` (GDPR retention).
    They cannot have contributed anything; a rerun finds nothing left to delete."""
    User = get_user_model()
    cutoff = timezone.now() - timedelta(days=days)
    stale = list(
        User.objects.filter(date_joined__lt=cutoff, is_staff=False, is_superuser=False, last_login__isnull=True)
        .exclude(emailaddress__verified=True)
        .values_list("pk", flat=True)
    )
    User.objects.filter(pk__in=stale).delete()
    return len(stale)


# Periodic runs (celery beat): each task is idempotent, so a rerun sends nothing twice.
beat.every("accounts-purge-unverified", purge_unverified_accounts, 24 * 60 * 60)

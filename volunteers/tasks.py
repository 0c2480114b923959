"""Periodic work of volunteer work (Celery beat)."""

from datetime import datetime, timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from genk.core import beat, notifications

from .models import SignUp
from .workflow import context_of


@shared_task
def send_shift_reminders(now: str | None = None) -> int:
    """Remind everyone signed up (accepted) for a shift that starts tomorrow (Brussels time).

    Runs hourly; the window is the whole of tomorrow, so a missed run is caught up by the next.
    The key names the sign-up and the shift's start: a rerun sends nothing twice, and a shift
    moved to another day reminds again. Returns how many sign-ups were reminded (or re-queued)."""
    moment = datetime.fromisoformat(now) if now else timezone.now()
    tomorrow = timezone.localtime(moment).date() + timedelta(days=1)
    zone = timezone.get_current_timezone()
    start = datetime.combine(tomorrow, datetime.min.time(), tzinfo=zone)
    signups = (
        SignUp.objects.accepted()
        .filter(shift__status="scheduled", shift__start__gte=start, shift__start__lt=start + timedelta(days=1))
        .select_related("shift__opportunity")
    )
    count = 0
    with transaction.atomic():
        for signup in signups:
            shift = signup.shift
            notifications.notify(
                "volunteers.shift_reminder",
                [signup.volunteer_id],
                key=f"volunteers:signup:{signup.pk}:reminder:{shift.start:%Y%m%d%H%M}",
                context=context_of(shift, address=shift.opportunity.place.address if shift.opportunity.place else ""),
                url=shift.opportunity.get_absolute_url(),
            )
            count += 1
    return count


beat.every("volunteers-shift-reminders", send_shift_reminders, 60 * 60)

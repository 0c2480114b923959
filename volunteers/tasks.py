"""Periodic work of volunteer work (Celery beat)."""

from datetime import datetime, timedelta

from celery import shared_task
from celery.schedules import crontab
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from genk.core import beat, notifications

from .models import SignUp
from .predicates import notice_to_acknowledge
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
            unread = notice_to_acknowledge(signup)  # a new notice version: read it before the shift
            notifications.notify(
                "volunteers.shift_reminder",
                [signup.volunteer_id],
                key=f"volunteers:signup:{signup.pk}:reminder:{shift.start:%Y%m%d%H%M}",
                context=context_of(
                    shift,
                    address=shift.opportunity.place.address if shift.opportunity.place else "",
                    notice_version=unread.version if unread else "",
                ),
                url=unread.get_absolute_url() if unread else shift.opportunity.get_absolute_url(),
            )
            count += 1
    return count


beat.every("volunteers-shift-reminders", send_shift_reminders, 60 * 60)


@shared_task
def send_hours_to_approve(now: str | None = None) -> int:
    """Tell each coordinator, once per ISO week, how many logged hours of their organisation
    wait for approval (nothing when none wait). The key names the coordinator, the organisation
    and the week: a rerun in the same week sends nothing twice. Returns how many were told."""
    from django.db.models import Count

    from .models import HourEntry
    from .workflow import coordinator_ids

    moment = datetime.fromisoformat(now) if now else timezone.now()
    year, week, _day = timezone.localtime(moment).isocalendar()
    waiting = (
        HourEntry.objects.filter(status=HourEntry.Status.LOGGED)
        .values("signup__shift__opportunity__organisation_id", "signup__shift__opportunity__organisation__name")
        .annotate(n=Count("pk"))
    )
    told = 0
    with transaction.atomic():
        for row in waiting:
            organisation_id = row["signup__shift__opportunity__organisation_id"]
            for user_id in coordinator_ids(organisation_id):
                notifications.notify(
                    "volunteers.hours_to_approve",
                    [user_id],
                    key=f"volunteers:hours:{organisation_id}:{user_id}:{year}-W{week:02d}",
                    context={"count": row["n"], "organisation": row["signup__shift__opportunity__organisation__name"]},
                    url=reverse("volunteers_staff:index"),
                )
                told += 1
    return told


beat.every("volunteers-hours-to-approve", send_hours_to_approve, crontab(day_of_week="mon", hour=8, minute=0))

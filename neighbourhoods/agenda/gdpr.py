"""What the agenda keeps about a person, for the data download and the erasure.

Erasure deletes the person's registrations for activities still to come (their seats go to
the waiting list, in order) and anonymises those for past activities, which stay in the
counts of what took place."""

from django.db import transaction
from django.utils import timezone

from genk.core import gdpr

from . import services
from .models import Activity, Registration


def export(user) -> dict:
    return {
        "registrations": [
            {
                "activity": r.activity.title,
                "starts_at": r.activity.starts_at,
                "status": r.status,
                "companions": r.companions,
                "code": r.code,
                "registered": r.created,
                "attended_at": r.attended_at,
                "cancelled_at": r.cancelled_at,
            }
            for r in Registration.objects.filter(user=user).select_related("activity").order_by("created")
        ],
        "activities_created": [
            {"title": a.title, "starts_at": a.starts_at, "status": a.status}
            for a in Activity.objects.filter(created_by=user).order_by("starts_at")
        ],
    }


def erase(user) -> None:
    now = timezone.now()
    with transaction.atomic():
        future = Registration.objects.filter(user=user, activity__starts_at__gt=now)
        activity_ids = sorted(set(future.values_list("activity_id", flat=True)))
        for activity_id in activity_ids:
            activity = services.lock_activity(Activity(pk=activity_id))
            Registration.objects.filter(user=user, activity=activity).delete()
            services.promote_waiting(activity)
        Registration.objects.filter(user=user).update(user=None, name="", email="", anonymised=True)


gdpr.register("agenda", export=export, erase=erase)

"""Celery tasks of the agenda. Each takes ids (or nothing), and a rerun is harmless."""

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from genk.core import beat
from genk.core import notifications as core_notifications

from . import notifications, services, workflow
from .models import Activity, Registration


@shared_task
def mark_activities_took_place() -> int:
    """Published activities whose end has passed move to took_place. Runs hourly; an activity
    already moved is skipped, so a rerun or a concurrent run changes nothing twice."""
    done = 0
    for activity in Activity.objects.published().filter(ends_at__lt=timezone.now()).order_by("pk").iterator():
        done += workflow.mark_took_place(activity)
    return done


@shared_task
def send_reminders() -> int:
    """Remind registered people of tomorrow's activities (Brussels days). Runs hourly: the key
    `agenda.reminder.<activity>` per recipient (and the send log) makes every rerun a no-op,
    and an activity published late in the day still gets its reminder."""
    start, end = services.tomorrow_window()
    sent = 0
    activities = Activity.objects.published().filter(starts_at__gte=start, starts_at__lt=end, registration_enabled=True)
    for activity in activities.order_by("pk"):
        registrations = list(Registration.objects.filter(activity=activity, status=Registration.Status.REGISTERED))
        if registrations:
            with transaction.atomic():
                notifications.reminder(activity, registrations)
            sent += len(registrations)
    return sent


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_guest_email(self, kind_key: str, registration_id: int, key: str, context: dict, url: str) -> bool:
    """E-mail a visitor registered without an account (in Dutch, the city's language), once
    per key: the send log row and the send share a transaction."""
    registration = Registration.objects.select_related("activity").filter(pk=registration_id).first()
    if registration is None or not registration.email or registration.anonymised:
        return False
    kind = core_notifications.get_kind(kind_key)
    subject, body = core_notifications.render(kind, context, settings.LANGUAGE_CODE)
    lines = [body, "", core_notifications.absolute_url(url)]
    with translation.override(settings.LANGUAGE_CODE):
        if registration.status in Registration.COUNTING or registration.status == Registration.Status.WAITING:
            cancel = reverse("agenda:guest_cancel", kwargs={"token": services.cancel_token(registration)})
            lines += [
                "",
                _("Je inschrijvingscode: %(code)s") % {"code": registration.code},
                _("Kan je niet komen? Annuleer met deze link: %(url)s")
                % {"url": core_notifications.absolute_url(cancel)},
            ]
    return core_notifications.send_email_once(
        f"{key}:guest:{registration.pk}", registration.email, subject, "\n".join(lines)
    )


# Periodic runs (celery beat): the day-before reminder (hourly, once per person and activity) and
# past activities marked as took place. Both are idempotent.
beat.every("agenda-reminders", send_reminders, 60 * 60)
beat.every("agenda-took-place", mark_activities_took_place, 60 * 60)


@shared_task
def make_image_versions(activity_id: int, pending: str) -> bool:
    """Make the page and small versions of an activity's uploaded image and show them instead of
    the previous one (genk.core.images.make_versions: harmless to rerun). The other occurrences
    of its series waiting for the same upload get the same versions. Queued through the outbox
    when the upload is saved. True when the versions were made."""
    from genk.core.images import make_versions

    from . import images

    with transaction.atomic():
        made = make_versions(
            Activity,
            activity_id,
            pending,
            storage=images.upload_storage(),
            folder=images.FOLDER,
            limits=images.limits(),
            in_use=images.in_use,
        )
        if made:
            done = Activity.objects.values("image", "image_width", "image_height").get(pk=activity_id)
            Activity.objects.filter(image_pending=pending).update(image_pending="", **done)
    return made

"""Invitations to meetings: an email per member, in their language, with an iCalendar file
(REQUEST, or CANCEL for a cancelled meeting). `genk.core.notifications` sends plain text only,
so they are built here, and made idempotent the same way: a SendLog row under
`council-invite:<meeting>:<sequence>:<user>` is written in the transaction that sends.

Queued by `tasks.queue_invitations` on commit; sent by the task `send_meeting_invitations`.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from genk.core import notifications
from genk.core.models import SendLog

from . import ical
from .models import Meeting


def invitation_kind(meeting: Meeting) -> str:
    if meeting.is_cancelled:
        return "cancel"
    return "update" if meeting.sequence > 0 else "invite"


def build_invitation(meeting: Meeting, user, items) -> EmailMessage:
    """The email for one member: a text in their language and the .ics (REQUEST or CANCEL)."""
    kind = invitation_kind(meeting)
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "meeting": meeting,
            "council": meeting.council,
            "user": user,
            "kind": kind,
            "items": items,
            "when": timezone.localtime(meeting.starts_at),
            "ends": timezone.localtime(meeting.ends_at),
            "rsvp_deadline": timezone.localtime(meeting.rsvp_deadline) if meeting.rsvp_deadline else None,
            "url": notifications.absolute_url(meeting.get_absolute_url()),
        }
        subjects = {
            "invite": _("Uitnodiging: %(meeting)s"),
            "update": _("Gewijzigd: %(meeting)s"),
            "cancel": _("Geannuleerd: %(meeting)s"),
        }
        subject = subjects[kind] % {"meeting": f"{meeting.council.name}, {meeting.display_title}"}
        body = render_to_string("councils/email/invitation.txt", context).strip()
    message = EmailMessage(
        subject=notifications.email_subject(subject),
        body=body,
        to=[user.email],
        reply_to=[meeting.council.email] if meeting.council.email else None,
    )
    method = "CANCEL" if kind == "cancel" else "REQUEST"
    message.attach(
        "annulering.ics" if kind == "cancel" else "uitnodiging.ics",
        ical.invitation(meeting, user, items).decode(),
        f"text/calendar; method={method}; charset=utf-8",
    )
    return message


def send_invitation_once(meeting: Meeting, user, items) -> bool:
    """Send `user` this version of the invitation unless it was already sent."""
    if not user.email or not user.is_active:
        return False
    key = f"council-invite:{meeting.pk}:{meeting.sequence}:{user.pk}"
    with transaction.atomic():
        try:
            with transaction.atomic():
                SendLog.objects.create(key=key, recipient=user)
        except IntegrityError:
            return False
        build_invitation(meeting, user, items).send()
    return True


def send_invitations(meeting_id: int, sequence: int) -> int:
    """Send version `sequence` of a meeting's invitation to every invited member.
    A newer version supersedes it (that one's own task sends); reruns send nothing twice."""
    meeting = Meeting.objects.select_related("council", "place").get(pk=meeting_id)
    if meeting.sequence != sequence:
        return 0
    items = list(meeting.items.all())
    sent = 0
    for attendance in meeting.attendances.select_related("user"):
        if send_invitation_once(meeting, attendance.user, items):
            sent += 1
    return sent

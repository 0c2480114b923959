"""Reminders and notifications for budget cycles. Ids in; every send has a notification key,
so a rerun (or a retried task) sends nothing twice.

Beat entries: CELERY_BEAT_SCHEDULE in genk/settings.py (the one list of beat entries).
"""

from datetime import datetime, timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from genk.core import beat, notifications

from .models import Ballot, Cycle, Follow, Phase, Proposal

# A phase that started longer ago than this is not announced any more (e.g. after downtime).
PHASE_NOTICE_WINDOW = timedelta(days=3)
REMINDER_BEFORE_CLOSE = timedelta(days=2)
CHUNK = 1000


def _chunks(ids, size=CHUNK):
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@shared_task
def notify_phase_starts(now_iso: str | None = None) -> int:
    """Tell the followers of a published cycle that a phase has started.

    Window: phases that started in the last three days and were not announced yet. A rerun
    finds them marked (and the notification key per phase guards the rest)."""
    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    sent = 0
    phases = Phase.objects.filter(
        cycle__is_published=True,
        start_notified_at__isnull=True,
        starts_at__lte=now,
        starts_at__gt=now - PHASE_NOTICE_WINDOW,
    ).select_related("cycle")
    for phase in phases:
        with transaction.atomic():
            locked = Phase.objects.select_for_update(skip_locked=True).filter(
                pk=phase.pk, start_notified_at__isnull=True
            )
            if not locked.exists():
                continue
            followers = Follow.objects.filter(cycle=phase.cycle).values_list("user_id", flat=True)
            for chunk in _chunks(followers):
                notifications.notify(
                    "budgets.phase_started",
                    chunk,
                    key=f"budgets:phase:{phase.pk}:started",
                    context={
                        "cycle": phase.cycle.name,
                        "phase": str(phase.get_kind_display()),
                        "description": str(phase.spec.description),
                    },
                    url=phase.cycle.get_absolute_url(),
                )
                sent += len(chunk)
            locked.update(start_notified_at=now)
    return sent


@shared_task
def remind_voting_closes(now_iso: str | None = None) -> int:
    """Remind followers who asked for it, may vote and have not voted, that voting closes
    within two days. Once per person per cycle (notification key)."""
    from allauth.account.models import EmailAddress

    from .eligibility import voter_problem

    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    closing = Phase.objects.filter(
        kind=Phase.Kind.RESULTS,
        starts_at__gt=now,
        starts_at__lte=now + REMINDER_BEFORE_CLOSE,
        cycle__is_published=True,
        cycle__phases__kind=Phase.Kind.VOTING,
        cycle__phases__starts_at__lte=now,
    ).values_list("cycle_id", flat=True)
    sent = 0
    for cycle in Cycle.objects.filter(pk__in=list(closing)).for_page():
        headings = list(cycle.headings.all())
        follows = list(Follow.objects.filter(cycle=cycle, remind_to_vote=True).select_related("user__neighbourhood"))
        users = [f.user for f in follows if f.user.is_active]
        verified = set(EmailAddress.objects.filter(user__in=users, verified=True).values_list("user_id", flat=True))
        voted = set(Ballot.objects.filter(heading__cycle=cycle, voter__in=users).values_list("voter_id", "heading_id"))
        recipients = []
        for user in users:
            user._budgets_verified_email = user.pk in verified
            # Without the identity check of a cycle with paper ballots: those who still have to
            # confirm who they are can do so, or vote on paper, before voting closes.
            if any(voter_problem(user, h, identity=False) is None and (user.pk, h.pk) not in voted for h in headings):
                recipients.append(user.pk)
        closes = date_format(timezone.localtime(cycle.voting_closes_at), "j F Y H:i")
        for chunk in _chunks(recipients):
            notifications.notify(
                "budgets.voting_closes",
                chunk,
                key=f"budgets:voting-closes:{cycle.pk}",
                context={"cycle": cycle.name, "closes": closes},
                url=cycle.get_absolute_url(),
            )
        sent += len(recipients)
    return sent


@shared_task
def notify_results(cycle_id: int) -> int:
    """Tell proposers and voters that results are published. Key per cycle: sent once."""
    cycle = Cycle.objects.get(pk=cycle_id)
    if not cycle.results_published:
        return 0
    proposers = set(Proposal.objects.filter(cycle=cycle, author__isnull=False).values_list("author_id", flat=True))
    voters = set(Ballot.objects.filter(heading__cycle=cycle, voter__isnull=False).values_list("voter_id", flat=True))
    selected = Proposal.objects.filter(cycle=cycle).selected().count()
    recipients = sorted(proposers | voters)
    for chunk in _chunks(recipients):
        notifications.notify(
            "budgets.results_published",
            chunk,
            key=f"budgets:results:{cycle.pk}",
            context={"cycle": cycle.name, "selected": selected},
            url=cycle.get_absolute_url(),
        )
    return len(recipients)


# Periodic runs (celery beat): each task is idempotent, so a rerun sends nothing twice.
beat.every("budgets-phase-started", notify_phase_starts, 60 * 60)  # phase starts, to followers
beat.every("budgets-voting-closes", remind_voting_closes, 60 * 60)  # "voting closes in 2 days"

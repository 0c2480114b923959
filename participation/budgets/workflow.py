"""The states of a proposal and the allowed transitions, in one table (on the kernel:
`genk.core.workflow`).

    submitted ──mark_feasible──▶ feasible ──(results published)──▶ selected ──complete──▶ completed
        │   └──mark_not_feasible──▶ not_feasible                 └──▶ not_selected
        ├──merge──▶ merged (into another proposal of the same heading)
        └──withdraw──▶ withdrawn (by the author, while proposals can be edited)

A reviewer can change a feasibility decision while the review is open (feasible ⇄ not
feasible). `select` and `reject` are made by publishing results (services.publish_results,
through `apply_results`) and by a manual override with a reason (services.override_result,
through `set_result`); `complete` by an update at 100% (services.post_update, through
`record_progress`).

Every transition: permission check (rules) before the state, `select_for_update` on the
proposal, atomic, audit.record, notification to the author on commit. No view writes a status.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core import notifications
from genk.core.refusals import NotAllowed
from genk.core.workflow import Transition, TransitionNotAllowed, Workflow

from .models import Proposal

__all__ = ["FLOW", "TransitionNotAllowed", "allowed_transitions", "merge", "mark_feasible", "mark_not_feasible"]

S = Proposal.Status
REVIEWABLE = frozenset({S.SUBMITTED, S.FEASIBLE, S.NOT_FEASIBLE})

FLOW = Workflow(
    Proposal,
    [
        Transition("withdraw", {S.SUBMITTED}, S.WITHDRAWN, "budgets.withdraw_proposal", _("intrekken")),
        Transition("mark_feasible", REVIEWABLE, S.FEASIBLE, "budgets.review_proposal", _("haalbaar")),
        Transition("mark_not_feasible", REVIEWABLE, S.NOT_FEASIBLE, "budgets.review_proposal", _("niet haalbaar")),
        Transition("merge", REVIEWABLE, S.MERGED, "budgets.review_proposal", _("samenvoegen")),
        Transition("select", {S.FEASIBLE, S.NOT_SELECTED}, S.SELECTED, "budgets.publish_results", _("gekozen")),
        Transition("reject", {S.FEASIBLE, S.SELECTED}, S.NOT_SELECTED, "budgets.publish_results", _("niet gekozen")),
        Transition("complete", {S.SELECTED}, S.COMPLETED, "budgets.post_update", _("uitgevoerd")),
    ],
    audit_prefix="budgets.proposal",
    rule_first=True,
    state_message=_("Een voorstel met status '%(status)s' kan dat niet (meer)."),
    denied_message=_("Dit mag je nu niet doen met dit voorstel."),
)

# The transitions a reviewer takes by hand (select, reject and complete follow from results and updates).
REVIEW_TRANSITIONS = ("withdraw", "mark_feasible", "mark_not_feasible", "merge")
AUDITED_FIELDS = ["revised_cost", "feasibility_note", "merged_into"]


def _lock_and_check(name: str, proposal: Proposal, actor) -> Proposal:
    locked = FLOW.lock(proposal)
    # The cycle's phases are needed by the rules; reuse the caller's prefetched cycle.
    locked.cycle = proposal.cycle
    FLOW.check(name, locked, actor)
    return locked


def _move_and_notify(name: str, locked: Proposal, actor, *, reason: str = "", notify_author: bool = True) -> Proposal:
    FLOW.move(name, locked, actor, reason=reason, audited=AUDITED_FIELDS)
    if notify_author and locked.author_id:
        notifications.notify(
            "budgets.proposal_reviewed",
            [locked.author_id],
            key=f"budgets:proposal:{locked.pk}:{name}:{locked.modified.isoformat()}",
            context={
                "title": locked.title,
                "status": str(locked.get_status_display()),
                "note": locked.feasibility_note,
                "cost": str(locked.cost),
                "merged_into": locked.merged_into.title if locked.merged_into_id else "",
            },
            url=locked.get_absolute_url(),
        )
    return locked


@transaction.atomic
def withdraw(proposal: Proposal, actor) -> Proposal:
    locked = _lock_and_check("withdraw", proposal, actor)
    return _move_and_notify("withdraw", locked, actor, notify_author=False)


@transaction.atomic
def mark_feasible(proposal: Proposal, actor, *, revised_cost: Decimal | None, note: str = "") -> Proposal:
    locked = _lock_and_check("mark_feasible", proposal, actor)
    cycle = locked.cycle
    cost = revised_cost if revised_cost is not None else locked.estimated_cost
    if not (cycle.min_project_cost <= cost <= cycle.max_project_cost):
        raise NotAllowed(
            _("De kost moet tussen %(min)s en %(max)s euro liggen.")
            % {"min": cycle.min_project_cost, "max": cycle.max_project_cost}
        )
    if cost > locked.heading.amount:
        raise NotAllowed(_("De kost is hoger dan het budget van het deelbudget."))
    locked.revised_cost = revised_cost
    locked.feasibility_note = note
    locked.merged_into = None
    locked.reviewed_by, locked.reviewed_at = actor, timezone.now()
    return _move_and_notify("mark_feasible", locked, actor)


@transaction.atomic
def mark_not_feasible(proposal: Proposal, actor, *, reason: str) -> Proposal:
    if not reason.strip():
        raise NotAllowed(_("Geef een reden: die is publiek en de indiener krijgt ze te lezen."))
    locked = _lock_and_check("mark_not_feasible", proposal, actor)
    locked.feasibility_note = reason.strip()
    locked.merged_into = None
    locked.reviewed_by, locked.reviewed_at = actor, timezone.now()
    return _move_and_notify("mark_not_feasible", locked, actor, reason=reason)


@transaction.atomic
def merge(proposal: Proposal, actor, *, into: Proposal, note: str = "") -> Proposal:
    if into.pk == proposal.pk:
        raise NotAllowed(_("Een voorstel kan niet met zichzelf worden samengevoegd."))
    if into.heading_id != proposal.heading_id:
        raise NotAllowed(_("Voeg alleen voorstellen van hetzelfde deelbudget samen."))
    if into.status not in (S.SUBMITTED, S.FEASIBLE):
        raise NotAllowed(_("Voeg samen met een voorstel dat ingediend of haalbaar is."))
    locked = _lock_and_check("merge", proposal, actor)
    locked.merged_into = into
    locked.feasibility_note = note or str(_("Samengevoegd met een gelijkaardig voorstel."))
    locked.reviewed_by, locked.reviewed_at = actor, timezone.now()
    return _move_and_notify("merge", locked, actor, reason=note)


def allowed_transitions(proposal: Proposal, user) -> list[Transition]:
    """The transitions `user` may apply to `proposal` now (for buttons on staff pages)."""
    return [t for t in FLOW.available(proposal, user) if t.name in REVIEW_TRANSITIONS]


# The results: `select` and `reject`, and `complete`. The callers (services) lock, check the
# rule of the whole operation and write the audit entry that covers it.


def apply_results(selected: list[int], rejected: list[int], now) -> None:
    """Publishing results: the feasible projects the count chose are selected, the others not."""
    Proposal.objects.filter(pk__in=selected, status=S.FEASIBLE).update(status=S.SELECTED, modified=now)
    Proposal.objects.filter(pk__in=rejected, status=S.FEASIBLE).update(status=S.NOT_SELECTED, modified=now)


def set_result(proposal: Proposal, *, selected: bool) -> None:
    """A manual override of the outcome (a completed project stays completed)."""
    if proposal.status != S.COMPLETED:
        proposal.status = S.SELECTED if selected else S.NOT_SELECTED
        proposal.save(update_fields=["status", "modified"])


def record_progress(locked: Proposal, progress: int) -> None:
    """An update of the implementation: at 100% a selected project is completed."""
    locked.progress = progress
    if progress == 100 and locked.status == S.SELECTED:
        locked.status = S.COMPLETED
    locked.save(update_fields=["progress", "status", "modified"])

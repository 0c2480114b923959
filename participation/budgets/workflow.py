"""The states of a proposal and the allowed transitions, in one table.

    submitted ──mark_feasible──▶ feasible ──(results published)──▶ selected ──complete──▶ completed
        │   └──mark_not_feasible──▶ not_feasible                 └──▶ not_selected
        ├──merge──▶ merged (into another proposal of the same heading)
        └──withdraw──▶ withdrawn (by the author, while proposals can be edited)

A reviewer can change a feasibility decision while the review is open (feasible ⇄ not
feasible). `select` and `reject` are made by publishing results (services.publish_results)
and by a manual override with a reason (services.override_result).

Every transition: permission check (rules), `select_for_update` on the proposal, atomic,
audit.record, notification to the author on commit. No view writes a status.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core import audit, notifications

from .models import Proposal
from .rules import can

S = Proposal.Status
REVIEWABLE = frozenset({S.SUBMITTED, S.FEASIBLE, S.NOT_FEASIBLE})


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset
    target: str
    permission: str
    label: str


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition("withdraw", frozenset({S.SUBMITTED}), S.WITHDRAWN, "budgets.withdraw_proposal", _("intrekken")),
        Transition("mark_feasible", REVIEWABLE, S.FEASIBLE, "budgets.review_proposal", _("haalbaar")),
        Transition("mark_not_feasible", REVIEWABLE, S.NOT_FEASIBLE, "budgets.review_proposal", _("niet haalbaar")),
        Transition("merge", REVIEWABLE, S.MERGED, "budgets.review_proposal", _("samenvoegen")),
        Transition(
            "select", frozenset({S.FEASIBLE, S.NOT_SELECTED}), S.SELECTED, "budgets.publish_results", _("gekozen")
        ),
        Transition(
            "reject", frozenset({S.FEASIBLE, S.SELECTED}), S.NOT_SELECTED, "budgets.publish_results", _("niet gekozen")
        ),
        Transition("complete", frozenset({S.SELECTED}), S.COMPLETED, "budgets.post_update", _("uitgevoerd")),
    ]
}

AUDITED_FIELDS = ["status", "revised_cost", "feasibility_note", "merged_into"]


class TransitionNotAllowed(ValidationError):
    pass


def _lock(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().select_related("cycle").get(pk=proposal.pk)


def _begin(name: str, proposal: Proposal, actor, *, check_permission: bool = True) -> Proposal:
    transition = TRANSITIONS[name]
    locked = _lock(proposal)
    # The cycle's phases are needed by the rules; reuse the caller's prefetched cycle.
    locked.cycle = proposal.cycle
    if check_permission and not can(actor, transition.permission, locked):
        raise PermissionDenied(_("Dit mag je nu niet doen met dit voorstel."))
    if locked.status not in transition.sources:
        raise TransitionNotAllowed(
            _("Een voorstel met status '%(status)s' kan niet naar '%(target)s'.")
            % {"status": locked.get_status_display(), "target": S(transition.target).label}
        )
    return locked


def _finish(name: str, locked: Proposal, actor, before: dict, *, reason: str = "", notify_author: bool = True):
    locked.status = TRANSITIONS[name].target
    locked.save()
    audit.record(
        actor,
        f"budgets.proposal.{name}",
        locked,
        before=before,
        after=audit.snapshot(locked, AUDITED_FIELDS),
        reason=reason,
    )
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
    locked = _begin("withdraw", proposal, actor)
    before = audit.snapshot(locked, AUDITED_FIELDS)
    return _finish("withdraw", locked, actor, before, notify_author=False)


@transaction.atomic
def mark_feasible(proposal: Proposal, actor, *, revised_cost: Decimal | None, note: str = "") -> Proposal:
    locked = _begin("mark_feasible", proposal, actor)
    before = audit.snapshot(locked, AUDITED_FIELDS)
    cycle = locked.cycle
    cost = revised_cost if revised_cost is not None else locked.estimated_cost
    if not (cycle.min_project_cost <= cost <= cycle.max_project_cost):
        raise ValidationError(
            _("De kost moet tussen %(min)s en %(max)s euro liggen.")
            % {"min": cycle.min_project_cost, "max": cycle.max_project_cost}
        )
    if cost > locked.heading.amount:
        raise ValidationError(_("De kost is hoger dan het budget van het deelbudget."))
    locked.revised_cost = revised_cost
    locked.feasibility_note = note
    locked.merged_into = None
    locked.reviewed_by, locked.reviewed_at = actor, timezone.now()
    return _finish("mark_feasible", locked, actor, before)


@transaction.atomic
def mark_not_feasible(proposal: Proposal, actor, *, reason: str) -> Proposal:
    if not reason.strip():
        raise ValidationError(_("Geef een reden: die is publiek en de indiener krijgt ze te lezen."))
    locked = _begin("mark_not_feasible", proposal, actor)
    before = audit.snapshot(locked, AUDITED_FIELDS)
    locked.feasibility_note = reason.strip()
    locked.merged_into = None
    locked.reviewed_by, locked.reviewed_at = actor, timezone.now()
    return _finish("mark_not_feasible", locked, actor, before, reason=reason)


@transaction.atomic
def merge(proposal: Proposal, actor, *, into: Proposal, note: str = "") -> Proposal:
    if into.pk == proposal.pk:
        raise ValidationError(_("Een voorstel kan niet met zichzelf worden samengevoegd."))
    if into.heading_id != proposal.heading_id:
        raise ValidationError(_("Voeg alleen voorstellen van hetzelfde deelbudget samen."))
    if into.status not in (S.SUBMITTED, S.FEASIBLE):
        raise ValidationError(_("Voeg samen met een voorstel dat ingediend of haalbaar is."))
    locked = _begin("merge", proposal, actor)
    before = audit.snapshot(locked, AUDITED_FIELDS)
    locked.merged_into = into
    locked.feasibility_note = note or str(_("Samengevoegd met een gelijkaardig voorstel."))
    locked.reviewed_by, locked.reviewed_at = actor, timezone.now()
    return _finish("merge", locked, actor, before, reason=note)


def allowed_transitions(proposal: Proposal, user) -> list[Transition]:
    """The transitions `user` may apply to `proposal` now (for buttons on staff pages)."""
    return [
        t
        for t in TRANSITIONS.values()
        if proposal.status in t.sources
        and t.name not in ("select", "reject", "complete")
        and can(user, t.permission, proposal)
    ]

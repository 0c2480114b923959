"""The states of wijkplannen, their actions and signals, and the only functions that change them.

Plan: `draft` → `publish` → `published` → `unpublish` → `draft`.
Action: `planned` → `start` → `in_progress` → `complete` → `done`; `planned`/`in_progress` →
`drop` → `dropped`; `done`/`dropped` → `reopen` → `in_progress`.
Signal: `new` → `follow_up` → `followed_up` → `close` → `closed` (also straight from `new`);
`closed` → `reopen` → `followed_up`.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.refusals import NotAllowed
from genk.core.workflow import Transition, Workflow, follow

from .models import Action, Plan, Signal

P = Plan.Status
A = Action.Status
S = Signal.Status

PLAN_FLOW = Workflow(
    Plan,
    [
        Transition("publish", {P.DRAFT}, P.PUBLISHED, "areawork.publish_plan", _("Publiek maken")),
        Transition("unpublish", {P.PUBLISHED}, P.DRAFT, "areawork.publish_plan", _("Niet langer publiek")),
    ],
    audit_prefix="areawork.plan",
)

ACTION_FLOW = Workflow(
    Action,
    [
        Transition("start", {A.PLANNED}, A.IN_PROGRESS, "areawork.change_action", _("Starten")),
        Transition("complete", {A.PLANNED, A.IN_PROGRESS}, A.DONE, "areawork.change_action", _("Klaar")),
        Transition("drop", {A.PLANNED, A.IN_PROGRESS}, A.DROPPED, "areawork.change_action", _("Schrappen")),
        Transition("reopen", {A.DONE, A.DROPPED}, A.IN_PROGRESS, "areawork.change_action", _("Terug openen")),
    ],
    audit_prefix="areawork.action",
)

SIGNAL_FLOW = Workflow(
    Signal,
    [
        Transition("follow_up", {S.NEW}, S.FOLLOWED_UP, "areawork.change_signal", _("Opgevolgd")),
        Transition("close", {S.NEW, S.FOLLOWED_UP}, S.CLOSED, "areawork.change_signal", _("Afsluiten")),
        Transition("reopen", {S.CLOSED}, S.FOLLOWED_UP, "areawork.change_signal", _("Terug openen")),
    ],
    audit_prefix="areawork.signal",
)


def publish_plan(plan, user):
    with transaction.atomic():
        t, locked = PLAN_FLOW.begin("publish", plan, user)
        if not locked.priorities.filter(is_public=True).exists():
            raise NotAllowed(_("Voeg eerst een prioriteit toe die in de publieke versie mag."))
        PLAN_FLOW.move(t, locked, user, published_at=timezone.now())
    follow(plan, locked)
    return locked


def unpublish_plan(plan, user):
    with transaction.atomic():
        t, locked = PLAN_FLOW.begin("unpublish", plan, user)
        PLAN_FLOW.move(t, locked, user)
    follow(plan, locked)
    return locked


def move_action(action, name: str, user, note: str = ""):
    """Take transition `name` on an action; `note` (optional) becomes its state of affairs."""
    with transaction.atomic():
        t, locked = ACTION_FLOW.begin(name, action, user)
        fields = {"progress_note": note} if note else {}
        ACTION_FLOW.move(t, locked, user, **fields)
    follow(action, locked)
    return locked


def move_signal(signal, name: str, user, follow_up: str = ""):
    """Take transition `name` on a signal; `follow_up` (optional) replaces its follow-up text."""
    with transaction.atomic():
        t, locked = SIGNAL_FLOW.begin(name, signal, user)
        fields = {"follow_up": follow_up} if follow_up else {}
        SIGNAL_FLOW.move(t, locked, user, **fields)
    follow(signal, locked)
    return locked

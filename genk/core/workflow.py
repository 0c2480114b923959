"""The workflow kernel: every app's state machine is a table of `Transition`s run by a `Workflow`.

An app's `workflow.py` declares its table and writes, per transition, only what is its own
(conditions, extra fields, notifications)::

    S = Booking.Status
    FLOW = Workflow(
        Booking,
        [
            Transition("approve", {S.REQUESTED}, S.APPROVED, "places.handle_booking", _("Goedkeuren")),
            Transition("cancel", {S.REQUESTED, S.APPROVED}, S.CANCELLED, "places.cancel_booking", _("Annuleren")),
        ],
        audit_prefix="places.booking",
    )

    def approve(booking, user, message=""):
        with transaction.atomic():
            t, locked = FLOW.begin("approve", booking, user)   # lock, state, rule
            FLOW.move(t, locked, user, decided_at=timezone.now(), message=message)  # save + audit
            notifications.notify(...)                          # sent on commit
        return locked

`begin` locks the row (`select_for_update`), checks the state (`TransitionNotAllowed`, a
`NotAllowed`) and the rule (`PermissionDenied`; a transition whose rule is None is done by the
system and has no user). `move` sets the target state and the given fields, saves only the
fields that changed since the lock (so a concurrent writer of other columns is not undone),
and writes the audit entry with before and after. Notifications queued with
`genk.core.notifications.notify` inside the transaction go out after commit.

The architecture test (tests/core/test_architecture.py) checks that a status field is
written only in its app's `workflow.py`, and that the table matches the app's README.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from . import audit
from .permissions import can
from .refusals import NotAllowed


class TransitionNotAllowed(NotAllowed):
    """The transition does not apply to the object's current state (or a condition of the
    transition is not met). The message is written for the person."""


@dataclass(frozen=True)
class Transition:
    """One allowed move: from any of `sources` to `target` ("" when the target depends on
    the data, e.g. a decision), allowed by the rule `rule` (None: only the system moves it)."""

    name: str
    sources: frozenset = field()
    target: str
    rule: str | None
    label: str | Promise = ""

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(self.sources))

    @property
    def permission(self) -> str | None:  # the name the apps used before the kernel
        return self.rule


_LOADED = "_workflow_loaded"


class Workflow:
    """A table of transitions over one model's state field, and the run of a transition."""

    def __init__(
        self,
        model,
        transitions: Iterable[Transition],
        *,
        audit_prefix: str,
        state_field: str = "status",
        rule_first: bool = False,
        state_message: str | Promise | None = None,
        denied_message: str | Promise | None = None,
    ):
        self.model = model
        self.transitions: dict[str, Transition] = {}
        for t in transitions:
            if t.name in self.transitions:
                raise ValueError(f"Transition {t.name!r} is declared twice for {model.__name__}")
            self.transitions[t.name] = t
        self.audit_prefix = audit_prefix
        self.state_field = state_field
        self.rule_first = rule_first
        self.state_message = state_message
        self.denied_message = denied_message

    # The table.

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def __iter__(self):
        return iter(self.transitions.values())

    def __contains__(self, name: str) -> bool:
        return name in self.transitions

    def state_of(self, obj) -> str:
        return getattr(obj, self.state_field)

    def allowed(self, name: str, obj, user) -> bool:
        """Whether `user` may take transition `name` on `obj` now (for buttons; `begin` checks again)."""
        t = self.transitions[name]
        return self.state_of(obj) in t.sources and t.rule is not None and user is not None and can(user, t.rule, obj)

    def available(self, obj, user) -> list[Transition]:
        """The transitions `user` may take on `obj` now, in the table's order."""
        return [t for t in self if self.allowed(t.name, obj, user)]

    # The run.

    def lock(self, obj, *, related: Iterable[str] = ()):
        """A fresh copy of `obj`'s row, locked until the transaction ends. `related` names
        foreign keys to load afterwards (select_related with select_for_update would lock
        those rows too). Call inside `transaction.atomic()`."""
        locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        for name in related:
            getattr(locked, name)
        remember_loaded(locked)
        return locked

    def check(self, name: str, obj, user) -> Transition:
        """The transition, if `obj`'s state allows it and `user` passes its rule."""
        t = self.transitions[name]
        checks = (self._check_rule, self._check_state) if self.rule_first else (self._check_state, self._check_rule)
        for check in checks:
            check(t, obj, user)
        return t

    def _check_state(self, t: Transition, obj, user) -> None:
        if self.state_of(obj) not in t.sources:
            message = self.state_message or _("Dat kan niet (meer): de status is nu ‘%(status)s’.")
            raise TransitionNotAllowed(message % {"status": self.state_display(obj)})

    def _check_rule(self, t: Transition, obj, user) -> None:
        if t.rule is not None and (user is None or not can(user, t.rule, obj)):
            raise PermissionDenied(self.denied_message or _("Je mag dit niet doen."))

    def state_display(self, obj) -> str:
        display = getattr(obj, f"get_{self.state_field}_display", None)
        return str(display()) if display else str(self.state_of(obj))

    def begin(self, name: str, obj, user, *, related: Iterable[str] = (), check_rule: bool = True):
        """Lock `obj` and check transition `name`: returns `(transition, locked copy)`.
        `check_rule=False` when the caller has checked a different rule for this step."""
        locked = self.lock(obj, related=related)
        t = self.transitions[name]
        if check_rule:
            self.check(name, locked, user)
        else:
            self._check_state(t, locked, user)
        return t, locked

    def move(
        self,
        transition: Transition | str,
        obj,
        user,
        *,
        target: str | None = None,
        reason: str = "",
        action: str | None = None,
        audited: Iterable[str] = (),
        after: dict | None = None,
        **fields,
    ) -> None:
        """Set the target state (or `target`, for a transition whose target depends on the
        data) and `fields`, save what changed since the lock, and audit it.

        The audit entry holds the state and `fields` (plus `audited`) before and after, the
        actor, `reason`, and the action `<audit_prefix>.<transition>` unless `action` says
        otherwise; `after` adds values to the entry's after-side only."""
        t = self.transitions[transition] if isinstance(transition, str) else transition
        new_state = target or t.target
        if not new_state:
            raise ValueError(f"Transition {t.name!r} needs an explicit target")
        names = [self.state_field, *fields, *audited]
        loaded = getattr(obj, _LOADED, None)
        before = audit.snapshot(obj, names)
        if loaded is not None:
            # The app may have set fields on the locked copy before calling move: audit the
            # values as they were at the lock.
            before = {name: _audit_value(loaded.get(_attname(obj, name), value)) for name, value in before.items()}
        setattr(obj, self.state_field, new_state)
        for name, value in fields.items():
            setattr(obj, name, value)
        save_changed(obj, always=[self.state_field, *fields])
        record_after = audit.snapshot(obj, names)
        if after:
            record_after.update(after)
        audit.record(
            user,
            action or f"{self.audit_prefix}.{t.name}",
            obj,
            before=before,
            after=record_after,
            reason=reason,
        )

    def run(self, name: str, obj, user, *, reason: str = "", **fields):
        """The whole of a simple transition: lock, check, move. Returns the locked copy,
        and the caller's `obj` follows its state."""
        with transaction.atomic():
            t, locked = self.begin(name, obj, user)
            self.move(t, locked, user, reason=reason, **fields)
        follow(obj, locked)
        return locked


def remember_loaded(obj) -> None:
    """Remember `obj`'s column values as loaded, so `save_changed` saves only what changed."""
    setattr(obj, _LOADED, {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields})


def save_changed(obj, *, always: Iterable[str] = ()) -> None:
    """Save the fields that differ from the values remembered at the lock (and `always`);
    `modified` is added when the model has it. Without a remembered state, a full save."""
    loaded = getattr(obj, _LOADED, None)
    if loaded is None:
        obj.save()
        return
    names = {_field_name(obj, name) for name in always}
    for f in obj._meta.concrete_fields:
        if f.primary_key:
            continue
        if getattr(obj, f.attname) != loaded.get(f.attname):
            names.add(f.name)
    if any(f.name == "modified" for f in obj._meta.concrete_fields):
        names.add("modified")
    obj.save(update_fields=sorted(names))
    remember_loaded(obj)


def follow(obj, locked) -> None:
    """The caller's instance takes the column values of the locked copy it was moved on."""
    if obj is locked:
        return
    for f in obj._meta.concrete_fields:
        setattr(obj, f.attname, getattr(locked, f.attname))


def _field_name(obj, name: str) -> str:
    for f in obj._meta.concrete_fields:
        if name in (f.name, f.attname):
            return f.name
    return name


def _attname(obj, name: str) -> str:
    for f in obj._meta.concrete_fields:
        if name in (f.name, f.attname):
            return f.attname
    return name


def _audit_value(value):
    # As audit.snapshot writes it: a file by its name.
    return value.name if hasattr(value, "name") and hasattr(value, "url") else value

"""Operations of the area-based work: atomic, checked against the rules, audited."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from genk.core import audit, portal
from genk.core.permissions import require
from genk.core.refusals import AlreadyDone, NotAllowed

from .models import Action, ActionLink, Follow, Plan, Priority, Signal
from .privacy import personal_data_problems


def plan_for(neighbourhood, year: int, user) -> Plan:
    """The wijkplan of `neighbourhood` for `year`, created (as a draft) when there is none."""
    require(user, "areawork.change_plan", neighbourhood)
    plan, created = Plan.objects.get_or_create(neighbourhood=neighbourhood, year=year)
    if created:
        audit.record(user, "areawork.plan.create", plan)
    return plan


def add_priority(plan, user, **fields) -> Priority:
    require(user, "areawork.change_plan", plan)
    with transaction.atomic():
        fields.setdefault("position", plan.priorities.count() + 1)
        priority = Priority.objects.create(plan=plan, **fields)
        audit.record(user, "areawork.priority.create", priority, after={"title": priority.title})
    return priority


def save_action(action: Action, user) -> Action:
    """Create or change an action (not its status: that is workflow.move_action)."""
    require(user, "areawork.change_action", action.priority)
    with transaction.atomic():
        created = action.pk is None
        action.save()
        audit.record(
            user,
            "areawork.action.create" if created else "areawork.action.change",
            action,
            after=audit.snapshot(action, ["title", "deadline", "owner_member", "owner_department", "owner_partner"]),
        )
    return action


def linkable_items(neighbourhood) -> list[portal.WijkItem]:
    """What an action of this wijk may be linked to (initiatives, budget projects …), through
    the `wijk_content` registry."""
    return [item for item in portal.wijk_items([neighbourhood.pk], limit=100) if item.linkable]


def link(action, ref: str, user) -> ActionLink:
    require(user, "areawork.change_action", action)
    wijk = action.priority.plan.neighbourhood
    found = {item.ref: item for item in linkable_items(wijk)}
    item = found.get(ref)
    if item is None:
        raise NotAllowed(_("Dat kan je niet koppelen: het hoort niet (meer) bij deze wijk."))
    try:
        with transaction.atomic():
            made = ActionLink.objects.create(
                action=action, ref=ref, kind_label=str(item.kind_label), title=item.title[:300], url=item.url
            )
            audit.record(user, "areawork.action.link", action, after={"ref": ref})
    except IntegrityError:
        raise AlreadyDone(_("Dat is al gekoppeld.")) from None
    return made


def unlink(link_obj: ActionLink, user) -> None:
    require(user, "areawork.change_action", link_obj.action)
    with transaction.atomic():
        audit.record(user, "areawork.action.unlink", link_obj.action, before={"ref": link_obj.ref})
        link_obj.delete()


def check_signal_text(*texts: str) -> list[str]:
    problems = []
    for text in texts:
        for problem in personal_data_problems(text or ""):
            if problem not in problems:
                problems.append(problem)
    return problems


def record_signal(signal: Signal, user) -> Signal:
    require(user, "areawork.record_signal", signal.neighbourhood)
    problems = check_signal_text(signal.description, signal.follow_up)
    if problems:
        raise NotAllowed(" ".join(str(p) for p in problems))
    with transaction.atomic():
        signal.recorded_by = user
        signal.save()
        audit.record(user, "areawork.signal.create", signal, after={"theme": signal.theme})
    return signal


def change_signal_text(signal: Signal, user, *, description: str, follow_up: str) -> Signal:
    require(user, "areawork.change_signal", signal)
    problems = check_signal_text(description, follow_up)
    if problems:
        raise NotAllowed(" ".join(str(p) for p in problems))
    with transaction.atomic():
        Signal.objects.filter(pk=signal.pk).update(description=description, follow_up=follow_up)
        audit.record(user, "areawork.signal.change", signal)
    signal.description, signal.follow_up = description, follow_up
    return signal


def follow_wijk(user, neighbourhood, frequency: str = Follow.Frequency.IMMEDIATELY) -> Follow:
    """Follow a wijk (or change how often). Twice is the same as once."""
    require(user, "areawork.follow_wijk", neighbourhood, message=_("Meld je aan om een wijk te volgen."))
    if frequency not in Follow.Frequency.values:
        raise NotAllowed(_("Kies hoe vaak je berichten wil krijgen."))
    follow, _created = Follow.objects.update_or_create(
        user=user, neighbourhood=neighbourhood, defaults={"frequency": frequency}
    )
    return follow


def unfollow_wijk(user, neighbourhood) -> None:
    deleted, _by_model = Follow.objects.filter(user=user, neighbourhood=neighbourhood).delete()
    if not deleted:
        raise AlreadyDone(_("Je volgt deze wijk niet (meer)."))


def change_wijk_page(neighbourhood, user, **fields):
    require(user, "areawork.change_wijk_page", neighbourhood)
    names = list(fields)
    with transaction.atomic():
        before = audit.snapshot(neighbourhood, names)
        for name, value in fields.items():
            setattr(neighbourhood, name, value)
        neighbourhood.save(update_fields=[*names, "modified"])
        audit.record(
            user, "areawork.wijk_page.change", neighbourhood, before=before, after=audit.snapshot(neighbourhood, names)
        )
    return neighbourhood

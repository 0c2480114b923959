"""Who hears about an initiative: sets of user ids for `notifications.notify`."""

from . import conf
from .models import Follow, Initiative, Support


def initiators(initiative: Initiative) -> set[int]:
    initiative.forget_cached_initiators()
    return set(initiative.initiator_ids())


def moderators() -> set[int]:
    """The current members of the participation department."""
    from genk.accounts.models import DepartmentMembership

    return set(
        DepartmentMembership.objects.current()
        .filter(department__slug=conf.moderation_department(), user__is_active=True)
        .values_list("user_id", flat=True)
    )


def responsible(initiative: Initiative) -> set[int]:
    """The handler, or the moderators when nobody is assigned."""
    if initiative.handler_id:
        return {initiative.handler_id}
    return moderators()


def followers(initiative: Initiative) -> set[int]:
    return set(Follow.objects.filter(initiative=initiative).values_list("user_id", flat=True))


def supporters(initiative: Initiative) -> set[int]:
    return set(Support.objects.filter(initiative=initiative).values_list("user_id", flat=True))


def audience(initiative: Initiative) -> set[int]:
    """Everyone involved: initiators, supporters and followers."""
    return initiators(initiative) | supporters(initiative) | followers(initiative)

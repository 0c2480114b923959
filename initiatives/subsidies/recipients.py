"""Who hears about a subsidy file: sets of user ids for `notifications.notify`."""

from genk.accounts.models import DepartmentMembership

from . import conf
from .models import Assessment, SubsidyFile


def applicants(file: SubsidyFile) -> set[int]:
    """The lead and the co-applicants who accepted."""
    return set(file.member_user_ids())


def department(department_id) -> set[int]:
    """The current members of a department."""
    return set(
        DepartmentMembership.objects.current()
        .filter(department_id=department_id, user__is_active=True)
        .values_list("user_id", flat=True)
    )


def handling(file: SubsidyFile) -> set[int]:
    """The handler, or the scheme's department when nobody is assigned."""
    if file.handler_id:
        return {file.handler_id}
    return department(file.scheme.department_id)


def decision_makers() -> set[int]:
    return set(
        DepartmentMembership.objects.current()
        .filter(department__slug=conf.decision_department(), user__is_active=True)
        .values_list("user_id", flat=True)
    )


def open_assessors(file: SubsidyFile) -> set[int]:
    """The assessors who have not submitted yet."""
    return set(Assessment.objects.filter(file=file, submitted_at__isnull=True).values_list("assessor_id", flat=True))

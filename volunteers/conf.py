"""Settings of the volunteers app, with their defaults (override in the project settings)."""

from django.conf import settings


def desk_department_slug() -> str:
    """The city department whose members (with MFA) are the volunteer desk (vrijwilligerspunt):
    they review a new organisation's first opportunity. Setting `VOLUNTEERS_DESK_DEPARTMENT`."""
    return getattr(settings, "VOLUNTEERS_DESK_DEPARTMENT", "vrijwilligerspunt")

from django.conf import settings

from . import notifications


def portal(request):
    """Once per request, also when a view renders a fragment with the request first."""
    if not hasattr(request, "_portal_context"):
        user = getattr(request, "user", None)
        unread = 0
        if user is not None and user.is_authenticated:
            unread = notifications.unread_count(user)
        request._portal_context = {"portal_name": settings.PORTAL_NAME, "unread_notifications": unread}
    return request._portal_context

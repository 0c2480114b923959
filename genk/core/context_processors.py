from django.conf import settings

from . import notifications


def portal(request):
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = notifications.unread_count(user)
    return {"portal_name": settings.PORTAL_NAME, "unread_notifications": unread}

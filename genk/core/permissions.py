"""View helpers for per-object permission checks that tell the user why."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

STAFF_ONLY = _("Deze pagina is alleen voor medewerkers van de stad.")


def permission_required(perm: str, fn=None, *, reason=None):
    """Like rules' decorator, but anonymous users go to the login page and signed-in users
    without the permission get a 403 page that says why.

    `fn(request, *args, **kwargs)` returns the object the permission is checked on.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            obj = fn(request, *args, **kwargs) if fn else None
            if not request.user.has_perm(perm, obj):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied(reason or _("Je hebt geen toegang tot deze pagina."))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def staff_required(view):
    return permission_required("accounts.access_staff_area", reason=STAFF_ONLY)(view)

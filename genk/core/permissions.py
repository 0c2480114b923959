"""The one permission helper: ask django-rules, and tell the person why when the answer is no.

- `can(user, perm, obj=None)`: the rule itself. Not `user.has_perm`, whose superuser shortcut
  answers yes to every question ("may the administrator vote without living in Genk?").
  **An administrator passes a rule only where the rule says so** (`is_administrator` in it).
- `require(user, perm, obj=None, message=...)`: `PermissionDenied` with a reason when not.
- `permission_required(perm, fn=None, reason=...)` and `staff_required`: view decorators;
  anonymous visitors go to the login page, others get a 403 page that says why.
- Predicates every app combines: `is_administrator`, `is_city_staff`, `has_mfa`,
  `is_staff_with_mfa` (city staff who passed two-factor authentication: every rule that grants
  something because someone is staff uses this one), and `in_department(get_departments)`,
  the scoping of staff rights: members (with MFA) of the department that owns the object.
"""

from collections.abc import Callable
from functools import wraps

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

STAFF_ONLY = _("Deze pagina is alleen voor medewerkers van de stad.")
NO_ACCESS = _("Je hebt geen toegang tot deze pagina.")


def can(user, perm: str, obj=None) -> bool:
    """Whether the rule `perm` grants `user` the object `obj` (django-rules, no superuser shortcut)."""
    return rules.has_perm(perm, user, obj)


def require(user, perm: str, obj=None, *, message=None) -> None:
    """`PermissionDenied(message)` unless `can(user, perm, obj)`."""
    if not can(user, perm, obj):
        raise PermissionDenied(message or _("Je mag dit niet doen."))


def permission_required(perm: str, fn=None, *, reason=None):
    """Like rules' decorator, but anonymous users go to the login page and signed-in users
    without the permission get a 403 page that says why.

    `fn(request, *args, **kwargs)` returns the object the permission is checked on.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            obj = fn(request, *args, **kwargs) if fn else None
            if not can(request.user, perm, obj):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied(reason or NO_ACCESS)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def staff_required(view):
    return permission_required("accounts.access_staff_area", reason=STAFF_ONLY)(view)


# Predicates.


@rules.predicate
def is_administrator(user):
    return user.is_authenticated and user.is_superuser


@rules.predicate
def is_city_staff(user):
    return user.is_authenticated and user.is_city_staff


@rules.predicate
def has_mfa(user):
    return user.is_authenticated and user.has_mfa


is_staff_with_mfa = is_city_staff & has_mfa


def in_department(get_departments: Callable, *, name: str | None = None):
    """A predicate: the user (with MFA) is a current member of a department that `get_departments(obj)`
    returns (one department, an iterable of departments or ids, or None). How an app scopes a
    staff right to the department that owns the object::

        owns_cycle = in_department(lambda cycle: [cycle.department_id, *cycle.helper_ids])
        rules.add_perm("budgets.change_cycle", owns_cycle | is_administrator)
    """

    def check(user, obj) -> bool:
        if obj is None or not (user.is_authenticated and user.has_mfa):
            return False
        found = get_departments(obj)
        if found is None:
            return False
        if not isinstance(found, list | tuple | set | frozenset):
            found = [found]
        ids = {getattr(d, "pk", d) for d in found if d is not None}
        return bool(ids) and bool(user.department_ids() & ids)

    return rules.predicate(check, name=name or f"in_department({getattr(get_departments, '__name__', '?')})")

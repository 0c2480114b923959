"""One vocabulary for "no": what every app raises when a person may not do something *now*.

- `NotAllowed`: the rules would allow it in general, but not in this state, at this moment
  or with this input. The message says why and, where there is one, what to do next.
- `AlreadyDone`: the person asked for what is already so (a second support, a second
  answer). Harmless: shown as information, not as an error.
- `genk.core.workflow.TransitionNotAllowed` is a `NotAllowed` whose cause is the object's state.

A lack of permission is Django's `PermissionDenied` (raised by `permissions.require`): a 403
page that says why. Refusals are not errors of the portal: they are never logged as such.

Views turn a refusal into a message with `refusal_message`, `attempt` or the `refusals_to`
decorator; a refusal that escapes a view is caught by `RefusalMiddleware`, which shows the
message and sends the person back to where they came from (or shows it on a page with
status 409 when there is no safe place to go back to).
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


class Refusal(Exception):
    """Base of the refusals: `str(error)` is the message for the person, already translated
    (or lazy). `level` is the messages level it is shown with; `status` the HTTP status of a
    refusal page."""

    level = messages.ERROR
    status = 409

    def __init__(self, message="", *, next_url: str = ""):
        super().__init__(message)
        self.message = message
        self.next_url = next_url

    def __str__(self):
        return str(self.message)


class NotAllowed(Refusal):
    """Not now, not in this state, or not with this input: the message says why."""


class AlreadyDone(Refusal):
    """What was asked is already so; nothing changed."""

    level = messages.INFO


def refusal_message(request, error: Refusal) -> None:
    """Show the refusal as a flash message at its level."""
    messages.add_message(request, error.level, str(error))


def attempt(request, action: Callable, *, form=None, field: str | None = None):
    """Run `action()`; a refusal becomes a message (or, with `form`, an error on `field` or on
    the whole form, so the person's input stays). Returns `(True, result)` or `(False, None)`."""
    try:
        return True, action()
    except Refusal as error:
        if form is not None:
            form.add_error(field, str(error))
        else:
            refusal_message(request, error)
        return False, None


def refusals_to(target):
    """View decorator: a refusal raised inside the view becomes a message and a redirect to
    `target` — a URL, a URL name, or `callable(request, *args, **kwargs) -> URL`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except Refusal as error:
                refusal_message(request, error)
                url = target(request, *args, **kwargs) if callable(target) else resolve_url(target)
                return HttpResponseRedirect(url)

        return wrapped

    return decorator


def _safe_back(request) -> str:
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


class RefusalMiddleware:
    """A refusal that no view caught: the message, and back to `next_url` or the page the
    person came from; without either, a page with the message (status 409)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Refusal):
            return None
        target = exception.next_url or (_safe_back(request) if request.method == "POST" else "")
        if target:
            refusal_message(request, exception)
            return HttpResponseRedirect(target)
        return render(request, "refusal.html", {"reason": str(exception)}, status=exception.status)

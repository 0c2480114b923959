import re

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

STAFF_PREFIXES = ("/beheer/", "/django-admin/")


class UserLanguageMiddleware:
    """A signed-in user's profile language wins over the cookie and the browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class StaffMFAMiddleware:
    """Staff pages (and the Django admin) need multi-factor authentication set up first.

    A civil servant without a TOTP authenticator is sent to set one up; once they have
    one, allauth asks for the code at every login. The requirement has no off switch.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_PREFIXES):
            user = request.user
            if user.is_authenticated and user.is_city_staff and not user.has_mfa:
                messages.warning(
                    request,
                    _("Medewerkers gebruiken tweestapsverificatie. Stel ze eerst in; daarna kun je verder."),
                )
                return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)


class PersonalPagesNotStoredMiddleware:
    """Pages with a person's own data are never kept by a browser's or a shared cache.

    `Cache-Control: private, no-store` on the profile and the data download (`/profiel/`), the
    notifications (`/meldingen/`), the account pages (`/account/`: addresses, MFA, recovery
    codes), the staff pages (`/beheer/`) and every "mijn …" page (`/initiatieven/mijn/`,
    `/adviesraden/mijn-vergaderingen/`, …): on a shared computer, Back after logging out must
    not show them again."""

    PREFIXES = ("/profiel/", "/meldingen/", "/account/", "/beheer/")
    MINE = re.compile(r"/mijn(-[\w-]+)?/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.PREFIXES) or self.MINE.search(request.path):
            patch_cache_control(response, private=True, no_store=True)
        return response

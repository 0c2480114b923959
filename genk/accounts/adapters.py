from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.httpkit import clean_client_ip
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class PortalSite:
    """What allauth's emails call the site: the portal's name and the host of SITE_URL, never
    the host a request happened to come in on (behind a proxy that is 127.0.0.1:8001)."""

    name: str
    domain: str


def portal_site() -> PortalSite:
    return PortalSite(name=settings.PORTAL_NAME, domain=urlsplit(settings.SITE_URL).netloc or settings.SITE_URL)


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """The client's address, for rate limits: allauth's reading of X-Forwarded-For.

        When a request came through fewer proxies than ALLAUTH_TRUSTED_PROXY_COUNT (the
        stack tried out without the TLS reverse proxy in front), allauth refuses with a
        server error; we take the entry our nearest proxy appended instead."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            nearest = request.headers["x-forwarded-for"].split(",")[-1]
            return clean_client_ip(nearest) or request.META["REMOTE_ADDR"]

    def get_login_redirect_url(self, request):
        """Only asked when the login had no `next`: an invitation waiting for the person first
        (signed up from it, confirmed the email elsewhere), else the profile while it has no name."""
        from genk.core.portal import waiting_invitation_url

        user = request.user
        invitation = waiting_invitation_url(user) if user.is_authenticated else None
        if invitation:
            return invitation
        if user.is_authenticated and not user.display_name:
            return "/profiel/"
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        # Account emails go out in the user's language when we know it.
        from django.utils import translation

        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language() or settings.LANGUAGE_CODE
        context = {"current_site": portal_site(), **context}
        with translation.override(language):
            return super().send_mail(template_prefix, email, context)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """OpenID Connect sign-in (e.g. the Flemish government's login with eID / itsme).

    The provider's verified email becomes the account's email; its claims never make
    anyone staff."""

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        name = " ".join(filter(None, [data.get("first_name"), data.get("last_name")])).strip()
        if name and not user.display_name:
            user.display_name = name[:80]
        return user

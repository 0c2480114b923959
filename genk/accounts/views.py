import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import DeleteAccountForm, ProfileForm
from .services import erase_user, export_user_data


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Je profiel is bewaard."))
        response = redirect("accounts:profile")
        set_language_cookie(response, request.user.language)
        return response
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def my_data(request):
    return render(request, "accounts/my_data.html")


@login_required
def download_data(request):
    data = export_user_data(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    filename = f"samen-genk-mijn-gegevens-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        erase_user(user)
        logout(request)
        messages.success(request, _("Je account is verwijderd en je persoonsgegevens zijn gewist."))
        return redirect("core:home")
    return render(request, "accounts/delete_account.html", {"form": form})


def set_language_cookie(response, language: str) -> None:
    """The language cookie as Django's set_language view sets it (the LANGUAGE_COOKIE_* settings)."""
    from django.conf import settings

    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )

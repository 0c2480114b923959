"""Personal pages are never kept by a browser's or a proxy's cache; the language cookie is
Lax, HttpOnly, and Secure in production."""

import os
import runpy
from pathlib import Path
from unittest import mock

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PERSONAL = [
    "/profiel/",
    "/profiel/mijn-gegevens/",
    "/profiel/mijn-gegevens/download/",
    "/meldingen/",
    "/initiatieven/mijn/",
    "/adviesraden/mijn-vergaderingen/",
    "/account/email/",
]


@pytest.mark.parametrize("url", PERSONAL)
def test_a_personal_page_is_private_and_not_stored(client, resident, url):
    client.force_login(resident)
    response = client.get(url)
    assert response.status_code == 200, url
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_a_public_page_is_not_marked(client, resident):
    client.force_login(resident)
    assert "no-store" not in client.get("/initiatieven/").get("Cache-Control", "")


def test_the_language_cookie_is_lax_and_http_only(client, settings):
    response = client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True


def test_the_profile_sets_the_language_cookie_the_same_way(client, resident, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    client.force_login(resident)
    response = client.post(
        reverse("accounts:profile"),
        {"display_name": "Fatma", "language": "fr", "notification_frequency": "immediately"},
    )
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "fr"
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True
    assert cookie["secure"] is True


def test_the_language_cookie_is_secure_in_production():
    environment = {"DJANGO_ENV": "production", "SECRET_KEY": "x" * 60}
    with mock.patch.dict(os.environ, environment):
        production = runpy.run_path(str(Path(__file__).resolve().parents[2] / "genk" / "settings.py"))
    assert production.get("LANGUAGE_COOKIE_SECURE") is True
    assert production.get("LANGUAGE_COOKIE_SAMESITE") == "Lax"
    assert production.get("LANGUAGE_COOKIE_HTTPONLY") is True

"""A new user's first emails: they come from Samen Genk (not from a host name) and greet by name
only when there is one."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from genk.accounts.models import User

pytestmark = pytest.mark.django_db

SIGNUP = {"email": "fatima.nieuw@example.be", "password1": "Winterslag-2026!", "password2": "Winterslag-2026!"}


def test_the_verification_email_names_samen_genk_and_its_address(client, settings):
    settings.SITE_URL = "https://samen.genk.be"
    client.post(reverse("account_signup"), SIGNUP, headers={"host": "127.0.0.1"}, SERVER_NAME="127.0.0.1")
    body = mail.outbox[-1].body
    assert "Samen Genk" in body.splitlines()[0]
    assert "samen.genk.be" in body
    assert "127.0.0.1!" not in body and "testserver!" not in body


def test_the_welcome_does_not_call_a_person_by_their_email_address(client, django_capture_on_commit_callbacks):
    client.post(reverse("account_signup"), SIGNUP)
    link = re.search(r"http://testserver(/account/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    welcome = mail.outbox[-1]
    assert welcome.subject.startswith("[Samen Genk] Welkom bij Samen Genk")
    assert "fatima.nieuw" not in welcome.body
    assert "Welkom bij Samen Genk. Je e-mailadres is bevestigd." in welcome.body


def test_the_welcome_greets_by_display_name_when_there_is_one(client, django_capture_on_commit_callbacks):
    client.post(reverse("account_signup"), SIGNUP)
    User.objects.filter(email=SIGNUP["email"]).update(display_name="Fatima")
    link = re.search(r"http://testserver(/account/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    assert "Welkom bij Samen Genk, Fatima." in mail.outbox[-1].body

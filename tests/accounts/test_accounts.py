import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from genk.accounts.models import User
from genk.core.models import AuditLogEntry, Notification
from tests.factories import NeighbourhoodFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {"email": "nieuw@example.be", "password1": "Winterslag-2026!", "password2": "Winterslag-2026!"}


def test_signup_requires_email_verification_before_login(client):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="nieuw@example.be")
    assert not EmailAddress.objects.get(user=user).verified

    # Not logged in yet: the profile sends us to the login page.
    assert client.get(reverse("accounts:profile")).status_code == 302
    # Logging in with the right password still stops at "verify your email".
    response = client.post(reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]})
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    # The email holds the confirmation link; following it verifies and logs in.
    assert len(mail.outbox) >= 1
    link = re.search(r"http://testserver(/account/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_verification_sends_a_welcome_notification(client, django_capture_on_commit_callbacks):
    client.post(reverse("account_signup"), SIGNUP)
    link = re.search(r"http://testserver(/account/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    user = User.objects.get(email=SIGNUP["email"])
    notification = Notification.objects.get(recipient=user)
    assert notification.kind == "account.welcome"
    assert mail.outbox[-1].subject.startswith("[Samen Genk] Welkom bij Samen Genk")


def test_signup_with_bad_input_keeps_the_email_and_explains(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "password2": "iets-anders-123"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="nieuw@example.be"' in html
    assert "error-summary" in html
    assert not User.objects.filter(email="nieuw@example.be").exists()


def test_password_reset_sends_a_link(client, resident):
    response = client.post(reverse("account_reset_password"), {"email": resident.email})
    assert response.status_code == 302
    assert mail.outbox[-1].to == [resident.email]
    assert "/account/password/reset/key/" in mail.outbox[-1].body


def test_login_is_rate_limited_across_requests(client, resident):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": resident.email, "password": "fout-wachtwoord"})
    # Even the right password is refused now: the failures are counted in Redis, shared by all web workers.
    # A fresh client (another browser, another web worker) is refused as well.
    other = Client()
    response = other.post(reverse("account_login"), {"login": resident.email, "password": "een-sterk-wachtwoord"})
    assert "_auth_user_id" not in other.session
    assert "Te veel inlogpogingen" in response.content.decode()


def test_password_reset_is_rate_limited(client, resident):
    for _ in range(3):
        client.post(reverse("account_reset_password"), {"email": resident.email})
    response = client.post(reverse("account_reset_password"), {"email": resident.email})
    assert response.status_code == 429
    assert len(mail.outbox) == 3


def test_profile_saves_neighbourhood_year_and_language(client, resident):
    wijk = NeighbourhoodFactory(name="Winterslag", slug="winterslag")
    client.force_login(resident)
    response = client.post(
        reverse("accounts:profile"),
        {
            "display_name": "Fatma",
            "neighbourhood": wijk.pk,
            "year_of_birth": 1990,
            "language": "fr",
            "notification_frequency": "daily",
        },
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert (resident.display_name, resident.neighbourhood, resident.year_of_birth, resident.language) == (
        "Fatma",
        wijk,
        1990,
        "fr",
    )
    # The interface now follows the profile language.
    assert client.get(reverse("accounts:profile")).headers["Content-Language"] == "fr"


def test_profile_rejects_an_impossible_year_and_keeps_input(client, resident):
    client.force_login(resident)
    response = client.post(
        reverse("accounts:profile"),
        {"display_name": "Fatma Y.", "year_of_birth": 1850, "language": "nl", "notification_frequency": "daily"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul een geboortejaar tussen" in html
    assert 'value="Fatma Y."' in html


def test_data_export_contains_the_users_data(client, resident):
    resident.neighbourhood = NeighbourhoodFactory(name="Zwartberg", slug="zwartberg")
    resident.save()
    Notification.objects.create(recipient=resident, kind="account.welcome", key="k1", subject="Hallo", body="Tekst")
    client.force_login(resident)
    response = client.get(reverse("accounts:download_data"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == resident.email
    assert data["account"]["display_name"] == "Fatma Yilmaz"
    assert data["account"]["neighbourhood"] == "Zwartberg"
    assert data["email_addresses"] == [{"email": resident.email, "verified": True, "primary": True}]
    assert data["notifications"][0]["subject"] == "Hallo"


def test_data_export_needs_login(client):
    response = client.get(reverse("accounts:download_data"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_delete_account_erases_personal_data(client, resident):
    resident.neighbourhood = NeighbourhoodFactory()
    resident.save()
    email = resident.email
    client.force_login(resident)
    response = client.post(reverse("accounts:delete"), {"confirm": "verwijderen"})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.email != email and resident.email.endswith("@invalid.samen.genk.be")
    assert resident.display_name == ""
    assert resident.year_of_birth is None
    assert resident.neighbourhood is None
    assert not resident.is_active
    assert not resident.has_usable_password()
    assert resident.erased_at is not None
    assert resident.public_name == "voormalige inwoner"
    assert not EmailAddress.objects.filter(email=email).exists()
    assert "_auth_user_id" not in client.session
    assert AuditLogEntry.objects.filter(action="account.erased", object_id=str(resident.pk)).exists()
    # They can no longer sign in.
    client.post(reverse("account_login"), {"login": email, "password": "een-sterk-wachtwoord"})
    assert "_auth_user_id" not in client.session


def test_delete_account_needs_confirmation(client, resident):
    client.force_login(resident)
    response = client.post(reverse("accounts:delete"), {"confirm": "ja"})
    assert response.status_code == 200
    assert "Typ het woord VERWIJDEREN" in response.content.decode()
    resident.refresh_from_db()
    assert resident.is_active


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("visitor", 302),
        ("resident", 403),
        ("organisation_rep", 403),
        ("volunteer_coordinator", 403),
        ("council_member", 403),
        ("civil_servant", 200),
        ("neighbourhood_director", 200),
        ("worldcitizenship_officer", 200),
        ("admin_user", 200),
    ],
)
def test_staff_dashboard_per_persona(client, request, persona, expected):
    user = request.getfixturevalue(persona)
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(reverse("core:staff_dashboard"))
    assert response.status_code == expected
    if expected == 403:
        assert "alleen voor medewerkers" in response.content.decode()


def test_staff_without_mfa_is_sent_to_set_it_up(client, civil_servant_without_mfa):
    client.force_login(civil_servant_without_mfa)
    for url in (reverse("core:staff_dashboard"), reverse("core:audit_log"), "/django-admin/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_staff_with_mfa_must_give_a_code_at_login(client, civil_servant):
    response = client.post(reverse("account_login"), {"login": civil_servant.email, "password": "een-sterk-wachtwoord"})
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_language_switch_without_login_sets_cookie(client):
    response = client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.get("/").headers["Content-Language"] == "en"


def test_language_switch_updates_the_profile(client, resident):
    client.force_login(resident)
    client.post(reverse("core:set_language"), {"language": "fr", "next": "/"})
    resident.refresh_from_db()
    assert resident.language == "fr"


def test_unverified_accounts_are_purged_after_30_days(resident):
    from datetime import timedelta

    from django.utils import timezone

    from genk.accounts.tasks import purge_unverified_accounts

    stale = UserFactory(verified=False)
    User.objects.filter(pk=stale.pk).update(date_joined=timezone.now() - timedelta(days=31))
    fresh = UserFactory(verified=False)
    assert purge_unverified_accounts() == 1
    assert not User.objects.filter(pk=stale.pk).exists()
    assert User.objects.filter(pk__in=[fresh.pk, resident.pk]).count() == 2

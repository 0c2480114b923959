"""Login rate limits behind the proxies of docker-compose.yml and docs/deploy.md.

Every request reaches gunicorn from the stack's nginx (REMOTE_ADDR is nginx), with
X-Forwarded-For "<client>, <host reverse proxy>". The portal must count per client, not per proxy."""

import os
import re
import runpy
from pathlib import Path
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from genk.accounts.models import User

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
NGINX = "172.18.0.5"  # the stack's nginx, gunicorn's peer
HOST_PROXY = "172.18.0.1"  # the TLS reverse proxy on the host, as nginx sees it
PASSWORD = "een-sterk-wachtwoord"


def compose_default(variable: str) -> str:
    """The default docker-compose.yml gives `variable` (`${VARIABLE:-default}`)."""
    found = re.search(rf"{variable}: \$\{{{variable}:-([^}}]*)\}}", (ROOT / "docker-compose.yml").read_text())
    assert found, f"{variable} is not passed to the portal in docker-compose.yml"
    return found.group(1)


@pytest.fixture
def behind_proxies(settings):
    """The settings genk/settings.py makes from docker-compose.yml's environment."""
    environment = {
        name: compose_default(name) for name in ("ALLAUTH_TRUSTED_PROXY_COUNT", "ALLAUTH_TRUSTED_CLIENT_IP_HEADER")
    }
    with mock.patch.dict(os.environ, environment):
        production = runpy.run_path(str(ROOT / "genk" / "settings.py"))
    # allauth's defaults when the settings say nothing: no proxy trusted.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = production.get("ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = production.get("ALLAUTH_TRUSTED_CLIENT_IP_HEADER")
    settings.ACCOUNT_RATE_LIMITS = production["ACCOUNT_RATE_LIMITS"]


def from_address(address: str) -> Client:
    """A browser at `address`, seen through the host's reverse proxy and the stack's nginx."""
    return Client(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=f"{address}, {HOST_PROXY}")


def log_in(client: Client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_wrong_passwords_from_one_address_do_not_lock_out_others(behind_proxies, resident, other_resident):
    attacker = from_address("203.0.113.9")
    for _ in range(5):
        log_in(attacker, other_resident.email, "fout-wachtwoord")
    assert not logged_in(attacker)

    neighbour = from_address("198.51.100.7")
    log_in(neighbour, resident.email)
    assert logged_in(neighbour)


def test_wrong_passwords_for_one_account_from_many_addresses_lock_that_account(
    behind_proxies, resident, other_resident
):
    for n in range(5):
        log_in(from_address(f"203.0.113.{n + 1}"), resident.email, "fout-wachtwoord")
    # Even with the right password, from yet another address: the account is protected.
    owner = from_address("198.51.100.7")
    response = log_in(owner, resident.email)
    assert not logged_in(owner)
    assert "Te veel inlogpogingen" in response.content.decode()
    # Someone else logs in as usual.
    other = from_address("198.51.100.8")
    log_in(other, other_resident.email)
    assert logged_in(other)


def test_one_address_trying_many_accounts_is_stopped(behind_proxies, resident):
    attacker = from_address("203.0.113.9")
    for n in range(10):
        log_in(attacker, f"iemand{n}@example.be", "fout-wachtwoord")
    response = log_in(attacker, resident.email)
    assert not logged_in(attacker)
    assert "Te veel inlogpogingen" in response.content.decode()
    elsewhere = from_address("198.51.100.7")
    log_in(elsewhere, resident.email)
    assert logged_in(elsewhere)


def test_logins_and_sign_ups_are_not_one_bucket_for_the_city(behind_proxies):
    residents = [User.objects.create_user(email=f"inwoner{n}@example.be", password=PASSWORD) for n in range(31)]
    from allauth.account.models import EmailAddress

    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in residents
    )
    for n, user in enumerate(residents):  # more than "30/m/ip" allows from one address
        browser = from_address(f"198.51.100.{n + 1}")
        log_in(browser, user.email)
        assert logged_in(browser), n
    for n in range(21):  # more than "20/m/ip"
        response = from_address(f"192.0.2.{n + 1}").post(
            reverse("account_signup"),
            {"email": f"nieuw{n}@example.be", "password1": "Winterslag-2026!", "password2": "Winterslag-2026!"},
        )
        assert response.status_code == 302, n
    assert User.objects.filter(email__startswith="nieuw").count() == 21


def test_a_request_through_fewer_proxies_than_configured_is_counted_by_the_nearest(behind_proxies, resident):
    """The stack tried without the host's reverse proxy: no server error, each browser its own count."""
    attacker = Client(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.9")
    for _ in range(10):
        log_in(attacker, "iemand@example.be", "fout-wachtwoord")
    browser = Client(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert log_in(browser, resident.email).status_code == 302
    assert logged_in(browser)

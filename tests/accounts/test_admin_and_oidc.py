import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.template import Context, Template
from django.template.base import Origin
from django.test import override_settings
from django.urls import reverse

from genk.core.models import AuditLogEntry
from tests.factories import DepartmentFactory, NeighbourhoodFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_admin_changes_are_audited_with_before_and_after(client, admin_user):
    department = DepartmentFactory(name="Sport", slug="sport", email="")
    client.force_login(admin_user)
    url = reverse("admin:accounts_department_change", args=[department.pk])
    response = client.post(
        url, {"name": "Sportdienst", "slug": "sport", "email": "sport@genk.be", "phone": "", "description": ""}
    )
    assert response.status_code == 302
    entry = AuditLogEntry.objects.get(action="accounts.department.changed")
    assert entry.actor == admin_user
    assert entry.before == {"name": "Sport", "email": ""}
    assert entry.after == {"name": "Sportdienst", "email": "sport@genk.be"}


def test_staff_verify_residency_in_the_admin(client, admin_user):
    resident = UserFactory(neighbourhood=NeighbourhoodFactory())
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "verify_residency", "_selected_action": [resident.pk]},
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.residency_verified_at is not None
    assert resident.residency_verified_by == admin_user
    assert AuditLogEntry.objects.filter(action="accounts.user.residency_verified", object_id=str(resident.pk)).exists()


def test_admin_is_for_administrators_only(client, civil_servant):
    client.force_login(civil_servant)
    response = client.get("/django-admin/")
    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]


def test_oidc_is_switched_on_by_environment_variables_alone():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "genk.settings",
        "OIDC_CLIENT_ID": "samen-genk",
        "OIDC_CLIENT_SECRET": "s3cret",
        "OIDC_SERVER_URL": "https://authenticatie.vlaanderen.be/op",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "app = s.SOCIALACCOUNT_PROVIDERS['openid_connect']['APPS'][0]; "
        "print(app['provider_id'], app['client_id'], app['settings']['server_url'])"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["vlaanderen", "samen-genk", "https://authenticatie.vlaanderen.be/op"], out.stderr


def test_oidc_login_button_appears_when_configured(client):
    providers = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "vlaanderen",
                    "name": "Vlaanderen (eID / itsme)",
                    "client_id": "samen-genk",
                    "secret": "s3cret",
                    "settings": {"server_url": "https://authenticatie.vlaanderen.be/op"},
                }
            ]
        }
    }
    with override_settings(SOCIALACCOUNT_PROVIDERS=providers):
        html = client.get(reverse("account_login")).content.decode()
    assert "Vlaanderen (eID / itsme)" in html
    assert "/account/oidc/vlaanderen/login/" in html
    assert "Vlaanderen (eID / itsme)" not in client.get(reverse("account_login")).content.decode()


def test_undefined_variables_fail_in_our_templates_only():
    ours = Origin(name=str(settings.BASE_DIR / "templates" / "example.html"))
    with pytest.raises(AssertionError, match="Undefined template variable"):
        Template("{{ no_such_variable }}", origin=ours).render(Context({}))
    theirs = Origin(name="/usr/lib/python3/site-packages/some_app/templates/x.html")
    assert Template("{{ no_such_variable }}", origin=theirs).render(Context({})) == ""


def test_naive_datetimes_fail():
    from datetime import datetime

    with pytest.raises(RuntimeWarning):
        UserFactory(date_joined=datetime(2026, 1, 1, 12, 0))

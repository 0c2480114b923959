"""An administrator adds a year's legal caps in the admin; allowances are not edited there."""

from decimal import Decimal

import pytest

from volunteers.models import AllowanceCap

pytestmark = pytest.mark.django_db


def test_administrator_adds_the_caps_of_a_year(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/django-admin/volunteers/allowancecap/add/",
        {"year": 2027, "category": "general", "per_day": "44.00", "per_year": "1760.00", "source": "KB (test)"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AllowanceCap.objects.get(year=2027).per_year == Decimal("1760.00")
    assert client.get("/django-admin/volunteers/allowance/add/").status_code == 403

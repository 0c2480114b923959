"""A refusal (403) is logged as one line, without a traceback."""

import logging

import pytest

pytestmark = pytest.mark.django_db


def test_a_403_is_logged_as_one_line(client, resident, caplog):
    caplog.set_level(logging.WARNING, logger="django.request")
    client.force_login(resident)
    response = client.get("/beheer/")
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    assert records[0].levelno == logging.WARNING
    assert records[0].exc_info is None
    line = caplog.text.strip()
    assert "Traceback" not in line
    assert len(line.splitlines()) == 1
    assert "/beheer/" in line
    assert "alleen voor medewerkers" in line  # the reason, on the same line

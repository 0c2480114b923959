"""The register's 360Giving JSON is kept in the cache (initiatives/subsidies/caching.py) and
is never behind a write to what it shows."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.subsidies.models import SubsidyFile

from .test_opendata import JSON, by_title, files  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

S = SubsidyFile.Status


def export(client, query=None) -> tuple[dict, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(JSON, query or {})
    assert response.status_code == 200
    return json.loads(response.content), len(ctx)


def test_a_second_download_is_served_from_the_cache_without_a_query(client, files):  # noqa: F811
    first, queries = export(client)
    assert queries >= 1
    second, queries = export(client)
    assert queries == 0
    assert second == first
    filtered, _ = export(client, {"jaar": "2025"})  # another query string: its own document
    assert set(by_title(filtered)) == {"Schoolbanken voor Francistown"}


def test_a_changed_grant_a_new_grant_and_a_renamed_organisation_show_at_once(client, files):  # noqa: F811
    export(client)
    file = files["group"]
    file.title = "Speelstraat in de zomer"
    file.save()
    assert "Speelstraat in de zomer" in by_title(export(client)[0])
    # A bulk write (as the workflow's own updates are).
    SubsidyFile.objects.filter(pk=files["refused"].pk).update(
        status=S.GRANTED, outcome=SubsidyFile.Outcome.GRANTED, amount_granted="300.00", title="Herkansing"
    )
    assert "Herkansing" in by_title(export(client)[0])
    organisation = files["kbo"].organisation
    organisation.name = "Genk-Francistown vzw"
    organisation.save()
    grant = by_title(export(client)[0])["Schoolbanken voor Francistown"]
    assert grant["recipientOrganization"][0]["name"] == "Genk-Francistown vzw"


def test_a_file_leaving_the_register_leaves_the_json_at_once(client, files):  # noqa: F811
    export(client)
    file = files["local"]
    file.status = S.WITHDRAWN
    file.save(update_fields=["status"])
    assert "Buurtfeest" not in by_title(export(client)[0])


def test_a_file_outside_the_register_saved_with_its_own_fields_keeps_the_copy(client, files):  # noqa: F811
    export(client)
    refused = files["refused"]
    refused.title = "Nog altijd geweigerd"
    refused.save(update_fields=["title"])
    assert export(client)[1] == 0

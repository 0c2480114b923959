# ruff: noqa: F811  (the fixtures of test_allowances are imported and used by name)
"""The proof of actual costs is a file: PDF, JPEG or PNG (judged by its first bytes), at most
5 MB, stored privately; downloadable by the volunteer, the organisation's coordinators and
administrators only; listed in the data download; erased with the account (the allowance stays)."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from genk.core import gdpr
from tests.factories import DepartmentMembershipFactory, UserFactory, enroll_mfa
from volunteers import forms
from volunteers.models import Allowance

from .factories import coordinator_of
from .test_allowances import PDF, caps_2025, receipt, two_organisations, worked_at  # noqa: F401

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40
ACTUAL = Allowance.System.ACTUAL_COSTS


def post(client, organisation, volunteer, upload, **extra):
    data = {
        "volunteer": volunteer.pk,
        "day": "2025-04-10",
        "system": ACTUAL,
        "category": "general",
        "amount": "12.40",
        "proof": "buskaart",
        "note": "naar de soepbedeling",
        **extra,
    }
    if upload is not None:
        data["proof_file"] = upload
    return client.post(reverse("volunteers_staff:allowances", args=[organisation.slug]), data)


@pytest.fixture
def recorded(client, two_organisations, volunteer, coordinator):
    a, _b = two_organisations
    client.force_login(coordinator)
    response = post(client, a, volunteer, receipt("Bus ticket april.pdf"))
    assert response.status_code == 302
    return Allowance.objects.get(organisation=a)


def test_the_coordinator_uploads_a_pdf_stored_privately(recorded, client):
    assert recorded.proof_file_name == "Bus ticket april.pdf"
    assert recorded.proof_file.name.startswith("proofs/") and "Bus" not in recorded.proof_file.name
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / "volunteers" / recorded.proof_file.name
    assert stored.read_bytes() == PDF
    assert not str(stored).startswith(str(settings.MEDIA_ROOT))  # nothing under the public media
    page = client.get(reverse("volunteers_staff:allowances", args=[recorded.organisation.slug]) + "?jaar=2025").text
    url = reverse("volunteers:allowance_proof", args=[recorded.pk])
    assert url in page and settings.MEDIA_URL + "proofs" not in page


@pytest.mark.parametrize(
    ("name", "content"),
    [("bon.png", PNG), ("bon.jpg", JPEG), ("bon.jpeg", JPEG)],
)
def test_png_and_jpeg_are_accepted(client, two_organisations, volunteer, coordinator, name, content):
    a, _b = two_organisations
    client.force_login(coordinator)
    assert post(client, a, volunteer, SimpleUploadedFile(name, content)).status_code == 302
    assert Allowance.objects.get(organisation=a).proof_file.read() == content


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (None, "voeg het bewijsstuk toe (PDF, JPEG of PNG)"),
        (SimpleUploadedFile("bon.docx", b"PK\x03\x04" + b"\x00" * 20), "Kies een PDF, JPEG of PNG"),
        (SimpleUploadedFile("bon.pdf", b"<html><script>alert(1)</script>"), "past niet bij de extensie .pdf"),
        (SimpleUploadedFile("bon.png", PDF), "past niet bij de extensie .png"),
        (SimpleUploadedFile("bon.exe", b"MZ\x90\x00"), "Kies een PDF, JPEG of PNG"),
    ],
)
def test_bad_files_are_refused_in_the_form_and_nothing_typed_is_lost(
    client, two_organisations, volunteer, coordinator, upload, message
):
    a, _b = two_organisations
    client.force_login(coordinator)
    response = post(client, a, volunteer, upload)
    assert response.status_code == 200
    body = response.text
    assert message in body
    assert 'value="12.40"' in body and 'value="buskaart"' in body and 'value="naar de soepbedeling"' in body
    assert "Klopt er iets anders niet in het formulier, kies het bestand dan opnieuw." in body
    assert not Allowance.objects.exists()
    assert not list((Path(settings.PRIVATE_MEDIA_ROOT) / "volunteers").rglob("*.*"))


def test_a_file_over_the_size_limit_is_refused(client, two_organisations, volunteer, coordinator, monkeypatch):
    monkeypatch.setattr(forms, "PROOF_MAX_SIZE", 1024)
    a, _b = two_organisations
    client.force_login(coordinator)
    response = post(client, a, volunteer, SimpleUploadedFile("groot.pdf", PDF + b"0" * 2000))
    assert "Het bestand is te groot (hoogstens 1,0\xa0KB)" in response.text
    assert not Allowance.objects.exists()


def test_a_refusal_by_the_service_keeps_the_input_and_stores_no_file(client, two_organisations, volunteer, coordinator):
    a, _b = two_organisations
    client.force_login(coordinator)
    post(client, a, volunteer, receipt())
    again = post(client, a, volunteer, receipt())  # a second allowance for the same day
    assert again.status_code == 200 and "al een vergoeding gegeven" in again.text
    assert 'value="buskaart"' in again.text
    assert Allowance.objects.count() == 1
    assert len(list((Path(settings.PRIVATE_MEDIA_ROOT) / "volunteers").rglob("*.pdf"))) == 1


def desk_staff_member():
    user = DepartmentMembershipFactory(department__name="Vrijwilligerspunt", department__slug="vrijwilligerspunt").user
    enroll_mfa(user)
    return user


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("visitor", 302),
        ("other_resident", 403),
        ("volunteer", 200),
        ("coordinator", 200),
        ("other_coordinator", 403),
        ("desk_staff", 403),
        ("admin", 200),
    ],
)
def test_who_may_download_the_proof(recorded, persona, expected, volunteer, coordinator, admin_user):
    people = {
        "visitor": None,
        "other_resident": UserFactory(),
        "volunteer": volunteer,
        "coordinator": coordinator,
        "other_coordinator": coordinator_of(
            recorded.organisation.__class__.objects.exclude(pk=recorded.organisation_id).first()
        ),
        "desk_staff": desk_staff_member(),
        "admin": admin_user,
    }
    client = Client()
    if people[persona] is not None:
        client.force_login(people[persona])
    response = client.get(reverse("volunteers:allowance_proof", args=[recorded.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert "Bus ticket april.pdf" in response["Content-Disposition"]
        assert response["Cache-Control"] == "private, no-store"
    elif expected == 403:
        assert "enkel de vrijwilliger zelf en de coördinatoren" in response.text
    else:
        assert "/login" in response["Location"] or "/aanmelden" in response["Location"]


def test_the_volunteer_finds_the_proof_on_their_page(recorded, volunteer, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2025, 6, 1))
    client = Client()
    client.force_login(volunteer)
    page = client.get(reverse("volunteers:mine")).text
    assert reverse("volunteers:allowance_proof", args=[recorded.pk]) in page


def test_the_data_download_lists_the_proof_and_erasure_deletes_the_file_but_keeps_the_allowance(recorded, volunteer):
    listed = gdpr.export_sections(volunteer)["volunteers"]["allowances"]
    assert listed == [
        {
            "organisation": recorded.organisation.name,
            "day": "2025-04-10",
            "system": ACTUAL,
            "category": "general",
            "amount": "12.40",
            "proof": "buskaart",
            "proof_file": reverse("volunteers:allowance_proof", args=[recorded.pk]),
            "proof_file_name": "Bus ticket april.pdf",
            "note": "naar de soepbedeling",
        }
    ]
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / "volunteers" / recorded.proof_file.name
    assert stored.exists()
    gdpr.erase_all(volunteer)
    assert not stored.exists()
    kept = Allowance.objects.get(pk=recorded.pk)
    assert kept.amount == Decimal("12.40") and kept.system == ACTUAL and kept.proof == "buskaart"
    assert not kept.proof_file and kept.proof_file_name == ""
    client = Client()
    client.force_login(coordinator_of(kept.organisation))
    assert client.get(reverse("volunteers:allowance_proof", args=[kept.pk])).status_code == 404

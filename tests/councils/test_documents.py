"""Confidential items and documents are never visible or downloadable to non-members: checked
on the meeting page and at the download URL, for every persona. Files live under
PRIVATE_MEDIA_ROOT, nowhere a web server serves them."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participation.councils import services
from participation.councils.models import AgendaDocument

from .factories import PDF

INSIDERS = {"member", "chair", "secretary", "admin"}


def login(client, user):
    if user.is_authenticated:
        client.force_login(user)


@pytest.mark.parametrize(
    "persona", ["visitor", "resident", "member", "chair", "secretary", "other_council_member", "civil_servant", "admin"]
)
def test_meeting_page_shows_confidential_items_only_to_members(client, personas, invited_meeting, persona):
    login(client, personas[persona])
    response = client.get(invited_meeting.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zitbanken op de wandelroutes" in html
    assert "Publieke nota zitbanken" in html
    insider = persona in INSIDERS
    assert ("Kandidaturen: persoonlijke gegevens" in html) is insider
    assert ("Lijst van kandidaten" in html) is insider
    assert ("Offerte leverancier" in html) is insider
    for document in AgendaDocument.objects.filter(item__meeting=invited_meeting):
        url = reverse("councils:document", kwargs={"pk": document.pk})
        assert (url in html) is (insider or not document.confidential)
    if not insider:
        assert "vertrouwelijk punt, alleen zichtbaar voor de leden" in html


@pytest.mark.parametrize(
    "persona", ["visitor", "resident", "member", "chair", "secretary", "other_council_member", "civil_servant", "admin"]
)
def test_download_url_checks_permission(client, personas, invited_meeting, persona):
    login(client, personas[persona])
    insider = persona in INSIDERS
    for document in AgendaDocument.objects.filter(item__meeting=invited_meeting):
        response = client.get(reverse("councils:document", kwargs={"pk": document.pk}))
        if insider or not document.confidential:
            assert response.status_code == 200, document.title
            assert b"".join(response.streaming_content) == PDF
            assert response["Content-Disposition"].startswith("attachment;")
            assert response["Content-Type"] == "application/pdf"
        elif persona == "visitor":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))
        else:
            assert response.status_code == 403
            assert "alleen voor de leden van de raad" in response.content.decode()


def test_confidential_download_is_not_cached(client, member, invited_meeting):
    client.force_login(member)
    document = AgendaDocument.objects.get(item__meeting=invited_meeting, title="Lijst van kandidaten")
    response = client.get(document.get_absolute_url())
    assert response["Cache-Control"] == "private, no-store"


def test_documents_are_stored_privately(invited_meeting):
    for document in AgendaDocument.objects.filter(item__meeting=invited_meeting):
        path = Path(document.file.path)
        assert path.is_file()
        assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
        assert not path.is_relative_to(Path(settings.MEDIA_ROOT))
        assert "nota" not in path.name  # random names: the stored path tells nothing
        # Its only URL is the administrators' download view, never a public one.
        assert document.file.url.startswith("/beheer/bestanden/councils/")


def test_missing_file_is_a_404(client, member, invited_meeting):
    client.force_login(member)
    document = AgendaDocument.objects.filter(item__meeting=invited_meeting).first()
    Path(document.file.path).unlink()
    assert client.get(document.get_absolute_url()).status_code == 404


def test_upload_through_the_agenda_builder(client, secretary, invited_meeting):
    client.force_login(secretary)
    item = invited_meeting.items.get(position=1)
    url = reverse("councils_staff:item", kwargs={"pk": item.pk})
    upload = SimpleUploadedFile("begroting.pdf", PDF, content_type="application/pdf")
    response = client.post(
        url, {"document-title": "Begroting", "document-file": upload, "document-is_confidential": "on"}
    )
    assert response.status_code == 302
    document = item.documents.get(title="Begroting")
    assert document.is_confidential and document.original_name == "begroting.pdf"
    assert Path(document.file.path).is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("script.exe", b"MZ\x90\x00", "Dit soort bestand kan niet"),
        ("nep.pdf", b"<html>niet echt</html>", "past niet bij de extensie"),
    ],
)
def test_upload_rejects_wrong_types(client, secretary, invited_meeting, name, content, error):
    client.force_login(secretary)
    item = invited_meeting.items.get(position=1)
    before = item.documents.count()
    response = client.post(
        reverse("councils_staff:item", kwargs={"pk": item.pk}),
        {"document-title": "X", "document-file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert item.documents.count() == before


def test_upload_rejects_too_large(client, secretary, invited_meeting, settings):
    from participation.councils.models import meeting as meeting_module

    client.force_login(secretary)
    item = invited_meeting.items.get(position=1)
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * (meeting_module.MAX_DOCUMENT_SIZE + 1))
    response = client.post(
        reverse("councils_staff:item", kwargs={"pk": item.pk}), {"document-title": "X", "document-file": big}
    )
    assert "te groot" in response.content.decode()


def test_non_manager_cannot_upload(client, member, invited_meeting):
    client.force_login(member)
    item = invited_meeting.items.get(position=1)
    response = client.post(
        reverse("councils_staff:item", kwargs={"pk": item.pk}),
        {"document-title": "X", "document-file": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert response.status_code == 403
    assert "voorzitter en de secretaris" in response.content.decode()


def test_deleting_a_document_removes_the_file(secretary, invited_meeting, django_capture_on_commit_callbacks):
    document = AgendaDocument.objects.filter(item__meeting=invited_meeting).first()
    path = Path(document.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_document(document, secretary)
    assert not path.exists()

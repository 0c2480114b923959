"""The city's documents on a subsidy file: handling staff add a decision or another document
from the staff page (/beheer/subsidies/dossiers/<reference>/documenten/) and remove documents;
who may do so per role and state, bad uploads, the private storage, the download by the
applicants, the audit log, the timeline and the notification to the applicants."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from genk.core.files import MAX_DOCUMENT_SIZE
from genk.core.models import AuditLogEntry, Notification
from initiatives.subsidies import services
from initiatives.subsidies.models import Document, SubsidyFile
from tests.factories import DepartmentFactory

from .factories import add_co_applicant, department_member, make_file

pytestmark = pytest.mark.django_db
S = SubsidyFile.Status
BASE = "/beheer/subsidies/"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def pdf(name="collegebesluit.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def file_url(file) -> str:
    return f"{BASE}dossiers/{file.reference}/"


def add_url(file) -> str:
    return f"{BASE}dossiers/{file.reference}/documenten/"


def remove_url(file, document) -> str:
    return f"{BASE}dossiers/{file.reference}/documenten/{document.pk}/verwijderen/"


def html_of(response) -> str:
    return response.content.decode()


def post_document(client, file, *, title="Collegebesluit", stage="decision", upload=None, **extra):
    data = {"document-title": title, "document-stage": stage, **extra}
    if upload is not False:
        data["document-file"] = upload or pdf()
    return client.post(add_url(file), data)


def timeline_of(html: str) -> str:
    return html[html.index('id="tijdlijn-titel"') :]


def documents_section_of(html: str) -> str:
    start = html.index('id="documenten-titel"')
    return html[start : html.index("</section>", html.index("</ul>", start))]


@pytest.fixture
def other_civil_servant(db):
    """A civil servant of a department without schemes, not involved in the file."""
    return department_member(DepartmentFactory(name="Mobiliteit", slug="mobiliteit"), display_name="Mo Mobiliteit")


@pytest.fixture
def granted_file(scheme, handler, applicant, co_applicant, assessor):
    file = make_file(
        S.GRANTED, scheme=scheme, handler=handler, assessors=[assessor], applicant=applicant, title="Buurtfeest Bret"
    )
    add_co_applicant(file, user=co_applicant)
    return file


def city_document(file, user, title="Brief van de stad") -> Document:
    return services.add_document(file, user, pdf("brief.pdf"), title=title, stage=Document.Stage.OTHER)


# Who may add and remove.


@pytest.mark.parametrize(
    "persona, status",
    [
        ("handler", 302),
        ("civil_servant", 302),  # a member of the scheme's department
        ("assessor", 403),  # sees the file, does not handle it
        ("other_civil_servant", 403),
        ("applicant", 403),  # the staff area is not theirs: they add documents on their own pages
        ("co_applicant", 403),
        ("resident", 403),
        ("visitor", 302),
    ],
)
def test_who_adds_a_document_from_the_staff_page(client, request, granted_file, persona, status):
    user = request.getfixturevalue(persona)
    if user.is_authenticated:
        client.force_login(user)
    response = post_document(client, granted_file)
    assert response.status_code == status
    if persona == "visitor":
        assert response["Location"].startswith("/account/login/")
        assert not Document.objects.exists()
    elif status == 302:
        assert response["Location"] == file_url(granted_file)
        assert Document.objects.get().uploaded_by == user
    else:
        assert not Document.objects.exists()
    if persona == "assessor":
        html = html_of(client.get(file_url(granted_file)))
        assert "Een document toevoegen" not in html
        assert "Documenten toevoegen kan de behandelende dienst" in html_of(response)


@pytest.mark.parametrize(
    "persona, status",
    [
        ("handler", 302),
        ("civil_servant", 302),
        ("assessor", 403),
        ("other_civil_servant", 403),
        ("applicant", 403),
        ("co_applicant", 403),
        ("resident", 403),
        ("visitor", 302),
    ],
)
def test_who_removes_a_document_from_the_staff_page(client, request, granted_file, handler, persona, status):
    document = city_document(granted_file, handler)
    user = request.getfixturevalue(persona)
    if user.is_authenticated:
        client.force_login(user)
    response = client.post(remove_url(granted_file, document))
    assert response.status_code == status
    assert Document.objects.filter(pk=document.pk).exists() == (persona not in ("handler", "civil_servant"))
    if persona == "visitor":
        assert response["Location"].startswith("/account/login/")


def test_the_form_and_the_remove_buttons_show_only_to_who_may(client, granted_file, handler, assessor, applicant):
    document = city_document(granted_file, handler)
    client.force_login(handler)
    html = html_of(client.get(file_url(granted_file)))
    section = documents_section_of(html)
    assert "Een document toevoegen" in section
    assert 'enctype="multipart/form-data"' in section
    assert f'action="{add_url(granted_file)}"' in section
    assert 'name="document-title"' in section and 'name="document-file"' in section
    # Only the city's two kinds, "ander document" chosen unless the user picks otherwise.
    assert re.search(r'<input type="radio" name="document-stage" value="other"[^>]*checked', section)
    assert 'value="decision"' in section
    assert 'value="application"' not in section and 'value="report"' not in section
    assert f'action="{remove_url(granted_file, document)}"' in section
    assert 'Verwijder<span class="visually-hidden"> — Brief van de stad</span>' in section

    client.force_login(assessor)
    section = documents_section_of(html_of(client.get(file_url(granted_file))))
    assert "Brief van de stad" in section
    assert "Een document toevoegen" not in section and "verwijderen/" not in section


# Adding a document.


def test_the_handler_adds_a_decision(
    client, granted_file, handler, applicant, co_applicant, django_capture_on_commit_callbacks
):
    client.force_login(handler)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_document(client, granted_file, title="Collegebesluit 12 mei", stage="decision")
    assert response.status_code == 302 and response["Location"] == file_url(granted_file)

    document = Document.objects.get()
    assert document.file == granted_file and document.stage == Document.Stage.DECISION
    assert document.title == "Collegebesluit 12 mei" and document.uploaded_by == handler
    assert document.original_name == "collegebesluit.pdf" and document.content_type == "application/pdf"
    # Stored privately, under a name that reveals nothing, outside the public media.
    stored = Path(document.attachment.path)
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT) / "subsidies")
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert stored.read_bytes() == PDF and "collegebesluit" not in stored.name
    # Private files have no public URL: only the administrators' download view.
    assert document.attachment.url.startswith("/beheer/bestanden/subsidies/")

    # The message, the list and the timeline on the staff page.
    html = html_of(client.get(file_url(granted_file)))
    assert "‘Collegebesluit 12 mei’ is toegevoegd." in html
    assert "Collegebesluit 12 mei" in documents_section_of(html)
    timeline = timeline_of(html)
    assert "Document toegevoegd" in timeline and "Hanne Handler" in timeline
    assert "document: – → Collegebesluit 12 mei" in timeline

    entry = AuditLogEntry.objects.get(action="subsidies.document_added")
    assert entry.actor == handler and entry.object_id == str(granted_file.pk)
    assert entry.after == {"document": "Collegebesluit 12 mei"}

    # The applicants are told, with a link to their file's documents; the handler is not.
    documents_page = f"/subsidies/dossiers/{granted_file.reference}/documenten/"
    notes = Notification.objects.filter(kind="subsidies.document_added")
    assert {n.recipient for n in notes} == {applicant, co_applicant}
    note = notes.get(recipient=applicant)
    assert note.url == documents_page
    assert note.subject == f"De stad voegde een document toe aan {granted_file.reference} ‘Buurtfeest Bret’"
    assert "Collegebesluit 12 mei" in note.body and "beslissing" in note.body
    [email] = [m for m in mail.outbox if applicant.email in m.to]
    assert documents_page in email.body and "Collegebesluit 12 mei" in email.body

    # The applicant sees it among their documents, marked as the city's, and downloads it;
    # it is not theirs to remove.
    client.force_login(applicant)
    html = html_of(client.get(documents_page))
    assert "Collegebesluit 12 mei" in html and "(van de stad, collegebesluit.pdf" in html
    assert f'name="verwijderen" value="{document.pk}"' not in html
    response = client.get(f"/subsidies/documenten/{document.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "(van de stad, collegebesluit.pdf" in html_of(client.get(f"/subsidies/dossiers/{granted_file.reference}/"))

    client.force_login(co_applicant)
    assert client.get(f"/subsidies/documenten/{document.pk}/").status_code == 200


def test_an_applicants_own_documents_are_not_marked_as_the_citys(client, granted_file, applicant):
    services.add_document(granted_file, applicant, pdf("facturen.pdf"), title="Facturen")
    client.force_login(applicant)
    html = html_of(client.get(f"/subsidies/dossiers/{granted_file.reference}/documenten/"))
    assert "(facturen.pdf" in html and "(van de stad," not in html


@pytest.mark.parametrize(
    "data, upload, message",
    [
        ({"title": ""}, None, "Geef het document een titel."),
        ({"title": "   "}, None, "Geef het document een titel."),
        ({}, False, "Kies het bestand dat je wilt toevoegen."),
        ({}, "exe", "Dit soort bestand kan niet."),
        ({}, "fake", "De inhoud van het bestand past niet bij de extensie .pdf."),
        ({}, "big", "Het bestand is te groot"),
        ({"stage": "application"}, None, "Kies het soort document."),
        ({"stage": ""}, None, "Kies het soort document."),
    ],
)
def test_bad_input_keeps_the_title_and_says_what_is_wrong(client, granted_file, handler, data, upload, message):
    uploads = {
        "exe": SimpleUploadedFile("besluit.exe", b"MZ\x90\x00", content_type="application/octet-stream"),
        "fake": SimpleUploadedFile("besluit.pdf", b"<html>geen pdf</html>", content_type="application/pdf"),
        "big": SimpleUploadedFile("besluit.pdf", b"%PDF-" + b"0" * MAX_DOCUMENT_SIZE, content_type="application/pdf"),
    }
    client.force_login(handler)
    values = {"title": "Brief over de betaling", "stage": "other", **data}
    response = post_document(
        client, granted_file, title=values["title"], stage=values["stage"], upload=uploads.get(upload, upload)
    )
    assert response.status_code == 200
    html = html_of(response)
    assert "Er is iets niet in orde" in html
    assert message in html
    if values["title"].strip():
        assert 'value="Brief over de betaling"' in html
    assert "Buurtfeest Bret" in html  # the file's page, with the rest of the file
    assert not Document.objects.exists()
    assert not AuditLogEntry.objects.filter(action="subsidies.document_added").exists()
    assert not Notification.objects.exists()


@pytest.mark.parametrize("status", [S.SUBMITTED, S.INFO_REQUESTED, S.ASSESSMENT, S.PROPOSED, S.REPORT_APPROVED])
def test_staff_add_documents_while_the_file_runs(client, scheme, handler, status):
    file = make_file(status, scheme=scheme, handler=handler)
    client.force_login(handler)
    assert "Een document toevoegen" in html_of(client.get(file_url(file)))
    assert post_document(client, file).status_code == 302
    assert Document.objects.filter(file=file, stage=Document.Stage.DECISION).count() == 1


@pytest.mark.parametrize("status", [S.CLOSED, S.WITHDRAWN, S.REFUSED])
def test_no_documents_added_to_a_final_file(client, scheme, handler, status):
    file = make_file(status, scheme=scheme, handler=handler)
    client.force_login(handler)
    html = html_of(client.get(file_url(file)))
    assert "Een document toevoegen" not in html and 'name="document-file"' not in html
    response = post_document(client, file)
    assert response.status_code == 403
    assert "niet afgesloten, geweigerd of ingetrokken" in html_of(response)
    assert not Document.objects.exists()


def test_no_documents_added_to_a_draft(client, scheme, handler, admin_user):
    file = make_file(S.DRAFT, scheme=scheme, handler=handler)
    for user in (handler, admin_user):
        client.force_login(user)
        assert client.get(file_url(file)).status_code == 403
        assert post_document(client, file).status_code == 403
    assert not Document.objects.exists()


def test_the_stage_says_who_added_a_document(granted_file, handler, applicant):
    """The city adds decisions and other documents only, the applicants the application's and
    the report's: the applicants' pages rely on it to mark the city's documents."""
    with pytest.raises(services.NotAllowed):
        services.add_document(granted_file, handler, pdf(), title="Offerte", stage=Document.Stage.APPLICATION)
    with pytest.raises(services.NotAllowed):
        services.add_document(granted_file, applicant, pdf(), title="Besluit", stage=Document.Stage.DECISION)
    assert services.add_document(granted_file, handler, pdf(), title="Nota").stage == Document.Stage.OTHER
    assert services.add_document(granted_file, applicant, pdf(), title="Factuur").stage == Document.Stage.REPORT


def test_staff_on_the_applicants_documents_page_get_a_message_not_an_error(client, granted_file, handler):
    client.force_login(handler)
    response = client.post(
        f"/subsidies/dossiers/{granted_file.reference}/documenten/", {"title": "Offerte", "file": pdf()}
    )
    assert response.status_code == 200
    assert "op de beheerpagina van het dossier" in html_of(response)
    assert not Document.objects.exists()


def test_an_applicants_upload_tells_nobody_as_the_city(granted_file, applicant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.add_document(granted_file, applicant, pdf("factuur.pdf"), title="Factuur")
    assert not Notification.objects.filter(kind="subsidies.document_added").exists()


# Removing a document.


def test_the_handler_removes_a_document(client, granted_file, handler, applicant, django_capture_on_commit_callbacks):
    document = city_document(granted_file, handler, title="Verkeerde brief")
    stored = Path(document.attachment.path)
    theirs = services.add_document(granted_file, applicant, pdf("factuur.pdf"), title="Factuur")
    client.force_login(handler)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remove_url(granted_file, document))
    assert response.status_code == 302 and response["Location"] == file_url(granted_file)
    assert not Document.objects.filter(pk=document.pk).exists()
    assert Document.objects.filter(pk=theirs.pk).exists()
    assert not stored.exists()

    entry = AuditLogEntry.objects.get(action="subsidies.document_removed")
    assert entry.actor == handler and entry.before == {"document": "Verkeerde brief"}
    html = html_of(client.get(file_url(granted_file)))
    assert "‘Verkeerde brief’ is verwijderd." in html
    assert "Verkeerde brief" not in documents_section_of(html)
    timeline = timeline_of(html)
    assert "Document verwijderd" in timeline and "document: Verkeerde brief → –" in timeline

    client.force_login(applicant)
    assert client.get(f"/subsidies/documenten/{document.pk}/").status_code == 404


def test_removing_needs_a_post_and_a_document_of_this_file(client, scheme, granted_file, handler):
    document = city_document(granted_file, handler)
    other = make_file(S.SUBMITTED, scheme=scheme, handler=handler)
    client.force_login(handler)
    assert client.get(remove_url(granted_file, document)).status_code == 405
    assert client.get(add_url(granted_file)).status_code == 405
    assert client.post(remove_url(other, document)).status_code == 404
    assert client.post(f"{BASE}dossiers/{granted_file.reference}/documenten/999999/verwijderen/").status_code == 404
    assert Document.objects.filter(pk=document.pk).exists()


@pytest.mark.parametrize("status", [S.CLOSED, S.WITHDRAWN, S.REFUSED])
def test_a_final_file_keeps_its_documents(client, scheme, handler, status):
    """Once closed, refused or withdrawn, a file is a record: nobody removes its documents."""
    file = make_file(S.SUBMITTED, scheme=scheme, handler=handler)
    document = city_document(file, handler)
    SubsidyFile.objects.filter(pk=file.pk).update(status=status)
    client.force_login(handler)
    assert "Verwijder" not in html_of(client.get(file_url(file)))
    assert client.post(remove_url(file, document)).status_code == 403
    assert Document.objects.filter(pk=document.pk).exists()

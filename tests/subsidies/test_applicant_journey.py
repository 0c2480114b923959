"""The applicant's pages: documents, submitting, co-applicants, answering the city's questions,
the final report and withdrawing."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from initiatives.subsidies.models import CoApplicant, Document, Message, RequiredDocument, SubsidyFile
from tests.factories import NeighbourhoodFactory, UserFactory

from .applicant_pages import PDF, S, apply_data, budget_data, errors_of, pdf, url
from .factories import (
    SubsidyFileFactory,
    add_required_document,
    make_file,
    make_group,
)

pytestmark = pytest.mark.django_db

# Documents.


def test_documents_upload_and_bad_file_types(client, applicant, group_file):
    required = add_required_document(group_file.scheme, "Offerte")
    client.force_login(applicant)
    html = client.get(url("documents", group_file)).content.decode()
    assert "Nog toe te voegen:" in html and "Offerte" in html
    response = client.post(url("documents", group_file), {"required_document": required.pk, "file": pdf()})
    assert response["Location"] == url("documents", group_file)
    document = Document.objects.get()
    assert document.required_document == required and document.title == "Offerte"
    assert document.uploaded_by == applicant
    assert "Toegevoegd:" in client.get(url("documents", group_file)).content.decode()

    bad = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    html = errors_of(client.post(url("documents", group_file), {"title": "Iets", "file": bad}))
    assert "Dit soort bestand kan niet." in html
    assert 'value="Iets"' in html
    fake = SimpleUploadedFile("offerte.pdf", b"<html>geen pdf</html>", content_type="application/pdf")
    html = errors_of(client.post(url("documents", group_file), {"file": fake}))
    assert "De inhoud van het bestand past niet bij de extensie .pdf." in html
    assert Document.objects.count() == 1

    # Removing it while a draft.
    client.post(url("documents", group_file), {"verwijderen": document.pk})
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    "persona, status",
    [
        ("applicant", 200),
        ("co_applicant", 200),
        ("civil_servant", 200),  # the scheme's department, once submitted
        ("worldcitizenship_officer", 403),  # another department
        ("other_resident", 403),
        ("organisation_rep", 403),
        ("visitor", 302),
    ],
)
def test_who_downloads_a_document(client, request, group_file, applicant, persona, status):
    from initiatives.subsidies import services

    document = services.add_document(group_file, applicant, pdf(), title="Offerte")
    group_file.status = S.SUBMITTED
    group_file.save()
    user = request.getfixturevalue(persona)
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(url("document", pk=document.pk))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith('attachment; filename="offerte.pdf"')
        assert response["Cache-Control"] == "private, no-store"
    elif status == 302:
        assert response["Location"].startswith("/account/login/")


def test_staff_cannot_download_a_drafts_documents(client, group_file, applicant, civil_servant):
    from initiatives.subsidies import services

    document = services.add_document(group_file, applicant, pdf(), title="Offerte")
    client.force_login(civil_servant)
    assert client.get(url("document", pk=document.pk)).status_code == 403


# Draft, edit, submit.


def test_draft_edit_submit(client, applicant, scheme, civil_servant, django_capture_on_commit_callbacks):
    scheme.min_group_size = 2
    scheme.save()
    neighbourhood = NeighbourhoodFactory()
    client.force_login(applicant)
    client.post(url("apply", slug=scheme.slug), apply_data(neighbourhood, iban="", description="Kort."))
    file = SubsidyFile.objects.get()

    # Submitting now: the workflow says what is missing, and nothing typed is lost.
    response = client.post(url("submit", file), follow=True)
    html = response.content.decode()
    refusal = [str(m) for m in response.context["messages"]][-1]  # the workflow's own message
    assert 'class="message message-error"' in html
    for missing in (
        "Vul het rekeningnummer (IBAN) in.",
        "Beschrijf je project in minstens 50 tekens.",
        "Vul het gevraagde bedrag in.",
        "Dit reglement vraagt minstens 2 aanvragers; jullie zijn met 1.",
    ):
        assert missing in refusal
        assert html.count(missing) == 2  # in the message, and in the checklist above the submit button
    file.refresh_from_db()
    assert file.status == S.DRAFT
    assert file.title == "Buurtmoestuin Winterslag" and file.applicant_address == "Stalenstraat 12"

    # Edit the project, fill in the budget, bring a co-applicant.
    response = client.get(url("edit", file))
    assert 'value="Buurtmoestuin Winterslag"' in response.content.decode()
    data = apply_data(neighbourhood)
    del data["applicant_kind"]
    response = client.post(url("edit", file), data)
    assert response["Location"] == url("budget", file)
    client.post(
        url("budget", file), budget_data(costs=[("Bakken", "900")], income=[("Eigen inbreng", "100")], amount="800")
    )
    make_group(file, size=2)

    html = client.get(url("file", file)).content.decode()
    assert "Je aanvraag is volledig." in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("submit", file))
    assert response["Location"] == url("file", file)
    file.refresh_from_db()
    assert file.status == S.SUBMITTED
    assert file.intake_due == timezone.localdate() + timedelta(days=scheme.intake_days)
    html = client.get(url("file", file)).content.decode()
    assert "De dienst kijkt na of je aanvraag volledig is" in html
    assert "Dien je aanvraag in" not in html
    # Submitted: no more editing.
    assert client.get(url("edit", file))["Location"] == url("file", file)
    assert client.post(url("budget", file), budget_data(costs=[("X", "1")]))["Location"] == url("file", file)
    assert file.budget_lines.count() == 2


def test_switching_between_city_wide_and_one_neighbourhood(client, applicant, scheme):
    file = SubsidyFileFactory(scheme=scheme, applicant=applicant, neighbourhood=None, city_wide=True)
    neighbourhood = NeighbourhoodFactory()
    client.force_login(applicant)
    html = client.get(url("edit", file)).content.decode()
    assert re.search(r'<input type="radio" name="scope" value="stad"[^>]* checked', html)
    data = apply_data(neighbourhood, bewaar="1")
    del data["verder"], data["applicant_kind"]
    assert client.post(url("edit", file), data)["Location"] == url("edit", file)
    file.refresh_from_db()
    assert file.neighbourhood == neighbourhood and not file.city_wide
    data.update(scope="stad")
    client.post(url("edit", file), data)
    file.refresh_from_db()
    assert file.city_wide and file.neighbourhood is None


# Co-applicants.


def test_inviting_and_accepting_a_co_applicant(client, applicant, scheme, django_capture_on_commit_callbacks):
    scheme.min_distinct_addresses = 2
    scheme.save()
    file = SubsidyFileFactory(scheme=scheme, applicant=applicant, applicant_address="Stalenstraat 12")
    client.force_login(applicant)
    html = errors_of(client.post(url("co_applicants", file), {"name": "Mehmet", "email": applicant.email}))
    assert "Dat is je eigen e-mailadres." in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("co_applicants", file), {"name": "Mehmet Demir", "email": "Mehmet@Example.be"})
    assert response["Location"] == url("co_applicants", file)
    invitation = CoApplicant.objects.get()
    assert invitation.email == "mehmet@example.be" and invitation.accepted_at is None
    [message] = [m for m in mail.outbox if "mehmet@example.be" in m.to]
    assert invitation.get_absolute_url() in message.body

    # The invitee opens the link, signs up, and accepts with their address.
    client.logout()
    page = client.get(url("accept_invitation", token=invitation.token)).content.decode()
    assert "Meld je aan" in page and file.title in page
    response = client.post(url("accept_invitation", token=invitation.token), {"address": "Kolenstraat 3"})
    assert response["Location"].startswith("/account/login/")
    invitee = UserFactory(email="mehmet@example.be", display_name="Mehmet Demir")
    client.force_login(invitee)
    assert client.get(url("file", file)).status_code == 404
    html = errors_of(client.post(url("accept_invitation", token=invitation.token), {"address": ""}))
    assert "Dit veld is verplicht." in html
    response = client.post(url("accept_invitation", token=invitation.token), {"address": "Kolenstraat 3"})
    assert response["Location"] == url("file", file)
    invitation.refresh_from_db()
    assert invitation.user == invitee and invitation.address == "Kolenstraat 3"
    assert client.get(url("file", file)).status_code == 200
    # A co-applicant cannot invite, nor withdraw.
    assert client.post(url("co_applicants", file), {"name": "X", "email": "x@example.be"}).status_code == 403
    assert client.get(url("withdraw", file)).status_code == 403

    client.force_login(applicant)
    html = client.get(url("co_applicants", file)).content.decode()
    assert "Nu telt de groep 2 aanvragers" in html and "op 2 verschillende adressen" in html


def test_an_invitation_can_be_revoked(client, applicant, group_file):
    client.force_login(applicant)
    client.post(url("co_applicants", group_file), {"name": "Els", "email": "els@example.be"})
    pending = CoApplicant.objects.get(email="els@example.be")
    client.post(url("co_applicants", group_file), {"intrekken": pending.pk})
    assert not CoApplicant.objects.filter(email="els@example.be").exists()
    page = client.get(url("accept_invitation", token=pending.token))
    assert page.status_code == 404


# Answering, reporting, withdrawing.


def test_answering_a_request_for_information(client, scheme, django_capture_on_commit_callbacks):
    file = make_file(S.INFO_REQUESTED, scheme=scheme)
    client.force_login(file.applicant)
    html = client.get(url("file", file)).content.decode()
    assert "Voeg een offerte toe, aub." in html
    assert "Beantwoord de vraag" in html
    html = errors_of(client.post(url("answer_info", file), {"message": ""}))
    assert "Je antwoord: Dit veld is verplicht." in html
    # A document for the answer, then the answer.
    response = client.post(url("documents", file), {"file": pdf(), "title": "Offerte", "terug": "antwoord"})
    assert response["Location"] == url("answer_info", file)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("answer_info", file), {"message": "De offerte staat erbij."})
    assert response["Location"] == url("file", file)
    file.refresh_from_db()
    assert file.status == S.SUBMITTED
    assert Message.objects.filter(file=file, kind=Message.Kind.ANSWER, body="De offerte staat erbij.").exists()
    html = client.get(url("file", file)).content.decode()
    assert "Antwoord van de aanvragers" in html and "De offerte staat erbij." in html
    assert client.get(url("answer_info", file)).status_code == 403


def test_internal_notes_never_reach_the_applicant(client, scheme):
    file = make_file(S.ASSESSMENT, scheme=scheme)
    Message.objects.create(file=file, kind=Message.Kind.NOTE, body="Vertrouwelijk: de voorzitter is een buur.")
    client.force_login(file.applicant)
    html = client.get(url("file", file)).content.decode()
    assert "Vertrouwelijk" not in html
    assert "in beoordeling" in html


def test_filing_the_final_report_with_proof(client, scheme, django_capture_on_commit_callbacks):
    add_required_document(scheme, "Facturen", stage=RequiredDocument.Stage.REPORT)
    file = make_file(S.GRANTED, scheme=scheme, amount_granted=Decimal("900.00"))
    client.force_login(file.applicant)
    html = client.get(url("file", file)).content.decode()
    assert "Dien je eindverslag in" in html
    assert "€\xa0900,00" in html
    # Without the proof the workflow refuses, and the text stays.
    data = {"report_text": "Veertig buren kwamen helpen.", "report_costs": "1.350"}
    response = client.post(url("report", file), data)
    html = response.content.decode()
    assert "Voeg dit document toe: Facturen." in html
    assert "Veertig buren kwamen helpen." in html and 'value="1.350"' in html
    html = errors_of(client.post(url("report", file), {"report_text": "", "report_costs": "-5"}))
    assert "Verslag van het project: Dit veld is verplicht." in html
    # The proof, from the report page (it comes back there).
    required = scheme.required_documents.get(stage="report")
    response = client.post(
        url("documents", file), {"required_document": required.pk, "file": pdf("facturen.pdf"), "terug": "verslag"}
    )
    assert response["Location"] == url("report", file)
    document = Document.objects.get(file=file)
    assert document.stage == Document.Stage.REPORT
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("report", file), data)
    assert response["Location"] == url("file", file)
    file.refresh_from_db()
    assert file.status == S.REPORT_SUBMITTED
    assert file.report_costs == Decimal("1350.00")
    html = client.get(url("file", file)).content.decode()
    assert "Veertig buren kwamen helpen." in html and "€\xa01.350,00" in html


def test_the_lead_withdraws(client, scheme, django_capture_on_commit_callbacks):
    file = make_file(S.SUBMITTED, scheme=scheme)
    client.force_login(file.applicant)
    assert "Trek de aanvraag in" in client.get(url("withdraw", file)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("withdraw", file), {"reason": "Het project gaat niet door."})
    file.refresh_from_db()
    assert file.status == S.WITHDRAWN
    html = client.get(url("file", file)).content.decode()
    assert "Het project gaat niet door." in html
    assert client.get(url("withdraw", file)).status_code == 403


def test_timeline_shows_decision_and_payments(client, scheme):
    file = make_file(S.GRANTED, scheme=scheme, amount_granted=Decimal("1000.00"))
    client.force_login(file.applicant)
    html = client.get(url("file", file)).content.decode()
    assert "Beslissing van het college: toegekend" in html
    assert "CBS/2024/123" in html
    assert "voorschot" in html and "€\xa0800,00" in html  # the 80 % advance
    assert "Nog te betalen" in html and "€\xa0200,00" in html

"""Staff pages for subsidy files: every step through the views."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from genk.core.models import AuditLogEntry
from initiatives.subsidies import workflow
from initiatives.subsidies.models import (
    Assessment,
    Message,
    RequiredDocument,
)

from .factories import make_file
from .staff_pages import S, file_url, html_of

pytestmark = pytest.mark.django_db

# Every step through the views.


def test_a_file_from_intake_to_closing_through_the_staff_pages(
    client, scheme, civil_servant, handler, assessor, decision_maker, applicant, mailoutbox
):
    file = make_file(S.SUBMITTED, scheme=scheme, applicant=applicant, title="Buurtfeest Bret")
    url = file_url(file)

    # Intake: take the file, save the checklist, accept it with two assessors.
    client.force_login(civil_servant)
    html = html_of(client.get(url))
    assert "Neem dit dossier op je" in html and "Verklaar ontvankelijk en start de beoordeling" in html
    assert "Registreer de beslissing" not in html and "Registreer de betaling" not in html
    response = client.post(file_url(file, "behandelaar"), {"take": "1"}, follow=True)
    assert "Je behandelt dit dossier nu." in html_of(response)
    file.refresh_from_db()
    assert file.handler == civil_servant

    response = client.post(
        file_url(file, "ontvankelijk"),
        {
            "intake-check_eligible": "on",
            "intake-check_budget": "on",
            "intake-extra": "[x] Toestemming van de eigenaar\nVerzekering nakijken",
            "intake-remarks": "Alles in orde.",
            "intake-assessors": [handler.pk],
            "intake-other_assessor": assessor.email.upper(),
        },
        follow=True,
    )
    assert "Het dossier is ontvankelijk; de beoordelaars krijgen bericht." in html_of(response)
    file.refresh_from_db()
    assert file.status == S.ASSESSMENT
    assert set(file.assessments.values_list("assessor", flat=True)) == {handler.pk, assessor.pk}
    assert file.intake_checklist["checks"]["eligible"] is True and file.intake_checklist["checks"]["bank"] is False
    assert file.intake_checklist["extra"] == [
        {"label": "Toestemming van de eigenaar", "done": True},
        {"label": "Verzekering nakijken", "done": False},
    ]
    html = html_of(response)
    assert "In orde: Toestemming van de eigenaar" in html and "Niet in orde: Verzekering nakijken" in html

    # Proposing before the assessments are in says why and keeps the text.
    response = client.post(
        file_url(file, "voorstel"),
        {"propose-outcome": "granted", "propose-amount": "900", "propose-text": "Sterk buurtproject."},
    )
    assert response.status_code == 409
    html = html_of(response)
    assert "Nog niet alle beoordelaars dienden hun beoordeling in." in html and "Sterk buurtproject." in html

    # Assessment by both assessors.
    criteria = list(scheme.criteria.order_by("position"))
    for user, scores in ((assessor, (4, 3)), (handler, (5, 5))):
        client.force_login(user)
        data = {f"assess-score_{c.pk}": s for c, s in zip(criteria, scores, strict=True)}
        data.update(
            {"assess-recommendation": "grant", "assess-recommended_amount": "900", "assess-comment": "Positief."}
        )
        response = client.post(file_url(file, "beoordelen"), data, follow=True)
        assert "Je beoordeling is ingediend." in html_of(response)
    assert not Assessment.objects.filter(file=file, submitted_at__isnull=True).exists()

    # The handler proposes (Dutch amount notation), the secretariat decides.
    client.force_login(handler)
    html = html_of(client.get(url))
    # (4×2 + 3×1) / 3 = 3.67 and 5.00; their mean 4.335, rounded 4.34.
    assert "2 beoordeling(en) ingediend, gemiddelde gewogen score 4,34 / 5." in html
    assert "Geadviseerd: €\u00a0900,00, €\u00a0900,00." in html
    response = client.post(
        file_url(file, "voorstel"),
        {"propose-outcome": "granted", "propose-amount": "900,00", "propose-text": "Sterk buurtproject."},
        follow=True,
    )
    assert "Het voorstel van beslissing staat klaar voor het college." in html_of(response)
    file.refresh_from_db()
    assert file.status == S.PROPOSED and file.proposed_amount == Decimal("900.00")
    assert "Registreer de beslissing" not in html_of(client.get(url))

    client.force_login(decision_maker)
    html = html_of(client.get(url))
    assert "Registreer de beslissing" in html and "Resterend budget" in html
    decided_on = timezone.localdate() - timedelta(days=1)
    response = client.post(
        file_url(file, "beslissing"),
        {
            "decide-decided_on": decided_on.isoformat(),
            "decide-outcome": "granted",
            "decide-amount": "900",
            "decide-reference": "CBS/2025/0412",
            "decide-text": "Het project brengt de buren samen.",
        },
        follow=True,
    )
    assert "De toekenning van €\u00a0900,00 is geregistreerd" in html_of(response)
    file.refresh_from_db()
    assert file.status == S.GRANTED and file.amount_granted == Decimal("900.00") and file.decided_by == decision_maker
    assert client.get(file_url(file, "brief")).status_code == 200

    # Payments: the advance (80 %), then the balance after the report.
    client.force_login(handler)
    today = timezone.localdate().isoformat()
    response = client.post(
        file_url(file, "betalingen"),
        {"payments-kind": "advance", "payments-amount": "720", "payments-paid_on": today, "payments-reference": "B1"},
        follow=True,
    )
    assert "De betaling van €\u00a0720,00 is geregistreerd." in html_of(response)
    assert "Nog te betalen" in html_of(response)

    workflow.submit_report(file, applicant, text="Tachtig buren deden mee.", costs=Decimal("1400"))
    response = client.post(
        file_url(file, "eindverslag"),
        {"decision": "return", "return_report-message": "Voeg de kasticketjes toe."},
        follow=True,
    )
    assert "Het eindverslag is teruggestuurd naar de aanvrager." in html_of(response)
    file.refresh_from_db()
    assert file.status == S.GRANTED
    assert Message.objects.filter(file=file, body="Voeg de kasticketjes toe.").exists()

    workflow.submit_report(file, applicant, text="Tachtig buren deden mee, met tickets.", costs=Decimal("1400"))
    response = client.post(
        file_url(file, "eindverslag"), {"decision": "approve", "approve_report-amount_recovered": ""}, follow=True
    )
    assert "Het eindverslag is goedgekeurd." in html_of(response)
    response = client.post(
        file_url(file, "betalingen"),
        {"payments-kind": "balance", "payments-amount": "180", "payments-paid_on": today, "payments-reference": "B2"},
        follow=True,
    )
    assert "De betaling van €\u00a0180,00 is geregistreerd." in html_of(response)

    # An internal note, then closing.
    response = client.post(file_url(file, "notitie"), {"note-body": "Mooi project, foto's in de nieuwsbrief."})
    assert response.status_code == 302
    response = client.post(file_url(file, "afsluiten"), {"close-amount_recovered": "0"}, follow=True)
    assert "Het dossier is afgesloten." in html_of(response)
    file.refresh_from_db()
    assert file.status == S.CLOSED and file.total_paid == Decimal("900.00")

    # The timeline holds the audit entries, the messages, the note and the payments, newest first.
    html = html_of(client.get(url))
    timeline = html[html.index("Tijdlijn") :]
    for text in (
        "Dossier afgesloten",
        "Mooi project, foto&#x27;s in de nieuwsbrief.",
        "Betaling: saldo van €\u00a0180,00",
        "Eindverslag goedgekeurd",
        "Voeg de kasticketjes toe.",
        "Betaling: voorschot van €\u00a0720,00",
        "Beslissing van het college geregistreerd",
        "Beslissing voorgesteld",
        "Ontvankelijk verklaard, beoordeling gestart",
        "Dossier opgenomen",
    ):
        assert text in timeline, text
    assert "status: in beoordeling → voorstel van beslissing" in timeline
    assert f"dossierbehandelaar: – → {civil_servant.display_name}" in timeline
    assert timeline.index("Dossier afgesloten") < timeline.index("Beslissing voorgesteld")
    assert timeline.index("Betaling: saldo") < timeline.index("Betaling: voorschot")
    assert "Er is nu geen stap voor jou in dit dossier." not in html  # the note stays possible
    assert AuditLogEntry.objects.filter(object_id=str(file.pk), action="subsidies.close").exists()


def test_assigning_another_handler(
    client, scheme, civil_servant, handler, assessor, django_capture_on_commit_callbacks
):
    from genk.core.models import Notification

    file = make_file(S.SUBMITTED, scheme=scheme)
    client.force_login(civil_servant)
    html = html_of(client.get(file_url(file)))
    assert f">{handler.display_name}</option>" in html
    assert f">{assessor.display_name}</option>" not in html  # not of the department
    response = client.post(file_url(file, "behandelaar"), {"assign-handler": assessor.pk})
    assert response.status_code == 200 and "Selecteer een geldige keuze" in html_of(response)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(file_url(file, "behandelaar"), {"assign-handler": handler.pk}, follow=True)
    assert f"{handler.display_name} behandelt dit dossier nu." in html_of(response)
    file.refresh_from_db()
    assert file.handler == handler
    assert Notification.objects.filter(recipient=handler, kind="subsidies.handler_assigned").exists()
    # Taking it now is no longer offered; a late click says why.
    assert "Neem dit dossier op je" not in html_of(response)
    response = client.post(file_url(file, "behandelaar"), {"take": "1"})
    assert response.status_code == 403 and "Dit dossier heeft al een behandelaar." in html_of(response)


def test_saving_only_the_checklist_needs_no_assessors_and_keeps_the_file_in_intake(client, scheme, civil_servant):
    required = RequiredDocument.objects.create(scheme=scheme, name="Offerte", stage=RequiredDocument.Stage.APPLICATION)
    file = make_file(S.SUBMITTED, scheme=scheme)
    client.force_login(civil_servant)
    response = client.post(
        file_url(file, "checklist"),
        {f"intake-doc_{required.pk}": "on", "intake-check_bank": "on", "intake-remarks": "Wacht op de offerte."},
        follow=True,
    )
    assert "De checklist is bewaard." in html_of(response)
    file.refresh_from_db()
    assert file.status == S.SUBMITTED
    assert file.intake_checklist["documents"] == {str(required.pk): True}
    assert (
        file.intake_checklist["checks"]["bank"] is True and file.intake_checklist["remarks"] == "Wacht op de offerte."
    )
    html = html_of(response)
    assert "In orde: Document: Offerte" in html
    assert re.search(r'<input[^>]*name="intake-check_bank"[^>]*checked', html)  # the form shows what was saved


def test_request_info_needs_a_message_and_a_future_date_and_keeps_the_input(client, scheme, civil_servant):
    file = make_file(S.SUBMITTED, scheme=scheme)
    client.force_login(civil_servant)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        file_url(file, "informatie-vragen"),
        {"request_info-message": "Bezorg een offerte van de tentverhuurder.", "request_info-due": yesterday},
    )
    html = html_of(response)
    assert response.status_code == 200 and "Er is iets niet in orde" in html
    assert "Kies een datum na vandaag." in html and "Bezorg een offerte van de tentverhuurder." in html
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    response = client.post(
        file_url(file, "informatie-vragen"),
        {"request_info-message": "Bezorg een offerte van de tentverhuurder.", "request_info-due": due},
        follow=True,
    )
    assert "De aanvrager krijgt je vraag om meer informatie." in html_of(response)
    file.refresh_from_db()
    assert file.status == S.INFO_REQUESTED and file.info_due.isoformat() == due


def test_a_step_that_no_longer_applies_says_why(client, scheme, civil_servant):
    file = make_file(S.ASSESSMENT, scheme=scheme)
    client.force_login(civil_servant)
    response = client.post(
        file_url(file, "ontvankelijk"), {"intake-assessors": [civil_servant.pk], "intake-remarks": "Te laat"}
    )
    assert response.status_code == 409
    assert "Dat kan niet (meer): het dossier is nu ‘in beoordeling’." in html_of(response)

"""Staff pages for subsidy files (/beheer/subsidies/): who may see what, every step through
the views, blind assessments, the budget and payment limits, the decision letter, schemes,
and the workbench's lists, filters and query count."""

import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from genk.accounts.models import Organisation
from genk.core.models import AuditLogEntry
from initiatives.subsidies import workflow
from initiatives.subsidies.models import (
    Assessment,
    Criterion,
    Message,
    Payment,
    RequiredDocument,
    Scheme,
    SchemeBudget,
    SubsidyFile,
)
from tests.factories import DepartmentFactory, UserFactory

from .factories import SchemeFactory, department_member, make_file

pytestmark = pytest.mark.django_db
S = SubsidyFile.Status
BASE = "/beheer/subsidies/"


def file_url(file, step=""):
    return f"{BASE}dossiers/{file.reference}/{step + '/' if step else ''}"


def html_of(response) -> str:
    return response.content.decode()


def page(client, user, url):
    client.force_login(user)
    return client.get(url)


# Who may see what.


@pytest.fixture
def other_civil_servant(db):
    """A civil servant of a department without schemes, not involved in the file."""
    return department_member(DepartmentFactory(name="Mobiliteit", slug="mobiliteit"), display_name="Mo Mobiliteit")


def test_the_workbench_and_a_file_per_persona(
    client,
    scheme,
    civil_servant,
    handler,
    assessor,
    decision_maker,
    other_civil_servant,
    resident,
    civil_servant_without_mfa,
    admin_user,
):
    file = make_file(S.ASSESSMENT, scheme=scheme, handler=handler, assessors=[assessor], title="Buurtfeest Bret")
    proposed = make_file(S.PROPOSED, scheme=scheme, title="Zitbanken Winterslag")
    expected = {
        # persona: (workbench, file in assessment, file proposed)
        "civil_servant": (200, 200, 200),
        "handler": (200, 200, 200),
        "assessor": (200, 200, 403),
        "decision_maker": (200, 403, 200),
        "other_civil_servant": (403, 403, 403),
        "admin_user": (200, 200, 200),
    }
    users = {
        "civil_servant": civil_servant,
        "handler": handler,
        "assessor": assessor,
        "decision_maker": decision_maker,
        "other_civil_servant": other_civil_servant,
        "admin_user": admin_user,
    }
    for name, (bench, in_assessment, in_proposal) in expected.items():
        client.force_login(users[name])
        assert client.get(BASE).status_code == bench, name
        assert client.get(file_url(file)).status_code == in_assessment, name
        assert client.get(file_url(proposed)).status_code == in_proposal, name
    response = page(client, other_civil_servant, file_url(file))
    assert "behandelende dienst" in html_of(response)

    # A resident: the staff area is not theirs; a visitor: log in first; staff without MFA: set it up.
    response = page(client, resident, BASE)
    assert response.status_code == 403 and "alleen voor medewerkers" in html_of(response)
    assert page(client, resident, file_url(file)).status_code == 403
    client.logout()
    response = client.get(file_url(file))
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    response = page(client, civil_servant_without_mfa, BASE)
    assert response.status_code == 302 and response["Location"].startswith("/account/2fa/totp/activate/")


def test_an_assessor_from_another_department_sees_only_assigned_files(client, scheme, assessor):
    mine = make_file(S.ASSESSMENT, scheme=scheme, assessors=[assessor], title="Repair café Zwartberg")
    other = make_file(S.ASSESSMENT, scheme=scheme, title="Speelstraat Sledderlo")
    html = html_of(page(client, assessor, f"{BASE}?lijst=alle"))
    assert "Repair café Zwartberg" in html and "Speelstraat Sledderlo" not in html
    assert "Je ziet de dossiers die je behandelt of beoordeelt." in html
    html = html_of(client.get(f"{BASE}?lijst=te-beoordelen"))
    assert mine.reference in html
    assert client.get(file_url(other)).status_code == 403
    html = html_of(client.get(file_url(mine)))
    assert "Jouw beoordeling" in html and "Dien je beoordeling in" in html
    # No staff steps for someone who only assesses.
    for step in ("Verklaar ontvankelijk", "Leg het voorstel voor", "Neem dit dossier op je", "Wijs de behandelaar toe"):
        assert step not in html
    response = client.post(
        file_url(mine, "voorstel"), {"propose-outcome": "granted", "propose-amount": "500", "propose-text": "Goed."}
    )
    assert response.status_code == 403
    assert "Je mag dit niet doen voor dit dossier." in html_of(response)


# The workbench.


def test_the_workbench_rows_lists_filters_and_search(client, scheme, civil_servant, handler):
    today = timezone.localdate()
    org = Organisation.objects.create(name="Vzw Buurtwerk Genk", slug="vzw-buurtwerk", kind="association")
    group = make_file(
        S.SUBMITTED,
        scheme=scheme,
        title="Buurtfeest Bret",
        applicant=UserFactory(display_name="Annelies Jacobs"),
        amount_requested=Decimal("1250.50"),
    )
    SubsidyFile.objects.filter(pk=group.pk).update(intake_due=today - timedelta(days=2))
    organisation_file = make_file(
        S.GRANTED,
        scheme=scheme,
        handler=civil_servant,
        title="Zomerkamp",
        applicant_kind=SubsidyFile.ApplicantKind.ORGANISATION,
        organisation=org,
        amount_granted=Decimal("800.00"),
    )
    other_scheme = SchemeFactory(name="Burgerinitiatieven", slug="burgerinitiatieven", department=scheme.department)
    assessed = make_file(S.ASSESSMENT, scheme=other_scheme, handler=handler, title="Moestuin Waterschei")
    old = make_file(S.CLOSED, scheme=scheme, title="Afgesloten project")
    SubsidyFile.objects.filter(pk=old.pk).update(budget_year=today.year - 1)
    make_file(S.DRAFT, scheme=scheme, title="Kladversie")

    client.force_login(civil_servant)
    html = html_of(client.get(BASE))
    # The open files, soonest deadline first; the overdue one marked; drafts and closed files not here.
    assert "Kladversie" not in html and "Afgesloten project" not in html
    assert html.index("Buurtfeest Bret") < html.index("Moestuin Waterschei")
    assert "te laat" in html
    assert "groep inwoners" in html and "Annelies Jacobs" in html
    assert "Vzw Buurtwerk Genk" in html
    assert "€\u00a01.250,50" in html and "€\u00a0800,00" in html
    assert "Lopende dossiers (3)" in html
    assert "Mijn dossiers (1)" in html and "Niet toegewezen (1)" in html and "Te laat (1)" in html
    assert "Alle dossiers (4)" in html

    def listed(query):
        content = html_of(client.get(f"{BASE}?{query}"))
        return {f.title for f in (group, organisation_file, assessed, old) if f.reference in content}

    assert listed("lijst=mijn") == {"Zomerkamp"}
    assert listed("lijst=niet-toegewezen") == {"Buurtfeest Bret"}
    assert listed("lijst=te-laat") == {"Buurtfeest Bret"}
    assert listed("lijst=alle") == {"Buurtfeest Bret", "Zomerkamp", "Moestuin Waterschei", "Afgesloten project"}
    assert listed("lijst=alle&reglement=burgerinitiatieven") == {"Moestuin Waterschei"}
    assert listed("lijst=alle&status=granted") == {"Zomerkamp"}
    assert listed(f"lijst=alle&jaar={today.year - 1}") == {"Afgesloten project"}
    assert listed("lijst=alle&q=buurtwerk") == {"Zomerkamp"}
    assert listed("lijst=alle&q=moestuin") == {"Moestuin Waterschei"}
    assert listed(f"lijst=alle&q={group.reference}") == {"Buurtfeest Bret"}
    # Unknown values never break the page.
    assert client.get(f"{BASE}?lijst=onbekend&status=xyz&jaar=abc&pagina=99").status_code == 200


def _bulk_files(scheme, count, people, organisations, start):
    today = timezone.localdate()
    rows = []
    for n in range(count):
        organisation = organisations[n % len(organisations)] if n % 2 else None
        rows.append(
            SubsidyFile(
                reference=f"SUB-2099-{start + n:04d}",
                scheme=scheme,
                budget_year=today.year,
                applicant=people[n % len(people)],
                applicant_kind=SubsidyFile.ApplicantKind.ORGANISATION
                if organisation
                else SubsidyFile.ApplicantKind.RESIDENT_GROUP,
                organisation=organisation,
                handler=people[(n + 1) % len(people)] if n % 3 else None,
                title=f"Project {start + n}",
                status=[S.SUBMITTED, S.ASSESSMENT, S.PROPOSED][n % 3],
                submitted_at=timezone.now(),
                intake_due=today + timedelta(days=n % 7 - 3),
                assessment_due=today + timedelta(days=n % 5 - 2),
                decision_due=today + timedelta(days=n % 9),
                amount_requested=Decimal("100.00") + n,
            )
        )
    SubsidyFile.objects.bulk_create(rows)


@pytest.mark.parametrize("lijst", ["", "?lijst=alle&q=project", "?lijst=te-laat&status=submitted"])
def test_the_workbench_query_count_is_constant(client, scheme, civil_servant, django_assert_num_queries, lijst):
    people = [UserFactory() for _ in range(12)]
    organisations = [
        Organisation.objects.create(name=f"Vereniging {n}", slug=f"vereniging-{n}", kind="association")
        for n in range(6)
    ]
    _bulk_files(scheme, 10, people, organisations, start=1)
    client.force_login(civil_servant)
    url = BASE + lijst
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the session and content type caches
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.status_code == 200
    _bulk_files(scheme, 490, people, organisations, start=11)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert "Pagina 1 van" in html_of(response)


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


# Blind assessment.


def test_assessors_see_each_others_scores_only_after_submitting_their_own(client, scheme, handler, assessor):
    file = make_file(S.ASSESSMENT, scheme=scheme, handler=handler, assessors=[handler, assessor])
    criteria = list(scheme.criteria.order_by("position"))

    def assess(user, scores, comment, draft=False):
        client.force_login(user)
        data = {f"assess-score_{c.pk}": s for c, s in zip(criteria, scores, strict=True)}
        data.update({"assess-recommendation": "partial", "assess-recommended_amount": "600", "assess-comment": comment})
        if draft:
            data["klad"] = "1"
        return client.post(file_url(file, "beoordelen"), data, follow=True)

    response = assess(handler, (1, 2), "Twijfelachtige haalbaarheid.")
    assert "Je beoordeling is ingediend." in html_of(response)

    # The other assessor has not submitted: they do not see the handler's comment or scores.
    client.force_login(assessor)
    html = html_of(client.get(file_url(file)))
    assert "Twijfelachtige haalbaarheid." not in html
    assert "De scores van de andere beoordelaars zie je nadat je je eigen beoordeling hebt ingediend." in html
    assert "Gewogen score" not in html

    # A draft of their own keeps it hidden, and nobody else sees the draft.
    response = assess(assessor, (5, 4), "Een sterk idee.", draft=True)
    assert "Je beoordeling is bewaard als klad" in html_of(response)
    html = html_of(client.get(file_url(file)))
    assert "Twijfelachtige haalbaarheid." not in html
    client.force_login(handler)
    html = html_of(client.get(file_url(file)))
    assert "Twijfelachtige haalbaarheid." in html and "Een sterk idee." not in html

    # Once submitted, they see both, with the weighted totals (1×2+2×1)/3 and (5×2+4×1)/3.
    response = assess(assessor, (5, 4), "Een sterk idee.")
    html = html_of(response)
    assert "Twijfelachtige haalbaarheid." in html and "Een sterk idee." in html
    assert "Gewogen score: 1,33 / 5" in html and "Gewogen score: 4,67 / 5" in html
    assert "Dien je beoordeling in" not in html


def test_an_assessor_saves_an_incomplete_draft(client, scheme, assessor):
    file = make_file(S.ASSESSMENT, scheme=scheme, assessors=[assessor])
    first = scheme.criteria.order_by("position").first()
    client.force_login(assessor)
    response = client.post(
        file_url(file, "beoordelen"),
        {f"assess-score_{first.pk}": "2", f"assess-score_comment_{first.pk}": "Weinig buren", "klad": "1"},
        follow=True,
    )
    assert "Je beoordeling is bewaard als klad" in html_of(response)
    assessment = Assessment.objects.get(file=file)
    assert assessment.submitted_at is None
    assert list(assessment.scores.values_list("score", "comment")) == [(2, "Weinig buren")]
    html = html_of(response)
    assert re.search(rf'<input[^>]*name="assess-score_{first.pk}" value="2"[^>]*checked', html)
    assert "Weinig buren" in html


def test_the_decision_makers_tab_lists_the_files_to_decide(client, scheme, decision_maker):
    proposed = make_file(S.PROPOSED, scheme=scheme, title="Zitbanken")
    make_file(S.ASSESSMENT, scheme=scheme, title="Moestuin")
    client.force_login(decision_maker)
    html = html_of(client.get(f"{BASE}?lijst=te-beslissen"))
    assert "Te beslissen door het college (1)" in html
    assert proposed.reference in html and "Moestuin" not in html


def test_an_assessment_needs_every_score_and_an_amount_for_a_partial_grant(client, scheme, assessor):
    file = make_file(S.ASSESSMENT, scheme=scheme, assessors=[assessor])
    first = scheme.criteria.order_by("position").first()
    client.force_login(assessor)
    response = client.post(
        file_url(file, "beoordelen"),
        {f"assess-score_{first.pk}": "3", "assess-recommendation": "partial", "assess-comment": "Half."},
    )
    html = html_of(response)
    assert "Geef een score van 0 tot 5." in html and "Geef het bedrag dat je voorstelt." in html
    assert "Half." in html
    assert Assessment.objects.get(file=file).submitted_at is None


# Decisions and the budget.


def test_only_the_decision_maker_records_the_decision(client, scheme, civil_servant, decision_maker):
    file = make_file(S.PROPOSED, scheme=scheme)
    data = {
        "decide-decided_on": timezone.localdate().isoformat(),
        "decide-outcome": "refused",
        "decide-amount": "",
        "decide-reference": "CBS/1",
        "decide-text": "Valt onder de uitsluitingen.",
    }
    client.force_login(civil_servant)
    assert "Registreer de beslissing" not in html_of(client.get(file_url(file)))
    response = client.post(file_url(file, "beslissing"), data)
    assert response.status_code == 403 and "Je mag dit niet doen voor dit dossier." in html_of(response)
    file.refresh_from_db()
    assert file.status == S.PROPOSED

    client.force_login(decision_maker)
    response = client.post(file_url(file, "beslissing"), data, follow=True)
    assert "De weigering is geregistreerd" in html_of(response)
    file.refresh_from_db()
    assert file.status == S.REFUSED and file.amount_granted is None


def test_a_decision_that_would_overcommit_the_budget_is_refused_with_the_remaining_amount(client, decision_maker):
    scheme = SchemeFactory(name="Wijkbudget", slug="wijkbudget", budget=Decimal("2000.00"))
    make_file(S.GRANTED, scheme=scheme, amount_granted=Decimal("1500.00"), amount_requested=Decimal("1500.00"))
    file = make_file(S.PROPOSED, scheme=scheme, amount_requested=Decimal("1000.00"))
    client.force_login(decision_maker)
    html = html_of(client.get(file_url(file)))
    year = timezone.localdate().year
    assert f"Resterend budget {year}: €\u00a0500,00 van €\u00a02.000,00." in html
    data = {
        "decide-decided_on": timezone.localdate().isoformat(),
        "decide-outcome": "granted",
        "decide-amount": "1.000,00",
        "decide-reference": "CBS/2025/77",
        "decide-text": "Een goed project.",
    }
    response = client.post(file_url(file, "beslissing"), data)
    html = html_of(response)
    assert response.status_code == 409
    assert f"Dit zou het budget van {year} overschrijden: er blijft nog € 500,00 over, je kent € 1.000,00 toe." in html
    assert 'value="CBS/2025/77"' in html and "Een goed project." in html  # the input is kept
    file.refresh_from_db()
    assert file.status == S.PROPOSED

    data["decide-amount"] = "500"
    response = client.post(file_url(file, "beslissing"), data, follow=True)
    file.refresh_from_db()
    assert file.status == S.GRANTED and file.amount_granted == Decimal("500.00")
    assert "€\u00a00,00 van €\u00a02.000,00" in html_of(response)


def test_a_decision_form_without_the_college_reference_keeps_the_input(client, scheme, decision_maker):
    file = make_file(S.PROPOSED, scheme=scheme)
    client.force_login(decision_maker)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        file_url(file, "beslissing"),
        {"decide-decided_on": tomorrow, "decide-outcome": "granted", "decide-text": "Motivering hier."},
    )
    html = html_of(response)
    assert response.status_code == 200 and "Er is iets niet in orde" in html
    assert "Geef het nummer van de collegebeslissing." in html and "Geef het bedrag dat wordt toegekend." in html
    assert "Een beslissing ligt niet in de toekomst" in html and "Motivering hier." in html


# Payments.


def test_a_payment_above_the_grant_is_refused_with_a_message(client, scheme, handler):
    file = make_file(S.GRANTED, scheme=scheme, handler=handler, amount_granted=Decimal("1000.00"), paid=Decimal("800"))
    client.force_login(handler)
    html = html_of(client.get(file_url(file)))
    assert "Toegekend €\u00a01.000,00, al betaald €\u00a0800,00, nog te betalen €\u00a0200,00." in html
    today = timezone.localdate().isoformat()
    response = client.post(
        file_url(file, "betalingen"),
        {"payments-kind": "balance", "payments-amount": "250", "payments-paid_on": today, "payments-reference": "X"},
    )
    html = html_of(response)
    assert response.status_code == 409
    assert (
        "Dat is te veel: er is al € 800,00 betaald van € 1.000,00; er kan nog hoogstens € 200,00 betaald worden."
        in html
    )
    assert Payment.objects.filter(file=file).count() == 1
    # A second advance above the scheme's 80 % is refused too.
    response = client.post(
        file_url(file, "betalingen"),
        {"payments-kind": "advance", "payments-amount": "100", "payments-paid_on": today},
    )
    assert "Het voorschot is hoogstens 80 % van de subsidie" in html_of(response)
    # A payment in the future is not a payment yet.
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        file_url(file, "betalingen"),
        {"payments-kind": "balance", "payments-amount": "200", "payments-paid_on": tomorrow},
    )
    assert "Registreer een betaling pas als ze is uitgevoerd." in html_of(response)
    assert Payment.objects.filter(file=file).count() == 1


# The decision letter.


def test_the_decision_letter_is_printable_and_says_what_was_decided(client, scheme, handler, applicant):
    scheme.legal_basis = "Reglement wijkbudget, gemeenteraad van 19 december 2023."
    scheme.save()
    file = make_file(
        S.GRANTED,
        scheme=scheme,
        handler=handler,
        applicant=applicant,
        title="Buurtfeest Bret",
        amount_granted=Decimal("750.00"),
        applicant_address="Stalenstraat 12",
    )
    client.force_login(handler)
    response = client.get(file_url(file, "brief"))
    html = html_of(response)
    assert response.status_code == 200
    assert html.count("<h1") == 1 and "style=" not in html and "<script" not in html
    assert "Beslissing over uw subsidieaanvraag ‘Buurtfeest Bret’" in html
    assert "Annelies Jacobs" in html and "Stalenstraat 12" in html
    assert file.reference in html and "CBS/2024/123" in html
    assert file.decided_on.strftime("%Y") in html
    assert "Het college kent u een subsidie toe van €\u00a0750,00." in html
    assert "voorschot van €\u00a0600,00 (80 %)" in html
    assert "BE68 5390 0754 7034" in html
    assert "Het college kent de subsidie toe." in html  # the reasoned text
    assert "Reglement wijkbudget, gemeenteraad van 19 december 2023." in html
    assert "subsidies/subsidies.css" in html
    css = (Path(settings.BASE_DIR) / "initiatives/subsidies/static/subsidies/subsidies.css").read_text()
    assert "@media print" in css and ".letter-tools" in css

    refused = make_file(S.REFUSED, scheme=scheme, handler=handler)
    html = html_of(client.get(file_url(refused, "brief")))
    assert "Het college kent de gevraagde subsidie niet toe." in html and "voorschot" not in html

    undecided = make_file(S.PROPOSED, scheme=scheme, handler=handler)
    response = client.get(file_url(undecided, "brief"))
    assert response.status_code == 403 and "Er is nog geen beslissing in dit dossier." in html_of(response)


# The file page.


def test_the_file_page_query_count_does_not_grow_with_its_rows(
    client, scheme, handler, assessor, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from initiatives.subsidies.models import BudgetLine, Document

    def build(extra):
        people = [department_member(scheme.department) for _ in range(1 + extra // 10)]
        file = make_file(S.GRANTED, scheme=scheme, handler=handler, assessors=[assessor, *people], paid=Decimal("1"))
        Message.objects.bulk_create(
            [
                Message(file=file, author=people[n % len(people)], kind=Message.Kind.NOTE, body=f"N{n}")
                for n in range(extra)
            ]
        )
        Payment.objects.bulk_create(
            [
                Payment(file=file, kind="other", amount=Decimal("1"), paid_on=file.decided_on, recorded_by=handler)
                for _ in range(extra)
            ]
        )
        BudgetLine.objects.bulk_create(
            [BudgetLine(file=file, kind="cost", description=f"Kost {n}", amount=Decimal("10")) for n in range(extra)]
        )
        # Documents of the applicants and of the city: each asks whether it may be removed.
        stages = [Document.Stage.APPLICATION, Document.Stage.REPORT, Document.Stage.DECISION, Document.Stage.OTHER]
        Document.objects.bulk_create(
            [
                Document(
                    file=file, stage=stages[n % 4], title=f"Document {n}", attachment=f"subsidies/d{n}.pdf", size=1
                )
                for n in range(extra)
            ]
        )
        return file

    small, big = build(1), build(30)
    client.force_login(handler)
    client.get(file_url(small))
    with CaptureQueriesContext(connection) as few:
        assert client.get(file_url(small)).status_code == 200
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(file_url(big)).status_code == 200


def test_the_file_page_shows_the_data_budget_documents_and_internal_notes(client, scheme, civil_servant, applicant):
    from django.core.files.base import ContentFile

    from initiatives.subsidies.models import Document

    required = RequiredDocument.objects.create(scheme=scheme, name="Offerte", stage=RequiredDocument.Stage.APPLICATION)
    RequiredDocument.objects.create(scheme=scheme, name="Foto's van de activiteit", stage=RequiredDocument.Stage.REPORT)
    RequiredDocument.objects.create(scheme=scheme, name="Verzekeringsattest", stage=RequiredDocument.Stage.APPLICATION)
    file = make_file(S.SUBMITTED, scheme=scheme, applicant=applicant, title="Buurtfeest Bret")
    document = Document(file=file, required_document=required, title="Offerte tentverhuur", original_name="offerte.pdf")
    document.attachment.save("offerte.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.size = 13
    document.save()
    Message.objects.create(file=file, author=civil_servant, kind=Message.Kind.NOTE, body="Bel de aanvrager even.")

    client.force_login(civil_servant)
    html = html_of(client.get(file_url(file)))
    assert html.count("<h1") == 1 and "style=" not in html
    assert "Huur van materiaal" in html and "Eigen inbreng" in html
    assert "€\u00a01.500,00" in html and "€\u00a0200,00" in html and "€\u00a01.300,00" in html  # costs, income, deficit
    assert f'href="/subsidies/documenten/{document.pk}/"' in html and "Offerte tentverhuur" in html
    assert "Verzekeringsattest" in html  # a required document still missing
    assert "Foto&#x27;s van de activiteit" not in html  # the report's documents come later
    assert "Bel de aanvrager even." in html
    assert "Stalenstraat" in html and "BE68 5390 0754 7034" in html
    assert "Document: Offerte" in html and "Document: Verzekeringsattest" in html  # the checklist


# Schemes.


def _scheme_post(scheme=None, **overrides):
    data = {
        "scheme-name": "Subsidie buurtinitiatieven",
        "scheme-slug": "buurtinitiatieven",
        "scheme-summary": "Voor initiatieven van buren.",
        "scheme-legal_basis": "Gemeenteraad van 19 december 2023.",
        "scheme-exclusions": "Geen straatfeesten.",
        "scheme-department": "",
        "scheme-allows_resident_group": "on",
        "scheme-min_group_size": "5",
        "scheme-min_distinct_addresses": "5",
        "scheme-once_per_group_per_year": "on",
        "scheme-min_amount": "100",
        "scheme-max_amount": "2.500,00",
        "scheme-advance_percentage": "80",
        "scheme-intake_days": "10",
        "scheme-assessment_days": "20",
        "scheme-decision_days": "30",
        "scheme-report_days": "60",
        "scheme-is_active": "on",
        "scheme-position": "1",
        "budgets-TOTAL_FORMS": "2",
        "budgets-INITIAL_FORMS": "0",
        "budgets-0-year": "2025",
        "budgets-0-amount": "40.000",
        "budgets-1-year": "",
        "budgets-1-amount": "",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-name": "Meerwaarde voor de buurt",
        "criteria-0-description": "",
        "criteria-0-weight": "2",
        "criteria-0-position": "0",
        "criteria-1-name": "",
        "criteria-1-weight": "",
        "criteria-1-position": "",
        "documents-TOTAL_FORMS": "2",
        "documents-INITIAL_FORMS": "0",
        "documents-0-name": "Offerte",
        "documents-0-description": "",
        "documents-0-stage": "application",
        "documents-0-position": "0",
        "documents-1-name": "",
        "documents-1-stage": "application",
        "documents-1-position": "",
    }
    data.update(overrides)
    return data


def test_a_department_head_creates_and_edits_a_scheme_without_javascript(
    client, scheme, department_head, civil_servant
):
    client.force_login(civil_servant)
    assert client.get(f"{BASE}reglementen/nieuw/").status_code == 403
    assert client.get(f"{BASE}reglementen/{scheme.slug}/bewerken/").status_code == 403
    html = html_of(client.get(f"{BASE}reglementen/"))
    assert "Wijkbudget" in html and "bewerken" not in html

    client.force_login(department_head)
    html = html_of(client.get(f"{BASE}reglementen/nieuw/"))
    assert 'name="budgets-TOTAL_FORMS"' in html and "<script" not in html
    response = client.post(
        f"{BASE}reglementen/nieuw/", _scheme_post(**{"scheme-department": scheme.department_id}), follow=True
    )
    assert "Het reglement ‘Subsidie buurtinitiatieven’ is aangemaakt." in html_of(response)
    created = Scheme.objects.get(slug="buurtinitiatieven")
    assert created.max_amount == Decimal("2500.00") and created.department == scheme.department
    assert list(created.budgets.values_list("year", "amount")) == [(2025, Decimal("40000.00"))]
    assert list(created.criteria.values_list("name", "weight")) == [("Meerwaarde voor de buurt", 2)]
    assert list(created.required_documents.values_list("name", flat=True)) == ["Offerte"]
    assert AuditLogEntry.objects.filter(action="subsidies.scheme_created", object_id=str(created.pk)).exists()

    # Invalid input: the page says what is wrong and keeps what was typed.
    response = client.post(
        f"{BASE}reglementen/nieuw/",
        _scheme_post(
            **{
                "scheme-slug": "ander-reglement",
                "scheme-department": scheme.department_id,
                "scheme-min_amount": "3000",
                "budgets-1-year": "2025",
                "budgets-1-amount": "100",
            }
        ),
    )
    html = html_of(response)
    assert response.status_code == 200 and "Er is iets niet in orde" in html
    assert "Het maximumbedrag is minstens het minimumbedrag." in html and "Elk jaar heeft één budget." in html
    assert 'value="ander-reglement"' in html

    # Editing: the remaining budget per year is shown; the budget cannot drop below what is granted.
    make_file(S.GRANTED, scheme=scheme, amount_granted=Decimal("1200.00"), amount_requested=Decimal("1200.00"))
    budget = scheme.budgets.get()
    url = f"{BASE}reglementen/{scheme.slug}/bewerken/"
    html = html_of(client.get(url))
    assert "toegekend €\u00a01.200,00, resterend €\u00a048.800,00" in html
    criteria = list(scheme.criteria.order_by("position"))
    data = _scheme_post(
        **{
            "scheme-name": scheme.name,
            "scheme-slug": scheme.slug,
            "scheme-department": scheme.department_id,
            "budgets-TOTAL_FORMS": "1",
            "budgets-INITIAL_FORMS": "1",
            "budgets-0-id": budget.pk,
            "budgets-0-scheme": scheme.pk,
            "budgets-0-year": budget.year,
            "budgets-0-amount": "1000",
            "criteria-TOTAL_FORMS": str(len(criteria)),
            "criteria-INITIAL_FORMS": str(len(criteria)),
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        }
    )
    for n, criterion in enumerate(criteria):
        data.update(
            {
                f"criteria-{n}-id": criterion.pk,
                f"criteria-{n}-scheme": scheme.pk,
                f"criteria-{n}-name": criterion.name,
                f"criteria-{n}-description": "",
                f"criteria-{n}-weight": criterion.weight,
                f"criteria-{n}-position": criterion.position,
            }
        )
    data[f"criteria-{len(criteria) - 1}-DELETE"] = "on"
    response = client.post(url, data)
    html = html_of(response)
    assert f"Voor {budget.year} is al €\u00a01.200,00 toegekend: het budget kan niet lager." in html
    budget.refresh_from_db()
    assert budget.amount == Decimal("50000.00")
    data["budgets-0-amount"] = "1200"
    response = client.post(url, data, follow=True)
    assert "is bewaard" in html_of(response)
    budget.refresh_from_db()
    assert budget.amount == Decimal("1200.00")
    assert Criterion.objects.filter(scheme=scheme).count() == len(criteria) - 1
    html = html_of(client.get(f"{BASE}reglementen/"))
    assert "€\u00a01.200,00" in html and "€\u00a00,00" in html  # budget, granted, remaining per year


def test_a_department_head_cannot_move_a_scheme_to_another_department(client, scheme, department_head):
    other = DepartmentFactory(name="Cultuur", slug="cultuur")
    client.force_login(department_head)
    response = client.post(f"{BASE}reglementen/nieuw/", _scheme_post(**{"scheme-department": other.pk}))
    assert response.status_code == 200
    assert "Select a valid choice" in html_of(response) or "geldige keuze" in html_of(response)
    assert not Scheme.objects.filter(slug="buurtinitiatieven").exists()
    assert SchemeBudget.objects.count() == 1

"""The applicant's pages: the schemes, applying (project, budget, documents, co-applicants),
submitting, answering, the final report, withdrawing and the list of one's own files —
per persona, with bad input, and the private documents' download permission at the URL."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from genk.accounts.models import Organisation, OrganisationMembership
from initiatives.subsidies.models import BudgetLine, CoApplicant, Document, Message, RequiredDocument, SubsidyFile
from initiatives.subsidies.validators import format_iban, normalise_iban, validate_iban
from tests.factories import NeighbourhoodFactory, OrganisationMembershipFactory, UserFactory

from .factories import (
    VALID_IBAN,
    SchemeFactory,
    SubsidyFileFactory,
    add_co_applicant,
    add_required_document,
    make_file,
    make_group,
)

pytestmark = pytest.mark.django_db
S = SubsidyFile.Status
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def pdf(name="offerte.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def errors_of(response) -> str:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert "Er is iets niet in orde" in html, html[:3000]
    return html


def url(name, file=None, **kwargs) -> str:
    from django.urls import reverse

    if file is not None:
        kwargs["reference"] = file.reference
    return reverse(f"subsidies:{name}", kwargs=kwargs)


def apply_data(neighbourhood, /, **overrides) -> dict:
    data = {
        "applicant_kind": "resident_group",
        "title": "Buurtmoestuin Winterslag",
        "description": "Met de buren leggen we een moestuin aan op het pleintje, met bakken voor iedereen.",
        "scope": "wijk",
        "neighbourhood": neighbourhood.pk,
        "starts_on": (timezone.localdate() + timedelta(days=20)).isoformat(),
        "ends_on": (timezone.localdate() + timedelta(days=80)).isoformat(),
        "iban": "be68 5390 0754 7034",
        "account_holder": "Feitelijke vereniging Moestuin",
        "applicant_address": "Stalenstraat 12",
        "verder": "1",
    }
    data.update(overrides)
    return data


def budget_data(costs=(), income=(), amount="", existing_costs=(), existing_income=(), **extra) -> dict:
    """A POST of the budget page: new rows (description, amount), existing rows (pk, description, amount)."""
    data = {}
    for prefix, new, existing in (("kosten", costs, existing_costs), ("inkomsten", income, existing_income)):
        rows = [*existing, *[(None, d, a) for d, a in new]]
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(len(existing))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "100"
        for i, (pk, description, value) in enumerate(rows):
            data[f"{prefix}-{i}-description"] = description
            data[f"{prefix}-{i}-amount"] = value
            if pk:
                data[f"{prefix}-{i}-id"] = str(pk)
    data["bedrag-amount_requested"] = amount
    data.update(extra)
    return data


# The IBAN check.


@pytest.mark.parametrize(
    "value, expected",
    [
        ("BE68 5390 0754 7034", "BE68539007547034"),
        ("be68-5390-0754-7034", "BE68539007547034"),
        ("IBAN BE71 0961 2345 6769", "BE71096123456769"),
        ("NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"),
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
    ],
)
def test_valid_ibans_are_normalised(value, expected):
    assert validate_iban(value) == expected
    assert normalise_iban(value) == expected
    assert format_iban(expected).replace(" ", "") == expected


@pytest.mark.parametrize(
    "value, message",
    [
        ("BE68 5390 0754 7035", "controlecijfers"),
        ("BE68 5390 0754 703", "Een Belgisch rekeningnummer telt 16 tekens"),
        ("NL91 ABNA 0417 1643 0", "Een IBAN uit NL telt 18 tekens; dit telt er 17."),
        ("XX12 3456 7890", "‘XX’ is geen landcode"),
        ("1234567890", "Een IBAN begint met twee letters"),
    ],
)
def test_invalid_ibans_say_what_is_wrong(value, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validate_iban(value)
    assert message in " ".join(error.value.messages)


# The schemes.


def test_visitors_see_the_active_schemes_with_amounts_window_and_remaining_budget(client, scheme):
    SchemeFactory(name="Oud reglement", slug="oud", is_active=False)
    make_file(S.GRANTED, scheme=scheme, amount_granted=Decimal("2000.00"))
    scheme.closes_on = timezone.localdate() + timedelta(days=30)
    scheme.save()
    html = client.get(url("schemes")).content.decode()
    assert "Wijkbudget" in html
    assert "Oud reglement" not in html
    assert "van €\xa00,00 tot €\xa02.500,00" in html
    assert "€\xa048.000,00" in html  # 50,000 minus the 2,000 granted this year
    assert "tot en met" in html


def test_the_scheme_page_shows_rules_exclusions_criteria_documents_and_legal_basis(client, scheme):
    scheme.exclusions = "Niet voor straatfeesten, gewone clubwerking, religieuze of politieke activiteiten."
    scheme.min_group_size = 5
    scheme.min_distinct_addresses = 5
    scheme.once_per_group_per_year = True
    scheme.save()
    add_required_document(scheme, "Offerte van de grootste uitgave")
    add_required_document(scheme, "Facturen en betaalbewijzen", stage=RequiredDocument.Stage.REPORT)
    html = client.get(url("scheme", slug=scheme.slug)).content.decode()
    assert "Niet voor straatfeesten" in html
    assert "minstens 5 aanvragers" in html and "5 verschillende adressen" in html
    assert "één keer per groep per jaar" in html
    assert "Meerwaarde voor de buurt" in html and "Haalbaarheid" in html
    assert "Offerte van de grootste uitgave" in html
    assert "Facturen en betaalbewijzen" in html
    assert "Gemeenteraadsbesluit van 1 januari 2024." in html
    assert "Meld je aan om deze subsidie aan te vragen." in html


def test_a_closed_scheme_cannot_be_applied_for(client, resident, scheme):
    scheme.closes_on = timezone.localdate() - timedelta(days=1)
    scheme.opens_on = scheme.closes_on - timedelta(days=60)
    scheme.save()
    client.force_login(resident)
    assert "Vraag deze subsidie aan" not in client.get(url("scheme", slug=scheme.slug)).content.decode()
    response = client.get(url("apply", slug=scheme.slug))
    assert response.status_code == 403
    assert "de termijn om aan te vragen is niet open" in response.content.decode()


# Applying.


def test_visitors_are_sent_to_log_in_before_applying(client, scheme):
    response = client.get(url("apply", slug=scheme.slug))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_applying_as_a_resident_creates_a_private_draft(client, resident, scheme):
    neighbourhood = NeighbourhoodFactory()
    client.force_login(resident)
    response = client.get(url("apply", slug=scheme.slug))
    assert response.status_code == 200
    response = client.post(url("apply", slug=scheme.slug), apply_data(neighbourhood))
    file = SubsidyFile.objects.get()
    assert response["Location"] == url("budget", file)
    assert file.status == S.DRAFT
    assert file.applicant == resident
    assert file.applicant_kind == SubsidyFile.ApplicantKind.RESIDENT_GROUP
    assert file.iban == "BE68539007547034"
    assert file.neighbourhood == neighbourhood and not file.city_wide
    assert file.reference.startswith(f"SUB-{timezone.localdate().year}-")


def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(client, resident, scheme):
    neighbourhood = NeighbourhoodFactory()
    client.force_login(resident)
    data = apply_data(neighbourhood, iban="BE68 5390 0754 7035", title="", ends_on="2020-01-01")
    html = errors_of(client.post(url("apply", slug=scheme.slug), data))
    assert "Rekeningnummer (IBAN): Dit rekeningnummer klopt niet" in html
    assert "Naam van het project: Dit veld is verplicht." in html
    assert "De einddatum ligt vóór de startdatum." in html
    # What was typed comes back.
    assert 'value="BE68 5390 0754 7035"' in html
    assert "Met de buren leggen we een moestuin aan" in html
    assert 'value="Stalenstraat 12"' in html
    assert not SubsidyFile.objects.exists()

    html = errors_of(
        client.post(url("apply", slug=scheme.slug), apply_data(neighbourhood, scope="wijk", neighbourhood=""))
    )
    assert "Kies de wijk, of duid aan dat het project voor heel Genk is." in html


def test_an_initiative_links_only_for_its_initiators(client, resident, other_resident, scheme):
    from tests.initiatives.factories import InitiativeFactory

    initiative = InitiativeFactory(created_by=resident, title="Groene Vennestraat", help_subsidy=True)
    client.force_login(other_resident)
    response = client.get(url("apply", slug=scheme.slug) + f"?initiatief={initiative.pk}")
    assert response.status_code == 403
    assert "Alleen de initiatiefnemers" in response.content.decode()

    client.force_login(resident)
    html = client.get(url("schemes") + f"?initiatief={initiative.pk}").content.decode()
    assert "Groene Vennestraat" in html
    assert f"?initiatief={initiative.pk}" in html
    response = client.get(url("apply", slug=scheme.slug) + f"?initiatief={initiative.pk}")
    html = response.content.decode()
    assert 'value="Groene Vennestraat"' in html
    data = apply_data(initiative.neighbourhood, title="Groene Vennestraat")
    client.post(url("apply", slug=scheme.slug) + f"?initiatief={initiative.pk}", data)
    assert SubsidyFile.objects.get().initiative == initiative


def test_an_organisation_representative_applies_for_their_organisation(client, organisation_rep, scheme):
    organisation = Organisation.objects.get(memberships__user=organisation_rep)
    client.force_login(organisation_rep)
    html = client.get(url("apply", slug=scheme.slug)).content.decode()
    assert organisation.name in html
    data = apply_data(NeighbourhoodFactory(), applicant_kind="organisation", organisation="")
    html = errors_of(client.post(url("apply", slug=scheme.slug), data))
    assert "Kies de organisatie waarvoor je de subsidie aanvraagt." in html
    data["organisation"] = organisation.pk
    client.post(url("apply", slug=scheme.slug), data)
    file = SubsidyFile.objects.get()
    assert file.organisation == organisation
    assert file.applicant_kind == SubsidyFile.ApplicantKind.ORGANISATION
    assert file.applicant_address == ""  # an organisation's file keeps no private address


def test_a_scheme_for_organisations_only_tells_a_resident_why_not(client, resident):
    scheme = SchemeFactory(allows_resident_group=False, allows_organisation=True)
    client.force_login(resident)
    html = client.get(url("apply", slug=scheme.slug)).content.decode()
    assert "Dit reglement is alleen voor organisaties" in html
    assert '<form method="post"\n              class="stack"' not in html


# The budget.


def test_the_budget_is_saved_and_the_totals_and_deficit_are_computed(client, resident, scheme):
    file = SubsidyFileFactory(scheme=scheme, applicant=resident, budget_lines=False, amount_requested=0)
    client.force_login(resident)
    response = client.get(url("budget", file))
    assert response.status_code == 200
    data = budget_data(
        costs=[("Plantenbakken", "1.200"), ("Aarde en zaden", "350,50"), ("", "")],
        income=[("Eigen inbreng", "150")],
        amount="1.400",
        bewaar="1",
    )
    response = client.post(url("budget", file), data)
    assert response.status_code == 302
    lines = list(file.budget_lines.order_by("kind", "position").values_list("kind", "description", "amount"))
    assert lines == [
        ("cost", "Plantenbakken", Decimal("1200.00")),
        ("cost", "Aarde en zaden", Decimal("350.50")),
        ("income", "Eigen inbreng", Decimal("150.00")),
    ]
    file.refresh_from_db()
    assert file.amount_requested == Decimal("1400.00")
    html = client.get(url("budget", file)).content.decode()
    assert '<td class="number" id="totaal-kosten">€\xa01.550,50</td>' in html
    assert '<td class="number" id="tekort">€\xa01.400,50</td>' in html
    assert 'value="1400,00"' in html


def test_budget_mistakes_keep_the_rows_and_say_what_is_wrong(client, resident, scheme):
    file = SubsidyFileFactory(scheme=scheme, applicant=resident, budget_lines=False, amount_requested=0)
    client.force_login(resident)
    data = budget_data(costs=[("Huur van een tent", "3000"), ("Affiches", "veel")], amount="2600")
    html = errors_of(client.post(url("budget", file), data))
    assert "Vul een bedrag in euro in" in html
    assert "Je kunt hoogstens €\xa02.500,00 vragen in dit reglement." in html
    assert 'value="Huur van een tent"' in html and 'value="veel"' in html and 'value="2600"' in html
    assert not file.budget_lines.exists()

    # More than the deficit (costs − other income) is refused too.
    data = budget_data(costs=[("Huur van een tent", "1000")], income=[("Sponsor", "500")], amount="800")
    html = errors_of(client.post(url("budget", file), data))
    assert "Je vraagt meer dan het tekort van je begroting" in html
    assert not file.budget_lines.exists()


def test_add_a_row_without_javascript_and_remove_one(client, resident, scheme):
    file = SubsidyFileFactory(scheme=scheme, applicant=resident, budget_lines=False, amount_requested=0)
    client.force_login(resident)
    html = client.get(url("budget", file)).content.decode()
    assert 'name="kosten-TOTAL_FORMS" value="2"' in html
    response = client.post(url("budget", file), budget_data(costs=[("Tent", "400")], rij_kosten="1"))
    assert response["Location"].startswith(url("budget", file) + "?kosten=3")
    html = client.get(response["Location"]).content.decode()
    assert 'name="kosten-TOTAL_FORMS" value="4"' in html  # the saved line and three empty rows
    line = file.budget_lines.get()
    data = budget_data(existing_costs=[(line.pk, "Tent", "400")], costs=[("Stoelen", "100")])
    data["kosten-0-DELETE"] = "on"
    client.post(url("budget", file), data)
    assert list(file.budget_lines.values_list("description", flat=True)) == ["Stoelen"]


# Persona access.


@pytest.fixture
def group_file(scheme, applicant, co_applicant):
    file = SubsidyFileFactory(scheme=scheme, applicant=applicant, title="Speelstraat Zwartberg")
    add_co_applicant(file, user=co_applicant, address="Kolenstraat 3")
    return file


@pytest.mark.parametrize(
    "persona, status",
    [
        ("applicant", 200),
        ("co_applicant", 200),
        ("other_resident", 404),
        ("organisation_rep", 404),
        ("civil_servant", 404),  # a draft is the applicants' own
        ("visitor", 302),
    ],
)
def test_who_sees_a_draft(client, request, group_file, persona, status):
    user = request.getfixturevalue(persona)
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(url("file", group_file))
    assert response.status_code == status
    if status == 200:
        assert "Speelstraat Zwartberg" in response.content.decode()


def test_only_the_applicants_edit_a_draft_and_staff_see_it_once_submitted(
    client, group_file, co_applicant, other_resident, civil_servant
):
    client.force_login(co_applicant)
    assert client.get(url("edit", group_file)).status_code == 200
    client.force_login(other_resident)
    assert client.get(url("edit", group_file)).status_code == 404
    assert client.post(url("budget", group_file), {}).status_code == 404
    assert client.post(url("submit", group_file)).status_code == 404
    group_file.status = S.SUBMITTED
    group_file.save()
    client.force_login(civil_servant)
    html = client.get(url("file", group_file)).content.decode()
    assert "Behandelen (medewerkers)" in html
    assert "Pas het project aan" not in html
    client.force_login(co_applicant)
    response = client.get(url("edit", group_file))
    assert response["Location"] == url("file", group_file)


def test_an_organisations_file_is_seen_by_its_current_representatives(client, organisation_rep, scheme):
    organisation = Organisation.objects.get(memberships__user=organisation_rep)
    colleague = OrganisationMembershipFactory(organisation=organisation).user
    former = OrganisationMembershipFactory(organisation=organisation, end=timezone.localdate() - timedelta(days=1)).user
    coordinator = OrganisationMembershipFactory(
        organisation=organisation, role=OrganisationMembership.Role.VOLUNTEER_COORDINATOR
    ).user
    file = SubsidyFileFactory(
        scheme=scheme,
        applicant=organisation_rep,
        applicant_kind=SubsidyFile.ApplicantKind.ORGANISATION,
        organisation=organisation,
    )
    for user, status in ((colleague, 200), (former, 404), (coordinator, 404)):
        client.force_login(user)
        assert client.get(url("file", file)).status_code == status


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


# My files.


def test_my_files_lists_own_and_co_applied_files_with_invitations(client, applicant, co_applicant, scheme):
    mine = SubsidyFileFactory(scheme=scheme, applicant=applicant, title="Mijn eigen project")
    theirs = SubsidyFileFactory(scheme=scheme, applicant=co_applicant, title="Project van de buurman")
    add_co_applicant(theirs, user=applicant)
    SubsidyFileFactory(scheme=scheme, title="Iemand anders")
    invited = SubsidyFileFactory(scheme=scheme, title="Uitgenodigd project")
    CoApplicant.objects.create(file=invited, email=applicant.email, name="Annelies")
    client.force_login(applicant)
    html = client.get(url("my_files")).content.decode()
    assert "Mijn eigen project" in html and "Project van de buurman" in html
    assert "Iemand anders" not in html
    assert "Uitnodigingen voor jou" in html and "Uitgenodigd project" in html
    assert mine.reference in html


def test_my_files_needs_a_login(client):
    assert client.get(url("my_files"))["Location"].startswith("/account/login/")


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def _my_files_queries(client, user) -> int:
    return _queries(client, url("my_files"))


def test_my_files_query_count_is_constant(client, applicant, scheme):
    client.force_login(applicant)
    statuses = [S.DRAFT, S.SUBMITTED, S.GRANTED, S.INFO_REQUESTED, S.CLOSED]
    for i in range(5):
        make_file(statuses[i % 5], scheme=scheme, applicant=applicant)
    few = _my_files_queries(client, applicant)
    for i in range(45):
        file = SubsidyFileFactory(scheme=scheme, applicant=applicant, budget_lines=False)
        if i % 3 == 0:
            BudgetLine.objects.create(file=file, kind="cost", description="x", amount=10)
    assert SubsidyFile.objects.for_applicant(applicant).count() == 50
    many = _my_files_queries(client, applicant)
    assert few == many, (few, many)


def test_iban_is_shown_in_groups_of_four(client, group_file, applicant):
    assert group_file.iban == VALID_IBAN
    client.force_login(applicant)
    assert "BE68 5390 0754 7034" in client.get(url("file", group_file)).content.decode()


def test_the_file_page_query_count_does_not_grow_with_its_rows(client, applicant, scheme):
    from initiatives.subsidies import services

    file = make_file(S.GRANTED, scheme=scheme, applicant=applicant)
    client.force_login(applicant)
    few = _queries(client, url("file", file))
    for i in range(10):
        BudgetLine.objects.create(file=file, kind="cost", description=f"Kost {i}", amount=5)
        Message.objects.create(file=file, kind=Message.Kind.SYSTEM, body=f"Bericht {i}")
        add_co_applicant(file)
        file.status = S.DRAFT  # documents are added while a draft
        services.add_document(file, applicant, pdf(f"bewijs-{i}.pdf"))
        file.status = S.GRANTED
    file.save()
    many = _queries(client, url("file", file))
    assert few == many, (few, many)


def test_the_applicants_get_the_decision_letter_once_the_college_decided(client, applicant, other_resident, scheme):
    file = make_file(S.GRANTED, scheme=scheme, applicant=applicant, amount_granted=Decimal("2000"))
    letter_url = f"/subsidies/dossiers/{file.reference}/beslissingsbrief/"
    client.force_login(applicant)
    page = client.get(file.get_absolute_url()).content.decode()
    assert letter_url in page
    letter = client.get(letter_url)
    assert letter.status_code == 200
    text = letter.content.decode()
    assert file.reference in text and "2.000,00" in text

    client.force_login(other_resident)
    assert client.get(letter_url).status_code == 404

    undecided = make_file(S.ASSESSMENT, scheme=scheme, applicant=applicant)
    client.force_login(applicant)
    assert client.get(f"/subsidies/dossiers/{undecided.reference}/beslissingsbrief/").status_code == 403


def test_the_initiative_page_offers_its_initiators_to_ask_a_subsidy(client, resident, other_resident, scheme):
    from initiatives.models import Initiative
    from tests.initiatives.factories import in_state

    initiative = in_state(Initiative.Status.ANSWERED, created_by=resident, help_subsidy=True)
    link = f"/subsidies/?initiatief={initiative.pk}"
    client.force_login(resident)
    assert link in client.get(initiative.get_absolute_url()).content.decode()
    client.force_login(other_resident)
    assert link not in client.get(initiative.get_absolute_url()).content.decode()
    without_subsidy = in_state(Initiative.Status.ANSWERED, created_by=resident, help_subsidy=False)
    client.force_login(resident)
    assert f"?initiatief={without_subsidy.pk}" not in client.get(without_subsidy.get_absolute_url()).content.decode()

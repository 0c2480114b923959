"""A subsidy file from application to final report in a real browser, every page checked
with axe-core: a resident applies for their initiative's subsidy (with a mistake in the IBAN,
a budget row added without JavaScript and a private document), civil servants do the
intake, the assessment and the proposal, the city secretary's office records the college's
decision, the handler records the advance, the resident files the final report with proof,
and the handler approves it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from initiatives.subsidies.models import Document, Payment, RequiredDocument, SubsidyFile
from tests.browser.conftest import Browse
from tests.factories import DepartmentFactory, NeighbourhoodFactory, UserFactory
from tests.initiatives.factories import InitiativeFactory
from tests.subsidies.factories import SchemeFactory, add_required_document, department_member

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
S = SubsidyFile.Status


def staff_login(browser: Browse, user, secret):
    browser.login(user.email, totp_secret=secret)


def test_from_application_to_final_report(browse, open_browser, tmp_path, mailoutbox):
    # The city: a scheme of the participation department, a handler, the secretary's office.
    scheme = SchemeFactory(
        name="Subsidie burgerinitiatieven",
        slug="burgerinitiatieven",
        max_amount=Decimal("2500.00"),
        advance_percentage=80,
        exclusions="Niet voor straatfeesten of commerciële activiteiten.",
    )
    add_required_document(scheme, "Offerte")
    add_required_document(scheme, "Facturen en betaalbewijzen", stage=RequiredDocument.Stage.REPORT)
    handler = department_member(scheme.department, display_name="Hanne Peeters", email="hanne.peeters@genk.be")
    handler_secret = _secret(handler)
    secretary = department_member(
        DepartmentFactory(name="Secretariaat", slug="secretariaat"),
        display_name="Sara Janssens",
        email="sara.janssens@genk.be",
    )
    secretary_secret = _secret(secretary)
    # A resident with an initiative that asks for a subsidy.
    neighbourhood = NeighbourhoodFactory(name="Winterslag", slug="winterslag")
    resident = UserFactory(email="fatma.yilmaz@example.be", display_name="Fatma Yilmaz")
    initiative = InitiativeFactory(
        created_by=resident, title="Buurtmoestuin Winterslag", neighbourhood=neighbourhood, help_subsidy=True
    )
    proof = tmp_path / "offerte.pdf"
    proof.write_bytes(PDF)
    invoices = tmp_path / "facturen.pdf"
    invoices.write_bytes(PDF)

    # 1. The resident applies for their initiative.
    page = browse.page
    browse.login(resident.email)
    browse.goto(f"/subsidies/?initiatief={initiative.pk}")
    assert "Buurtmoestuin Winterslag" in page.locator("main").inner_text()
    browse.follow(page.get_by_role("link", name="Subsidie burgerinitiatieven"))
    assert page.get_by_role("heading", name="Waarvoor niet?").is_visible()
    browse.follow(page.get_by_role("link", name="Vraag deze subsidie aan voor ‘Buurtmoestuin Winterslag’"))
    assert page.locator("#id_title").input_value() == "Buurtmoestuin Winterslag"
    start = timezone.localdate() + timedelta(days=20)
    page.locator("#id_starts_on").fill(start.isoformat())
    page.locator("#id_ends_on").fill((start + timedelta(days=60)).isoformat())
    page.locator("#id_iban").fill("BE68 5390 0754 7035")  # a typo
    page.locator("#id_account_holder").fill("Feitelijke vereniging Buurtmoestuin")
    page.locator("#id_applicant_address").fill("Stalenstraat 12")
    browse.submit("Bewaar en ga naar de begroting")
    summary = page.locator(".error-summary")
    assert "Dit rekeningnummer klopt niet" in summary.inner_text()
    assert page.locator("#id_account_holder").input_value() == "Feitelijke vereniging Buurtmoestuin"
    page.locator("#id_iban").fill("BE68 5390 0754 7034")
    browse.submit("Bewaar en ga naar de begroting")
    file = SubsidyFile.objects.get()
    assert file.initiative == initiative and file.status == S.DRAFT
    assert browse.path == f"/subsidies/dossiers/{file.reference}/begroting/"

    # 2. The budget: two costs, one more row without JavaScript, other income, the amount.
    page.locator("#id_kosten-0-description").fill("Plantenbakken en aarde")
    page.locator("#id_kosten-0-amount").fill("1.200")
    page.locator("#id_kosten-1-description").fill("Zaden en plantgoed")
    page.locator("#id_kosten-1-amount").fill("300")
    browse.submit("Nog een rij kosten")
    assert page.locator("#id_kosten-4-description").count() == 1  # two saved, three empty
    page.locator("#id_kosten-2-description").fill("Gereedschap")
    page.locator("#id_kosten-2-amount").fill("250,50")
    page.locator("#id_inkomsten-0-description").fill("Eigen inbreng van de buren")
    page.locator("#id_inkomsten-0-amount").fill("250,50")
    page.locator("#id_bedrag-amount_requested").fill("1500")
    browse.submit("Bewaar als kladversie")
    assert page.locator("#totaal-kosten").inner_text() == "€\xa01.750,50"
    assert page.locator("#tekort").inner_text() == "€\xa01.500,00"
    browse.submit("Bewaar en ga naar de documenten")

    # 3. The quote, a private document.
    page.get_by_label("Offerte").check()
    page.locator("#id_file").set_input_files(str(proof))
    browse.submit("Voeg het document toe")
    assert "Toegevoegd:" in page.locator("main").inner_text()
    document = Document.objects.get()
    browse.follow(page.get_by_role("link", name="Verder: mede-aanvragers"))
    browse.follow(page.get_by_role("link", name="Verder: nakijken en indienen"))

    # 4. Submit.
    assert "Je aanvraag is volledig." in page.locator("main").inner_text()
    browse.submit("Dien je aanvraag in")
    file.refresh_from_db()
    assert file.status == S.SUBMITTED
    assert "De dienst kijkt na of je aanvraag volledig is." in page.locator("main").inner_text()

    # 5. The handler: intake, assessment, proposal.
    staff = open_browser()
    staff_login(staff, handler, handler_secret)
    staff.goto("/beheer/subsidies/?lijst=niet-toegewezen")
    assert "Buurtmoestuin Winterslag" in staff.page.locator("main").inner_text()
    staff.follow(staff.page.get_by_role("link", name=file.reference))
    spage = staff.page
    # The applicant's document is there for the handling staff, through the checked view.
    assert (
        spage.get_by_role("link", name="Offerte").first.get_attribute("href") == f"/subsidies/documenten/{document.pk}/"
    )
    intake = spage.locator("#stap-intake")
    intake.get_by_label("Hanne Peeters").check()
    staff.follow(intake.get_by_role("button", name="Verklaar ontvankelijk en start de beoordeling"))
    file.refresh_from_db()
    assert file.status == S.ASSESSMENT and file.handler == handler

    assess = spage.locator("#stap-assess")
    for criterion in scheme.criteria.all():
        assess.locator(f"input[name='assess-score_{criterion.pk}'][value='4']").check()
    assess.locator("input[name='assess-recommendation'][value='grant']").check()
    assess.locator("input[name='assess-recommended_amount']").fill("1500")
    staff.follow(assess.get_by_role("button", name="Dien je beoordeling in"))

    propose = spage.locator("#stap-propose")
    propose.locator("input[name='propose-outcome'][value='granted']").check()
    propose.locator("input[name='propose-amount']").fill("1500")
    propose.locator("textarea[name='propose-text']").fill("Een sterk buurtproject met veel betrokken buren.")
    staff.follow(propose.get_by_role("button", name="Leg het voorstel voor aan het college"))
    file.refresh_from_db()
    assert file.status == S.PROPOSED

    # 6. The city secretary's office records the college's decision.
    secretariat = open_browser()
    staff_login(secretariat, secretary, secretary_secret)
    secretariat.goto(f"/beheer/subsidies/dossiers/{file.reference}/")
    decide = secretariat.page.locator("#stap-decide")
    assert "Resterend budget" in decide.inner_text()
    decide.locator("input[name='decide-reference']").fill("CBS/2026/0412")
    decide.locator("textarea[name='decide-text']").fill("Het college kent € 1.500 toe voor de buurtmoestuin.")
    secretariat.follow(decide.get_by_role("button", name="Registreer de beslissing"))
    file.refresh_from_db()
    assert file.status == S.GRANTED and file.amount_granted == Decimal("1500.00")

    # 7. The handler records the advance (80 %).
    staff.goto(f"/beheer/subsidies/dossiers/{file.reference}/")
    payments = spage.locator("#stap-payments")
    payments.locator("select[name='payments-kind']").select_option("advance")
    payments.locator("input[name='payments-amount']").fill("1200")
    payments.locator("input[name='payments-reference']").fill("BO-2026-118")
    staff.follow(payments.get_by_role("button", name="Registreer de betaling"))
    assert Payment.objects.get(file=file).amount == Decimal("1200.00")

    # 8. The resident sees the decision and the payment, and files the final report with proof.
    browse.goto(f"/subsidies/dossiers/{file.reference}/")
    main = page.locator("main").inner_text()
    assert "Beslissing van het college: toegekend" in main
    assert "CBS/2026/0412" in main
    assert "Nog te betalen" in main
    browse.follow(page.get_by_role("link", name="Dien je eindverslag in").first)
    page.get_by_label("Facturen en betaalbewijzen").check()
    page.locator("#id_file").set_input_files(str(invoices))
    browse.submit("Voeg het document toe")
    assert browse.path == f"/subsidies/dossiers/{file.reference}/verslag/"
    page.locator("#id_report_text").fill("Dertig buren legden samen de moestuin aan; elke zaterdag wordt er gewied.")
    page.locator("#id_report_costs").fill("1.690,20")
    browse.submit("Dien je eindverslag in")
    file.refresh_from_db()
    assert file.status == S.REPORT_SUBMITTED and file.report_costs == Decimal("1690.20")
    assert "Je eindverslag is ingediend" in page.locator("main").inner_text()

    # 9. The handler approves the report.
    staff.goto(f"/beheer/subsidies/dossiers/{file.reference}/")
    staff.follow(spage.locator("#stap-approve_report").get_by_role("button", name="Keur het eindverslag goed"))
    file.refresh_from_db()
    assert file.status == S.REPORT_APPROVED

    # The resident got word at each step.
    subjects = [m.subject for m in mailoutbox if resident.email in m.to]
    assert len(subjects) >= 3, subjects


def _secret(user) -> str:
    from tests.factories import enroll_mfa

    return enroll_mfa(user)  # already enrolled: returns the existing secret

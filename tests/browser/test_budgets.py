"""The burgerbudget's journeys in a real browser, each page checked with axe-core: propose,
review feasibility, vote (and change the vote) with and without JavaScript, enter a paper
ballot at a service centre, publish the results after voting closed and read them."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from genk.core.models import AuditLogEntry, Notification
from participation.budgets import ballots, services
from participation.budgets.models import Ballot, Cycle, Proposal, VoterRecord
from tests.budgets import conftest as budget_fixtures
from tests.budgets.factories import ProposalFactory, identify, national_number, set_phase
from tests.factories import enroll_mfa

pytestmark = pytest.mark.browser

# The budgets personas and cycles (tests/budgets/conftest.py), by district and age.
district = budget_fixtures.district
other_district = budget_fixtures.other_district
neighbourhood = budget_fixtures.neighbourhood
district_resident = budget_fixtures.district_resident
city_cycle = budget_fixtures.city_cycle
paper_cycle = budget_fixtures.paper_cycle

NATIONAL_NUMBER = "85073003328"  # a valid rijksregisternummer: 97 - 850730033 % 97 = 28


def euro(amount: int) -> str:
    """How the pages write an amount: € 100.000 (a no-break space after the sign)."""
    return "€\xa0" + f"{amount:,}".replace(",", ".")


def staff_login(browse, user):
    browse.login(user.email, totp_secret=enroll_mfa(user))


def pk_of(cycle, title):
    return Proposal.objects.get(cycle=cycle, title=title).pk


# Propose -----------------------------------------------------------------------------------


def test_resident_proposes_a_project_and_edits_it_during_the_proposal_phase(
    browse, city_cycle, district_resident, neighbourhood
):
    cycle = set_phase(city_cycle, "proposals")
    page = browse.page
    browse.login(district_resident.email)
    browse.goto(cycle.get_absolute_url())
    assert page.get_by_role("heading", name="Dien je voorstel in").is_visible()
    browse.follow(page.locator("main").get_by_role("link", name="Voorstel indienen"))
    assert page.locator("h1").inner_text() == "Voorstel indienen"

    page.get_by_label("Titel").fill("Drinkwaterfontein aan het Europaplein")
    page.get_by_label("Samenvatting").fill("Een fontein met gratis drinkwater voor wandelaars en sporters.")
    page.get_by_role("textbox", name=re.compile(r"^Beschrijving\b(?! van)")).fill(
        "Op het plein is geen kraantje. Een fontein helpt in warme zomers."
    )
    page.locator("main input[name=theme]").first.check()
    page.get_by_label("Wijk").select_option(label="Winterslag")
    page.get_by_label("Plaats").fill("Europaplein")
    page.get_by_label("Geschatte kost (euro)").fill("900")  # under the € 5,000 minimum
    browse.submit("Voorstel indienen")
    summary = page.locator(".error-summary")
    assert summary.is_visible() and "tussen 5000" in summary.inner_text()
    assert page.get_by_label("Titel").input_value() == "Drinkwaterfontein aan het Europaplein"
    assert not Proposal.objects.filter(title__startswith="Drinkwaterfontein").exists()

    page.get_by_label("Geschatte kost (euro)").fill("12500")
    browse.submit("Voorstel indienen")
    proposal = Proposal.objects.get(title="Drinkwaterfontein aan het Europaplein")
    assert browse.path == proposal.get_absolute_url()
    assert "Je voorstel is ingediend" in page.locator(".messages").inner_text()
    assert proposal.author == district_resident and proposal.status == Proposal.Status.SUBMITTED
    assert proposal.estimated_cost == Decimal("12500")

    # Until the phase ends the author can change it.
    browse.follow(page.locator("main").get_by_role("link", name="Wijzigen"))
    page.get_by_label("Geschatte kost (euro)").fill("14000")
    browse.submit("Wijzigingen bewaren")
    assert "Je voorstel is aangepast" in page.locator(".messages").inner_text()
    proposal.refresh_from_db()
    assert proposal.estimated_cost == Decimal("14000")
    assert euro(14000) in page.locator("main").inner_text()


# Review ------------------------------------------------------------------------------------


def test_civil_servant_reviews_feasibility_with_a_revised_cost_and_a_public_reason(
    browse, city_cycle, civil_servant, district_resident
):
    cycle = set_phase(city_cycle, "review")
    heading = cycle.headings.get()
    fountain = ProposalFactory(
        heading=heading,
        author=district_resident,
        title="Drinkwaterfontein",
        estimated_cost=Decimal("12500"),
        status=Proposal.Status.SUBMITTED,
    )
    bridge = ProposalFactory(
        heading=heading,
        author=district_resident,
        title="Voetgangersbrug over het kanaal",
        estimated_cost=Decimal("95000"),
        status=Proposal.Status.SUBMITTED,
    )
    page = browse.page
    staff_login(browse, civil_servant)
    browse.goto(f"/beheer/burgerbudget/{cycle.slug}/beoordelen/")
    assert page.locator("caption").inner_text().strip() == "2 voorstellen"

    browse.follow(page.get_by_role("link", name="Drinkwaterfontein"))
    page.get_by_label("haalbaar", exact=True).check()
    page.get_by_label("Herziene kost (euro)").fill("15800")
    page.get_by_label("Toelichting (publiek)").fill("Haalbaar; de aansluiting op de waterleiding kost meer.")
    browse.submit("Beoordeling bewaren en indiener verwittigen")
    assert "De beoordeling is bewaard" in page.locator(".messages").inner_text()

    browse.goto(f"/beheer/burgerbudget/{cycle.slug}/beoordelen/")
    browse.follow(page.get_by_role("link", name="Voetgangersbrug over het kanaal"))
    page.get_by_label("niet haalbaar").check()
    browse.submit("Beoordeling bewaren en indiener verwittigen")
    # A reason is required: the error is explained and the choice kept.
    assert page.locator(".error-summary").is_visible()
    assert page.get_by_label("niet haalbaar").is_checked()
    page.get_by_label("Toelichting (publiek)").fill("Een brug over het kanaal kost veel meer dan € 100.000.")
    browse.submit("Beoordeling bewaren en indiener verwittigen")

    fountain.refresh_from_db()
    bridge.refresh_from_db()
    assert (fountain.status, fountain.revised_cost) == (Proposal.Status.FEASIBLE, Decimal("15800"))
    assert bridge.status == Proposal.Status.NOT_FEASIBLE
    assert Notification.objects.filter(recipient=district_resident, kind="budgets.proposal_reviewed").count() == 2

    # Anyone reads the outcome on the project page: the revised cost, and why not.
    browse.goto(fountain.get_absolute_url())
    assert euro(15800) in page.locator("main").inner_text()
    browse.goto(bridge.get_absolute_url())
    main = page.locator("main").inner_text()
    assert "niet haalbaar" in main.lower() and "kost veel meer dan" in main
    # The public list, filtered on the outcome.
    browse.goto(cycle.get_absolute_url() + "voorstellen/")
    page.get_by_label("Status").select_option(value="not_feasible")
    browse.submit("Toon")
    assert "status=not_feasible" in browse.path
    titles = [t.strip() for t in page.locator("main article.budget-card h2").all_inner_texts()]
    assert titles == ["Voetgangersbrug over het kanaal"], titles


# Vote --------------------------------------------------------------------------------------


def test_pages_seen_without_javascript_are_checked_with_axe_too(browse_without_js):
    browse = browse_without_js
    page = browse.page
    browse.goto("/burgerbudget/")
    page.set_content(
        '<html lang="nl"><head><title>Test</title></head><body><main><h1>Test</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<script>document.title = "JavaScript ran"</script></main></body></html>'
    )
    assert page.title() == "Test"  # this tab runs no JavaScript ...
    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        browse.check()  # ... and axe-core still judges what it shows


def remaining(page) -> str:
    return page.locator(".budget-remaining").inner_text().strip()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_resident_votes_confirms_then_changes_the_ballot(
    request, live_server, city_cycle, district_resident, javascript
):
    # `live_server` first: it needs a transactional database before `city_cycle` is made.
    browse = request.getfixturevalue("browse" if javascript else "browse_without_js")
    cycle = city_cycle
    heading = cycle.headings.get()
    page = browse.page
    browse.login(district_resident.email)
    browse.goto(cycle.get_absolute_url())
    browse.follow(page.locator("main").get_by_role("link", name="Stem", exact=True))
    assert browse.path == heading.get_ballot_url()
    assert remaining(page) == euro(100_000)

    ballot = page.locator("#ballot-form")
    # Each choice shows what is left.
    browse.follow(ballot.get_by_role("button", name="Kies Speeltuin"))
    assert remaining(page) == euro(60_000)
    assert "Toegevoegd: Speeltuin" in page.locator(".messages").inner_text()
    browse.follow(ballot.get_by_role("button", name="Kies Fietsenstalling"))
    assert remaining(page) == euro(10_000)
    # Nothing else fits now: the page says so instead of offering a button.
    assert ballot.get_by_role("button", name="Kies Moestuin").count() == 0
    assert ballot.locator(f"#project-{pk_of(cycle, 'Moestuin')}").get_by_text("Past niet meer").is_visible()
    browse.follow(ballot.get_by_role("button", name="Verwijder Fietsenstalling"))
    browse.follow(ballot.get_by_role("button", name="Kies Moestuin"))
    assert remaining(page) == euro(30_000)
    assert not Ballot.objects.exists()  # nothing counts before confirming

    browse.follow(page.locator("main").get_by_role("link", name="Naar bevestigen").first)
    main = page.locator("main")
    assert "Speeltuin" in main.inner_text() and "Moestuin" in main.inner_text()
    browse.submit("Bevestig mijn stem")
    assert browse.path == heading.get_ballot_url()
    assert "Je stem is bevestigd" in page.locator(".messages").inner_text()
    first = Ballot.objects.get()
    assert first.total_cost == Decimal("70000") and first.revision == 1

    # Change the ballot: until it is confirmed again the page says it is not.
    ballot = page.locator("#ballot-form")
    browse.follow(ballot.get_by_role("button", name="Verwijder Speeltuin"))
    assert "nog niet bevestigd" in page.locator("main").inner_text()
    browse.follow(ballot.get_by_role("button", name="Kies Zitbanken"))
    browse.follow(ballot.get_by_role("button", name="Kies Fietsenstalling"))
    assert remaining(page) == euro(0)  # exactly the amount
    browse.follow(page.locator("main").get_by_role("link", name="Naar bevestigen").first)
    browse.submit("Bevestig mijn stem")
    assert "Je stem is bevestigd" in page.locator(".messages").inner_text()

    # One ballot, its second revision: the last confirmed choice is what counts.
    final = Ballot.objects.get()
    assert final.pk == first.pk and final.revision == 2 and final.total_cost == Decimal("100000")
    chosen = set(final.choices.values_list("proposal__title", flat=True))
    assert chosen == {"Moestuin", "Zitbanken", "Fietsenstalling"}
    votes = {p.project_id: p.votes for p in services.compute(heading).projects}
    assert votes[pk_of(cycle, "Speeltuin")] == 0 and votes[pk_of(cycle, "Fietsenstalling")] == 1


# Paper ballot ------------------------------------------------------------------------------


def test_staff_enter_a_paper_ballot_for_an_identified_person(browse, paper_cycle, civil_servant, neighbourhood):
    cycle = paper_cycle
    page = browse.page
    staff_login(browse, civil_servant)
    browse.goto(f"/beheer/burgerbudget/{cycle.slug}/")
    browse.follow(page.locator("main").get_by_role("link", name="Stembrief op papier invoeren"))

    page.get_by_label("Ik heb het identiteitsdocument van deze persoon gezien en gecontroleerd.").check()
    page.get_by_label("Gecontroleerd document").select_option(label="Belgische identiteitskaart")
    page.get_by_label("Rijksregisternummer").fill("85.07.30-033.29")  # one digit off
    page.get_by_label("Initialen").fill("M. P.")
    page.get_by_label("Geboortejaar").fill("1985")
    page.get_by_label("Wijk waar de persoon woont").select_option(label="Winterslag")
    browse.submit("Verder naar de stembrief")
    assert "controlegetal" in page.locator(".error-summary").inner_text()
    assert page.get_by_label("Initialen").input_value() == "M. P."
    assert not VoterRecord.objects.exists()

    page.get_by_label("Rijksregisternummer").fill("85.07.30-033.28")
    browse.submit("Verder naar de stembrief")
    record = VoterRecord.objects.get()
    assert browse.path == f"/beheer/burgerbudget/{cycle.slug}/papier/{record.pk}/"
    assert NATIONAL_NUMBER not in record.identity_hash

    browse.follow(page.locator("main").get_by_role("link", name="stembrief invoeren"))
    for title in ("Speeltuin", "Fietsenstalling", "Moestuin"):  # € 120,000: over the amount
        page.get_by_label(re.compile(title)).check()
    browse.submit()
    assert "meer dan het budget" in page.locator(".error-summary").inner_text()
    page.get_by_label(re.compile("Moestuin")).uncheck()
    browse.submit()
    ballot = Ballot.objects.get()
    assert ballot.channel == Ballot.Channel.PAPER and ballot.entered_by == civil_servant
    assert set(ballot.choices.values_list("proposal__title", flat=True)) == {"Speeltuin", "Fietsenstalling"}
    assert AuditLogEntry.objects.filter(action="budgets.paper_ballot.enter", actor=civil_servant).exists()

    # The same person again, at another desk: recognised by the number, the ballot is corrected.
    browse.goto(f"/beheer/burgerbudget/{cycle.slug}/papier/")
    page.get_by_label("Ik heb het identiteitsdocument van deze persoon gezien en gecontroleerd.").check()
    page.get_by_label("Rijksregisternummer").fill(NATIONAL_NUMBER)
    page.get_by_label("Initialen").fill("M. P.")
    page.get_by_label("Geboortejaar").fill("1985")
    page.get_by_label("Wijk waar de persoon woont").select_option(label="Winterslag")
    browse.submit("Verder naar de stembrief")
    assert browse.path == f"/beheer/burgerbudget/{cycle.slug}/papier/{record.pk}/"
    assert page.locator("main").get_by_role("link", name="stembrief corrigeren").is_visible()


# Results -----------------------------------------------------------------------------------


def test_results_are_published_after_voting_closed_with_turnout_and_paper_online_split(
    browse, paper_cycle, civil_servant, district_resident, neighbourhood
):
    cycle = paper_cycle
    heading = cycle.headings.get()
    identify(cycle, civil_servant, neighbourhood, number=NATIONAL_NUMBER, user=district_resident)
    ballots.cast_ballot(district_resident, heading, [pk_of(cycle, "Speeltuin"), pk_of(cycle, "Moestuin")])
    paper = identify(cycle, civil_servant, neighbourhood, number=national_number(1970, 123), year=1970)
    ballots.enter_paper_ballot(civil_servant, heading, paper, [pk_of(cycle, "Speeltuin")])
    page = browse.page
    staff_login(browse, civil_servant)

    # During voting there is nothing to publish.
    browse.goto(f"/beheer/burgerbudget/{cycle.slug}/resultaten/")
    assert "nog niet gesloten" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Resultaten publiceren").count() == 0
    browse.goto(cycle.get_absolute_url() + "resultaten/")  # not a refusal: says when (issue 16)
    assert "De resultaten zijn nog niet bekend." in page.locator("main").inner_text()

    # Staff close voting by moving the start of the results phase to now.
    browse.goto(f"/beheer/burgerbudget/{cycle.slug}/fasen/")
    now = timezone.localtime()
    page.get_by_label("Begin van de fase 'resultaten'").fill((now - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"))
    browse.submit()
    assert Cycle.objects.for_page().get(pk=cycle.pk).voting_closed()

    browse.goto(f"/beheer/burgerbudget/{cycle.slug}/resultaten/")
    assert "1 stembrieven online, 1 op papier, 0 ongeldig" in page.locator("main").inner_text()
    browse.submit("Resultaten publiceren")
    assert "De resultaten zijn gepubliceerd" in page.locator(".messages").inner_text()

    # Anyone reads them: turnout, online and paper apart and together, per project.
    browse.goto("/account/logout/")
    browse.submit()
    browse.goto(cycle.get_absolute_url())
    browse.goto(cycle.get_absolute_url() + "resultaten/")
    main = page.locator("main").inner_text()
    assert "2 (1 online, 1 op papier)" in re.sub(r"\s+", " ", main)
    assert "0.2% van 1.000 stemgerechtigden" in main or "0,2% van 1.000 stemgerechtigden" in main
    speeltuin = page.locator("main table tr", has_text="Speeltuin")
    assert [c.strip() for c in speeltuin.locator("td.num").all_inner_texts()][-3:] == ["1", "1", "2"]


# Every other page -------------------------------------------------------------------------


def test_every_public_and_staff_page_of_a_cycle_passes_axe(browse, paper_cycle, civil_servant, district_resident):
    """The pages the journeys above do not pass through, in the phase where each matters."""
    cycle = paper_cycle
    selected = ProposalFactory(heading=cycle.headings.get(), title="Bloemenweide", status=Proposal.Status.SELECTED)
    page = browse.page
    for phase in ("announced", "proposals", "review", "voting", "results", "implementation"):
        set_phase(cycle, phase)
        browse.goto(cycle.get_absolute_url())
        assert page.locator("h1").count() == 1, phase
    browse.goto("/burgerbudget/")
    browse.goto(cycle.get_absolute_url() + "voorstellen/?order=duurste")
    browse.goto(selected.get_absolute_url())

    staff_login(browse, civil_servant)
    base = f"/beheer/burgerbudget/{cycle.slug}/"
    for path in ("/beheer/burgerbudget/", "/beheer/burgerbudget/nieuw/", "/beheer/burgerbudget/themas/"):
        browse.goto(path)
    for path in ("", "bewerken/", "fasen/", "deelbudgetten/", "beoordelen/?status=feasible", "uitvoering/"):
        browse.goto(base + path)
    heading = cycle.headings.get()
    browse.goto(f"{base}deelbudgetten/{heading.pk}/")
    browse.goto(f"{base}uitvoering/{selected.pk}/")
    # A form sent back with errors: the error summary passes too.
    browse.goto(base + "bewerken/")
    page.locator("main input[name=name]").fill("")
    browse.submit("Bewaren")
    assert page.locator(".error-summary").is_visible()

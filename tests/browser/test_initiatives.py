"""Citizen initiatives in a real browser, every page checked with axe-core: a resident writes
and submits one, a moderator publishes it, other residents support it (with and without
JavaScript), the responsible civil servant answers, and visitors find it in the list. Also
the committee (invite, accept, remove, leave), comments (report, hide), news and withdrawal.

Each person has their own browser context (`open_browser()`), so their cookies stay apart."""

import re
from io import BytesIO

import pytest
from django.conf import settings as django_settings
from django.urls import re_path
from django.views.static import serve
from PIL import Image

import genk.urls
from genk.core.models import Notification
from initiatives.models import Initiative, Support
from tests.factories import DepartmentMembershipFactory, NeighbourhoodFactory, UserFactory, enroll_mfa
from tests.initiatives.factories import SupportFactory, ThemeFactory, add_co_initiator, in_state

pytestmark = pytest.mark.browser

S = Initiative.Status
TITLE = "Repair Café Winterslag"
SUMMARY = "Samen kapotte spullen herstellen in plaats van ze weg te gooien."
DESCRIPTION = (
    "Elke eerste zaterdag van de maand herstellen vrijwilligers in het buurthuis fietsen, lampen, kleren en "
    "kleine toestellen. Wie iets kapot heeft, brengt het mee; wie iets kan, helpt mee.\n\n"
    "Zo besparen buren geld en gooien we minder weg."
)
LOGIN = "/account/login/?next=/initiatieven/"  # signing in leads to the list of initiatives
ALT = "Een vrijwilliger herstelt een fiets in het buurthuis van Winterslag"


# The live server serves uploaded images too (genk.urls does only with DEBUG), from the
# MEDIA_ROOT the test is using.


def _media(request, path):
    return serve(request, path, document_root=django_settings.MEDIA_ROOT)


urlpatterns = [*genk.urls.urlpatterns, re_path(r"^media/(?P<path>.*)$", _media)]
handler403 = genk.urls.handler403
handler404 = genk.urls.handler404
handler500 = genk.urls.handler500


@pytest.fixture(autouse=True)
def _serve_media(settings):
    settings.ROOT_URLCONF = __name__


def png_bytes(size=(640, 360)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (40, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def message(browse) -> str:
    return browse.page.locator(".messages").inner_text()


def support_count(browse) -> str:
    """The counter in the support box (the number is shown large, on its own line)."""
    return " ".join(browse.page.locator("#steun .support-count").inner_text().split())


@pytest.fixture
def city(db):
    """Two wijken, themes and the SDG catalogue, as `make demo` loads them."""
    from worldcitizenship.services import load_sdgs

    load_sdgs()
    return {
        "winterslag": NeighbourhoodFactory(name="Winterslag", slug="winterslag"),
        "waterschei": NeighbourhoodFactory(name="Waterschei", slug="waterschei"),
        "groen": ThemeFactory(name="Groen en natuur", slug="groen-en-natuur"),
        "samenleven": ThemeFactory(name="Samenleven en buurt", slug="samenleven-en-buurt"),
    }


def test_submit_publish_support_and_answer(browse, open_browser, city, settings, mailoutbox):
    settings.INITIATIVES_THRESHOLD = 2
    winterslag = city["winterslag"]
    UserFactory(email="annelies@example.be", display_name="Annelies Jacobs", neighbourhood=winterslag)
    moderator = DepartmentMembershipFactory(
        user__email="moderator@example.be",
        user__display_name="Sofie Moderator",
        department__name="Participatie",
        department__slug="participatie",
    ).user
    moderator_secret = enroll_mfa(moderator)
    handler = DepartmentMembershipFactory(
        user__email="handler@example.be",
        user__display_name="Karim Handler",
        department__name="Mobiliteit",
        department__slug="mobiliteit",
    ).user
    handler_secret = enroll_mfa(handler)
    UserFactory(email="jos@example.be", display_name="Jos Vanderhoven", neighbourhood=winterslag)
    UserFactory(email="fatma@example.be", display_name="Fatma Yilmaz", neighbourhood=city["waterschei"])

    # 1. The resident writes the initiative in steps.
    resident = browse
    page = resident.page
    resident.login("annelies@example.be", start=LOGIN)
    resident.goto("/initiatieven/")
    resident.follow(page.locator("main").get_by_role("link", name="Start een initiatief"))
    assert resident.path == "/initiatieven/nieuw/"
    assert page.locator("h1").inner_text() == "Start een initiatief"

    # Step "idee": a missing summary is explained, the title kept.
    page.get_by_label("Titel").fill(TITLE)
    resident.submit("Bewaar en ga verder")
    assert page.locator(".error-summary").is_visible()
    assert page.get_by_label("Titel").input_value() == TITLE
    assert not Initiative.objects.exists()
    page.get_by_label("burgerinitiatief").check()
    page.get_by_label("Korte samenvatting").fill(SUMMARY)
    resident.submit("Bewaar en ga verder")
    initiative = Initiative.objects.get()
    assert resident.path == f"/initiatieven/{initiative.pk}/schrijven/beschrijving/"
    assert "Je kladversie is bewaard" in message(resident)
    assert page.locator("h1").inner_text() == f"{TITLE}: beschrijving"
    assert page.get_by_role("navigation", name="Stappen").locator("[aria-current=step]").inner_text() == "Beschrijving"

    page.get_by_label("Beschrijving").fill(DESCRIPTION)
    resident.submit("Bewaar en ga verder")
    assert resident.path.endswith("/schrijven/plaats/")

    # Step "plaats": the wijk, a theme and an SDG.
    page.get_by_label("in één wijk").check()
    page.get_by_label("Wijk:").select_option(label="Winterslag")
    page.get_by_role("checkbox", name="Groen en natuur", exact=True).check()
    page.get_by_role("checkbox", name="Samenleven en buurt", exact=True).check()
    page.get_by_role("checkbox", name="SDG 12 – Verantwoorde consumptie en productie").check()
    resident.submit("Bewaar en ga verder")
    assert resident.path.endswith("/schrijven/afbeelding/")

    # Step "afbeelding": an image without a description is refused; with one it is kept.
    image = {"name": "repair-cafe.png", "mimeType": "image/png", "buffer": png_bytes()}
    page.get_by_label(re.compile(r"^Afbeelding")).set_input_files(image)
    resident.submit("Bewaar en ga verder")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "Beschrijf wat er op de afbeelding staat." in summary.inner_text()
    page.get_by_label(re.compile(r"^Afbeelding")).set_input_files(image)
    page.get_by_label("Beschrijving van de afbeelding").fill(ALT)
    resident.submit("Bewaar en ga verder")
    assert resident.path.endswith("/schrijven/hulp/")
    initiative.refresh_from_db()
    assert (initiative.image_width, initiative.image_height) == (640, 360)

    # Step "hulp": what the city is asked.
    page.get_by_label("een locatie").check()
    page.get_by_label("materiaal").check()
    page.get_by_label("Toelichting bij de gevraagde hulp").fill("Het buurthuis op zaterdag en 10 werktafels.")
    resident.submit("Bewaar en ga verder")
    assert resident.path.endswith("/schrijven/initiatiefnemers/")
    assert "Annelies Jacobs – initiatiefnemer" in page.locator(".committee").inner_text()
    resident.follow(page.get_by_role("link", name="Verder naar nakijken en indienen"))

    # Step "nakijken": the preview shows what visitors will see.
    assert resident.path.endswith("/schrijven/nakijken/")
    preview = page.locator(".preview-frame")
    assert TITLE in preview.inner_text()
    assert preview.get_by_role("img", name=ALT).is_visible()
    facts = preview.locator(".initiative-facts").inner_text()
    for text in ("burgerinitiatief", "Winterslag", "Groen en natuur", "Samenleven en buurt", "een locatie, materiaal"):
        assert text in facts
    assert "Verantwoorde consumptie en productie" in preview.inner_text()
    assert not page.locator(".error-summary").count()
    resident.submit("Dien mijn initiatief in")
    assert resident.path == "/initiatieven/mijn/"
    assert "Je initiatief is ingediend" in message(resident)
    row = page.get_by_role("row", name=re.compile(TITLE))
    assert "ingediend, wacht op moderatie" in row.inner_text()
    initiative.refresh_from_db()
    assert initiative.status == S.SUBMITTED

    # 2. The moderator (participatie, with MFA) publishes it from the queue, with a handler.
    moderation = open_browser()
    moderation.login("moderator@example.be", totp_secret=moderator_secret, start=LOGIN)
    moderation.goto("/beheer/initiatieven/")
    tabs = moderation.page.get_by_role("navigation", name="Lijsten")
    assert "Ter moderatie (1)" in tabs.inner_text()
    moderation.follow(moderation.page.locator("main table").get_by_role("link", name=TITLE))
    assert moderation.path == f"/beheer/initiatieven/{initiative.pk}/"
    publish = moderation.page.locator("form", has=moderation.page.get_by_role("button", name="Publiceer", exact=True))
    publish.get_by_label("Verantwoordelijke medewerker").select_option(label="Karim Handler (handler@example.be)")
    publish.get_by_label("Bericht aan de initiatiefnemers (niet verplicht)").fill("Mooi initiatief, succes!")
    moderation.follow(publish.get_by_role("button", name="Publiceer", exact=True))
    assert "Het initiatief is gepubliceerd." in message(moderation)
    assert "verzamelt steun" in moderation.page.locator(".initiative-status").first.inner_text()
    assert "initiatives.publish" in moderation.page.locator("main table").inner_text()
    initiative.refresh_from_db()
    assert (initiative.status, initiative.threshold, initiative.handler) == (S.COLLECTING, 2, handler)

    # 3. Another resident supports it, withdraws, and supports again.
    supporter = open_browser()
    supporter.login("jos@example.be", start=LOGIN)
    supporter.goto("/initiatieven/")
    supporter.follow(supporter.page.locator(".initiative-cards").get_by_role("link", name=TITLE))
    assert supporter.path == initiative.get_absolute_url()
    assert supporter.page.get_by_role("img", name=ALT).is_visible()
    assert "Annelies Jacobs" in supporter.page.locator(".initiative-byline").inner_text()
    assert support_count(supporter) == "0 van de 2 steunbetuigingen nodig"
    supporter.submit("Ik steun dit initiatief")
    assert message(supporter) == "Bedankt voor je steun! Je volgt dit initiatief nu ook."
    assert support_count(supporter) == "1 van de 2 steunbetuigingen nodig"
    assert supporter.page.locator(".support-progress").inner_text() == "Nog 1 steunbetuiging nodig."
    assert supporter.page.locator(".support-mine").inner_text() == "Je steunt dit initiatief."
    assert supporter.page.locator("#volgen").get_by_text("Je volgt dit initiatief.").is_visible()
    supporter.submit("Trek mijn steun in")
    assert message(supporter) == "Je steun is ingetrokken."
    assert support_count(supporter) == "0 van de 2 steunbetuigingen nodig"
    supporter.submit("Ik steun dit initiatief")
    assert support_count(supporter) == "1 van de 2 steunbetuigingen nodig"

    # 4. A third resident supports without JavaScript: the second support reaches the threshold.
    no_js = open_browser(javascript=False)
    no_js.login("fatma@example.be", start=LOGIN)
    no_js.goto(initiative.get_absolute_url())
    no_js.submit("Ik steun dit initiatief")
    assert message(no_js) == "Bedankt voor je steun! Je volgt dit initiatief nu ook."
    assert support_count(no_js) == "2 van de 2 steunbetuigingen nodig"
    assert no_js.page.locator(".support-progress").inner_text().startswith("Drempel bereikt op ")
    assert "drempel bereikt" in no_js.page.locator(".initiative-status").inner_text()
    initiative.refresh_from_db()
    assert (initiative.status, initiative.support_count) == (S.THRESHOLD_REACHED, 2)

    # 5. The handler (another department, with MFA) answers from the staff pages.
    answering = open_browser()
    answering.login("handler@example.be", totp_secret=handler_secret, start=LOGIN)
    answering.goto("/beheer/initiatieven/?lijst=antwoord")
    page = answering.page
    assert "waarvoor je de verantwoordelijke medewerker bent" in page.locator("main").inner_text()
    assert "Te beantwoorden (1)" in page.get_by_role("navigation", name="Lijsten").inner_text()
    answering.follow(page.locator("main table").get_by_role("link", name=TITLE))
    form = page.locator("form", has=page.get_by_role("button", name="Publiceer het antwoord"))
    form.get_by_label("aanvaard: de stad helpt").check()
    form.get_by_label("Motivering").fill("Te kort.")
    answering.follow(form.get_by_role("button", name="Publiceer het antwoord"))
    assert page.locator(".error-summary").is_visible()
    form = page.locator("form", has=page.get_by_role("button", name="Publiceer het antwoord"))
    answer = "De stad stelt het buurthuis gratis ter beschikking en leent tien werktafels uit."
    form.get_by_label("Motivering").fill(answer)
    form.get_by_label("aanvaard: de stad helpt").check()
    answering.follow(form.get_by_role("button", name="Publiceer het antwoord"))
    assert "Het antwoord van de stad is gepubliceerd" in message(answering)
    initiative.refresh_from_db()
    assert (initiative.status, initiative.answered_by) == (S.ANSWERED, handler)

    # Everyone sees the answer on the public page; the initiator was told at every step.
    supporter.goto(initiative.get_absolute_url())
    city_answer = supporter.page.locator("#antwoord")
    assert "aanvaard: de stad helpt" in city_answer.inner_text()
    assert answer in city_answer.inner_text()
    resident.goto("/meldingen/")
    subjects = resident.page.locator("main").inner_text()
    for subject in (
        f"Je initiatief ‘{TITLE}’ is ingediend",
        f"Je initiatief ‘{TITLE}’ is gepubliceerd",
        f"‘{TITLE}’ heeft genoeg steun verzameld",
        f"De stad antwoordt op ‘{TITLE}’",
    ):
        assert subject in subjects
    assert Notification.objects.filter(recipient=handler, kind="initiatives.handler_assigned").exists()


def test_support_and_withdraw_without_javascript(open_browser, city):
    initiative = in_state(S.COLLECTING, title="Speelstraat Waterschei", neighbourhood=city["waterschei"])
    UserFactory(email="lotte@example.be", display_name="Lotte", neighbourhood=city["waterschei"])
    browse = open_browser(javascript=False)
    browse.goto(initiative.get_absolute_url())
    # A visitor is asked to sign in, and comes back to the initiative.
    assert browse.page.locator(".support-refusal").inner_text() == "Meld je aan om dit initiatief te steunen."
    browse.follow(browse.page.get_by_role("link", name="Aanmelden om te steunen"))
    browse.login("lotte@example.be", start=None)
    assert browse.path == initiative.get_absolute_url()
    browse.submit("Ik steun dit initiatief")
    assert message(browse) == "Bedankt voor je steun! Je volgt dit initiatief nu ook."
    assert support_count(browse) == "1 van de 50 steunbetuigingen nodig"
    browse.submit("Trek mijn steun in")
    assert message(browse) == "Je steun is ingetrokken."
    assert support_count(browse) == "0 van de 50 steunbetuigingen nodig"
    assert not Support.objects.filter(initiative=initiative).exists()
    # Following and unfollowing are plain forms too.
    browse.submit("Niet meer volgen")
    assert message(browse) == "Je volgt dit initiatief niet meer."
    browse.submit("Volg dit initiatief")
    assert message(browse).startswith("Je volgt dit initiatief.")


def results(browse) -> list[str]:
    return browse.page.locator(".initiative-cards h2").all_inner_texts()


def heading(browse) -> str:
    return browse.page.locator("#resultaten-titel").inner_text()


def test_public_list_filters_search_and_sort(browse, city):
    winterslag, waterschei = city["winterslag"], city["waterschei"]
    repair = in_state(
        S.COLLECTING,
        title="Repair Café Winterslag",
        summary="Samen fietsen en lampen herstellen.",
        neighbourhood=winterslag,
        help_venue=True,
    )
    repair.themes.add(city["samenleven"])
    garden = in_state(
        S.THRESHOLD_REACHED,
        title="Moestuin aan de cité",
        summary="Groenten kweken met de buren.",
        neighbourhood=waterschei,
        help_materials=True,
    )
    garden.themes.add(city["groen"])
    trees = in_state(
        S.ANSWERED,
        title="Bomen langs de Stalenstraat",
        summary="Meer groen en schaduw in de straat.",
        neighbourhood=winterslag,
        help_cocreation=True,
    )
    trees.themes.add(city["groen"])
    in_state(S.DRAFT, title="Geheime kladversie", neighbourhood=winterslag)
    in_state(S.SUBMITTED, title="Nog niet gemodereerd", neighbourhood=winterslag)
    for _ in range(3):
        SupportFactory(initiative=garden)
    SupportFactory(initiative=trees)

    page = browse.page
    browse.goto("/initiatieven/")
    assert heading(browse) == "3 initiatieven"
    assert set(results(browse)) == {"Repair Café Winterslag", "Moestuin aan de cité", "Bomen langs de Stalenstraat"}
    filters = page.get_by_role("search")

    filters.get_by_label("Wijk").select_option(label="Winterslag")
    browse.follow(filters.get_by_role("button", name="Toon initiatieven"))
    assert "wijk=winterslag" in browse.path
    assert heading(browse) == "2 initiatieven"
    assert set(results(browse)) == {"Repair Café Winterslag", "Bomen langs de Stalenstraat"}
    # The chosen filter stays selected on the new page.
    filters = page.get_by_role("search")
    assert filters.get_by_label("Wijk").input_value() == "winterslag"

    filters.get_by_label("Thema").select_option(label="Groen en natuur")
    browse.follow(filters.get_by_role("button", name="Toon initiatieven"))
    assert heading(browse) == "1 initiatief"
    assert results(browse) == ["Bomen langs de Stalenstraat"]

    browse.follow(page.get_by_role("link", name="Alle filters wissen"))
    assert browse.path == "/initiatieven/"
    filters = page.get_by_role("search")
    filters.get_by_label("Status").select_option(label="drempel bereikt")
    browse.follow(filters.get_by_role("button", name="Toon initiatieven"))
    assert results(browse) == ["Moestuin aan de cité"]
    assert "drempel bereikt" in page.locator(".initiative-cards .initiative-status").inner_text()

    browse.goto("/initiatieven/")
    filters = page.get_by_role("search")
    filters.get_by_label("Gevraagde hulp").select_option(label="samen uitwerken met de stad")
    browse.follow(filters.get_by_role("button", name="Toon initiatieven"))
    assert results(browse) == ["Bomen langs de Stalenstraat"]

    # Search, in Dutch: "lamp" finds "lampen".
    browse.goto("/initiatieven/")
    filters = page.get_by_role("search")
    filters.get_by_label("Zoeken").fill("lamp")
    browse.follow(filters.get_by_role("button", name="Toon initiatieven"))
    assert results(browse) == ["Repair Café Winterslag"]
    filters = page.get_by_role("search")
    filters.get_by_label("Zoeken").fill("fietsen zwembad")
    browse.follow(filters.get_by_role("button", name="Toon initiatieven"))
    assert heading(browse) == "0 initiatieven"
    assert "Geen initiatieven gevonden" in page.locator(".initiative-results").inner_text()

    # Sort by supports: 3, 1, 0; the counters on the cards say so.
    browse.goto("/initiatieven/")
    filters = page.get_by_role("search")
    filters.get_by_label("Sorteren").select_option(label="meeste steun eerst")
    browse.follow(filters.get_by_role("button", name="Toon initiatieven"))
    assert results(browse) == ["Moestuin aan de cité", "Bomen langs de Stalenstraat", "Repair Café Winterslag"]
    figures = page.locator(".initiative-cards .initiative-figures").all_inner_texts()
    assert figures[0].startswith("3 steunbetuigingen van de 50 nodig")
    assert figures[1].startswith("1 steunbetuiging van de 50 nodig")

    # Drafts and submissions are not there, not even by their address.
    browse.goto(f"/initiatieven/{Initiative.objects.get(title='Geheime kladversie').pk}/", expect_status=404)


def test_the_lead_invites_and_removes_a_co_initiator_and_another_one_leaves(browse, open_browser, city):
    lead = UserFactory(email="annelies@example.be", display_name="Annelies Jacobs", neighbourhood=city["winterslag"])
    UserFactory(email="mehmet@example.be", display_name="Mehmet Demir")
    lotte = UserFactory(email="lotte@example.be", display_name="Lotte Peeters")
    proposal = in_state(
        S.DRAFT,
        created_by=lead,
        kind=Initiative.Kind.PROPOSAL,
        title="Skatepark in Waterschei",
        city_wide=True,
        neighbourhood=None,
    )
    add_co_initiator(proposal, lotte)
    committee = f"/initiatieven/{proposal.pk}/schrijven/initiatiefnemers/"

    # The lead invites Mehmet by email.
    page = browse.page
    browse.login("annelies@example.be", start=f"/account/login/?next={committee}")
    assert browse.path == committee
    page.get_by_label("E-mailadres van de mede-initiatiefnemer").fill("mehmet@example.be")
    browse.submit("Stuur de uitnodiging")
    assert message(browse) == "We hebben een uitnodiging gestuurd naar mehmet@example.be."
    assert (
        "mehmet@example.be"
        in page.get_by_role("heading", name="Uitnodigingen die nog open staan")
        .locator("xpath=following-sibling::ul[1]")
        .inner_text()
    )

    # Mehmet finds the invitation among his initiatives and accepts.
    mehmet = open_browser()
    mehmet.login("mehmet@example.be", start="/account/login/?next=/initiatieven/mijn/")
    invitations = mehmet.page.get_by_role("region", name="Uitnodigingen voor jou")
    mehmet.follow(invitations.get_by_role("link", name="Skatepark in Waterschei"))
    assert "Annelies Jacobs nodigt je uit" in mehmet.page.locator("main").inner_text()
    mehmet.submit("Ik doe mee")
    assert message(mehmet) == "Welkom in het team van ‘Skatepark in Waterschei’."
    assert mehmet.path == f"/initiatieven/{proposal.pk}/schrijven/idee/"

    # The lead sees him in the team, and removes him with a message.
    browse.goto(committee)
    team = page.locator(".committee").first
    assert "Mehmet Demir – mede-initiatiefnemer" in team.inner_text()
    assert team.get_by_role("link", name="Uit het team stappen").count() == 0
    browse.follow(team.get_by_role("link", name="Uit het team halen Mehmet Demir"))
    assert page.locator("h1").inner_text() == "Mehmet Demir uit het team van ‘Skatepark in Waterschei’ halen"
    assert not page.get_by_role("note").count()  # Lotte stays: the burgervoorstel keeps a co-initiator
    page.get_by_label("Bericht aan Mehmet Demir (niet verplicht)").fill("We zoeken iemand uit Waterschei.")
    browse.submit("Haal Mehmet Demir uit het team")
    assert browse.path == committee
    assert message(browse) == "Mehmet Demir maakt geen deel meer uit van het team en krijgt daarvan bericht."
    assert "Mehmet Demir" not in page.locator(".committee").first.inner_text()

    # Mehmet is told, and the draft is gone from his reach.
    mehmet.goto("/meldingen/")
    assert (
        "Je bent geen mede-initiatiefnemer meer van ‘Skatepark in Waterschei’"
        in mehmet.page.locator("main").inner_text()
    )
    mehmet.goto(f"/initiatieven/{proposal.pk}/schrijven/idee/", expect_status=404)

    # Lotte, the last co-initiator, leaves: she is warned what that means for a burgervoorstel.
    lotte_tab = open_browser()
    lotte_tab.login("lotte@example.be", start=f"/account/login/?next={committee}")
    lotte_page = lotte_tab.page
    lotte_tab.follow(lotte_page.locator(".committee").first.get_by_role("link", name="Uit het team stappen"))
    assert lotte_page.locator("h1").inner_text() == "Uit het team van ‘Skatepark in Waterschei’ stappen"
    assert "minstens één mede-initiatiefnemer" in lotte_page.get_by_role("note").inner_text()
    lotte_tab.submit("Stap uit het team")
    assert lotte_tab.path == "/initiatieven/mijn/"
    assert message(lotte_tab) == "Je maakt geen deel meer uit van het team van ‘Skatepark in Waterschei’."

    # The lead is told, and cannot submit the burgervoorstel alone.
    browse.goto("/meldingen/")
    assert (
        "Lotte Peeters is geen mede-initiatiefnemer meer van ‘Skatepark in Waterschei’"
        in page.locator("main").inner_text()
    )
    browse.goto(f"/initiatieven/{proposal.pk}/schrijven/nakijken/")
    missing = page.locator(".error-summary")
    assert "minstens één mede-initiatiefnemer" in missing.inner_text()
    assert not page.get_by_role("button", name="Dien mijn initiatief in").count()


def test_comment_report_hide_news_and_withdraw(browse, open_browser, city):
    lead = UserFactory(email="annelies@example.be", display_name="Annelies Jacobs", neighbourhood=city["winterslag"])
    UserFactory(email="jos@example.be", display_name="Jos Vanderhoven", neighbourhood=city["winterslag"])
    moderator = DepartmentMembershipFactory(
        user__email="moderator@example.be", department__name="Participatie", department__slug="participatie"
    ).user
    secret = enroll_mfa(moderator)
    initiative = in_state(
        S.COLLECTING, created_by=lead, title="Buurtfeest Winterslag", neighbourhood=city["winterslag"]
    )
    address = initiative.get_absolute_url()

    # A resident comments; an empty comment is explained on its own page.
    jos = open_browser()
    jos.login("jos@example.be", start=f"/account/login/?next={address}")
    comments = jos.page.locator("#reacties")
    assert comments.get_by_role("heading", level=2).inner_text() == "0 reacties"
    jos.submit("Plaats je reactie")
    assert jos.path == f"/initiatieven/{initiative.pk}/reageren/"
    assert jos.page.locator(".error-summary").is_visible()
    jos.page.get_by_label("Je reactie").fill("Koop die muziekinstallatie toch gewoon zelf.")
    jos.submit("Plaats je reactie")
    assert message(jos) == "Je reactie staat online."
    assert jos.page.locator("#reacties h2").inner_text() == "1 reactie"

    # A visitor reports it.
    visitor = open_browser()
    visitor.goto(address)
    visitor.follow(visitor.page.get_by_role("link", name="Melden de reactie van Jos Vanderhoven"))
    assert visitor.page.locator("h1").inner_text() == "Een reactie melden"
    visitor.submit("Meld de reactie")
    assert visitor.page.locator(".error-summary").is_visible()
    visitor.page.get_by_label("Waarom meld je deze reactie?").fill("Dit is onvriendelijk.")
    visitor.submit("Meld de reactie")
    assert message(visitor) == "Bedankt. Een moderator bekijkt de reactie."

    # The moderator hides it with a reason; the page says so and the counter goes down.
    moderation = open_browser()
    moderation.login("moderator@example.be", totp_secret=secret, start="/account/login/?next=/beheer/initiatieven/")
    moderation.goto("/beheer/initiatieven/reacties/")
    reported = moderation.page.locator(".reported-comment")
    assert "Dit is onvriendelijk." in reported.inner_text()
    moderation.follow(reported.get_by_role("link", name="Verbergen (Jos Vanderhoven)"))
    moderation.page.get_by_label("Waarom verberg je deze reactie?").fill("Blijf vriendelijk, ook bij kritiek.")
    moderation.submit("Verberg de reactie")
    assert message(moderation) == "De reactie is verborgen; de auteur krijgt de reden."
    assert moderation.page.get_by_text("Er zijn geen gemelde reacties.").is_visible()
    visitor.goto(address)
    assert visitor.page.locator("#reacties h2").inner_text() == "0 reacties"
    assert visitor.page.locator(".comment-hidden").inner_text() == "Deze reactie werd verborgen door een moderator."

    # The lead posts news, then withdraws the initiative.
    page = browse.page
    browse.login("annelies@example.be", start=f"/account/login/?next={address}")
    browse.follow(page.get_by_role("link", name="Plaats een nieuwsbericht"))
    page.get_by_label("Titel").fill("De datum staat vast")
    page.locator("main").get_by_label("Tekst").fill("Het buurtfeest is op zaterdag 13 juni, vanaf 14 uur.")
    browse.submit("Plaats het nieuwsbericht")
    assert message(browse).startswith("Je nieuwsbericht staat online")
    assert page.locator("#nieuws").get_by_role("heading", name="De datum staat vast").is_visible()
    browse.follow(page.get_by_role("link", name="Initiatief intrekken"))
    assert page.locator("h1").inner_text() == "‘Buurtfeest Winterslag’ intrekken"
    page.get_by_label("Waarom trek je het in? (niet verplicht)").fill("We vonden geen zaal.")
    browse.submit("Trek het initiatief in")
    assert message(browse) == "Je initiatief is ingetrokken."
    visitor.goto(address)
    notice = visitor.page.locator(".notice")
    assert "De initiatiefnemers hebben dit initiatief ingetrokken op" in notice.inner_text()
    assert "We vonden geen zaal." in notice.inner_text()
    assert not visitor.page.get_by_role("button", name="Ik steun dit initiatief").count()


def test_the_lead_hands_the_initiative_over_to_a_co_initiator(browse, open_browser, city):
    lead = UserFactory(email="annelies@example.be", display_name="Annelies Jacobs", neighbourhood=city["winterslag"])
    successor = UserFactory(email="mehmet@example.be", display_name="Mehmet Demir")
    initiative = in_state(S.COLLECTING, created_by=lead, title="Repair Café Winterslag")
    add_co_initiator(initiative, successor)
    committee = f"/initiatieven/{initiative.pk}/initiatiefnemers/"

    page = browse.page
    browse.login("annelies@example.be", start=f"/account/login/?next={committee}")
    team = page.locator(".committee").first
    browse.follow(team.get_by_role("link", name="Maak initiatiefnemer Mehmet Demir"))
    assert page.locator("h1").inner_text() == "‘Repair Café Winterslag’ overdragen aan Mehmet Demir"
    page.get_by_label("Bericht aan Mehmet Demir (niet verplicht)").fill("Ik verhuis; jij kent de buurt het best.")
    browse.submit("Draag over aan Mehmet Demir")
    assert browse.path == committee
    assert message(browse) == (
        "Mehmet Demir is nu de initiatiefnemer en krijgt daarvan bericht. Jij blijft mede-initiatiefnemer."
    )
    team_text = page.locator(".committee").first.inner_text()
    assert "Mehmet Demir – initiatiefnemer" in team_text
    assert "Annelies Jacobs – mede-initiatiefnemer" in team_text
    assert page.get_by_role("link", name="Maak initiatiefnemer Mehmet Demir").count() == 0

    # Mehmet is told, and now manages the team and may withdraw.
    mehmet = open_browser()
    mehmet.login("mehmet@example.be", start="/account/login/?next=/meldingen/")
    assert "Annelies Jacobs draagt ‘Repair Café Winterslag’ aan jou over" in mehmet.page.locator("main").inner_text()
    mehmet.goto(initiative.get_absolute_url())
    assert mehmet.page.get_by_role("link", name="Initiatief intrekken").count() == 1
    mehmet.goto(committee)
    assert mehmet.page.get_by_role("link", name="Maak initiatiefnemer Annelies Jacobs").count() == 1

"""Advisory councils in a real browser, every page checked with axe-core.

One meeting from plan to public record: the secretary (a civil servant who signs in with a TOTP
code) plans it and builds the agenda with documents, one item confidential; the invitations
go out with an iCalendar attachment; a member answers and remarks without JavaScript; the
secretary records attendance (quorum), a vote and the minutes (sent for remarks, approved,
published) and drafts advice from the agenda item; the responsible civil servant records the
city's answer; a visitor follows it all on the public pages but never sees the confidential
item nor gets its document.
"""

import re
from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from participation.councils.models import Advice, AgendaDocument, CouncilMembership, Meeting
from tests.councils.factories import (
    PDF,
    MembershipFactory,
)
from tests.factories import (
    CouncilFactory,
    DepartmentFactory,
    DepartmentMembershipFactory,
    UserFactory,
    enroll_mfa,
)

pytestmark = pytest.mark.browser

Role = CouncilMembership.Role


def named(text: str) -> re.Pattern:
    """A form label or legend as rendered: the text, Django's label suffix ':' and, in a group's
    accessible name, the stylesheet's required-field marker ' *'."""
    return re.compile(rf"^{re.escape(text)}:?( \*)?$")


def about(action: str, title: str) -> re.Pattern:
    """A link or button whose visible text names the action and whose visually hidden rest names
    the item: "Stemming registreren — Zitbanken" (a dash, so no colon stands apart when Chromium
    puts a space before the hidden part)."""
    return re.compile(rf"^{re.escape(action)}\s+— {re.escape(title)}$")


def message(browse) -> str:
    return browse.page.locator(".messages").inner_text()


def fill_group(page, legend: str, choice: str):
    """Tick `choice` in the radio group (fieldset) whose legend is `legend`."""
    page.locator("main").get_by_role("group", name=named(legend)).get_by_label(choice, exact=True).check()


@pytest.fixture
def people(db):
    department = DepartmentFactory(name="Welzijn en Zorg", slug="welzijn")
    council = CouncilFactory(
        name="Seniorenraad",
        slug="seniorenraad",
        department=department,
        email="seniorenraad@genk.be",
        mission="Advies over alles wat senioren aanbelangt.",
        quorum_percentage=50,
    )
    secretary = UserFactory(email="sofie.secretaris@genk.be", display_name="Sofie Secretaris")
    DepartmentMembershipFactory(user=secretary, department=department)
    MembershipFactory(council=council, user=secretary, role=Role.SECRETARY)
    chair = MembershipFactory(
        council=council, role=Role.CHAIR, user=UserFactory(email="maria@example.be", display_name="Maria Voorzitter")
    ).user
    member = MembershipFactory(
        council=council, user=UserFactory(email="giuseppe@example.be", display_name="Giuseppe Lid")
    ).user
    other_member = MembershipFactory(
        council=council, user=UserFactory(email="hasan@example.be", display_name="Hasan Lid")
    ).user
    handler = UserFactory(email="ilse.beleid@genk.be", display_name="Ilse Beleid")
    DepartmentMembershipFactory(user=handler, department=department)
    resident = UserFactory(email="buur@example.be", display_name="Buurvrouw Els")
    return {
        "council": council,
        "secretary": secretary,
        "secretary_totp": enroll_mfa(secretary),
        "chair": chair,
        "member": member,
        "other_member": other_member,
        "handler": handler,
        "handler_totp": enroll_mfa(handler),
        "resident": resident,
    }


def add_item(browse, title: str, description: str, purpose: str, *, confidential: bool = False):
    form = browse.page.get_by_role("region", name="Punt toevoegen")
    form.get_by_label(named("Titel")).fill(title)
    form.get_by_label(named("Toelichting")).fill(description)
    form.get_by_label(purpose, exact=True).check()
    if confidential:
        form.get_by_label(named("Vertrouwelijk")).check()
    browse.submit("Op de agenda zetten")
    assert message(browse) == "Het punt staat op de agenda."


def upload(browse, item_title: str, title: str, filename: str):
    page = browse.page
    browse.follow(page.locator("main").get_by_role("link", name=about("Bewerken en documenten", item_title)))
    page.get_by_label(named("Titel van het document")).fill(title)
    page.get_by_label(named("Bestand")).set_input_files(
        {"name": filename, "mimeType": "application/pdf", "buffer": PDF}
    )
    browse.submit("Document opladen")
    assert message(browse) == "Het document is toegevoegd."
    assert page.locator("main .council-documents").get_by_role("link", name=title).is_visible()


def test_a_meeting_from_plan_to_public_record(browse, open_browser, people, mailoutbox):
    council, secretary, member = people["council"], people["secretary"], people["member"]
    page = browse.page
    main = page.locator("main")

    # The secretary signs in with a TOTP code and plans the meeting.
    browse.login(secretary.email, totp_secret=people["secretary_totp"])
    browse.goto("/beheer/adviesraden/")
    browse.follow(page.get_by_role("region", name="Raden die je beheert").get_by_role("link", name="Seniorenraad"))
    browse.follow(main.get_by_role("link", name="Vergadering plannen"))
    day = timezone.localdate() + timedelta(days=14)
    page.get_by_label(named("Titel")).fill("Voorjaarsvergadering")
    page.get_by_label(named("Datum")).fill((timezone.localdate() - timedelta(days=1)).isoformat())
    page.get_by_label(named("Zaal of adres")).fill("Raadzaal, Stadhuis Genk")
    browse.submit("Vergadering plannen")
    # A day in the past: the error summary says so, the input is kept.
    assert "Plan een vergadering in de toekomst." in page.locator(".error-summary").inner_text()
    assert page.get_by_label(named("Titel")).input_value() == "Voorjaarsvergadering"
    page.get_by_label(named("Datum")).fill(day.isoformat())
    browse.submit("Vergadering plannen")
    assert message(browse) == "De vergadering is gepland. Stel nu de agenda op."
    meeting = Meeting.objects.get(council=council)
    assert browse.path == f"/beheer/adviesraden/vergadering/{meeting.pk}/"
    assert main.locator("h1").inner_text() == "Voorjaarsvergadering"
    staff_meeting = browse.path

    # The agenda: for decision, for information, and a confidential item; two documents.
    add_item(browse, "Zitbanken op de wandelroutes", "Voorstel van de werkgroep mobiliteit.", "ter beslissing")
    add_item(browse, "Week van de senior", "Het programma van oktober.", "ter informatie")
    add_item(browse, "Kandidaturen werkgroep", "Twee kandidaten.", "ter beslissing", confidential=True)
    agenda = main.locator(".council-agenda-builder")
    assert [" ".join(h.split()) for h in agenda.locator(":scope > li > h3").all_inner_texts()] == [
        "Zitbanken op de wandelroutes ter beslissing",
        "Week van de senior ter informatie",
        "Kandidaturen werkgroep ter beslissing vertrouwelijk",
    ]
    upload(browse, "Zitbanken op de wandelroutes", "Nota zitbanken", "nota-zitbanken.pdf")
    browse.goto(staff_meeting)
    upload(browse, "Kandidaturen werkgroep", "Lijst van kandidaten", "kandidaten.pdf")
    public_document = AgendaDocument.objects.get(title="Nota zitbanken")
    confidential_document = AgendaDocument.objects.get(title="Lijst van kandidaten")
    assert confidential_document.confidential

    # The invitations: one email per member, with the meeting as an iCalendar attachment.
    browse.goto(staff_meeting)
    browse.submit("Uitnodigingen versturen")
    assert message(browse) == "De uitnodigingen worden verstuurd, met de vergadering als kalenderbestand."
    invitations = {m.to[0]: m for m in mailoutbox if m.subject.startswith("[Samen Genk] Uitnodiging")}
    assert set(invitations) == {
        secretary.email,
        people["chair"].email,
        member.email,
        people["other_member"].email,
    }
    invitation = invitations[member.email]
    assert invitation.subject == "[Samen Genk] Uitnodiging: Seniorenraad, Voorjaarsvergadering"
    [(filename, content, mimetype)] = [a for a in invitation.attachments if a[0].endswith(".ics")]
    assert filename == "uitnodiging.ics" and "method=REQUEST" in mimetype
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar["METHOD"] == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == f"adviesraad-vergadering-{meeting.pk}@samen.genk.be"
    assert event["SEQUENCE"] == 0
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert event.decoded("DTSTART").date() == day and event.decoded("DTSTART").strftime("%H:%M") == "19:30"
    assert str(event["ATTENDEE"]) == f"mailto:{member.email}"

    member_tab = open_browser(javascript=False)
    # A member answers the invitation without JavaScript, and sees (and gets) the confidential document.
    member_page = member_tab.page
    member_tab.login(member.email)
    member_tab.goto("/adviesraden/mijn-vergaderingen/")
    member_tab.follow(member_page.locator("main table").get_by_role("link").first)
    assert member_tab.path == meeting.get_absolute_url()
    assert member_page.get_by_role("heading", name="Kandidaturen werkgroep").is_visible()
    assert member_page.get_by_role("link", name="Lijst van kandidaten").is_visible()
    response = member_page.request.get(confidential_document.get_absolute_url(), max_redirects=0)
    assert response.status == 200 and response.body() == PDF
    member_page.get_by_label("Ja, ik kom", exact=True).check()
    member_tab.submit("Antwoord versturen")
    assert message(member_tab) == "Je antwoord is genoteerd: ik kom."
    assert "Je antwoord: ik kom." in member_page.get_by_role("region", name="Jouw antwoord").inner_text()

    # The meeting takes place (an hour ago): the secretary records attendance and quorum.
    start = timezone.now().replace(microsecond=0) - timedelta(hours=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=2), rsvp_deadline=start - timedelta(days=1)
    )
    browse.goto(staff_meeting)
    browse.follow(main.get_by_role("link", name="Aanwezigheden registreren"))
    assert "3 stemgerechtigde leden; het quorum is 2." in main.inner_text()
    fill_group(page, "Maria Voorzitter", "aanwezig")
    fill_group(page, "Giuseppe Lid", "aanwezig")
    fill_group(page, "Hasan Lid", "verontschuldigd")
    fill_group(page, "Sofie Secretaris (secretaris, niet stemgerechtigd)", "aanwezig")
    browse.submit("Aanwezigheden bewaren")
    assert message(browse) == "De aanwezigheden zijn bewaard. Het quorum is bereikt."
    assert "bereikt (2 van 3 stemgerechtigden aanwezig, 2 nodig)" in main.locator(".council-facts").inner_text()

    # A public vote on the item for decision: only present voting members can vote.
    browse.follow(main.get_by_role("link", name=about("Stemming registreren", "Zitbanken op de wandelroutes")))
    assert "Quorum bereikt." in main.locator(".council-quorum").inner_text()
    assert not main.get_by_role("group", name="Hasan Lid").count()
    page.get_by_label(named("Voorstel waarover gestemd wordt")).fill(
        "De raad vraagt extra zitbanken op de wandelroutes"
    )
    fill_group(page, "Maria Voorzitter", "voor")
    fill_group(page, "Giuseppe Lid", "voor")
    browse.submit("Stemming registreren")
    assert message(browse) == "De stemming is geregistreerd: aangenomen (2 voor, 0 tegen, 0 onthoudingen)."

    # The minutes: written, sent to the members for remarks.
    browse.submit("Vergadering gehouden")
    assert message(browse) == "De vergadering is als gehouden geregistreerd."
    browse.submit("Verslag beginnen")
    assert browse.path == f"/beheer/adviesraden/vergadering/{meeting.pk}/verslag/"
    page.get_by_label(named("Opening")).fill("De voorzitter verwelkomt de leden. De agenda wordt goedgekeurd.")
    page.get_by_label(named("Verslag bij punt 1: Zitbanken op de wandelroutes")).fill(
        "De werkgroep stelt tien extra zitbanken voor langs de wandelroutes."
    )
    page.get_by_label(named("Besluit bij punt 1")).fill("De raad geeft een gunstig advies.")
    page.get_by_label(named("Verslag bij punt 3: Kandidaturen werkgroep (vertrouwelijk)")).fill(
        "Besproken: de kandidatuur van Jan Peeters."
    )
    browse.submit("Verslag bewaren")
    assert message(browse) == "Het verslag is bewaard."
    browse.follow(main.get_by_role("link", name="Naar de leden sturen voor opmerkingen"))
    browse.submit("Naar de leden sturen")
    assert message(browse) == "Het ontwerpverslag is naar de leden gestuurd voor opmerkingen."

    # The member reads the draft (confidential item included) and remarks, still without JavaScript.
    member_tab.goto(meeting.get_absolute_url())
    assert "Ontwerpverslag: de leden kunnen opmerkingen geven" in member_page.locator("#verslag").inner_text()
    assert member_page.get_by_text("Besproken: de kandidatuur van Jan Peeters.").is_visible()
    member_page.get_by_label(named("Je opmerking op het ontwerpverslag")).fill("Het waren twaalf zitbanken, niet tien.")
    member_tab.submit("Opmerking versturen")
    assert message(member_tab) == "Je opmerking is bezorgd aan het secretariaat."

    # The secretary sees the remark, approves the minutes and publishes them.
    browse.goto(f"/beheer/adviesraden/vergadering/{meeting.pk}/verslag/")
    assert main.get_by_text("Het waren twaalf zitbanken, niet tien.").is_visible()
    browse.goto(staff_meeting)
    browse.follow(main.get_by_role("link", name="Verslag goedgekeurd"))
    browse.submit("Verslag goedkeuren")
    assert message(browse) == "Het verslag is goedgekeurd. Publiceer het om het openbaar te maken."
    browse.submit("Verslag publiceren")
    assert message(browse) == "Het verslag is gepubliceerd."

    # Advice from the agenda item, approved by the vote, sent to the city with a deadline.
    browse.follow(main.get_by_role("link", name="Advies opstellen over: Zitbanken op de wandelroutes"))
    assert page.get_by_label(named("Titel")).input_value() == "Zitbanken op de wandelroutes"
    page.get_by_label(named("Samenvatting")).fill("Tien extra zitbanken langs de wandelroutes, vooral in Bokrijk.")
    page.get_by_label(named("Advies")).fill("De seniorenraad vraagt de stad tien extra zitbanken te plaatsen.")
    page.get_by_label(named("Verantwoordelijke medewerker")).select_option(label="Ilse Beleid (ilse.beleid@genk.be)")
    browse.submit("Ontwerp bewaren")
    assert message(browse) == "Het ontwerpadvies is bewaard. Laat de raad erover stemmen en keur het dan goed."
    advice = Advice.objects.get(council=council)
    assert page.get_by_label(named("Stemming waarbij de raad het advies goedkeurde")).input_value() == str(
        meeting.items.get(position=1).votes.get().pk
    )
    browse.submit("Advies goedkeuren")
    assert message(browse) == "Het advies is goedgekeurd. Bezorg het nu aan de stad."
    browse.submit("Advies bezorgen aan de stad")
    due = timezone.localdate() + timedelta(days=council.answer_days)
    assert message(browse) == f"Het advies is bezorgd aan de stad. Antwoord verwacht tegen {due:%d-%m-%Y}."

    # The responsible civil servant records the city's answer.
    handler_tab = open_browser()
    handler_page = handler_tab.page
    handler_tab.login(people["handler"].email, totp_secret=people["handler_totp"])
    handler_tab.goto("/beheer/adviesraden/")
    to_answer = handler_page.get_by_role("region", name="Adviezen die de stad moet beantwoorden")
    handler_tab.follow(to_answer.get_by_role("link", name="Zitbanken op de wandelroutes"))
    answer = handler_page.get_by_role("region", name="Antwoord van de stad registreren")
    answer.get_by_label("gedeeltelijk gevolgd", exact=True).check()
    answer.get_by_label(named("Antwoord en redenen")).fill("Er komen zes zitbanken dit jaar, de rest volgend jaar.")
    handler_tab.submit("Antwoord registreren")
    assert message(handler_tab) == "Het antwoord van de stad is geregistreerd en staat bij het advies."
    assert handler_tab.path == advice.get_absolute_url()

    # A visitor follows it all, without the confidential item.
    visitor = open_browser()
    visitor_page = visitor.page
    visitor_main = visitor_page.locator("main")
    visitor.goto(council.get_absolute_url())
    advice_section = visitor_page.get_by_role("region", name="Adviezen en antwoorden van de stad")
    assert "Zitbanken op de wandelroutes" in advice_section.inner_text()
    assert "gedeeltelijk gevolgd" in advice_section.inner_text()
    visitor.follow(advice_section.get_by_role("link", name="Zitbanken op de wandelroutes"))
    answer_text = visitor_page.get_by_role("region", name="Antwoord van de stad").inner_text()
    assert "Gedeeltelijk gevolgd" in answer_text and "binnen de termijn" in answer_text
    assert "Er komen zes zitbanken dit jaar, de rest volgend jaar." in answer_text
    assert "2 voor, 0 tegen, 0 onthoudingen" in visitor_main.inner_text()

    visitor.follow(visitor_main.get_by_role("link", name="Voorjaarsvergadering"))
    assert visitor.path == f"{meeting.get_absolute_url()}#punt-{meeting.items.get(position=1).pk}"
    text = visitor_main.inner_text()
    assert "Quorum bereikt." in text and "2 van de 3 stemgerechtigde leden aanwezig" in text
    assert "De werkgroep stelt tien extra zitbanken voor langs de wandelroutes." in text
    assert "De raad geeft een gunstig advies." in text
    assert "Stemming: De raad vraagt extra zitbanken op de wandelroutes" in text and "aangenomen" in text
    assert "De voorzitter verwelkomt de leden." in text
    assert "Er is ook 1 vertrouwelijk punt, alleen zichtbaar voor de leden." in text
    for secret in ("Kandidaturen werkgroep", "Jan Peeters", "Lijst van kandidaten", "Het waren twaalf"):
        assert secret not in text
    assert visitor_main.get_by_role("link", name="Nota zitbanken").is_visible()
    assert not visitor_page.locator(f'a[href="{confidential_document.get_absolute_url()}"]').count()

    # The files: the public document downloads, the confidential one sends a visitor to the login form.
    response = visitor_page.request.get(public_document.get_absolute_url(), max_redirects=0)
    assert response.status == 200 and response.headers["content-type"].startswith("application/pdf")
    response = visitor_page.request.get(confidential_document.get_absolute_url(), max_redirects=0)
    assert response.status == 302
    assert response.headers["location"].startswith("/account/login/?next=/adviesraden/document/")
    visitor.goto(confidential_document.get_absolute_url())
    assert visitor.path.startswith("/account/login/")

    # Signed in, a resident who is not a member gets a 403 with the reason, never the file.
    visitor.login(people["resident"].email, start=None)
    assert visitor.path == confidential_document.get_absolute_url()  # back after the login: refused
    assert visitor_page.locator("h1").inner_text() == "Geen toegang"
    assert "Dit document is alleen voor de leden van de raad." in visitor_main.inner_text()
    response = visitor_page.request.get(confidential_document.get_absolute_url(), max_redirects=0)
    assert response.status == 403 and PDF not in response.body()

"""The foundation's main journeys in a real browser, each page checked with axe-core."""

import json
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress

from genk.accounts.models import User
from tests.browser.conftest import totp_code
from tests.factories import DepartmentMembershipFactory, NeighbourhoodFactory, UserFactory, enroll_mfa

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Winterslag-2026!"


def test_home_page_with_footer_links_to_privacy_and_accessibility(browse):
    browse.goto("/")
    page = browse.page
    assert page.locator("h1").inner_text() == "Samen Genk"
    assert page.get_by_role("heading", name="De 31 wijken van Genk").is_visible()
    assert page.locator("html").get_attribute("lang") == "nl"

    footer = page.get_by_role("navigation", name="Voettekst")
    browse.follow(footer.get_by_role("link", name="Toegankelijkheidsverklaring"))
    assert browse.path == "/toegankelijkheid/"
    assert page.locator("h1").inner_text() == "Toegankelijkheidsverklaring"
    assert page.get_by_role("heading", name="Handhavingsprocedure").is_visible()

    browse.follow(footer.get_by_role("link", name="Privacy"))
    assert browse.path == "/privacy/"
    assert page.locator("h1").inner_text() == "Privacyverklaring"
    assert page.get_by_role("link", name="Download mijn gegevens").is_visible()


def test_signup_verify_email_then_log_out_and_in(browse, mailoutbox):
    page = browse.page
    browse.goto("/")
    browse.follow(page.get_by_role("navigation", name="Account").get_by_role("link", name="Account maken"))
    assert browse.path == "/account/signup/"

    # A mismatching confirmation: the error summary explains, the email address is kept.
    page.locator("main input[name=email]").fill("leen.peeters@example.be")
    page.locator("main input[name=password1]").fill(NEW_PASSWORD)
    page.locator("main input[name=password2]").fill("iets-anders-2026")
    browse.submit()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.get_by_role("heading").inner_text() == "Er is iets niet in orde"
    assert page.locator("main input[name=email]").input_value() == "leen.peeters@example.be"
    assert not User.objects.filter(email="leen.peeters@example.be").exists()
    # Each error in the summary links to its field.
    first_error = summary.get_by_role("link").first
    target = first_error.get_attribute("href")
    assert target.startswith("#id_") and page.locator(target).count() == 1

    page.locator("main input[name=password1]").fill(NEW_PASSWORD)
    page.locator("main input[name=password2]").fill(NEW_PASSWORD)
    browse.submit()
    assert browse.path == "/account/confirm-email/"
    assert "e-mailadres" in page.locator("h1").inner_text().lower()
    user = User.objects.get(email="leen.peeters@example.be")
    assert not EmailAddress.objects.get(user=user).verified

    # Logging in before verifying stops at the same "verify your email" page.
    browse.login("leen.peeters@example.be", NEW_PASSWORD)
    assert browse.path == "/account/confirm-email/"
    assert not page.get_by_role("link", name="Mijn profiel").count()

    # The link in the email confirms the address.
    [message] = [m for m in mailoutbox if "leen.peeters@example.be" in m.to]
    link = re.search(r"https?://[^/\s]+(/account/confirm-email/\S+/)", message.body).group(1)
    browse.goto(link)
    browse.submit()
    assert EmailAddress.objects.get(user=user).verified

    # Sign out (allauth asks to confirm), then sign in with the verified address.
    if page.get_by_role("link", name="Afmelden").count():
        browse.follow(page.get_by_role("link", name="Afmelden"))
        browse.submit()
    assert page.get_by_role("link", name="Aanmelden").count()
    browse.login("leen.peeters@example.be", NEW_PASSWORD)
    # A new account has no display name yet: the portal asks for one first.
    assert browse.path == "/profiel/"
    assert page.get_by_role("navigation", name="Account").get_by_role("link", name="Mijn profiel").is_visible()


def test_profile_saves_name_neighbourhood_and_birth_year(browse):
    winterslag = NeighbourhoodFactory(name="Winterslag", slug="winterslag")
    NeighbourhoodFactory(name="Waterschei", slug="waterschei")
    resident = UserFactory(email="fatma@example.be", display_name="Fatma")
    page = browse.page
    browse.login("fatma@example.be")
    browse.follow(page.get_by_role("link", name="Mijn profiel"))
    assert browse.path == "/profiel/"

    page.get_by_label("Schermnaam").fill("Fatma Y.")
    page.get_by_label("Wijk").select_option(label="Winterslag")
    page.get_by_label("Geboortejaar").fill("1979")
    browse.submit("Bewaren")
    assert page.locator(".message-success").inner_text() == "Je profiel is bewaard."
    assert page.get_by_label("Schermnaam").input_value() == "Fatma Y."
    resident.refresh_from_db()
    assert (resident.display_name, resident.neighbourhood, resident.year_of_birth) == ("Fatma Y.", winterslag, 1979)

    # An impossible year: an error summary, the other input kept.
    page.get_by_label("Schermnaam").fill("Fatma Yilmaz")
    page.get_by_label("Geboortejaar").fill("1850")
    browse.submit("Bewaren")
    assert page.locator(".error-summary").is_visible()
    assert page.get_by_label("Schermnaam").input_value() == "Fatma Yilmaz"


def test_my_data_page_and_json_download(browse):
    UserFactory(email="jos@example.be", display_name="Jos")
    page = browse.page
    browse.login("jos@example.be")
    browse.goto("/profiel/")
    browse.follow(page.locator("main").get_by_role("link", name="Download mijn gegevens"))
    assert browse.path == "/profiel/mijn-gegevens/"
    assert page.locator("h1").inner_text() == "Mijn gegevens"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download mijn gegevens (JSON)").click()
    download = download_info.value
    assert re.fullmatch(r"samen-genk-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["account"]["email"] == "jos@example.be"
    assert data["account"]["display_name"] == "Jos"
    assert {"email": "jos@example.be", "verified": True, "primary": True} in data["email_addresses"]


def test_civil_servant_signs_in_with_totp_and_reaches_the_staff_dashboard(browse):
    user = DepartmentMembershipFactory(user__email="an.medewerker@example.be", user__display_name="An").user
    secret = enroll_mfa(user)
    page = browse.page
    browse.goto("/beheer/", expect_status=200)  # anonymous: redirected to the login form
    assert browse.path.startswith("/account/login/?next=/beheer/")
    browse.login("an.medewerker@example.be", totp_secret=secret, start=None)
    assert browse.path == "/beheer/"
    assert page.locator("h1").inner_text() == "Beheer"
    assert page.get_by_role("navigation", name="Account").get_by_role("link", name="Beheer").is_visible()


def test_civil_servant_without_mfa_must_set_it_up_before_the_dashboard(browse):
    user = DepartmentMembershipFactory(user__email="piet.medewerker@example.be").user
    page = browse.page
    browse.login("piet.medewerker@example.be")
    browse.goto("/beheer/")
    assert "tweestapsverificatie" in page.locator(".message-warning").inner_text().lower()
    # allauth asks for the password again before security settings change, then shows the set-up page.
    if browse.path.startswith("/account/reauthenticate/"):
        assert "next=%2Faccount%2F2fa%2Ftotp%2Factivate%2F" in browse.path
        page.locator("main input[name=password]").fill("een-sterk-wachtwoord")
        browse.submit()
    assert browse.path.startswith("/account/2fa/totp/activate/")

    # Set it up as an authenticator app would: from the secret shown on the page.
    secret_input = page.locator("main #authenticator_secret")
    assert secret_input.is_editable() is False and secret_input.is_enabled()  # read-only, so it can be copied
    assert secret_input.get_attribute("aria-describedby") == "authenticator_secret_helptext"
    secret = secret_input.input_value()
    page.locator("main input[name=code]").fill(totp_code(secret))
    browse.submit()
    user.refresh_from_db()
    assert user.has_mfa
    browse.goto("/beheer/")
    assert browse.path == "/beheer/"
    assert page.locator("h1").inner_text() == "Beheer"


def test_neighbourhood_map_links_to_a_neighbourhood_page(browse):
    from neighbourhoods.services import load_example_districts, load_neighbourhoods

    load_neighbourhoods()
    load_example_districts()
    page = browse.page
    browse.goto("/wijken/")
    wijk_links = page.locator("main svg a")
    assert wijk_links.count() == 31
    link = wijk_links.nth(0)
    href = link.get_attribute("href") or link.get_attribute("xlink:href")
    slug = href.strip("/").split("/")[-1]
    browse.follow(link)
    assert browse.path == f"/wijken/{slug}/"
    from neighbourhoods.models import Neighbourhood

    assert page.locator("h1").inner_text().strip() == Neighbourhood.objects.get(slug=slug).name


def test_neighbourhood_page_shows_its_district_and_map(browse):
    from neighbourhoods.models import Neighbourhood
    from neighbourhoods.services import load_example_districts, load_neighbourhoods

    load_neighbourhoods()
    load_example_districts()
    wijk = Neighbourhood.objects.select_related("district").order_by("name").first()
    page = browse.page
    browse.goto(f"/wijken/{wijk.slug}/")
    assert page.locator("h1").inner_text().strip() == wijk.name
    assert page.locator("main").get_by_text(wijk.district.name).first.is_visible()
    assert page.locator("main svg").count() >= 1


@pytest.mark.parametrize("path", ["/", "/account/signup/", "/account/login/", "/toegankelijkheid/", "/profiel/"])
def test_pages_fit_a_320_px_screen(browse, path):
    UserFactory(email="smal@example.be")
    page = browse.page
    page.set_viewport_size({"width": 320, "height": 640})
    if path == "/profiel/":
        browse.login("smal@example.be")
    browse.goto(path)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"{path} scrolls horizontally at 320 px ({scroll_width} px wide)"


def test_keyboard_reaches_the_skip_link_first_and_focus_is_visible(browse):
    browse.goto("/")
    page = browse.page
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "(() => { const el = document.activeElement; const box = el.getBoundingClientRect();"
        " const style = getComputedStyle(el);"
        " return {cls: el.className, href: el.getAttribute('href'), top: box.top, bottom: box.bottom,"
        " outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth)}; })()"
    )
    assert focused["cls"] == "skip-link" and focused["href"] == "#inhoud"
    assert focused["top"] >= 0 and focused["bottom"] > focused["top"], "the skip link is off screen when focused"
    assert focused["outline"] != "none" and focused["outlineWidth"] >= 2
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"

    # Every following stop shows a focus indicator too.
    stops = 0
    while True:
        page.keyboard.press("Tab")
        tag, outline, shadow = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [document.activeElement.tagName, s.outlineStyle, s.boxShadow]; })()"
        )
        if tag == "BODY" or stops > 40:  # past the last element of the page
            break
        stops += 1
        assert outline != "none" or shadow != "none", f"no visible focus on {tag} (stop {stops})"
    assert stops >= 5


def test_language_switch_to_english_marks_the_translation(browse):
    browse.goto("/toegankelijkheid/")
    page = browse.page
    page.get_by_label("Taal").select_option("en")
    browse.follow(page.get_by_role("button", name="Kies"))
    assert browse.path == "/toegankelijkheid/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".translation-notice").is_visible()
    # Back to Dutch: the notice goes away.
    page.locator("#language-select").select_option("nl")
    browse.follow(page.locator(".language-form button"))
    assert page.locator("html").get_attribute("lang") == "nl"
    assert not page.locator(".translation-notice").count()


def test_account_pages_notifications_and_error_pages(browse):
    from genk.core.models import Notification

    user = UserFactory(email="mira@example.be", display_name="Mira")
    Notification.objects.create(recipient=user, kind="account.welcome", subject="Welkom bij Samen Genk", body="Fijn.")
    page = browse.page
    browse.login("mira@example.be")
    browse.goto("/meldingen/")
    assert page.get_by_role("heading", name="Welkom bij Samen Genk").is_visible()
    browse.submit("Alles als gelezen markeren")
    assert not page.locator(".notification-list .unread").count()
    for path in ("/account/email/", "/account/password/change/", "/account/2fa/"):
        browse.goto(path)
        assert page.locator("h1").count() == 1, path
    browse.goto("/beheer/", expect_status=403)
    assert page.locator("h1").inner_text() == "Geen toegang"
    assert "alleen voor medewerkers" in page.locator("main").inner_text()
    browse.goto("/bestaat-niet/", expect_status=404)
    assert page.locator("h1").inner_text() == "Pagina niet gevonden"


def test_password_reset_request(browse, mailoutbox):
    UserFactory(email="vergeten@example.be")
    page = browse.page
    browse.goto("/account/login/")
    browse.follow(page.locator("main").get_by_role("link", name=re.compile("wachtwoord", re.I)).first)
    assert browse.path == "/account/password/reset/"
    page.locator("main input[name=email]").fill("vergeten@example.be")
    browse.submit()
    assert browse.path == "/account/password/reset/done/"
    assert [m.to for m in mailoutbox] == [["vergeten@example.be"]]


def test_delete_account_asks_for_confirmation_then_erases(browse):
    user = UserFactory(email="weg@example.be", display_name="Weg")
    page = browse.page
    browse.login("weg@example.be")
    browse.goto("/profiel/verwijderen/")
    page.get_by_label("Typ VERWIJDEREN om te bevestigen").fill("ja")
    browse.submit("Mijn account definitief verwijderen")
    assert page.locator(".error-summary").is_visible()
    page.get_by_label("Typ VERWIJDEREN om te bevestigen").fill("VERWIJDEREN")
    browse.submit("Mijn account definitief verwijderen")
    assert browse.path == "/"
    assert "Je account is verwijderd" in page.locator(".messages").inner_text()
    user.refresh_from_db()
    assert user.email != "weg@example.be"


def test_staff_audit_log(browse):
    user = DepartmentMembershipFactory(user__email="audit@example.be").user
    secret = enroll_mfa(user)
    browse.login("audit@example.be", totp_secret=secret)
    browse.goto("/beheer/auditlog/")
    page = browse.page
    assert page.locator("h1").inner_text() == "Auditlog"
    page.get_by_label("Handeling begint met").fill("accounts")
    browse.submit("Filter")
    assert "handeling=accounts" in browse.path

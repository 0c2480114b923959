"""The agenda in a real browser, every page checked with axe-core.

A civil servant of the organising department (signing in with a TOTP code) writes an
activity with one place and publishes it; a resident registers; a second resident, without
JavaScript, ends on the waiting list; the first cancels and the second gets the seat; the
organiser marks attendance. A visitor filters the agenda without JavaScript.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from neighbourhoods.agenda.models import Activity, Registration
from tests.agenda.factories import ActivityFactory
from tests.factories import (
    DepartmentFactory,
    DepartmentMembershipFactory,
    NeighbourhoodFactory,
    UserFactory,
    enroll_mfa,
)

pytestmark = pytest.mark.browser


def message(browse) -> str:
    return browse.page.locator(".messages").inner_text()


def test_publish_register_waiting_list_promotion_and_attendance(open_browser):
    culture = DepartmentFactory(name="Cultuur", slug="cultuur")
    organiser = UserFactory(email="sofie.cultuur@genk.be", display_name="Sofie Claes")
    DepartmentMembershipFactory(user=organiser, department=culture)
    secret = enroll_mfa(organiser)
    NeighbourhoodFactory(name="Winterslag", slug="winterslag")
    UserFactory(email="fatma@example.be", display_name="Fatma Yilmaz")
    UserFactory(email="jos@example.be", display_name="Jos Vanderhoven")

    # The organiser writes and publishes the activity.
    staff = open_browser()
    staff.login("sofie.cultuur@genk.be", totp_secret=secret)
    staff.goto("/agenda/organiseren/")
    staff.follow(staff.page.locator("main").get_by_role("link", name="Nieuwe activiteit"))
    page = staff.page
    start = (timezone.localtime() + timedelta(days=8)).replace(hour=19, minute=0)
    page.locator("main [name=title]").fill("Voorleesavond in de bib")
    page.locator("main [name=description]").fill("Verhalen voor jong en oud.")
    page.locator("main [name=address]").fill("Dieplaan 2, 3600 Genk")
    page.locator("main [name=starts_at]").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.locator("main [name=ends_at]").fill((start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("main [name=registration_enabled]").check()
    page.locator("main [name=capacity]").fill("1")
    staff.submit("Bewaren")
    assert "bewaard als ontwerp" in message(staff)
    staff.submit("Publiceren")
    assert "staat in de agenda" in message(staff)
    activity = Activity.objects.get()
    assert activity.status == Activity.Status.PUBLISHED

    # A resident finds it and registers.
    fatma = open_browser()
    fatma.goto("/agenda/")
    fatma.follow(fatma.page.locator("main").get_by_role("link", name="Voorleesavond in de bib"))
    fatma.follow(fatma.page.locator("main").get_by_role("link", name="Log in om in te schrijven"))
    fatma.login("fatma@example.be", start=None)
    assert fatma.path == activity.get_absolute_url()
    fatma.submit("Inschrijven")
    code = Registration.objects.get(user__email="fatma@example.be").code
    assert code in fatma.page.locator(".registration-code").inner_text()

    # A second resident, without JavaScript: the activity is full.
    jos = open_browser(javascript=False)
    jos.login("jos@example.be", start=f"/account/login/?next={activity.get_absolute_url()}")
    assert "volzet" in jos.page.locator("main").inner_text()
    jos.submit("Inschrijven")
    assert "Deze activiteit is volzet: je staat op de wachtlijst." in message(jos)

    # The first cancels: the second gets the seat.
    fatma.submit("Inschrijving annuleren")
    assert "geannuleerd" in message(fatma)
    jos.goto(activity.get_absolute_url())
    assert "Je bent ingeschreven." in jos.page.locator("main").inner_text()
    assert Registration.objects.get(user__email="jos@example.be").status == Registration.Status.REGISTERED

    # The organiser marks attendance.
    staff.goto(f"/agenda/{activity.pk}/inschrijvingen/")
    # "Aanwezig" plus the person's name in visually hidden text: the accessible name reads
    # "Aanwezig — Jos Vanderhoven" (never "Aanwezig : Jos", a colon set apart).
    present = re.compile(r"^Aanwezig\s+— Jos Vanderhoven$")
    staff.follow(staff.page.locator("main").get_by_role("button", name=present))
    assert Registration.objects.get(user__email="jos@example.be").status == Registration.Status.ATTENDED
    row = staff.page.locator("main table tbody tr", has_text="Jos Vanderhoven")
    assert "\taanwezig\t" in row.inner_text()  # the status column
    assert row.get_by_role("button", name=re.compile(r"^Toch niet aanwezig\s+— Jos Vanderhoven$")).count() == 1


def test_a_visitor_filters_the_agenda_without_javascript(browse_without_js):
    wijk = NeighbourhoodFactory(name="Zwartberg", slug="zwartberg")
    ActivityFactory(title="Kinderatelier", neighbourhood=wijk, age_min=6, age_max=12, themes=["youth"])
    ActivityFactory(title="Petanque", themes=["sport"], price="2.00")
    browse = browse_without_js
    browse.goto("/agenda/")
    browse.page.locator("main [name=kinderen]").check()
    browse.submit("Toon activiteiten")
    results = browse.page.locator(".agenda-results").inner_text()
    assert "Kinderatelier" in results and "Petanque" not in results
    browse.follow(browse.page.locator("main").get_by_role("link", name="Kinderatelier"))
    browse.follow(
        browse.page.locator("main").get_by_role("link", name="Inschrijven zonder account, met je e-mailadres")
    )
    browse.page.locator("main [name=name]").fill("Ann Peeters")
    browse.page.locator("main [name=email]").fill("ann@example.be")
    browse.submit("Stuur me de link")
    assert "Kijk in je mailbox" in browse.page.locator("main h1").inner_text()


def jpeg_bytes(size=(1200, 800)) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, (40, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_series_with_an_image_published_then_moved_as_a_whole(open_browser):
    from zoneinfo import ZoneInfo

    culture = DepartmentFactory(name="Cultuur", slug="cultuur")
    organiser = UserFactory(email="sofie.cultuur@genk.be", display_name="Sofie Claes")
    DepartmentMembershipFactory(user=organiser, department=culture)
    secret = enroll_mfa(organiser)

    staff = open_browser()
    staff.login("sofie.cultuur@genk.be", totp_secret=secret)
    staff.goto("/agenda/organiseren/nieuw/")
    page = staff.page
    start = (timezone.localtime() + timedelta(days=8)).replace(hour=19, minute=0)
    page.locator("main [name=title]").fill("Schildersatelier")
    page.locator("main [name=description]").fill("Samen schilderen, materiaal is er.")
    page.locator("main [name=address]").fill("Dieplaan 2, 3600 Genk")
    page.locator("main [name=starts_at]").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.locator("main [name=ends_at]").fill((start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("main [name=frequency]").select_option("weekly")
    page.locator("main [name=count]").fill("3")
    image = {"name": "atelier.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}
    page.locator("main [name=image]").set_input_files(image)
    staff.submit("Bewaren")
    # No alt text: refused with a message; the rest is kept.
    assert "Beschrijf wat er op de afbeelding staat." in page.locator("main").inner_text()
    assert page.locator("main [name=title]").input_value() == "Schildersatelier"
    page.locator("main [name=image]").set_input_files(image)
    page.locator("main [name=image_alt]").fill("Penselen en verf op een tafel")
    staff.submit("Bewaren")
    assert "bewaard als ontwerp (3 keer)" in message(staff)
    staff.submit("Publiceren")
    rows = list(Activity.objects.order_by("starts_at"))
    assert {r.status for r in rows} == {Activity.Status.PUBLISHED} and all(r.image for r in rows)

    # A visitor sees the image with its description, on the agenda and on the page.
    visitor = open_browser(javascript=False)
    visitor.goto("/agenda/")
    assert visitor.page.locator("main img[alt='Penselen en verf op een tafel']").count() == 3
    visitor.follow(visitor.page.locator("main").get_by_role("link", name="Schildersatelier").first)
    picture = visitor.page.locator("main figure img")
    assert picture.get_attribute("alt") == "Penselen en verf op een tafel"
    assert " 640w" in picture.get_attribute("srcset")

    # The organiser moves the whole series to 20:00 from the second occurrence.
    staff.goto(f"/agenda/{rows[1].pk}/bewerken/")
    second = rows[1].starts_at.astimezone(ZoneInfo("Europe/Brussels"))
    page.locator("main [name=starts_at]").fill(second.replace(hour=20).strftime("%Y-%m-%dT%H:%M"))
    page.locator("main [name=ends_at]").fill(second.replace(hour=22).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("de hele reeks").check()
    staff.submit("Bewaren")
    assert "2 andere keer/keren van de reeks mee" in message(staff)
    hours = [r.starts_at.astimezone(ZoneInfo("Europe/Brussels")).hour for r in Activity.objects.order_by("starts_at")]
    assert hours == [20, 20, 20]

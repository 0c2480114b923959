"""The Francistown partnership in a real browser, every page checked with axe-core, with and
without JavaScript: the officer writes news with a photo on a running project (the form
refuses a photo without alt text and keeps what was typed); a visitor reads it on the project
page and finds the project from the partnership page."""

from datetime import date

import pytest
from PIL import Image

from tests.factories import DepartmentFactory, DepartmentMembershipFactory, enroll_mfa
from worldcitizenship.models import Contact, Funding, Goal, Partner, Partnership, Photo, Project, Update
from worldcitizenship.services import load_sdgs

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_officer_writes_an_update_and_a_visitor_reads_it(open_browser, live_server, tmp_path, javascript):
    load_sdgs()
    department = DepartmentFactory(slug="wereldburgerschap", name="Wereldburgerschap")
    partnership = Partnership.objects.create(
        name="Stedenband Genk–Francistown", aims="Samen werken aan water.", focus="Jongeren.", department=department
    )
    Partner.objects.create(partnership=partnership, side="genk", name="Wereldwerkgroep (voorbeeld)")
    Partner.objects.create(
        partnership=partnership, side="partner", name="Francistown Council (voorbeeld)", contact_email="x@example.org"
    )
    Contact.objects.create(partnership=partnership, name="An", role="Beleidsmedewerker", email="an@genk.be")
    project = Project.objects.create(
        partnership=partnership,
        title="Regenwater voor scholen",
        summary="Tanks op drie scholen.",
        aims="Water op school.",
        starts_on=date(2026, 1, 1),
        status=Project.Status.RUNNING,
    )
    project.sdgs.set(Goal.objects.filter(number__in=[6]))
    Funding.objects.create(project=project, source="city", amount_eur=15000)
    officer = DepartmentMembershipFactory(department=department).user
    secret = enroll_mfa(officer)
    photo = tmp_path / "tank.png"
    Image.new("RGB", (320, 200), "green").save(photo, "PNG")

    staff = open_browser(javascript=javascript)
    staff.login(officer.email, totp_secret=secret)
    staff.goto("/beheer/wereldburgerschap/")
    main = staff.page.locator("main")
    staff.follow(main.get_by_role("link", name="Regenwater voor scholen"))
    staff.follow(main.get_by_role("link", name="Nieuws schrijven"))
    main.locator("#id_title").fill("De eerste tank staat")
    main.locator("#id_body").fill("Tienduizend liter regenwater.")
    main.locator("#id_photo").set_input_files(str(photo))
    staff.submit("Bewaren")
    assert staff.page.locator(".error-summary").is_visible()
    assert main.locator("#id_title").input_value() == "De eerste tank staat"
    assert not Update.objects.exists()
    main.locator("#id_photo").set_input_files(str(photo))
    main.locator("#id_alt_text").fill("Een groene watertank naast een school")
    staff.submit("Bewaren")
    assert "Het nieuws staat op de projectpagina" in staff.page.locator(".messages").inner_text()
    assert Photo.objects.get().alt_text == "Een groene watertank naast een school"

    visitor = open_browser(javascript=javascript)
    visitor.goto("/wereldburgerschap/francistown/")
    vmain = visitor.page.locator("main")
    assert "Samen werken aan water." in vmain.inner_text()
    assert "x@example.org" not in vmain.inner_text()  # partners' contact details are private
    visitor.follow(vmain.get_by_role("link", name="Regenwater voor scholen"))
    text = vmain.inner_text()
    assert "De eerste tank staat" in text and "Tienduizend liter regenwater." in text and "15.000,00" in text
    assert vmain.get_by_role("img", name="Een groene watertank naast een school").count() == 1
    visitor.follow(vmain.get_by_role("link", name="Projecten"))
    visitor.assert_every_page_checked()
    staff.assert_every_page_checked()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_resident_registers_for_an_awareness_activity_from_the_partnership_page(open_browser, javascript):
    from neighbourhoods.agenda.models import Registration
    from tests.agenda.factories import ActivityFactory
    from tests.factories import UserFactory

    UserFactory(email="mieke@example.be", display_name="Mieke Janssens")
    department = DepartmentFactory(slug="wereldburgerschap", name="Wereldburgerschap")
    Partnership.objects.create(
        name="Stedenband Genk–Francistown", aims="Samen werken aan water.", focus="Jongeren.", department=department
    )
    activity = ActivityFactory(
        title="Avond over Francistown", programme="francistown", department=department, sdgs=[4, 17]
    )

    resident = open_browser(javascript=javascript)
    resident.goto("/wereldburgerschap/francistown/")
    resident.follow(resident.page.locator("main").get_by_role("link", name="Avond over Francistown"))
    resident.follow(resident.page.locator("main").get_by_role("link", name="Log in om in te schrijven"))
    resident.login("mieke@example.be", start=None)
    assert resident.path == activity.get_absolute_url()
    resident.submit("Inschrijven")
    code = Registration.objects.get(activity=activity, user__email="mieke@example.be").code
    assert code in resident.page.locator(".registration-code").inner_text()

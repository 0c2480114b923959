"""The Francistown partnership: pages, the officer's tools, the workflow, money and followers."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from genk.core.indicators import Period, get
from genk.core.models import AuditLogEntry
from genk.core.permissions import can
from genk.core.refusals import NotAllowed
from genk.core.workflow import TransitionNotAllowed
from tests.factories import DepartmentMembershipFactory, NeighbourhoodFactory, UserFactory, enroll_mfa
from worldcitizenship import follows, tagging, workflow
from worldcitizenship.models import Funding, Goal, Indicator, Photo, Project, Update
from worldcitizenship.partnership import services

pytestmark = pytest.mark.django_db

HOME = reverse("partnership:home")
LIST = reverse("partnership:projects")


def png(name="foto.png"):
    buffer = BytesIO()
    Image.new("RGB", (400, 300), "green").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


@pytest.fixture
def officer(worldcitizenship_officer, partnership):
    return worldcitizenship_officer


@pytest.fixture
def running(project, officer):
    workflow.publish(project, officer)
    return project


# Permissions per persona.

PERSONAS = ["visitor", "resident", "organisation_rep", "officer", "civil_servant", "admin_user"]


@pytest.mark.parametrize(
    "persona, manages",
    [
        ("visitor", False),
        ("resident", False),
        ("organisation_rep", False),
        ("officer", True),
        ("civil_servant", False),
        ("admin_user", True),
    ],
)
def test_rules_per_persona(request, persona, manages, project):
    user = request.getfixturevalue(persona)
    partnership = project.partnership
    assert can(user, "worldcitizenship.change_project", project) is manages
    assert can(user, "worldcitizenship.add_project", partnership) is manages
    assert can(user, "worldcitizenship.change_partnership", partnership) is manages
    assert can(user, "worldcitizenship.view_partner_contacts", partnership) is manages
    assert can(user, "worldcitizenship.access_partnership_tools") is manages
    # A draft only for whoever manages it; a published project for everyone.
    assert can(user, "worldcitizenship.view_project", project) is manages
    project.status = Project.Status.RUNNING
    assert can(user, "worldcitizenship.view_project", project) is True
    assert can(user, "worldcitizenship.follow") is (persona != "visitor")


def test_an_officer_of_another_departments_partnership_manages_nothing(project):
    other = DepartmentMembershipFactory(department__slug="wereldburgerschap-2").user
    enroll_mfa(other)
    assert not can(other, "worldcitizenship.change_project", project)


def test_officer_without_mfa_manages_nothing(project):
    user = DepartmentMembershipFactory(department=project.partnership.department).user
    assert not can(user, "worldcitizenship.change_project", project)


@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_per_persona(request, client, persona, project):
    user = request.getfixturevalue(persona)
    if persona != "visitor":
        client.force_login(user)
    manages = persona in ("officer", "admin_user")
    home = client.get(HOME)
    assert home.status_code == 200
    assert "Samen werken aan onderwijs en water." in home.text and "Jongeren en klimaat." in home.text
    assert "Scholengroep Genk (voorbeeld)" in home.text and "Francistown City Council (voorbeeld)" in home.text
    assert "an@genk.be" in home.text
    assert ("geheim@example.org" in home.text) is manages
    # The draft project: only the officer and the administrator.
    detail = client.get(project.get_absolute_url())
    assert detail.status_code == (200 if manages else 404)
    assert (project.title in client.get(LIST).text) is False
    staff = client.get(reverse("partnership_staff:index"))
    if persona == "visitor":
        assert staff.status_code == 302 and "/login" in staff["Location"] or "inloggen" in staff["Location"]
    elif manages:
        assert staff.status_code == 200
    else:
        assert staff.status_code == 403
        assert "Wereldburgerschap" in staff.text or "medewerkers van de stad" in staff.text


def test_a_published_project_is_public_with_money_indicators_and_sdgs(client, running):
    Funding.objects.create(project=running, source="city", amount_eur=Decimal("12500.00"))
    Funding.objects.create(
        project=running,
        source="partners",
        amount_eur=Decimal("1000.00"),
        foreign_amount=Decimal("14800.00"),
        foreign_currency="BWP",
        rate=Decimal("14.8"),
    )
    Indicator.objects.create(project=running, name="Scholen met water", baseline=0, target=3, result=2)
    page = client.get(running.get_absolute_url()).text
    assert "€\xa012.500,00" in page and "€\xa013.500,00" in page  # the total: euros only, never converted
    assert "14.800,00\xa0BWP" in page and "koers: 14,8 BWP per euro" in page
    assert "Scholen met water" in page and "niet gehaald" in page
    assert "SDG 6" in page and "SDG 4" in page
    assert running.title in client.get(LIST).text
    assert running.title in client.get(LIST + "?sdg=6").text
    assert running.title not in client.get(LIST + "?sdg=13").text
    assert running.title not in client.get(LIST + "?status=completed").text


def test_foreign_amount_needs_currency_and_rate():
    with pytest.raises(IntegrityError), transaction.atomic():
        Funding.objects.create(project_id=None, source="city", amount_eur=1, foreign_amount=10, rate=None)


def test_funding_form_refuses_foreign_amount_without_rate(client, officer, running):
    client.force_login(officer)
    url = reverse("partnership_staff:funding_new", kwargs={"pk": running.pk})
    response = client.post(
        url, {"source": "flemish", "amount_eur": "500", "foreign_amount": "7400", "foreign_currency": "bwp"}
    )
    assert response.status_code == 400
    assert "Geef de koers die je gebruikte" in response.text
    assert 'value="7400"' in response.text  # nothing typed is lost
    assert not Funding.objects.exists()
    response = client.post(
        url,
        {"source": "flemish", "amount_eur": "500", "foreign_amount": "7400", "foreign_currency": "bwp", "rate": "14.8"},
    )
    assert response.status_code == 302
    funding = Funding.objects.get()
    assert funding.foreign_currency == "BWP" and funding.amount_eur == Decimal("500.00")
    assert client.post(url, {"source": "city", "amount_eur": "-5"}).status_code == 400


def test_the_workflow(officer, project, resident):
    with pytest.raises(TransitionNotAllowed):
        workflow.complete(project, officer, "klaar")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        workflow.publish(project, resident)
    workflow.publish(project, officer)
    assert project.status == "running" and project.published_at
    with pytest.raises(NotAllowed):
        workflow.stop(project, officer, "  ")
    workflow.stop(project, officer, "De partner trok zich terug.")
    assert project.status == "stopped" and project.closing_note == "De partner trok zich terug."
    with pytest.raises(TransitionNotAllowed):
        workflow.complete(project, officer, "toch klaar")
    actions = set(AuditLogEntry.objects.values_list("action", flat=True))
    assert {"worldcitizenship.project.publish", "worldcitizenship.project.stop"} <= actions


def test_the_officer_creates_publishes_and_completes_a_project(client, officer, partnership, sdgs):
    client.force_login(officer)
    data = {
        "kind": "educational",
        "title": "Brieven naar Francistown",
        "summary": "Leerlingen schrijven elkaar.",
        "aims": "Elkaar leren kennen.",
        "starts_on": "2026-09-01",
        "ends_on": "2026-06-30",
        "sdgs": [Goal.objects.get(number=4).pk],
        "target_codes": "4.7, 6.1",
        "school": "",
    }
    response = client.post(reverse("partnership_staff:project_new"), data)
    assert response.status_code == 400
    text = response.text
    assert "Het einde ligt voor het begin." in text
    assert "Een educatief project heeft een school." in text
    assert "Vink ook het doel aan van deze subdoelen: 6.1." in text
    assert "Brieven naar Francistown" in text
    assert not Project.objects.exists()
    data.update(ends_on="2027-06-30", school="Sint-Jan Berchmans (voorbeeld)", class_group="5A", target_codes="4.7")
    response = client.post(reverse("partnership_staff:project_new"), data)
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.is_educational and list(project.targets.values_list("code", flat=True)) == ["4.7"]
    # Indicators are set in draft, and fixed once published.
    add = reverse("partnership_staff:indicator_new", kwargs={"pk": project.pk})
    assert client.post(add, {"name": "Brieven", "baseline": "0", "target": "50"}).status_code == 302
    client.post(reverse("partnership_staff:project_move", kwargs={"pk": project.pk, "name": "publish"}))
    project.refresh_from_db()
    assert project.status == "running"
    assert client.post(add, {"name": "Nog een", "baseline": "0", "target": "5"}).status_code == 400
    indicator = Indicator.objects.get()
    edit = reverse("partnership_staff:indicator", kwargs={"pk": project.pk, "indicator_pk": indicator.pk})
    client.post(edit, {"name": "Anders", "baseline": "1", "target": "99", "result": "61"})
    indicator.refresh_from_db()
    assert (indicator.name, indicator.target, indicator.result) == ("Brieven", Decimal("50.00"), Decimal("61.00"))
    # Completing needs a note; without one the project stays running and the page says why.
    move = reverse("partnership_staff:project_move", kwargs={"pk": project.pk, "name": "complete"})
    response = client.post(move, {"note": ""}, follow=True)
    assert "Schrijf kort wat het project opleverde." in response.text
    client.post(move, {"note": "61 brieven verstuurd."})
    project.refresh_from_db()
    assert project.status == "completed"
    page = client.get(project.get_absolute_url()).text
    assert "61 brieven verstuurd." in page and "Sint-Jan Berchmans (voorbeeld)" in page and "gehaald" in page


def test_other_civil_servant_cannot_touch_the_tools(client, civil_servant, running):
    client.force_login(civil_servant)
    for url in (
        reverse("partnership_staff:project", kwargs={"pk": running.pk}),
        reverse("partnership_staff:update_new", kwargs={"pk": running.pk}),
        reverse("partnership_staff:project_new"),
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert "dienst Wereldburgerschap" in response.text
    response = client.post(
        reverse("partnership_staff:project_move", kwargs={"pk": running.pk, "name": "stop"}), {"note": "x"}
    )
    assert response.status_code == 403
    running.refresh_from_db()
    assert running.status == "running"


def test_an_update_with_a_photo_reaches_followers(client, officer, running, django_capture_on_commit_callbacks):
    fan = UserFactory(email="fan@example.org")
    water = UserFactory(email="water@example.org")
    follows.follow(fan, "partnership")
    follows.follow(water, "sdg-6")
    client.force_login(officer)
    url = reverse("partnership_staff:update_new", kwargs={"pk": running.pk})
    response = client.post(url, {"title": "De eerste tank staat", "body": "Foto's volgen.", "photo": png()})
    assert response.status_code == 400 and "Beschrijf wat er op de foto staat" in response.text
    assert not Update.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"title": "De eerste tank staat", "body": "Foto's volgen.", "photo": png(), "alt_text": "Een groene tank"},
        )
    assert response.status_code == 302
    assert Photo.objects.get().alt_text == "Een groene tank"
    assert sorted(m.to[0] for m in mail.outbox) == ["fan@example.org", "water@example.org"]
    assert all("De eerste tank staat" in m.subject for m in mail.outbox)
    client.logout()
    page = client.get(running.get_absolute_url()).text
    assert "De eerste tank staat" in page and 'alt="Een groene tank"' in page


def test_an_update_on_a_draft_is_refused(officer, project):
    with pytest.raises(NotAllowed):
        services.post_update(project, officer, title="x", body="y")


def test_publishing_tells_followers_once(officer, project, django_capture_on_commit_callbacks):
    fan = UserFactory(email="fan@example.org")
    follows.follow(fan, "partnership")
    follows.follow(fan, "sdg-4")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(project, officer)
    assert len(mail.outbox) == 1 and "Water voor scholen (voorbeeld)" in mail.outbox[0].subject


def test_follow_and_unfollow_through_the_page(client, resident, partnership):
    url = reverse("worldcitizenship:follow", kwargs={"subject": "partnership"})
    assert client.post(url, {"how": "digest"}).status_code == 302  # to the login page
    client.force_login(resident)
    response = client.post(url, {"how": "digest", "next": HOME}, follow=True)
    assert "Je volgt de stedenband met Francistown" in response.text
    assert follows.following(resident, "partnership").how == "digest"
    assert "één keer per dag" in client.get(HOME).text
    client.post(url, {"stop": "1"})
    assert follows.following(resident, "partnership") is None
    assert client.post(reverse("worldcitizenship:follow", kwargs={"subject": "sdg-99"})).status_code == 404
    assert client.post(url, {"how": "sometimes"}).status_code == 400


def test_projects_on_the_goal_pages_and_indicator(running, partnership):
    goal = Goal.objects.get(number=6)
    items = tagging.tagged_items(goal)
    assert [i.title for i in items if i.url == running.get_absolute_url()] == [running.title]
    draft = Project.objects.create(
        partnership=partnership, title="Ontwerp", summary="-", aims="-", starts_on=date(2026, 1, 1)
    )
    draft.sdgs.add(goal)
    assert "Ontwerp" not in [i.title for i in tagging.tagged_items(goal)]
    wijk = NeighbourhoodFactory()
    Project.objects.filter(pk=running.pk).update(neighbourhood=wijk)
    figure = get("worldcitizenship.projects")
    assert figure.by_neighbourhood(Period.year(2026)) == {wijk.pk: 1}
    assert figure.by_neighbourhood(Period.year(2025)) == {}
    assert figure.by_neighbourhood(Period.year(2028)) == {}


def _many(partnership, count):
    goals = list(Goal.objects.filter(number__in=[4, 6, 13]))
    for i in range(count):
        p = Project.objects.create(
            partnership=partnership,
            title=f"Project {i}",
            summary="-",
            aims="-",
            starts_on=date(2026, 1, 1),
            status=Project.Status.RUNNING,
            neighbourhood=NeighbourhoodFactory(),
        )
        p.sdgs.set(goals)
        Funding.objects.create(project=p, source="city", amount_eur=100)


def test_query_counts_are_constant(client, rendered, running, partnership):
    Funding.objects.create(project=running, source="city", amount_eur=100)
    Indicator.objects.create(project=running, name="A", baseline=0, target=1)
    update = Update.objects.create(project=running, title="U", body="B")
    Photo.objects.create(update=update, image=png(), alt_text="x")
    _many(partnership, 3)
    few_list = queries(client, LIST)
    few_detail = queries(client, running.get_absolute_url())
    few_home = queries(client, HOME)
    _many(partnership, 30)
    for i in range(5):
        Funding.objects.create(project=running, source="flemish", amount_eur=i)
        Indicator.objects.create(project=running, name=f"I{i}", baseline=0, target=1)
        u = Update.objects.create(project=running, title=f"U{i}", body="B")
        Photo.objects.create(update=u, image=png(), alt_text="y")
    assert queries(client, LIST) == few_list
    assert queries(client, LIST + "?pagina=2") == few_list
    assert queries(client, running.get_absolute_url()) == few_detail
    assert queries(client, HOME) == few_home


def test_exchanges_page(client, officer, partnership, running):
    client.force_login(officer)
    response = client.post(
        reverse("partnership_staff:exchange_new"),
        {
            "kind": "delegation",
            "title": "Delegatie naar Francistown",
            "direction": "to_partner",
            "participants": "Schepen, twee ambtenaren",
            "place": "Francistown",
            "starts_on": "2026-05-04",
            "ends_on": "2026-05-11",
            "purpose": "Het waterproject opvolgen.",
            "outcome": "Afspraken voor fase 2.",
            "project": running.pk,
        },
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(reverse("partnership:exchanges")).text
    assert "Delegatie naar Francistown" in page and "Afspraken voor fase 2." in page and running.title in page
    assert "Delegatie naar Francistown" not in client.get(reverse("partnership:exchanges") + "?soort=youth").text


def test_a_photo_goes_through_the_shared_image_check(client, officer, running):
    client.force_login(officer)
    url = reverse("partnership_staff:update_new", kwargs={"pk": running.pk})
    buffer = BytesIO()
    Image.new("RGB", (100, 80), "green").save(buffer, "PNG")
    small = SimpleUploadedFile("klein.png", buffer.getvalue(), content_type="image/png")
    response = client.post(url, {"title": "Klein", "body": "x", "photo": small, "alt_text": "Een tank"})
    assert response.status_code == 400 and "De afbeelding is te klein" in response.text
    fake = SimpleUploadedFile("nep.png", b"not an image at all", content_type="image/png")
    response = client.post(url, {"title": "Nep", "body": "x", "photo": fake, "alt_text": "Een tank"})
    assert response.status_code == 400 and "geen afbeelding die we kunnen lezen" in response.text
    assert not Update.objects.exists()
    exif = Image.Exif()
    exif[0x8825] = {2: (50.0, 58.0, 0.0)}  # a GPS position
    buffer = BytesIO()
    Image.new("RGB", (400, 300), "blue").save(buffer, "JPEG", exif=exif.tobytes())
    photo = SimpleUploadedFile("gps.jpg", buffer.getvalue(), content_type="image/jpeg")
    assert client.post(url, {"title": "GPS", "body": "x", "photo": photo, "alt_text": "Een tank"}).status_code == 302
    stored = Photo.objects.get()
    with Image.open(stored.image.path) as image:
        assert not image.getexif().get(0x8825)
    assert (stored.width, stored.height) == (400, 300)


def test_the_officer_deletes_a_funding_source_and_edits_a_partner(client, officer, running):
    funding = Funding.objects.create(project=running, source="city", amount_eur=100)
    client.force_login(officer)
    url = reverse("partnership_staff:funding", kwargs={"pk": running.pk, "funding_pk": funding.pk})
    assert "Verwijderen" in client.get(url).text
    assert client.post(url, {"delete": "1"}).status_code == 302
    assert not Funding.objects.exists()
    partner = running.partnership.partners.first()
    page = client.get(reverse("partnership_staff:partner", kwargs={"pk": partner.pk})).text
    assert "Verwijderen" not in page and partner.contact_email in page

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import NeighbourhoodFactory, UserFactory
from volunteers.models import NoticeAcknowledgement, Opportunity, SignUp

from .factories import NoticeFactory, OpportunityFactory, ShiftFactory

pytestmark = pytest.mark.django_db
S = SignUp.Status
LIST = reverse("volunteers:list")


def many(count, **kwargs):
    for _ in range(count):
        opportunity = OpportunityFactory(**kwargs)
        ShiftFactory(opportunity=opportunity)


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_list_shows_published_opportunities_only(client, opportunity):
    OpportunityFactory(title="Nog een ontwerp", status="draft")
    response = client.get(LIST)
    assert opportunity.title in response.text
    assert "Nog een ontwerp" not in response.text


def test_the_list_query_count_is_constant(client, resident):
    client.force_login(resident)
    many(3)
    few = queries(client, LIST + "?thema=care&q=vrijwilliger")
    many(30)
    assert queries(client, LIST + "?thema=care&q=vrijwilliger") == few
    assert queries(client, LIST) == queries(client, LIST + "?pagina=2")


def test_filters(client, organisation, notice):
    wijk = NeighbourhoodFactory(name="Winterslag", slug="winterslag")
    a = OpportunityFactory(
        organisation=organisation,
        title="Taalcafé Winterslag",
        neighbourhood=wijk,
        themes=["language"],
        kind=Opportunity.Kind.DUTCH_PRACTICE,
        languages=["nl", "tr"],
    )
    b = OpportunityFactory(title="Jeugdkamp begeleiden", themes=["youth"], minimum_age=18, languages=["nl"])
    ShiftFactory(opportunity=a, start=timezone.now() + timedelta(days=3))
    ShiftFactory(opportunity=b, start=timezone.now() + timedelta(days=40))

    def titles(query):
        text = client.get(LIST + "?" + query).text
        return {t for t in (a.title, b.title) if t in text}

    assert titles("wijk=winterslag") == {a.title}
    assert titles("wijk=heel-genk") == {b.title}
    assert titles("thema=youth") == {b.title}
    assert titles("soort=dutch_practice") == {a.title}
    assert titles(f"organisatie={organisation.pk}") == {a.title}
    assert titles("taal=tr") == {a.title}
    assert titles("leeftijd=16") == {a.title}
    assert titles("nederlands_oefenen=on") == {a.title}
    in_a_month = (timezone.localdate() + timedelta(days=30)).isoformat()
    assert titles(f"vanaf={in_a_month}") == {b.title}
    assert titles(f"tot={in_a_month}") == {a.title}
    # Dutch search without accents.
    assert titles("q=taalcafe") == {a.title}


def test_the_detail_page(client, shift, notice):
    response = client.get(shift.opportunity.get_absolute_url())
    assert response.status_code == 200
    assert "Organisatienota van Buurtwerk Sledderlo, versie 1" in response.text
    assert "werkloosheidsuitkering" in response.text
    assert reverse("volunteers:sign_up", args=[shift.pk]) in response.text
    assert client.get(OpportunityFactory(status="draft").get_absolute_url()).status_code == 404


def test_the_detail_query_count_is_constant(client, opportunity, resident):
    client.force_login(resident)
    ShiftFactory(opportunity=opportunity)
    few = queries(client, opportunity.get_absolute_url())
    for _ in range(10):
        ShiftFactory(opportunity=opportunity)
    assert queries(client, opportunity.get_absolute_url()) == few


def test_sign_up_asks_for_the_notice_then_signs_up(client, shift, volunteer):
    url = reverse("volunteers:sign_up", args=[shift.pk])
    assert client.get(url).status_code == 302  # a visitor logs in first
    client.force_login(volunteer)
    page = client.get(url)
    assert "Ik heb de organisatienota (versie 1) gelezen." in page.text
    response = client.post(url, {"message": "Tot dan"})
    assert response.status_code == 200
    assert "Bevestig dat je de organisatienota gelezen hebt." in response.text
    assert not SignUp.objects.exists()
    response = client.post(url, {"message": "Tot dan", "acknowledge": "on"})
    assert response.status_code == 302 and response.url == reverse("volunteers:mine")
    assert SignUp.objects.get().status == S.ACCEPTED
    assert NoticeAcknowledgement.objects.filter(user=volunteer).count() == 1
    # Acknowledged: the next sign-up asks nothing more.
    other = ShiftFactory(opportunity=shift.opportunity)
    assert "organisatienota (versie 1) gelezen" not in client.get(reverse("volunteers:sign_up", args=[other.pk])).text
    mine = client.get(reverse("volunteers:mine"))
    assert shift.opportunity.title in mine.text and "versie 1" in mine.text


def test_a_refused_sign_up_explains_why(client, shift):
    young = UserFactory(year_of_birth=timezone.localdate().year - 12)
    Opportunity.objects.filter(pk=shift.opportunity_id).update(minimum_age=16)
    client.force_login(young)
    response = client.get(reverse("volunteers:sign_up", args=[shift.pk]), follow=True)
    assert "minstens 16 jaar" in response.text


def test_cancel_from_my_page(client, shift, volunteer):
    signup = SignUp.objects.create(shift=shift, volunteer=volunteer, status=S.ACCEPTED)
    client.force_login(volunteer)
    response = client.post(reverse("volunteers:cancel", args=[signup.pk]), follow=True)
    assert "Je inschrijving is geannuleerd." in response.text
    signup.refresh_from_db()
    assert signup.status == S.CANCELLED


def test_someone_else_cannot_cancel_my_sign_up(client, shift, volunteer, resident):
    signup = SignUp.objects.create(shift=shift, volunteer=volunteer, status=S.ACCEPTED)
    client.force_login(resident)
    response = client.post(reverse("volunteers:cancel", args=[signup.pk]))
    assert response.status_code == 403
    assert "Dit is niet jouw inschrijving." in response.text


def test_notice_page(client, notice):
    response = client.get(reverse("volunteers:notice", args=[notice.pk]))
    assert "Ethias" in response.text


def test_my_page_needs_login(client):
    assert client.get(reverse("volunteers:mine")).status_code == 302


def test_a_new_notice_version_asks_again(client, shift, volunteer, notice):
    NoticeAcknowledgement.objects.create(user=volunteer, notice=notice)
    NoticeFactory(organisation=notice.organisation, version=2)
    client.force_login(volunteer)
    assert "versie 2" in client.get(reverse("volunteers:sign_up", args=[shift.pk])).text


def test_my_page_query_count_is_constant(client, opportunity, volunteer):
    client.force_login(volunteer)
    past = ShiftFactory(
        opportunity=opportunity,
        start=timezone.now() - timedelta(days=2),
        end=timezone.now() - timedelta(days=2, hours=-2),
    )
    SignUp.objects.create(shift=past, volunteer=volunteer, status=S.ACCEPTED)
    SignUp.objects.create(shift=ShiftFactory(opportunity=opportunity), volunteer=volunteer, status=S.ACCEPTED)
    few = queries(client, reverse("volunteers:mine"))
    for n in range(6):
        shift = ShiftFactory(opportunity=OpportunityFactory(), start=timezone.now() + timedelta(days=20 + n))
        SignUp.objects.create(shift=shift, volunteer=volunteer, status=S.ACCEPTED if n % 2 else S.WAITING)
        done = ShiftFactory(
            opportunity=opportunity,
            start=timezone.now() - timedelta(days=5 + n),
            end=timezone.now() - timedelta(days=5 + n, hours=-1),
        )
        SignUp.objects.create(shift=done, volunteer=volunteer, status=S.ATTENDED)
    assert queries(client, reverse("volunteers:mine")) == few


def test_the_organisation_directory(client, opportunity, organisation, coordinator):
    empty = OpportunityFactory(status="draft").organisation
    listing = client.get(reverse("volunteers:organisations"))
    assert organisation.name in listing.text and empty.name not in listing.text
    profile = client.get(reverse("volunteers:organisation", args=[organisation.slug]))
    assert opportunity.title in profile.text and "zorg en welzijn" in profile.text
    assert client.get(reverse("volunteers:organisation", args=[empty.slug])).status_code == 404
    client.force_login(coordinator)
    assert client.get(reverse("volunteers:organisation", args=[coordinator_org(coordinator).slug])).status_code == 200


def coordinator_org(user):
    return user.organisation_memberships.get().organisation


def test_an_opportunity_cannot_take_a_reserved_path(organisation):
    assert OpportunityFactory(organisation=organisation, title="Mijn").slug == "mijn-vacature"


def test_a_new_notice_version_is_announced_and_acknowledged_from_my_page(
    client, shift, volunteer, coordinator, notice, django_capture_on_commit_callbacks
):
    from genk.core.models import Notification
    from volunteers import services

    NoticeAcknowledgement.objects.create(user=volunteer, notice=notice)
    SignUp.objects.create(shift=shift, volunteer=volunteer, status=S.ACCEPTED)
    client.force_login(volunteer)
    assert "Lees voor je volgende shift" not in client.get(reverse("volunteers:mine")).text
    with django_capture_on_commit_callbacks(execute=True):
        new = services.publish_notice(
            notice.organisation,
            coordinator,
            aims="Nieuw doel",
            legal_status="vzw",
            insurance_civil_liability="KBC",
            allowance_system="flat_rate",
        )
    assert Notification.objects.filter(recipient=volunteer, kind="volunteers.notice_changed").exists()
    mine = client.get(reverse("volunteers:mine")).text
    assert "Lees voor je volgende shift" in mine and new.get_absolute_url() in mine
    page = client.get(new.get_absolute_url())
    assert "Ik heb de organisatienota (versie 2) gelezen." in page.text
    assert "Bevestig dat je" in client.post(new.get_absolute_url(), {}).text
    client.post(new.get_absolute_url(), {"acknowledge": "on"})
    assert NoticeAcknowledgement.objects.filter(user=volunteer, notice=new).exists()
    assert "Lees voor je volgende shift" not in client.get(reverse("volunteers:mine")).text
    # The old version says it is old and asks nothing.
    old = client.get(notice.get_absolute_url()).text
    assert "oudere versie" in old and "gelezen." not in old.split("oudere versie")[1].split("</main>")[0][-200:]


def test_a_minor_signs_up_on_the_page_with_consent(client, shift, coordinator):
    minor = UserFactory(year_of_birth=timezone.localdate(shift.start).year - 15)
    client.force_login(minor)
    url = reverse("volunteers:sign_up", args=[shift.pk])
    assert "Naam van je ouder of voogd" in client.get(url).text
    response = client.post(url, {"acknowledge": "on"})
    assert "Vul de naam in van je ouder of voogd" in response.text and not SignUp.objects.exists()
    client.post(url, {"acknowledge": "on", "guardian_name": "Hatice Demir", "guardian_consent": "on"})
    assert SignUp.objects.get().guardian_name == "Hatice Demir"
    client.force_login(coordinator)
    page = client.get(reverse("volunteers_staff:opportunity", args=[shift.opportunity_id]))
    assert "toestemming van Hatice Demir" in page.text


def test_a_dutch_practice_opportunity_leads_to_the_language_buddy_programme(client, opportunity):
    opportunity_url = opportunity.get_absolute_url()
    assert "/vrijwilligers/taalmaatjes/" not in client.get(opportunity_url).content.decode()
    opportunity.kind = "dutch_practice"
    opportunity.save(update_fields=["kind"])
    page = client.get(opportunity_url).content.decode()
    assert 'href="/vrijwilligers/taalmaatjes/"' in page and "Inschrijven als leerder of als taalmaatje" in page


def test_no_opportunity_takes_the_buddy_programmes_address(organisation, notice):
    assert OpportunityFactory(organisation=organisation, title="Taalmaatjes").slug != "taalmaatjes"

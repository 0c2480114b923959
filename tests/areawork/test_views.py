"""The pages: who sees what, the wijkplan and signal journeys, refusals that say why."""

import datetime

import pytest
from django.utils import timezone

from genk.core.models import AuditLogEntry
from neighbourhoods.areawork.models import Action, Follow, Plan, Signal

from .factories import ActionFactory, PriorityFactory, SignalFactory

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def staff_urls(wijk, action, signal):
    return [
        f"/beheer/wijken/{wijk.slug}/team/",
        f"/beheer/wijken/{wijk.slug}/wijkplan/{YEAR}/",
        f"/beheer/wijken/{wijk.slug}/wijkplan/acties/{action.pk}/",
        f"/beheer/wijken/{wijk.slug}/signalen/",
        f"/beheer/wijken/{wijk.slug}/signalen/{signal.pk}/",
    ]


def test_the_area_team_opens_its_pages(client, wijk, team_member, action, signal):
    client.force_login(team_member)
    for url in staff_urls(wijk, action, signal):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["resident", "other_team_member", "department_head"])
def test_others_get_a_page_that_says_why(request, client, persona, wijk, action, signal):
    client.force_login(request.getfixturevalue(persona))
    for url in staff_urls(wijk, action, signal):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "wijkteam" in response.content.decode()


def test_a_visitor_is_sent_to_log_in(client, wijk, action, signal):
    response = client.get(f"/beheer/wijken/{wijk.slug}/team/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_an_administrator_sees_the_plan_and_team_but_not_the_signals(client, admin_user, wijk, action, signal):
    client.force_login(admin_user)
    assert client.get(f"/beheer/wijken/{wijk.slug}/wijkplan/{YEAR}/").status_code == 200
    assert client.get(f"/beheer/wijken/{wijk.slug}/team/").status_code == 200
    assert client.get(f"/beheer/wijken/{wijk.slug}/signalen/").status_code == 403


def test_the_team_builds_the_plan_and_the_director_publishes_it(client, wijk, team_member, director):
    client.force_login(team_member)
    url = f"/beheer/wijken/{wijk.slug}/wijkplan/{YEAR}/"
    response = client.post(
        url, {"what": "priority", "priority-title": "Jongeren een plek geven", "priority-is_public": "on"}
    )
    assert response.status_code == 302
    plan = Plan.objects.get(neighbourhood=wijk, year=YEAR)
    priority = plan.priorities.get()
    response = client.post(
        url,
        {
            "what": "action",
            "action-priority": priority.pk,
            "action-title": "Een jongerenraad starten",
            "action-deadline": f"{YEAR}-11-30",
            "action-is_public": "on",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.status == Action.Status.PLANNED
    # Two owners at once: refused in the form, input kept.
    response = client.post(
        f"/beheer/wijken/{wijk.slug}/wijkplan/acties/{action.pk}/",
        {
            "what": "action",
            "action-priority": priority.pk,
            "action-title": "Een jongerenraad starten (bijgewerkt)",
            "action-owner_department": team_member.department_memberships.get().department_id,
            "action-owner_partner": "",
            "action-owner_member": team_member.team_memberships.get().pk,
        },
    )
    assert response.status_code == 200
    assert "Kies één verantwoordelijke" in response.content.decode()
    assert "Een jongerenraad starten (bijgewerkt)" in response.content.decode()
    # Steps.
    client.post(
        f"/beheer/wijken/{wijk.slug}/wijkplan/acties/{action.pk}/stap/start/", {"note": "Eerste overleg gepland."}
    )
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS and action.progress_note == "Eerste overleg gepland."
    client.post(f"/beheer/wijken/{wijk.slug}/wijkplan/acties/{action.pk}/stap/complete/")
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    assert AuditLogEntry.objects.filter(action="areawork.action.complete").exists()
    # A team member does not publish: a page that says who does.
    response = client.post(f"/beheer/wijken/{wijk.slug}/wijkplan/{YEAR}/publish/")
    assert response.status_code == 403 and "wijkregisseur" in response.content.decode()
    assert client.get(f"/wijken/{wijk.slug}/wijkplan/").status_code == 404
    client.force_login(director)
    client.post(f"/beheer/wijken/{wijk.slug}/wijkplan/{YEAR}/publish/")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.PUBLISHED and plan.published_at
    client.logout()
    page = client.get(f"/wijken/{wijk.slug}/wijkplan/").content.decode()
    assert "Een jongerenraad starten" in page and "1 van de 1 acties zijn klaar" in page
    assert f"Het wijkplan {YEAR}" in client.get(f"/wijken/{wijk.slug}/").content.decode()


def test_the_public_plan_shows_only_what_is_public(client, plan, wijk):
    public = PriorityFactory(plan=plan, title="Een nette wijk")
    hidden = PriorityFactory(plan=plan, title="Intern overleg", is_public=False)
    ActionFactory(priority=public, title="Zwerfvuilactie")
    ActionFactory(priority=public, title="Gesprek met de huisvestingsmaatschappij", is_public=False)
    ActionFactory(priority=hidden, title="Teamdag")
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.PUBLISHED)
    page = client.get(f"/wijken/{wijk.slug}/wijkplan/").content.decode()
    assert "Zwerfvuilactie" in page
    assert "huisvestingsmaatschappij" not in page and "Teamdag" not in page and "Intern overleg" not in page


def test_a_plan_without_public_priority_is_not_published(client, director, plan, wijk):
    client.force_login(director)
    response = client.post(f"/beheer/wijken/{wijk.slug}/wijkplan/{YEAR}/publish/", follow=True)
    assert "Voeg eerst een prioriteit toe" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT


def test_a_signal_is_recorded_and_personal_data_refused(client, wijk, team_member):
    client.force_login(team_member)
    url = f"/beheer/wijken/{wijk.slug}/signalen/"
    page = client.get(url).content.decode()
    assert "Geen namen of individuele dossiers" in page
    text = "Mevrouw belt ons vaak, haar nummer is 0470 12 34 56 en jan.peeters@example.be."
    response = client.post(
        url, {"theme": "loneliness", "observed_on": timezone.localdate().isoformat(), "description": text}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "telefoonnummer" in body and "e-mailadres" in body
    assert "0470 12 34 56" in body  # the input is kept
    assert not Signal.objects.exists()
    response = client.post(
        url,
        {
            "theme": "loneliness",
            "observed_on": timezone.localdate().isoformat(),
            "description": "Rijksregisternummer 85.07.30-033.28 in een dossier.",
        },
    )
    assert "rijksregisternummer" in response.content.decode()
    response = client.post(
        url,
        {
            "theme": "loneliness",
            "observed_on": timezone.localdate().isoformat(),
            "description": "Veel oudere bewoners in de flats komen weinig buiten.",
        },
    )
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.recorded_by == team_member and signal.status == Signal.Status.NEW
    client.post(f"/beheer/wijken/{wijk.slug}/signalen/{signal.pk}/stap/follow_up/")
    signal.refresh_from_db()
    assert signal.status == Signal.Status.FOLLOWED_UP
    response = client.post(f"/beheer/wijken/{wijk.slug}/signalen/{signal.pk}/stap/follow_up/", follow=True)
    assert "opgevolgd" in response.content.decode()  # says the current state


def test_a_signal_in_the_future_is_refused(client, wijk, team_member):
    client.force_login(team_member)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        f"/beheer/wijken/{wijk.slug}/signalen/",
        {"theme": "safety", "observed_on": tomorrow.isoformat(), "description": "Donkere straat."},
    )
    assert "toekomst" in response.content.decode()


def test_signals_are_never_on_public_pages(client, wijk, signal):
    assert signal.description not in client.get(f"/wijken/{wijk.slug}/").content.decode()


def test_the_director_sees_signals_per_theme_and_wijk(client, director, wijk, other_wijk, other_team_member):
    from neighbourhoods.models import TeamMembership

    TeamMembership.objects.create(neighbourhood=other_wijk, user=director, role=TeamMembership.Role.DIRECTOR)
    SignalFactory(neighbourhood=wijk, theme=Signal.Theme.YOUTH)
    SignalFactory(neighbourhood=wijk, theme=Signal.Theme.YOUTH)
    SignalFactory(neighbourhood=other_wijk, theme=Signal.Theme.HOUSING)
    SignalFactory(
        neighbourhood=wijk, theme=Signal.Theme.SAFETY, observed_on=timezone.localdate() - datetime.timedelta(days=800)
    )
    client.force_login(director)
    page = client.get("/beheer/signalen/").content.decode()
    assert "<svg" in page and 'role="img"' in page
    assert "3 signalen in de laatste 12 maanden" in page
    assert "Veiligheid" not in page  # older than the period
    assert "Wonen" in page and "Jongeren" in page
    client.force_login(other_team_member)
    assert client.get("/beheer/signalen/").status_code == 403


def test_the_director_edits_the_wijk_page(client, director, team_member, wijk):
    client.force_login(team_member)
    assert client.post(f"/beheer/wijken/{wijk.slug}/team/", {"description": "x"}).status_code == 403
    client.force_login(director)
    page = client.get(f"/beheer/wijken/{wijk.slug}/team/").content.decode()
    assert "Straathoekwerker Kolderbos" in page and "straathoekwerk" in page.lower()
    response = client.post(
        f"/beheer/wijken/{wijk.slug}/team/",
        {
            "description": "Een groene wijk met veel jonge gezinnen.",
            "contact_email": "geen-adres",
            "contact_phone": "",
            "contact_note": "",
        },
    )
    assert response.status_code == 200  # a bad email: the form says so
    client.post(
        f"/beheer/wijken/{wijk.slug}/team/",
        {
            "description": "Een groene wijk met veel jonge gezinnen.",
            "contact_email": "kolderbos@genk.be",
            "contact_phone": "089 65 00 00",
            "contact_note": "Spreekuur op dinsdag in het buurthuis.",
        },
    )
    page = client.get(f"/wijken/{wijk.slug}/").content.decode()
    assert "Een groene wijk met veel jonge gezinnen." in page and "kolderbos@genk.be" in page
    assert "Spreekuur op dinsdag" in page


def test_following_a_wijk_without_javascript(client, resident, wijk):
    response = client.get(f"/wijken/{wijk.slug}/")
    assert "Meld je aan om deze wijk te volgen" in response.content.decode()
    assert "/account/login/" in client.get(f"/wijken/{wijk.slug}/volgen/")["Location"]
    client.force_login(resident)
    response = client.post(f"/wijken/{wijk.slug}/volgen/", {"frequency": "daily"}, follow=True)
    assert "Je volgt Kolderbos" in response.content.decode()
    assert Follow.objects.get(user=resident, neighbourhood=wijk).frequency == "daily"
    client.post(f"/wijken/{wijk.slug}/volgen/", {"frequency": "immediately"})
    assert Follow.objects.get(user=resident).frequency == "immediately"
    response = client.post(f"/wijken/{wijk.slug}/volgen/", {"frequency": "wekelijks"})
    assert response.status_code == 200 and Follow.objects.count() == 1
    response = client.post(f"/wijken/{wijk.slug}/niet-meer-volgen/", follow=True)
    assert "Je volgt Kolderbos niet meer" in response.content.decode()
    assert not Follow.objects.exists()
    response = client.post(f"/wijken/{wijk.slug}/niet-meer-volgen/", follow=True)
    assert "Je volgt deze wijk niet (meer)" in response.content.decode()

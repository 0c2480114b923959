"""The public agenda, the activity page, registering through the pages, organisers' pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from neighbourhoods.agenda.models import Activity, Registration
from tests.factories import NeighbourhoodFactory

from .factories import ActivityFactory, PlaceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
R = Registration.Status


def titles(response):
    return [a.title for a in response.context["activities"]]


def test_the_agenda_lists_upcoming_public_activities(client, activity):
    ActivityFactory(title="Ontwerp", status=Activity.Status.DRAFT)
    ActivityFactory(title="Voorbij", starts_at=timezone.now() - timedelta(days=3))
    response = client.get("/agenda/")
    assert response.status_code == 200
    assert titles(response) == ["Voorleesuur in de bib"]


def test_filters(client, wijk):
    other = NeighbourhoodFactory(name="Zwartberg", slug="zwartberg")
    ActivityFactory(title="Kinderatelier", neighbourhood=wijk, age_min=6, age_max=12, themes=["culture"])
    ActivityFactory(title="Petanque", neighbourhood=other, price="3.00", themes=["sport", "seniors"], step_free=True)
    ActivityFactory(title="Wereldmarkt", neighbourhood=other, sdgs=[1, 14], themes=["world"])
    ActivityFactory(title="Klimaatcafé", neighbourhood=other, sdgs=[4, 13], themes=["world"])
    assert titles(client.get("/agenda/?wijk=winterslag")) == ["Kinderatelier"]
    assert titles(client.get("/agenda/?thema=sport")) == ["Petanque"]
    assert titles(client.get("/agenda/?sdg=4")) == ["Klimaatcafé"]
    assert titles(client.get("/agenda/?sdg=1")) == ["Wereldmarkt"]
    assert "Petanque" not in titles(client.get("/agenda/?gratis=on"))
    assert titles(client.get("/agenda/?toegankelijk=on")) == ["Petanque"]
    assert titles(client.get("/agenda/?kinderen=on")) == ["Kinderatelier"]
    later = (timezone.localdate() + timedelta(days=30)).isoformat()
    assert titles(client.get(f"/agenda/?vanaf={later}")) == []


def test_dutch_search_finds_inflected_words(client):
    ActivityFactory(title="Wandeling door het Molenvijverpark", description="We wandelen samen.")
    ActivityFactory(title="Breicafé", description="Breien en babbelen.")
    assert titles(client.get("/agenda/?q=wandelingen")) == ["Wandeling door het Molenvijverpark"]
    assert titles(client.get("/agenda/?q=breien")) == ["Breicafé"]


def test_activity_page_for_a_visitor(client, activity):
    activity.place = PlaceFactory(name="Buurthuis De Kolibrie")
    activity.save()
    response = client.get(activity.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Buurthuis De Kolibrie" in body
    assert "Log in om in te schrijven" in body
    assert "Inschrijven zonder account" in body


def test_a_draft_is_not_shown_to_visitors(client, resident):
    draft = ActivityFactory(status=Activity.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(resident)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_register_through_the_page(client, activity, resident):
    client.force_login(resident)
    response = client.post(reverse("agenda:register", args=[activity.pk]), {"companions": "1"}, follow=True)
    registration = Registration.objects.get(user=resident)
    assert registration.seats == 2
    assert registration.code in response.content.decode()
    # Cancel through the page.
    client.post(reverse("agenda:cancel_registration", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == R.CANCELLED


def test_full_activity_puts_you_on_the_waiting_list(client, activity, resident):
    activity.capacity = 1
    activity.save()
    RegistrationFactory(activity=activity)
    client.force_login(resident)
    response = client.post(reverse("agenda:register", args=[activity.pk]), follow=True)
    assert "Deze activiteit is volzet: je staat op de wachtlijst." in response.content.decode()
    assert Registration.objects.get(user=resident).status == R.WAITING


def test_registration_after_the_deadline_says_when_it_closed(client, activity, resident):
    activity.registration_deadline = timezone.now() - timedelta(hours=2)
    activity.save()
    client.force_login(resident)
    response = client.post(reverse("agenda:register", args=[activity.pk]), follow=True)
    assert "De inschrijvingen zijn gesloten op" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_visitor_registers_and_confirms(client, activity, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("agenda:register_guest", args=[activity.pk]),
            {"name": "Ann Peeters", "email": "ann@example.be", "companions": "0"},
        )
    assert "Kijk in je mailbox" in response.content.decode()
    link = next(line for line in mailoutbox[-1].body.splitlines() if "/agenda/bevestigen/" in line)
    path = link[link.index("/agenda/") :]
    assert "Ja, schrijf me in" in client.get(path).content.decode()
    assert Registration.objects.get().status == R.UNCONFIRMED  # a GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    registration = Registration.objects.get()
    assert registration.status == R.REGISTERED
    assert registration.code in response.content.decode()


def test_guest_form_keeps_input_on_error(client, activity):
    response = client.post(reverse("agenda:register_guest", args=[activity.pk]), {"name": "Ann", "email": "geen-adres"})
    assert response.status_code == 200
    assert 'value="Ann"' in response.content.decode()


def form_data(**overrides):
    start = (timezone.localtime() + timedelta(days=10)).replace(hour=19, minute=0, second=0, microsecond=0)
    data = {
        "title": "Repair Café",
        "description": "Breng je kapotte spullen mee.",
        "address": "Stalenstraat 32, 3600 Genk",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "price": "0",
        "registration_enabled": "on",
        "capacity": "12",
        "waiting_list_enabled": "on",
        "themes": ["environment"],
        "sdgs": ["12"],
        "count": "1",
    }
    data.update(overrides)
    return data


def test_an_organisation_writes_its_first_activity_and_submits_it(client, rep, organisation, reviewer):
    client.force_login(rep)
    response = client.post(reverse("agenda:create"), form_data(organiser=f"organisation:{organisation.pk}"))
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert activity.organiser_kind == Activity.OrganiserKind.ORGANISATION
    assert activity.sdgs == [12]
    manage = client.get(reverse("agenda:manage", args=[activity.pk])).content.decode()
    assert "Ter controle indienen" in manage and ">Publiceren<" not in manage
    client.post(reverse("agenda:transition", args=[activity.pk, "publish"]))
    activity.refresh_from_db()
    assert activity.status == Activity.Status.DRAFT  # not allowed: first activity
    client.post(reverse("agenda:transition", args=[activity.pk, "submit"]))
    activity.refresh_from_db()
    assert activity.status == Activity.Status.IN_REVIEW
    # City staff of the reviewing department approve it.
    client.force_login(reviewer)
    assert activity.title in client.get(reverse("agenda_staff:queue")).content.decode()
    client.post(reverse("agenda_staff:review", args=[activity.pk]), {"decision": "approve"})
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PUBLISHED


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": "2020-01-01T10:00"}, "ends_at", "Het einde moet na het begin liggen."),
        ({"capacity": "0"}, "capacity", "Geef het aantal plaatsen"),
        ({"frequency": "weekly", "count": "53"}, "count", "hoogstens 52 keer"),
        ({"address": ""}, "address", "Kies een plaats"),
    ],
)
def test_bad_input_is_explained_and_kept(client, organising_servant, culture, overrides, field, message):
    client.force_login(organising_servant)
    response = client.post(reverse("agenda:create"), form_data(organiser=f"department:{culture.pk}", **overrides))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert 'value="Repair Café"' in response.content.decode()
    assert not Activity.objects.exists()


def test_city_staff_publish_a_series_directly(client, organising_servant, culture):
    client.force_login(organising_servant)
    client.post(
        reverse("agenda:create"),
        form_data(organiser=f"department:{culture.pk}", frequency="weekly", count="4"),
    )
    assert Activity.objects.count() == 4
    first = Activity.objects.order_by("starts_at").first()
    client.post(reverse("agenda:transition", args=[first.pk, "publish"]))
    assert set(Activity.objects.values_list("status", flat=True)) == {Activity.Status.PUBLISHED}


def test_organiser_sees_registrations_marks_attendance_and_exports(client, activity, organising_servant, resident):
    registration = RegistrationFactory(activity=activity, user=resident, companions=1)
    client.force_login(organising_servant)
    page = client.get(reverse("agenda:registrations", args=[activity.pk])).content.decode()
    assert registration.code in page
    client.post(reverse("agenda:attendance", args=[registration.pk]), {"present": "1"})
    registration.refresh_from_db()
    assert registration.status == R.ATTENDED
    csv = client.get(reverse("agenda:registrations_csv", args=[activity.pk])).content.decode()
    assert registration.code in csv and resident.email in csv


def test_organiser_writes_to_registrants(
    client, activity, organising_servant, resident, django_capture_on_commit_callbacks
):
    from genk.core.models import Notification

    RegistrationFactory(activity=activity, user=resident)
    client.force_login(organising_servant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("agenda:message", args=[activity.pk]), {"subject": "Parking", "body": "Parkeer achteraan."})
    notification = Notification.objects.get(recipient=resident)
    assert "Parkeer achteraan." in notification.body


def test_others_are_refused_with_a_reason(client, activity, other_resident):
    client.force_login(other_resident)
    response = client.get(reverse("agenda:registrations", args=[activity.pk]))
    assert response.status_code == 403
    assert "Alleen de organisator" in response.content.decode()
    response = client.get(reverse("agenda:create"))
    assert response.status_code == 403
    assert "organisatie, een wijkteam of een stadsdienst" in response.content.decode()


def test_cancelling_an_activity_tells_registrants(
    client, activity, organising_servant, resident, django_capture_on_commit_callbacks
):
    from genk.core.models import Notification

    RegistrationFactory(activity=activity, user=resident)
    client.force_login(organising_servant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("agenda:transition", args=[activity.pk, "cancel"]), {"reason": "De zaal is onbeschikbaar."})
    activity.refresh_from_db()
    assert activity.status == Activity.Status.CANCELLED
    assert Notification.objects.get(recipient=resident).kind == "agenda.cancelled"


def test_changing_the_time_tells_registrants(
    client, activity, organising_servant, resident, django_capture_on_commit_callbacks
):
    from genk.core.models import Notification

    RegistrationFactory(activity=activity, user=resident)
    client.force_login(organising_servant)
    start = timezone.localtime(activity.starts_at) + timedelta(hours=1)
    data = form_data(
        title=activity.title,
        starts_at=start.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        capacity="20",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("agenda:edit", args=[activity.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    assert Notification.objects.get(recipient=resident).kind == "agenda.changed"


def test_my_registrations(client, activity, resident):
    RegistrationFactory(activity=activity, user=resident)
    client.force_login(resident)
    assert activity.title in client.get(reverse("agenda:mine")).content.decode()


def test_registrations_without_an_account_are_limited(client, activity):
    url = reverse("agenda:register_guest", args=[activity.pk])
    for n in range(10):
        client.post(url, {"name": "Ann", "email": f"ann{n}@example.be", "companions": "0"})
    response = client.post(url, {"name": "Ann", "email": "ann99@example.be", "companions": "0"})
    assert "Te veel inschrijvingen na elkaar" in response.content.decode()
    assert Registration.objects.count() == 10


def test_a_visitor_cancels_through_the_link(client, activity, resident):
    from neighbourhoods.agenda import services

    activity.capacity = 1
    activity.save()
    guest = services.register_guest(activity, name="Ann", email="ann@example.be")
    services.confirm_guest(services.confirm_token(guest))
    waiting = services.register(activity, resident)
    path = reverse("agenda:guest_cancel", args=[services.cancel_token(guest)])
    assert "Ja, annuleer mijn inschrijving" in client.get(path).content.decode()
    client.post(path)
    waiting.refresh_from_db()
    assert waiting.status == R.REGISTERED
    assert client.get(reverse("agenda:guest_cancel", args=["kapot"])).status_code == 400


def test_staff_send_back_with_a_message(client, reviewer, organisation):
    activity = ActivityFactory(
        organiser_kind=Activity.OrganiserKind.ORGANISATION,
        department=None,
        organisation=organisation,
        status=Activity.Status.IN_REVIEW,
        published_at=None,
    )
    client.force_login(reviewer)
    response = client.post(reverse("agenda_staff:review", args=[activity.pk]), {"decision": "send_back", "message": ""})
    assert response.status_code == 200  # the message is required
    client.post(
        reverse("agenda_staff:review", args=[activity.pk]), {"decision": "send_back", "message": "Vermeld de prijs."}
    )
    activity.refresh_from_db()
    assert activity.status == Activity.Status.DRAFT and activity.review_message == "Vermeld de prijs."


def test_who_sees_the_review_queue(client, organising_servant_without_mfa, organising_servant, civil_servant):
    client.force_login(organising_servant_without_mfa)
    response = client.get(reverse("agenda_staff:queue"))
    assert response.status_code == 302  # staff without MFA go to the MFA set-up first
    client.force_login(organising_servant)  # another department than the reviewers'
    response = client.get(reverse("agenda_staff:queue"))
    assert response.status_code == 403
    assert "dienst Participatie" in response.content.decode()
    client.force_login(civil_servant)  # Participatie: the reviewers
    assert client.get(reverse("agenda_staff:queue")).status_code == 200


def test_the_staff_dashboard_shows_the_review_queue(client, reviewer, organisation):
    ActivityFactory(organiser_kind="organisation", department=None, organisation=organisation, status="in_review")
    client.force_login(reviewer)
    body = client.get("/beheer/").content.decode()
    assert reverse("agenda_staff:queue") in body


def test_a_confirmation_for_a_full_activity_without_waiting_list_says_so(client, activity, resident):
    from neighbourhoods.agenda import services

    activity.capacity = 1
    activity.waiting_list_enabled = False
    activity.save()
    guest = services.register_guest(activity, name="Ann", email="ann@example.be")
    services.register(activity, resident)
    response = client.post(reverse("agenda:confirm", args=[services.confirm_token(guest)]), follow=True)
    assert "Deze activiteit is volzet." in response.content.decode()
    guest.refresh_from_db()
    assert guest.status == R.UNCONFIRMED


def test_the_organiser_choices_are_ones_own_roles(client, rep, organisation, organising_servant, culture):
    client.force_login(rep)
    choices = dict(client.get(reverse("agenda:create")).context["form"].fields["organiser"].choices)
    assert choices == {f"organisation:{organisation.pk}": organisation.name}
    response = client.post(reverse("agenda:create"), form_data(organiser=f"department:{culture.pk}"))
    assert response.status_code == 200 and not Activity.objects.exists()  # not one of the choices


def test_no_hidden_name_starts_with_a_colon_set_apart():
    """A visually hidden rest of a button's or link's name ("Aanwezig<span …>: Jos</span>")
    is read as "Aanwezig : Jos" by Chromium; every template uses " — Jos" instead."""
    from pathlib import Path

    from django.conf import settings

    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in Path(settings.BASE_DIR).glob("**/templates/**/*.html")
        if ".venv" not in path.parts and '<span class="visually-hidden">: ' in path.read_text(encoding="utf-8")
    ]
    assert offenders == []

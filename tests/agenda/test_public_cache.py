"""The agenda and an activity's page are kept for visitors (genk.core.pagecache.public_page): a
visitor's repeated page runs no query; a write to what the page shows is on the next GET; the
seats taken lag at most REGISTRATIONS_LAG seconds; registration closes by itself (the copy goes
at the deadline); no visitor ever gets another's CSRF token or anything personal; signed-in
people get their own page (real PostgreSQL, Redis)."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from genk.accounts.models import Department, Organisation
from genk.core import pagecache
from neighbourhoods.agenda import views
from neighbourhoods.agenda.models import Activity, Registration, Series
from neighbourhoods.models import Neighbourhood, Place
from tests.factories import OrganisationFactory
from tests.public_pages import gone_after, kept, not_kept_with_unknown_parameter, shows_after

from .factories import ActivityFactory, PlaceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    return PlaceFactory(name="Buurthuis De Kolibrie", slug="de-kolibrie")


@pytest.fixture
def activity(culture, wijk, place):
    return ActivityFactory(
        department=culture, neighbourhood=wijk, place=place, title="Voorleesuur in de bib", capacity=2
    )


def _writes(activity, culture, wijk, place):
    """(what, the write, the text it puts on the agenda and on the activity's page)."""
    organisation = OrganisationFactory(name="Buurtvereniging De Lijster")
    return [
        (
            "activity",
            lambda: Activity.objects.filter(pk=activity.pk).update(title="Voorleesuur voor peuters"),
            "peuters",
        ),
        ("place", lambda: Place.objects.filter(pk=place.pk).update(name="Bibliotheek Genk"), "Bibliotheek Genk"),
        ("wijk", lambda: Neighbourhood.objects.filter(pk=wijk.pk).update(name="Winterslag-Oost"), "Winterslag-Oost"),
        ("department", lambda: Department.objects.filter(pk=culture.pk).update(name="Cultuurdienst"), "Cultuurdienst"),
        (
            "organisation",
            lambda: Activity.objects.filter(pk=activity.pk).update(
                organiser_kind=Activity.OrganiserKind.ORGANISATION, organisation=organisation
            ),
            "De Lijster",
        ),
        (
            "organisation's name",
            lambda: Organisation.objects.filter(pk=organisation.pk).update(name="Vzw De Merel"),
            "Vzw De Merel",
        ),
    ]


def test_the_agenda_is_kept_and_every_kind_of_data_it_shows_appears_on_the_next_get(
    activity, culture, wijk, place, django_assert_num_queries
):
    assert "Voorleesuur in de bib" in kept("/agenda/", django_assert_num_queries)
    for what, write, text in _writes(activity, culture, wijk, place):
        shows_after("/agenda/", write, text)
        assert Client().get("/agenda/")["X-Page-Cache"] == "hit", what
    shows_after("/agenda/", lambda: ActivityFactory(title="Petanque op het plein"), "Petanque op het plein")
    gone_after(
        "/agenda/",
        lambda: Activity.objects.filter(title="Petanque op het plein").update(status=Activity.Status.CANCELLED),
        "Petanque op het plein",
    )


def test_filters_search_and_pages_are_kept_each_on_their_own(activity, wijk, django_assert_num_queries):
    ActivityFactory(title="Petanque", themes=["sport"], price="3.00")
    for url in (
        "/agenda/?thema=sport",
        f"/agenda/?wijk={wijk.slug}&gratis=on",
        "/agenda/?q=voorleesuur",
        "/agenda/?pagina=2",
        "/agenda/?sdg=4&toegankelijk=on&kinderen=on&vanaf=2026-01-01&tot=2030-01-01",
    ):
        kept(url, django_assert_num_queries)
    sport = Client().get("/agenda/?thema=sport").text
    assert "Petanque" in sport and "Voorleesuur in de bib" not in sport
    assert "Voorleesuur in de bib" in Client().get("/agenda/?q=voorleesuur").text
    not_kept_with_unknown_parameter("/agenda/?thema=sport")


def test_seats_taken_lag_at_most_the_bound_on_the_agenda_and_the_page(activity, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(pagecache, "_now", lambda: clock[0])
    url = activity.get_absolute_url()
    assert "volzet" not in Client().get("/agenda/").text
    assert "0 van de 2 plaatsen" in Client().get(url).text
    RegistrationFactory(activity=activity, companions=1)  # 2 of 2 seats
    clock[0] += views.REGISTRATIONS_LAG - 1
    assert "volzet" not in Client().get("/agenda/").text  # within the bound
    assert "0 van de 2 plaatsen" in Client().get(url).text
    clock[0] += 2
    assert "volzet" in Client().get("/agenda/").text
    assert "2 van de 2 plaatsen" in Client().get(url).text


def test_an_activity_page_is_kept_and_every_kind_of_data_it_shows_appears_on_the_next_get(
    activity, culture, wijk, place, django_assert_num_queries
):
    url = activity.get_absolute_url()
    assert "Buurthuis De Kolibrie" in kept(url, django_assert_num_queries)
    for what, write, text in _writes(activity, culture, wijk, place):
        shows_after(url, write, text)
        assert Client().get(url)["X-Page-Cache"] == "hit", what
    shows_after(
        url, lambda: Place.objects.filter(pk=place.pk).update(address="Stadsplein 9, 3600 Genk"), "Stadsplein 9"
    )
    shows_after(
        url,
        lambda: Activity.objects.filter(pk=activity.pk).update(
            status=Activity.Status.CANCELLED, cancelled_reason="Ziek"
        ),
        "Deze activiteit gaat niet door.",
    )
    not_kept_with_unknown_parameter(url)


def test_the_next_occurrences_of_a_series_appear_and_go(activity):
    series = Series.objects.create(frequency=Series.Frequency.WEEKLY, occurrences=2)
    Activity.objects.filter(pk=activity.pk).update(series=series)
    url = activity.get_absolute_url()
    later = activity.starts_at + timedelta(days=7)
    shows_after(
        url,
        lambda: ActivityFactory(series=series, starts_at=later, title="Voorleesuur (2)"),
        "Volgende keren",
    )
    gone_after(url, lambda: Activity.objects.filter(title="Voorleesuur (2)").delete(), "Volgende keren")


def test_registration_closes_by_itself_at_the_deadline(activity):
    import time

    Activity.objects.filter(pk=activity.pk).update(registration_deadline=timezone.now() + timedelta(seconds=2.5))
    url = activity.get_absolute_url()
    assert "Inschrijven zonder account" in Client().get(url).text
    assert Client().get(url)["X-Page-Cache"] == "hit"
    time.sleep(3)
    page = Client().get(url)
    assert "X-Page-Cache" not in page
    assert "De inschrijvingen zijn gesloten" in page.text and "Inschrijven zonder account" not in page.text


def _tokens(html):
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)


def test_an_activity_page_never_gives_a_visitor_another_ones_token_or_registration(client, activity, resident):
    url = activity.get_absolute_url()
    client.force_login(resident)
    client.post(f"{url}inschrijven/", {"companions": 0})
    code = Registration.objects.get(user=resident).code
    mine = client.get(url)
    assert code in mine.text and "X-Page-Cache" not in mine  # the resident's own page, never kept
    assert 'action="/agenda/inschrijving/' in mine.text

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    one, two = first.get(url), second.get(url)
    assert two["X-Page-Cache"] == "hit"
    for page in (one, two):
        assert code not in page.text and "Je bent ingeschreven" not in page.text
        assert f'action="{url}inschrijven/"' not in page.text  # no registration form for a visitor
        assert len(_tokens(page.text)) == 1  # the language form's
    assert _tokens(one.text) != _tokens(two.text)
    assert _tokens(one.text)[0] not in two.text and _tokens(mine.text)[0] not in two.text
    # Each visitor's token works for that visitor only.
    answer = second.post("/taal/", {"language": "nl", "next": url, "csrfmiddlewaretoken": _tokens(two.text)[0]})
    assert answer.status_code == 302
    assert first.post("/taal/", {"language": "nl", "csrfmiddlewaretoken": _tokens(two.text)[0]}).status_code == 403


def test_a_signed_in_resident_gets_the_registration_form_and_their_links(client, activity, resident):
    Client().get("/agenda/")
    Client().get(activity.get_absolute_url())
    client.force_login(resident)
    page = client.get(activity.get_absolute_url())
    assert "X-Page-Cache" not in page and f'action="{activity.get_absolute_url()}inschrijven/"' in page.text
    agenda = client.get("/agenda/")
    assert "X-Page-Cache" not in agenda and "Mijn inschrijvingen" in agenda.text
    assert "Mijn inschrijvingen" not in Client().get("/agenda/").text


def test_a_page_a_visitor_may_not_see_is_not_kept(activity):
    draft = ActivityFactory(status=Activity.Status.DRAFT, title="Nog geheim")
    for _ in range(2):
        response = Client().get(draft.get_absolute_url())
        assert response.status_code == 404 and "X-Page-Cache" not in response

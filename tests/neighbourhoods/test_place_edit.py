"""Staff edit a place outside the Django admin (/beheer/plekken/<place>/bewerken/): name, kind,
wijk and point (inside the wijk), department, hours, exceptions, accessibility, contact, rooms.
Only the staff of the place's department (with MFA) and administrators."""

import pytest

from neighbourhoods.models import Place
from tests.factories import DepartmentFactory, DepartmentMembershipFactory, NeighbourhoodFactory

from .factories import BookablePlaceFactory, square
from .test_place_views import _management

pytestmark = pytest.mark.django_db


@pytest.fixture
def wijken(db):
    inside = NeighbourhoodFactory(name="Bret", slug="bret", boundary=square(5.49, 50.96, 0.01))
    other = NeighbourhoodFactory(name="Gelieren", slug="gelieren", boundary=square(5.52, 50.96, 0.01))
    return inside, other


@pytest.fixture
def place(wijken):
    return BookablePlaceFactory(name="Buurthuis Bret (voorbeeld)", neighbourhood=wijken[0], open_daily=False)


def url(place):
    return f"/beheer/plekken/{place.slug}/bewerken/"


def data(place, **overrides):
    values = {
        "name": place.name,
        "kind": place.kind,
        "neighbourhood": str(place.neighbourhood_id),
        "department": str(place.department_id),
        "address": place.address,
        "latitude": "50.965",
        "longitude": "5.495",
        **_management("uren", 0, 0),
        **_management("afwijkend", 0, 0),
        **_management("zalen", 0, 0),
    }
    values.update(overrides)
    return values


# persona: what GET of the edit page answers
EXPECTED = {
    "visitor": 302,  # to log in
    "resident": 403,
    "organisation_rep": 403,
    "civil_servant": 403,  # another department
    "place_staff_without_mfa": 302,  # the staff area asks for MFA first
    "place_staff": 200,
    "admin_user": 200,
}


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_who_may_edit_a_place(client, request, persona, place):
    user = request.getfixturevalue(persona)
    if user is not None and getattr(user, "is_authenticated", False):
        client.force_login(user)
    response = client.get(url(place))
    assert response.status_code == EXPECTED[persona], persona
    if EXPECTED[persona] == 403:
        assert "Deze plek wordt beheerd door een andere dienst." in response.content.decode() or (
            "medewerkers" in response.content.decode()
        )
    response = client.post(url(place), data(place, name="Overgenomen"))
    assert Place.objects.get(pk=place.pk).name == ("Overgenomen" if EXPECTED[persona] == 200 else place.name)


def test_staff_rename_change_kind_move_to_another_wijk_with_a_point_inside_it(client, place_staff, place, wijken):
    client.force_login(place_staff)
    page = client.get(url(place)).content.decode()
    assert 'name="name"' in page and 'name="kind"' in page and 'name="neighbourhood"' in page
    # A point inside Bret, but the place moves to Gelieren: refused, nothing saved, input kept.
    response = client.post(
        url(place), data(place, name="Dienstencentrum Gelieren (voorbeeld)", neighbourhood=str(wijken[1].pk))
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit punt ligt niet in de wijk Gelieren. Kies een punt binnen de wijkgrens." in html
    assert 'value="Dienstencentrum Gelieren (voorbeeld)"' in html
    assert Place.objects.get(pk=place.pk).neighbourhood == wijken[0]
    response = client.post(
        url(place),
        data(
            place,
            name="Dienstencentrum Gelieren (voorbeeld)",
            kind=Place.Kind.SERVICE_CENTRE,
            neighbourhood=str(wijken[1].pk),
            longitude="5.525",
            phone="089 00 00 00",
            induction_loop="on",
            **_management("zalen", 1, 0),
            **{
                "zalen-0-name": "Vergaderzaal",
                "zalen-0-capacity": "12",
                "zalen-0-equipment": "beamer",
                "zalen-0-price": "0",
                "zalen-0-free_for_associations": "on",
                "zalen-0-bookable": "on",
            },
        ),
    )
    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.name, place.kind, place.neighbourhood) == (
        "Dienstencentrum Gelieren (voorbeeld)",
        Place.Kind.SERVICE_CENTRE,
        wijken[1],
    )
    assert place.induction_loop and place.phone == "089 00 00 00"
    room = place.rooms.get()
    assert (room.capacity, room.equipment, room.free_for_associations) == (12, "beamer", True)
    public = client.get(place.get_absolute_url()).content.decode()
    assert "Dienstencentrum Gelieren (voorbeeld)" in public and "Vergaderzaal" in public


def test_staff_hand_a_place_only_to_a_department_of_their_own(client, place_staff, place):
    stranger = DepartmentFactory(name="Sport", slug="sport")
    client.force_login(place_staff)
    response = client.post(url(place), data(place, department=str(stranger.pk)))
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode() or "valid choice" in response.content.decode()
    assert Place.objects.get(pk=place.pk).department_id == place.department_id
    # A department they are also in: allowed, and the place is then that department's.
    second = DepartmentMembershipFactory(
        user=place_staff, department__name="Bibliotheek", department__slug="bib"
    ).department
    response = client.post(url(place), data(place, department=str(second.pk)))
    assert response.status_code == 302
    assert Place.objects.get(pk=place.pk).department == second


def test_an_administrator_may_choose_any_department(client, admin_user, place):
    sport = DepartmentFactory(name="Sport", slug="sport")
    client.force_login(admin_user)
    response = client.post(url(place), data(place, department=str(sport.pk)))
    assert response.status_code == 302
    assert Place.objects.get(pk=place.pk).department == sport

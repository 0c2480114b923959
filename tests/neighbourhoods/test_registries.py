import datetime

import pytest
from django.utils import timezone

from genk.core import indicators, portal
from genk.core.indicators import Period
from neighbourhoods.models import Neighbourhood, TeamMembership
from neighbourhoods.portal import my_neighbourhoods
from tests.factories import NeighbourhoodFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

THIS_YEAR = Period.year(timezone.localdate().year)


# Indicators.


def test_registered_residents_counts_active_not_erased_accounts_per_wijk(django_assert_num_queries):
    a, b, c = NeighbourhoodFactory(), NeighbourhoodFactory(), NeighbourhoodFactory()
    for _ in range(3):
        UserFactory(neighbourhood=a)
    UserFactory(neighbourhood=b)
    UserFactory(neighbourhood=b, is_active=False)
    UserFactory(neighbourhood=b, erased_at=timezone.now())
    UserFactory(neighbourhood=None)
    indicator = indicators.get("neighbourhoods.registered_residents")
    with django_assert_num_queries(1):
        values = indicator.by_neighbourhood(THIS_YEAR)
    assert values == {a.pk: 3, b.pk: 1}
    assert c.pk not in values
    assert indicator.combine(values, [a.pk, b.pk, c.pk]) == 4
    assert indicator.app_label == "neighbourhoods"


def test_registered_residents_of_an_earlier_period_leave_out_later_accounts():
    wijk = NeighbourhoodFactory()
    UserFactory(neighbourhood=wijk, date_joined=timezone.now() - datetime.timedelta(days=800))
    UserFactory(neighbourhood=wijk)
    indicator = indicators.get("neighbourhoods.registered_residents")
    last_year = Period.year(timezone.localdate().year - 1)
    assert indicator.by_neighbourhood(last_year) == {wijk.pk: 1}
    assert indicator.by_neighbourhood(THIS_YEAR) == {wijk.pk: 2}


def test_population_gives_the_known_figures_and_sums_them():
    a = NeighbourhoodFactory(population=2500)
    b = NeighbourhoodFactory(population=1500)
    unknown = NeighbourhoodFactory(population=None)
    indicator = indicators.get("neighbourhoods.population")
    values = indicator.by_neighbourhood(THIS_YEAR)
    assert values == {a.pk: 2500, b.pk: 1500}
    assert indicator.aggregate == "sum"
    assert indicator.combine(values, [a.pk, b.pk, unknown.pk]) == 4000


def test_loaded_wijken_have_no_population(wijken):
    assert indicators.get("neighbourhoods.population").by_neighbourhood(THIS_YEAR) == {}
    assert Neighbourhood.objects.count() == 31


# The staff dashboard.


def _my_wijken(user):
    return [item for item in my_neighbourhoods(user) if item.section == "Mijn wijken"]


def test_my_wijken_is_a_registered_dashboard_section(neighbourhood_director):
    wijk = neighbourhood_director.team_memberships.get().neighbourhood
    assert my_neighbourhoods in portal._dashboard
    assert any(
        i.section == "Mijn wijken" and i.label == wijk.name for i in portal.dashboard_items(neighbourhood_director)
    )


def test_staff_dashboard_lists_my_wijken_with_my_roles(neighbourhood_director, django_assert_num_queries):
    first = neighbourhood_director.team_memberships.get().neighbourhood
    second = NeighbourhoodFactory(name="Aaa-wijk", slug="aaa-wijk")
    TeamMembershipFactory(user=neighbourhood_director, neighbourhood=second, role=TeamMembership.Role.COMMUNITY_WORK)
    TeamMembershipFactory(user=neighbourhood_director, neighbourhood=second)
    TeamMembershipFactory(
        user=neighbourhood_director,
        neighbourhood=NeighbourhoodFactory(name="Vroeger"),
        end=timezone.localdate() - datetime.timedelta(days=1),
    )
    items = _my_wijken(neighbourhood_director)
    assert [(i.label, i.url, i.description) for i in items] == [
        ("Aaa-wijk", "/wijken/aaa-wijk/", "buurtwerk, wijkregisseur"),
        (first.name, first.get_absolute_url(), "wijkregisseur"),
    ]


def test_staff_dashboard_page_shows_my_wijken(client, neighbourhood_director):
    wijk = neighbourhood_director.team_memberships.get().neighbourhood
    client.force_login(neighbourhood_director)
    response = client.get("/beheer/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mijn wijken" in html
    assert f'href="{wijk.get_absolute_url()}"' in html


@pytest.mark.parametrize("persona", ["visitor", "resident", "civil_servant", "admin_user"])
def test_no_wijken_section_for_people_outside_area_teams(request, persona):
    assert _my_wijken(request.getfixturevalue(persona)) == []


# GDPR.


def test_data_download_and_erasure_cover_team_memberships(neighbourhood_director):
    from genk.accounts.services import erase_user, export_user_data

    data = export_user_data(neighbourhood_director)
    [membership] = data["neighbourhoods"]["team_memberships"]
    assert membership["role"] == "director"
    assert membership["public_email"] == "wijkregie@genk.be"
    erase_user(neighbourhood_director)
    assert not TeamMembership.objects.filter(user=neighbourhood_director).exists()

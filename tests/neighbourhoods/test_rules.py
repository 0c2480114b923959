import datetime

import pytest
from django.utils import timezone

from neighbourhoods.models import TeamMembership
from neighbourhoods.predicates import is_director_of, is_team_member_of
from tests.factories import DistrictFactory, NeighbourhoodFactory, TeamMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wijk(neighbourhood_director):
    """The wijk of the `neighbourhood_director` persona."""
    return neighbourhood_director.team_memberships.get().neighbourhood


@pytest.fixture
def other_wijk(db):
    return NeighbourhoodFactory()


@pytest.fixture
def team_member(wijk):
    return TeamMembershipFactory(neighbourhood=wijk, role=TeamMembership.Role.YOUTH_WORK).user


@pytest.fixture
def director_elsewhere(other_wijk):
    return TeamMembershipFactory(neighbourhood=other_wijk).user


@pytest.fixture
def former_director(wijk):
    ended = timezone.localdate() - datetime.timedelta(days=1)
    return TeamMembershipFactory(neighbourhood=wijk, end=ended).user


@pytest.fixture
def future_director(wijk):
    starts = timezone.localdate() + datetime.timedelta(days=7)
    return TeamMembershipFactory(neighbourhood=wijk, start=starts).user


# persona fixture: (view_dashboard of the wijk, change_district)
MATRIX = {
    "visitor": (False, False),
    "resident": (False, False),
    "neighbourhood_director": (True, False),
    "team_member": (True, False),
    "director_elsewhere": (False, False),
    "former_director": (False, False),
    "future_director": (False, False),
    "civil_servant": (False, False),
    "council_member": (False, False),
    "organisation_rep": (False, False),
    "admin_user": (True, True),
}


@pytest.mark.parametrize(("persona", "expected"), MATRIX.items(), ids=MATRIX.keys())
def test_permissions_per_persona(request, wijk, persona, expected):
    user = request.getfixturevalue(persona)
    view_dashboard, change_district = expected
    assert user.has_perm("neighbourhoods.view_dashboard", wijk) is view_dashboard
    district = wijk.district
    assert user.has_perm("neighbourhoods.change_district", district) is change_district


def test_a_resident_of_the_wijk_does_not_see_its_dashboard(resident, wijk):
    resident.neighbourhood = wijk
    resident.save()
    assert not resident.has_perm("neighbourhoods.view_dashboard", wijk)


def test_dashboard_without_an_object_is_for_administrators_only(neighbourhood_director, admin_user):
    assert not neighbourhood_director.has_perm("neighbourhoods.view_dashboard")
    assert admin_user.has_perm("neighbourhoods.view_dashboard")


def test_district_dashboard_is_for_the_teams_of_its_wijken(
    neighbourhood_director, director_elsewhere, wijk, other_wijk
):
    assert neighbourhood_director.has_perm("neighbourhoods.view_dashboard", wijk.district)
    assert not director_elsewhere.has_perm("neighbourhoods.view_dashboard", wijk.district)
    assert director_elsewhere.has_perm("neighbourhoods.view_dashboard", other_wijk.district)


def test_predicates(neighbourhood_director, team_member, director_elsewhere, visitor, wijk):
    assert is_director_of(neighbourhood_director, wijk)
    assert is_team_member_of(neighbourhood_director, wijk)
    assert not is_director_of(team_member, wijk)
    assert is_team_member_of(team_member, wijk)
    assert not is_director_of(director_elsewhere, wijk)
    assert not is_team_member_of(director_elsewhere, wijk)
    assert not is_director_of(visitor, wijk)
    assert not is_team_member_of(neighbourhood_director, None)
    assert not is_team_member_of(neighbourhood_director, DistrictFactory())
    assert not is_team_member_of(neighbourhood_director, "not an area")

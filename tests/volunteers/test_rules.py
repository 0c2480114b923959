"""Who may do what, per persona and per state (`can`, never `user.has_perm`)."""

import pytest

from genk.core.permissions import can
from volunteers.models import HourEntry, Opportunity, SignUp

from .factories import OpportunityFactory, ShiftFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["visitor", "resident", "volunteer", "coordinator", "other_coordinator", "desk_staff", "admin_user"]
STATES = [s.value for s in Opportunity.Status]


@pytest.fixture
def people(request):
    return {name: request.getfixturevalue(name) for name in PERSONAS}


def opportunity_in(organisation, state):
    return OpportunityFactory(organisation=organisation, status=state)


# persona -> states where the answer is yes
VIEW = {
    "visitor": {"published", "closed"},
    "resident": {"published", "closed"},
    "volunteer": {"published", "closed"},
    "coordinator": set(STATES),
    "other_coordinator": {"published", "closed"},
    "desk_staff": set(STATES),
    "admin_user": set(STATES),
}
CHANGE = {"coordinator": set(STATES), "admin_user": set(STATES)}
REVIEW = {"desk_staff": set(STATES), "admin_user": set(STATES)}
CLOSE = {"coordinator": set(STATES), "desk_staff": set(STATES), "admin_user": set(STATES)}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_opportunity_rules(people, organisation, persona, state):
    user = people[persona]
    opportunity = opportunity_in(organisation, state)
    assert can(user, "volunteers.view_opportunity", opportunity) == (state in VIEW[persona])
    assert can(user, "volunteers.change_opportunity", opportunity) == (state in CHANGE.get(persona, set()))
    assert can(user, "volunteers.review_opportunity", opportunity) == (state in REVIEW.get(persona, set()))
    assert can(user, "volunteers.close_opportunity", opportunity) == (state in CLOSE.get(persona, set()))


@pytest.mark.parametrize("persona", PERSONAS)
def test_publishing_alone_needs_an_earlier_publication(people, organisation, persona):
    user = people[persona]
    first = opportunity_in(organisation, "draft")
    first.published_at = None
    first.save()
    alone = {"desk_staff", "admin_user"}
    assert can(user, "volunteers.publish_opportunity", first) == (persona in alone)
    assert can(user, "volunteers.submit_opportunity", first) == (persona == "coordinator")
    opportunity_in(organisation, "published")  # has a published_at: the organisation is known
    assert can(user, "volunteers.publish_opportunity", first) == (persona in alone | {"coordinator"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_sign_up_rules(people, opportunity, persona):
    user = people[persona]
    shift = ShiftFactory(opportunity=opportunity)
    signup = SignUp.objects.create(shift=shift, volunteer=people["volunteer"], status=SignUp.Status.ACCEPTED)
    assert can(user, "volunteers.signup_shift", shift) == (persona != "visitor")
    manages = persona in {"coordinator", "admin_user"}
    assert can(user, "volunteers.decide_signup", signup) == manages
    assert can(user, "volunteers.cancel_signup", signup) == (manages or persona == "volunteer")
    assert can(user, "volunteers.view_signup", signup) == (manages or persona == "volunteer")
    assert can(user, "volunteers.rejoin_signup", signup) == (persona == "volunteer")
    assert can(user, "volunteers.log_hours", signup) == (manages or persona == "volunteer")
    entry = HourEntry.objects.create(signup=signup, hours=2, logged_by=people["volunteer"])
    assert can(user, "volunteers.approve_hours", entry) == manages
    assert can(user, "volunteers.log_hours", entry) == (manages or persona == "volunteer")
    assert can(user, "volunteers.change_shift", shift) == manages
    assert can(user, "volunteers.change_notice", opportunity.organisation) == manages
    assert can(user, "volunteers.export_organisation", opportunity.organisation) == manages
    assert can(user, "volunteers.add_opportunity", opportunity.organisation) == manages


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_workbench(people, persona):
    user = people[persona]
    expected = persona in {"coordinator", "other_coordinator", "desk_staff", "admin_user"}
    assert can(user, "volunteers.access_workbench", user) == expected


def test_desk_staff_without_mfa_reviews_nothing(organisation, db):
    from tests.factories import DepartmentMembershipFactory

    user = DepartmentMembershipFactory(department__slug="vrijwilligerspunt", department__name="Vrijwilligerspunt").user
    assert not can(user, "volunteers.review_opportunity", opportunity_in(organisation, "in_review"))


def test_an_ended_coordinator_membership_grants_nothing(opportunity, coordinator):
    from datetime import date

    coordinator.organisation_memberships.update(end=date(2020, 1, 1))
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    assert not can(coordinator, "volunteers.change_opportunity", opportunity)


@pytest.mark.parametrize("persona", PERSONAS)
def test_allowance_and_certificate_rules(people, organisation, persona):
    from datetime import date

    from volunteers.models import Allowance, Certificate

    user = people[persona]
    manages = persona in {"coordinator", "admin_user"}
    assert can(user, "volunteers.record_allowance", organisation) == manages
    assert can(user, "volunteers.view_allowances", organisation) == manages
    allowance = Allowance(
        volunteer=people["volunteer"], organisation=organisation, day=date(2025, 1, 1), system="flat_rate", amount=1
    )
    assert can(user, "volunteers.record_allowance", allowance) == manages
    certificate = Certificate(volunteer=people["volunteer"], organisation=organisation, year=2025, hours=3)
    assert can(user, "volunteers.view_certificate", certificate) == (manages or persona == "volunteer")

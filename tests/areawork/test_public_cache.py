"""The public wijkplan is kept for visitors (genk.core.pagecache.public_page): a visitor's repeated
page runs no query; a write to anything it shows is on the next GET (real PostgreSQL, Redis)."""

import pytest
from django.test import Client
from django.utils import timezone

from genk.accounts.models import Department, User
from neighbourhoods.agenda.models import Activity
from neighbourhoods.areawork.models import Action, ActionLink, Plan, Priority
from neighbourhoods.models import Neighbourhood, Partner, TeamMembership
from tests.agenda.factories import ActivityFactory
from tests.factories import DepartmentFactory, TeamMembershipFactory, UserFactory
from tests.neighbourhoods.factories import PartnerFactory
from tests.public_pages import gone_after, kept, not_kept_with_unknown_parameter, shows_after

from .factories import ActionFactory, PlanFactory, PriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(wijk):
    plan = PlanFactory(neighbourhood=wijk)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.PUBLISHED, published_at=timezone.now())
    return plan


@pytest.fixture
def action(published):
    return ActionFactory(priority=PriorityFactory(plan=published, title="Een nette wijk"), title="Zwerfvuilactie")


def test_the_public_wijkplan_is_kept_and_every_kind_of_data_it_shows_appears_on_the_next_get(
    wijk, published, action, django_assert_num_queries
):
    url = f"/wijken/{wijk.slug}/wijkplan/"
    assert "Zwerfvuilactie" in kept(url, django_assert_num_queries)
    member = TeamMembershipFactory(
        neighbourhood=wijk, role=TeamMembership.Role.COMMUNITY_WORK, user=UserFactory(display_name="Bram Buurtwerk")
    )
    department = DepartmentFactory(name="Dienst Netheid", slug="netheid")
    partner = PartnerFactory(name="Limburg.net")
    activity = ActivityFactory(title="Opruimdag")
    older = PlanFactory(neighbourhood=wijk, year=published.year - 1)
    writes = [
        ("wijk", lambda: Neighbourhood.objects.filter(pk=wijk.pk).update(name="Kolderbos-Noord"), "Kolderbos-Noord"),
        ("plan", lambda: Plan.objects.filter(pk=published.pk).update(introduction="Samen sterk."), "Samen sterk."),
        (
            "another year",
            lambda: Plan.objects.filter(pk=older.pk).update(status=Plan.Status.PUBLISHED),
            f"?jaar={published.year - 1}",
        ),
        ("priority", lambda: Priority.objects.filter(plan=published).update(title="Een propere wijk"), "propere"),
        ("action", lambda: Action.objects.filter(pk=action.pk).update(progress_note="Al 3 keer."), "Al 3 keer."),
        ("action status", lambda: Action.objects.filter(pk=action.pk).update(status=Action.Status.DONE), "1 van de 1"),
        (
            "link",
            lambda: ActionLink.objects.create(
                action=action, ref="initiatives.initiative:1", kind_label="Initiatief", title="Geveltuintjes", url="/x/"
            ),
            "Geveltuintjes",
        ),
        ("activity linked", lambda: action.activities.add(activity), "Opruimdag"),
        (
            "activity",
            lambda: Activity.objects.filter(pk=activity.pk).update(title="Grote opruimdag"),
            "Grote opruimdag",
        ),
        ("team member owns", lambda: Action.objects.filter(pk=action.pk).update(owner_member=member), "Bram Buurtwerk"),
        ("public name", lambda: User.objects.filter(pk=member.user_id).update(display_name="Bram B."), "Bram B."),
        (
            "department owns",
            lambda: Action.objects.filter(pk=action.pk).update(owner_member=None, owner_department=department),
            "Dienst Netheid",
        ),
        ("department name", lambda: Department.objects.filter(pk=department.pk).update(name="Reinheid"), "Reinheid"),
        (
            "partner owns",
            lambda: Action.objects.filter(pk=action.pk).update(owner_department=None, owner_partner=partner),
            "Limburg.net",
        ),
        ("partner name", lambda: Partner.objects.filter(pk=partner.pk).update(name="Limburg.net cvba"), "cvba"),
    ]
    for what, write, text in writes:
        shows_after(url, write, text)
        assert Client().get(url)["X-Page-Cache"] == "hit", what
    gone_after(url, lambda: Action.objects.filter(pk=action.pk).update(is_public=False), "Zwerfvuilactie")
    kept(f"{url}?jaar={published.year - 1}", django_assert_num_queries)
    not_kept_with_unknown_parameter(url)


def test_a_wijk_without_published_plan_is_not_kept(wijk):
    for _ in range(2):
        response = Client().get(f"/wijken/{wijk.slug}/wijkplan/")
        assert response.status_code == 404 and "X-Page-Cache" not in response

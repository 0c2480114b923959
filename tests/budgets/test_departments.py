"""Issue 16: staff rights over a budget cycle are scoped by the department that owns it."""

import pytest
from django.urls import reverse

from genk.core.permissions import can
from participation.budgets.models import Cycle
from tests.factories import DepartmentFactory, DepartmentMembershipFactory, enroll_mfa


def text(response):
    return response.content.decode()


@pytest.fixture
def other_department_staff(db):
    user = DepartmentMembershipFactory(department__name="Sport", department__slug="sport").user
    enroll_mfa(user)
    return user


def staff_pages(cycle):
    return [
        reverse(f"budgets_staff:{name}", kwargs={"slug": cycle.slug})
        for name in ("cycle", "cycle_edit", "headings", "review_list", "paper", "results")
    ]


@pytest.mark.parametrize("persona", ["civil_servant", "admin_user"])
def test_the_owning_department_and_administrators_manage_the_cycle(client, request, paper_cycle, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert paper_cycle.name in text(client.get(reverse("budgets_staff:cycles")))
    for page in staff_pages(paper_cycle):
        assert client.get(page).status_code == 200, page
    assert can(user, "budgets.enter_paper_ballot", paper_cycle)


def test_staff_of_another_department_see_only_what_the_public_sees(client, paper_cycle, other_department_staff):
    client.force_login(other_department_staff)
    assert paper_cycle.name not in text(client.get(reverse("budgets_staff:cycles")))
    for page in staff_pages(paper_cycle):
        response = client.get(page)
        assert response.status_code == 403, page
        assert "hoort bij een andere dienst" in text(response)
    assert not can(other_department_staff, "budgets.enter_paper_ballot", paper_cycle)
    assert client.get(paper_cycle.get_absolute_url()).status_code == 200


def test_an_unpublished_cycle_stays_hidden_from_another_department(client, city_cycle, other_department_staff):
    Cycle.objects.filter(pk=city_cycle.pk).update(is_published=False)
    client.force_login(other_department_staff)
    assert client.get(city_cycle.get_absolute_url()).status_code == 404


def test_a_helping_department_manages_the_cycle(client, paper_cycle, other_department_staff):
    paper_cycle.helper_departments.add(DepartmentFactory(slug="sport"))
    client.force_login(other_department_staff)
    for page in staff_pages(paper_cycle):
        assert client.get(page).status_code == 200, page


def test_staff_without_mfa_are_sent_to_set_it_up(client, city_cycle, civil_servant_without_mfa):
    client.force_login(civil_servant_without_mfa)
    response = client.get(reverse("budgets_staff:cycle", kwargs={"slug": city_cycle.slug}))
    assert response.status_code == 302 and ("2fa" in response.url or "mfa" in response.url)
    assert not can(civil_servant_without_mfa, "budgets.manage_cycle", city_cycle)


def test_a_cycle_without_department_is_for_administrators_only(client, city_cycle, civil_servant, admin_user):
    Cycle.objects.filter(pk=city_cycle.pk).update(department=None)
    client.force_login(civil_servant)
    assert client.get(reverse("budgets_staff:cycle", kwargs={"slug": city_cycle.slug})).status_code == 403
    client.force_login(admin_user)
    assert client.get(reverse("budgets_staff:cycle", kwargs={"slug": city_cycle.slug})).status_code == 200


def test_staff_create_a_cycle_for_their_own_department(client, civil_servant):
    client.force_login(civil_servant)
    form = client.get(reverse("budgets_staff:cycle_create")).context["form"]
    assert list(form.fields["department"].queryset) == [civil_servant.department_memberships.get().department]

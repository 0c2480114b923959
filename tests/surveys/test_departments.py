"""Issue 16: staff rights over a survey are scoped by department; free text only for the owning one."""

import pytest
from django.urls import reverse

from participation.surveys.models import Survey
from tests.factories import DepartmentFactory, DepartmentMembershipFactory, enroll_mfa

from .factories import park_survey
from .test_surveys import answers, text


@pytest.fixture
def other_department_staff(db):
    user = DepartmentMembershipFactory(department__name="Sport", department__slug="sport").user
    enroll_mfa(user)
    return user


@pytest.fixture
def answered(client, resident):
    survey = park_survey()
    client.force_login(resident)
    client.post(survey.get_absolute_url(), answers(survey))
    client.logout()
    return survey


def staff_url(name, survey):
    return reverse(f"surveys_staff:{name}", kwargs={"slug": survey.slug})


@pytest.mark.parametrize("persona", ["civil_servant", "admin_user"])
def test_the_owning_department_and_administrators_manage_it_and_read_free_text(client, request, answered, persona):
    client.force_login(request.getfixturevalue(persona))
    assert answered.title in text(client.get(reverse("surveys_staff:list")))
    assert client.get(staff_url("detail", answered)).status_code == 200
    assert "Meer vuilbakken aan de vijver." in text(client.get(staff_url("results", answered)))
    csv = client.get(reverse("surveys_staff:export", kwargs={"slug": answered.slug, "fmt": "csv"}))
    assert "Meer vuilbakken" in csv.content.decode()


def test_staff_of_another_department_see_only_what_the_public_sees(client, answered, other_department_staff):
    client.force_login(other_department_staff)
    assert answered.title not in text(client.get(reverse("surveys_staff:list")))
    for name in ("detail", "results"):
        response = client.get(staff_url(name, answered))
        assert response.status_code == 403
        assert "hoort bij een andere dienst" in text(response)
    assert client.get(reverse("surveys_staff:export", kwargs={"slug": answered.slug, "fmt": "csv"})).status_code == 403
    # The public page, as anyone: open, so no results yet.
    assert client.get(answered.get_absolute_url()).status_code == 200


def test_a_helping_department_manages_it_without_the_free_text(client, answered, other_department_staff):
    answered.helper_departments.add(DepartmentFactory(slug="sport"))
    client.force_login(other_department_staff)
    html = text(client.get(staff_url("results", answered)))
    assert "Hoe tevreden ben je?" in html
    assert "Meer vuilbakken" not in html
    csv = client.get(reverse("surveys_staff:export", kwargs={"slug": answered.slug, "fmt": "csv"})).content.decode()
    assert "Hoe tevreden ben je?" in csv and "Meer vuilbakken" not in csv


def test_staff_without_mfa_are_sent_to_set_it_up(client, answered, civil_servant_without_mfa):
    client.force_login(civil_servant_without_mfa)
    response = client.get(staff_url("results", answered))
    assert response.status_code == 302 and ("2fa" in response.url or "mfa" in response.url)


def test_a_survey_without_department_is_for_administrators_only(client, answered, civil_servant, admin_user):
    Survey.objects.filter(pk=answered.pk).update(department=None)
    client.force_login(civil_servant)
    assert client.get(staff_url("detail", answered)).status_code == 403
    client.force_login(admin_user)
    assert client.get(staff_url("detail", answered)).status_code == 200


def test_staff_create_a_survey_for_their_own_department(client, civil_servant):
    client.force_login(civil_servant)
    form = client.get(reverse("surveys_staff:create")).context["form"]
    assert list(form.fields["department"].queryset) == [civil_servant.department_memberships.get().department]


def test_results_of_an_open_survey_say_when_they_come(client, answered):
    """Issue 16, first hour: not a 403 "Geen toegang" but a page with the date."""
    from genk.core.formats import long_date

    response = client.get(reverse("surveys:results", kwargs={"slug": answered.slug}))
    assert response.status_code == 200
    assert f"nadat de bevraging sluit, op {long_date(answered.closes_at)}" in text(response)
    assert "Meer vuilbakken" not in text(response)


def test_results_the_city_keeps_private_are_a_403_that_says_why(client, answered):
    Survey.objects.filter(pk=answered.pk).update(results_public=False)
    response = client.get(reverse("surveys:results", kwargs={"slug": answered.slug}))
    assert response.status_code == 403
    assert "niet publiek" in text(response)

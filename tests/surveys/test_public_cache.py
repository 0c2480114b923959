"""The public pages of surveys are kept for visitors (genk.core.pagecache.public_page): the list,
a survey's page and its public results; a visitor's repeated page runs no query; a write to what
a page shows is on the next GET; a survey that opens or closes retires the copies at that moment;
signed-in people get their own page (real PostgreSQL, Redis)."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from neighbourhoods.models import District
from participation.surveys.models import Answer, Response, Survey
from tests.factories import DistrictFactory, UserFactory
from tests.public_pages import gone_after, kept, not_kept_with_unknown_parameter, shows_after

from .factories import SurveyFactory, park_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return park_survey()


def test_the_list_is_kept_and_shows_every_write(survey, django_assert_num_queries):
    assert "Het park van Winterslag" in kept("/bevragingen/", django_assert_num_queries)
    district = DistrictFactory(name="Genk-Noord", slug="genk-noord")
    shows_after("/bevragingen/", lambda: SurveyFactory(title="Speelpleinen"), "Speelpleinen")
    shows_after(
        "/bevragingen/", lambda: Survey.objects.filter(pk=survey.pk).update(audience_district=district), "Genk-Noord"
    )
    shows_after(
        "/bevragingen/", lambda: District.objects.filter(pk=district.pk).update(name="Noord"), "voor inwoners van Noord"
    )
    gone_after(
        "/bevragingen/",
        lambda: Survey.objects.filter(pk=survey.pk).update(is_published=False),
        "Het park van Winterslag",
    )
    not_kept_with_unknown_parameter("/bevragingen/")


def test_a_surveys_page_is_kept_and_shows_every_write(survey, django_assert_num_queries):
    url = survey.get_absolute_url()
    page = kept(url, django_assert_num_queries)
    assert "Meld je aan om deel te nemen" in page
    assert page.count('name="csrfmiddlewaretoken"') == 1  # the language form's: no answer form
    district = DistrictFactory(name="Genk-Noord", slug="genk-noord")
    shows_after(url, lambda: Survey.objects.filter(pk=survey.pk).update(intro="Zeg het ons."), "Zeg het ons.")
    shows_after(url, lambda: Survey.objects.filter(pk=survey.pk).update(audience_district=district), "Genk-Noord")
    shows_after(url, lambda: District.objects.filter(pk=district.pk).update(name="Noord"), "inwoners van Noord")
    not_kept_with_unknown_parameter(url)


def test_a_survey_that_closes_retires_the_kept_page_and_the_results_appear(survey):
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() + timedelta(seconds=2.5))
    url, results = survey.get_absolute_url(), f"{survey.get_absolute_url()}resultaten/"
    assert "Meld je aan om deel te nemen" in Client().get(url).text
    assert "nadat de bevraging sluit" in Client().get(results).text
    for address in (url, results, "/bevragingen/"):
        Client().get(address)
        assert Client().get(address)["X-Page-Cache"] == "hit", address
    time.sleep(3)
    assert "Deze bevraging is gesloten" in Client().get(url).text
    assert "0 personen vulden de bevraging in" in Client().get(results).text
    assert "Afgelopen, met resultaten" in Client().get("/bevragingen/").text


def test_public_results_are_kept_and_a_response_shows(survey, django_assert_num_queries):
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    url = f"{survey.get_absolute_url()}resultaten/"
    assert "0 personen vulden de bevraging in" in kept(url, django_assert_num_queries)
    question = survey.questions.get(text="Wat wil je er?")

    def respond():
        response = Response.objects.create(survey=survey, respondent=UserFactory())
        Answer.objects.create(response=response, question=question, choice=question.choices.get(text="Bomen"))

    shows_after(url, respond, "1 persoon vulde de bevraging in")
    shows_after(
        url,
        lambda: Answer.objects.filter(question=question).update(choice=question.choices.get(text="Bankjes")),
        "Bankjes: 1",
    )
    not_kept_with_unknown_parameter(url)


def test_a_signed_in_resident_gets_their_own_page(client, survey):
    url = survey.get_absolute_url()
    Client().get(url)
    client.force_login(UserFactory())
    page = client.get(url)
    assert "X-Page-Cache" not in page and "Meld je aan om deel te nemen" not in page.text


def test_results_that_are_not_public_are_refused_and_never_kept():
    hidden = park_survey(results_public=False)
    Survey.objects.filter(pk=hidden.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    for _ in range(2):
        response = Client().get(f"{hidden.get_absolute_url()}resultaten/")
        assert response.status_code == 403 and "X-Page-Cache" not in response

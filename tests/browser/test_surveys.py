"""A survey in a real browser, each page checked with axe-core: a resident answers every kind of
question (single and multiple choice, a scale, free text, a follow-up question shown only for
one answer), and after closing reads the results as charts; the free text is for staff only."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from participation.surveys.models import Answer, Response
from tests.browser.conftest import Browse
from tests.budgets import conftest as budget_fixtures
from tests.factories import enroll_mfa
from tests.surveys.factories import park_survey

pytestmark = pytest.mark.browser

district = budget_fixtures.district
neighbourhood = budget_fixtures.neighbourhood
district_resident = budget_fixtures.district_resident

FREE_TEXT = "Graag meer schaduw bij de speeltuin, het is er heet in de zomer."


def fill_in(browse: Browse, *, javascript: bool):
    page = browse.page
    form = page.locator("form.survey-form")
    follow_up = form.get_by_role("group", name=re.compile("Waarom niet"))
    if javascript:
        # The follow-up question hides until its answer is chosen (show-if.js); without
        # JavaScript it is always there with a note saying when to answer it.
        assert not follow_up.is_visible()
    form.get_by_role("group", name=re.compile("Kom je in het park")).get_by_label("Nee").check()
    assert follow_up.is_visible()
    assert "Alleen als je bij vraag 1 'Nee' antwoordde." in follow_up.inner_text()
    follow_up.get_by_label("Te ver").check()
    follow_up.get_by_label("Geen tijd").check()
    wishes = form.get_by_role("group", name=re.compile("Wat wil je er"))
    wishes.get_by_label("Bankjes").check()
    wishes.get_by_label("Bomen").check()
    form.get_by_role("group", name=re.compile("Hoe tevreden ben je")).get_by_label("4").check()
    form.get_by_label(re.compile("Nog iets")).fill(FREE_TEXT)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_resident_answers_once_then_reads_the_results_without_the_free_text(
    request, live_server, district_resident, civil_servant, javascript
):
    browse = request.getfixturevalue("browse" if javascript else "browse_without_js")
    survey = park_survey(results_public=True)
    page = browse.page
    browse.login(district_resident.email)
    browse.goto("/bevragingen/")
    browse.follow(page.locator("main").get_by_role("link", name="Het park van Winterslag"))
    assert page.locator("h1").inner_text() == "Het park van Winterslag"

    # A required question left open: an error summary, the other answers kept.
    form = page.locator("form.survey-form")
    form.get_by_role("group", name=re.compile("Wat wil je er")).get_by_label("Bankjes").check()
    browse.submit("Antwoorden versturen")
    assert page.locator(".error-summary").is_visible()
    assert page.locator("form.survey-form").get_by_label("Bankjes").is_checked()
    assert not Response.objects.exists()

    fill_in(browse, javascript=javascript)
    browse.submit("Antwoorden versturen")
    assert "Bedankt! Je antwoorden zijn bewaard." in page.locator(".messages").inner_text()
    assert page.get_by_role("button", name="Antwoorden versturen").count() == 0  # once
    response = Response.objects.get(respondent=district_resident)
    answers = Answer.objects.filter(response=response)
    assert sorted(a.choice.text for a in answers if a.choice_id) == sorted(
        ["Nee", "Te ver", "Geen tijd", "Bankjes", "Bomen"]
    )
    assert [a.number for a in answers if a.number is not None] == [4]
    assert [a.text for a in answers if a.text] == [FREE_TEXT]

    # While open, the results are not public yet.
    browse.goto(f"/bevragingen/{survey.slug}/resultaten/")  # a page that says when (issue 16)
    assert "nadat de bevraging sluit" in page.locator("main").inner_text()

    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.save(update_fields=["closes_at"])
    browse.goto(f"/bevragingen/{survey.slug}/")
    browse.follow(page.locator("main").get_by_role("link", name="Bekijk de resultaten"))
    main = page.locator("main")
    assert "1 persoon vulde de bevraging in." in re.sub(r"\s+", " ", main.inner_text())
    charts = main.locator("svg.survey-chart[role=img]")
    assert charts.count() == 4  # single, multiple (twice) and the scale; free text has none
    # Each chart is an image whose name carries the question and the figures.
    assert page.get_by_role("img", name=re.compile(r"1\. Kom je in het park\?.*Ja: 0; Nee: 1")).count() == 1
    assert main.locator("table.survey-table").count() == 4
    satisfied = main.locator("section", has_text="Hoe tevreden ben je")
    assert "gemiddeld 4" in satisfied.inner_text()
    assert FREE_TEXT not in main.inner_text()
    assert "Antwoorden op open vragen zijn alleen voor de stad zichtbaar." in main.inner_text()

    # Staff read the free text on their results page.
    if javascript:
        browse.goto("/account/logout/")
        browse.submit()
        browse.login(civil_servant.email, totp_secret=enroll_mfa(civil_servant))
        browse.goto(f"/beheer/bevragingen/{survey.slug}/resultaten/")
        assert FREE_TEXT in page.locator("main").inner_text()


def test_survey_index_and_the_staff_builder_pass_axe(browse, civil_servant, district):
    survey = park_survey(results_public=True)
    page = browse.page
    browse.goto("/bevragingen/")
    browse.login(civil_servant.email, totp_secret=enroll_mfa(civil_servant))
    for path in ("/beheer/bevragingen/", "/beheer/bevragingen/nieuw/"):
        browse.goto(path)
    base = f"/beheer/bevragingen/{survey.slug}/"
    for path in ("", "bewerken/", "vragen/nieuw/", "resultaten/"):
        browse.goto(base + path)
    question = survey.questions.order_by("order").first()
    browse.goto(f"{base}vragen/{question.pk}/")
    # A new question without its text: the error summary, the input kept.
    browse.goto(base + "vragen/nieuw/")
    browse.submit()
    assert page.locator(".error-summary").is_visible()

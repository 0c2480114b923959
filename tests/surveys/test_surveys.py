import io
import re
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from genk.core.models import AuditLogEntry
from genk.core.permissions import can
from participation.surveys.models import Answer, Question, Response, Survey
from tests.factories import UserFactory

from .factories import SurveyFactory, add_question, park_survey

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"[ \t\r\n]+", " ", response.content.decode())


def field(survey, question_text):
    return f"vraag_{survey.questions.get(text=question_text).pk}"


def choice(survey, question_text, choice_text):
    return survey.questions.get(text=question_text).choices.get(text=choice_text).pk


def answers(survey, **overrides):
    data = {
        field(survey, "Kom je in het park?"): choice(survey, "Kom je in het park?", "Ja"),
        field(survey, "Wat wil je er?"): [
            choice(survey, "Wat wil je er?", "Bankjes"),
            choice(survey, "Wat wil je er?", "Bomen"),
        ],
        field(survey, "Hoe tevreden ben je?"): 4,
        field(survey, "Nog iets?"): "Meer vuilbakken aan de vijver.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def survey(db):
    return park_survey()


def test_resident_answers_once(client, survey, resident):
    client.force_login(resident)
    html = text(client.get(survey.get_absolute_url()))
    assert "Alleen als je bij vraag 1 'Nee' antwoordde." in html
    assert client.post(survey.get_absolute_url(), answers(survey)).status_code == 302
    response = Response.objects.get()
    assert response.respondent == resident
    assert Answer.objects.filter(response=response).count() == 5  # 1 + 2 + 1 + 1
    html = text(client.get(survey.get_absolute_url()))
    assert "Je vulde deze bevraging in op" in html and "Antwoorden versturen" not in html
    # A second POST changes nothing.
    assert client.post(survey.get_absolute_url(), answers(survey)).status_code == 403
    assert Response.objects.count() == 1


def test_database_allows_one_response_per_person(survey, resident):
    Response.objects.create(survey=survey, respondent=resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(survey=survey, respondent=resident)


def test_required_questions_and_error_summary(client, survey, resident):
    client.force_login(resident)
    data = answers(survey)
    del data[field(survey, "Hoe tevreden ben je?")]
    html = text(client.post(survey.get_absolute_url(), data))
    assert "error-summary" in html and "Hoe tevreden ben je?" in html
    assert not Response.objects.exists()


def test_show_if_question_counts_only_when_its_condition_holds(client, survey, resident, other_resident):
    why = field(survey, "Waarom niet?")
    far = choice(survey, "Waarom niet?", "Te ver")
    # Answered "Ja" but also ticked a reason: the reason is dropped.
    client.force_login(resident)
    client.post(survey.get_absolute_url(), answers(survey, **{why: [far]}))
    assert not Answer.objects.filter(question__text="Waarom niet?").exists()
    # Answered "Nee": the follow-up is stored.
    client.force_login(other_resident)
    no = choice(survey, "Kom je in het park?", "Nee")
    client.post(survey.get_absolute_url(), answers(survey, **{field(survey, "Kom je in het park?"): no, why: [far]}))
    assert Answer.objects.filter(question__text="Waarom niet?", choice_id=far).count() == 1


def test_required_follow_up_is_required_only_after_the_answer(client, resident):
    survey = SurveyFactory()
    first = add_question(survey, "single", "Heb je een fiets?", choices=["Ja", "Nee"])
    follow = add_question(survey, "text", "Waar stal je hem?", show_if=first.choices.get(text="Ja"))
    client.force_login(resident)
    html = text(client.post(survey.get_absolute_url(), {f"vraag_{first.pk}": first.choices.get(text="Ja").pk}))
    assert "verplicht bij jouw eerdere antwoord" in html
    assert (
        client.post(survey.get_absolute_url(), {f"vraag_{first.pk}": first.choices.get(text="Nee").pk}).status_code
        == 302
    )
    assert not Answer.objects.filter(question=follow).exists()


@pytest.mark.parametrize(
    ("audience", "persona", "allowed", "reason"),
    [
        ({}, "visitor", False, "Meld je aan"),
        ({}, "resident", True, None),
        ({}, "civil_servant", True, None),
        ({"min_age": 18}, "too_young", False, "18 jaar of ouder"),
        ({"max_age": 25}, "resident", False, "hoogstens 25 jaar"),
        ({"district": True}, "district_resident", True, None),
        ({"district": True}, "other_district_resident", False, "inwoners van"),
        ({"district": True}, "admin_user", False, "inwoners van"),
    ],
)
def test_audience_rules(request, client, district, audience, persona, allowed, reason):
    if audience.pop("district", False):
        audience["audience_district"] = district
    survey = SurveyFactory(**audience)
    add_question(survey, "text", "Wat vind je?")
    user = request.getfixturevalue(persona)
    assert can(user, "surveys.answer_survey", survey) is allowed
    if user.is_authenticated:
        client.force_login(user)
    html = text(client.get(survey.get_absolute_url()))
    assert ("Antwoorden versturen" in html) is allowed
    if reason:
        assert reason in html


def test_closed_or_unpublished_surveys_cannot_be_answered(client, resident):
    closed = SurveyFactory(opens_at=timezone.now() - timedelta(days=10), closes_at=timezone.now() - timedelta(days=1))
    later = SurveyFactory(opens_at=timezone.now() + timedelta(days=1), closes_at=timezone.now() + timedelta(days=9))
    draft = SurveyFactory(is_published=False)
    client.force_login(resident)
    assert "gesloten" in text(client.get(closed.get_absolute_url()))
    assert "opent op" in text(client.get(later.get_absolute_url()))
    assert client.get(draft.get_absolute_url()).status_code == 404
    listing = text(client.get(reverse("surveys:index")))
    assert later.title not in listing and draft.title not in listing


class TestResults:
    @pytest.fixture
    def answered(self, client, survey, resident, other_resident):
        for user, wish in ((resident, "Bankjes"), (other_resident, "Speeltuin")):
            client.force_login(user)
            client.post(
                survey.get_absolute_url(),
                answers(survey, **{field(survey, "Wat wil je er?"): [choice(survey, "Wat wil je er?", wish)]}),
            )
        client.logout()
        return survey

    def test_public_results_after_closing_as_svg_charts_without_free_text(self, client, answered):
        url = reverse("surveys:results", kwargs={"slug": answered.slug})
        assert "nadat de bevraging sluit" in text(client.get(url))  # still open: says when
        Survey.objects.filter(pk=answered.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
        html = text(client.get(url))
        assert "2 personen vulden de bevraging in" in html
        assert html.count("<svg") == 4  # every closed question has a chart
        assert 'role="img"' in html and "Bankjes: 1" in html
        assert "Meer vuilbakken" not in html
        assert "alleen voor de stad zichtbaar" in html
        assert "gemiddeld 4" in html

    def test_staff_see_free_text_and_export(self, client, answered, civil_servant):
        client.force_login(civil_servant)
        html = text(client.get(reverse("surveys_staff:results", kwargs={"slug": answered.slug})))
        assert html.count("Meer vuilbakken aan de vijver.") == 2
        csv_text = client.get(
            reverse("surveys_staff:export", kwargs={"slug": answered.slug, "fmt": "csv"})
        ).content.decode()
        lines = csv_text.splitlines()
        assert len(lines) == 3 and "Bankjes; Bomen" not in lines[0] and "Bankjes" in lines[1]
        assert "persoon" not in csv_text  # no names or e-mail addresses
        xlsx = client.get(reverse("surveys_staff:export", kwargs={"slug": answered.slug, "fmt": "xlsx"}))
        rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
        assert len(rows) == 3 and rows[0][3] == "1. Kom je in het park?"

    def test_results_query_count_does_not_grow_with_responses(
        self, client, answered, civil_servant, django_assert_num_queries
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(civil_servant)
        url = reverse("surveys_staff:results", kwargs={"slug": answered.slug})
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        for _ in range(20):
            user = UserFactory()
            r = Response.objects.create(survey=answered, respondent=user)
            Answer.objects.create(response=r, question=answered.questions.get(text="Nog iets?"), text="Ja")
        with django_assert_num_queries(len(ctx.captured_queries)):
            client.get(url)


class TestBuilder:
    def test_staff_build_a_questionnaire_and_publish_it(self, client, civil_servant):
        client.force_login(civil_servant)
        now = timezone.now()
        response = client.post(
            reverse("surveys_staff:create"),
            {
                "title": "Speelpleinen",
                "slug": "speelpleinen",
                "intro": "Welke speelpleinen gebruik je?",
                "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
                "closes_at": (now + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M"),
                "results_public": "on",
                "department": civil_servant.department_memberships.get().department_id,
            },
        )
        assert response.status_code == 302
        survey = Survey.objects.get(slug="speelpleinen")
        assert survey.department.slug == "participatie"
        publish = reverse("surveys_staff:publish", kwargs={"slug": survey.slug})
        client.post(publish, {"publish": "1"})
        survey.refresh_from_db()
        assert not survey.is_published  # no questions yet
        new = reverse("surveys_staff:question_create", kwargs={"slug": survey.slug})
        html = text(
            client.post(
                new,
                {
                    "text": "Welke?",
                    "kind": "single",
                    "required": "on",
                    "choices_text": "Alleen één",
                    "scale_min": 1,
                    "scale_max": 5,
                },
            )
        )
        assert "minstens twee antwoordmogelijkheden" in html
        client.post(
            new,
            {
                "text": "Heb je kinderen?",
                "kind": "single",
                "required": "on",
                "choices_text": "Ja\nNee",
                "scale_min": 1,
                "scale_max": 5,
            },
        )
        yes = survey.questions.get().choices.get(text="Ja")
        client.post(
            new, {"text": "Hoe oud?", "kind": "scale", "scale_min": 0, "scale_max": 10, "show_if_choice": yes.pk}
        )
        client.post(new, {"text": "Opmerkingen", "kind": "text", "scale_min": 1, "scale_max": 5})
        assert list(survey.questions.values_list("text", flat=True)) == ["Heb je kinderen?", "Hoe oud?", "Opmerkingen"]
        last = survey.questions.get(text="Opmerkingen")
        client.post(
            reverse("surveys_staff:question_action", kwargs={"slug": survey.slug, "pk": last.pk, "action": "omhoog"})
        )
        assert list(survey.questions.order_by("order").values_list("text", flat=True)) == [
            "Heb je kinderen?",
            "Opmerkingen",
            "Hoe oud?",
        ]
        client.post(publish, {"publish": "1"})
        survey.refresh_from_db()
        assert survey.is_published
        assert AuditLogEntry.objects.filter(action="surveys.survey.publish").exists()

    def test_questions_are_locked_once_answered(self, client, survey, resident, civil_servant):
        Response.objects.create(survey=survey, respondent=resident)
        client.force_login(civil_servant)
        html = text(client.get(reverse("surveys_staff:detail", kwargs={"slug": survey.slug})))
        assert "de vragen liggen vast" in html
        question = survey.questions.first()
        client.post(
            reverse(
                "surveys_staff:question_action",
                kwargs={"slug": survey.slug, "pk": question.pk, "action": "verwijderen"},
            )
        )
        assert Question.objects.filter(pk=question.pk).exists()

    @pytest.mark.parametrize("persona", ["resident", "civil_servant_without_mfa"])
    def test_builder_is_for_staff_with_mfa(self, client, request, persona):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(reverse("surveys_staff:list")).status_code in (302, 403)


def test_gdpr_export_and_erase(client, survey, resident):
    from genk.core import gdpr

    client.force_login(resident)
    client.post(survey.get_absolute_url(), answers(survey))
    data = gdpr.export_sections(resident)["surveys"]
    assert data[0]["survey"] == "Het park van Winterslag"
    gdpr.erase_all(resident)
    assert not Answer.objects.exclude(text="").exists()
    assert Answer.objects.filter(response__respondent=resident).exists()


def test_a_superuser_is_refused_a_residents_answer_and_allowed_the_staff_work(client, district, admin_user):
    """Being a superuser does not put an administrator in a district's audience; the builder is theirs."""
    from django.core.exceptions import PermissionDenied

    from participation.surveys import services
    from participation.surveys.forms import AnswerForm

    survey = SurveyFactory(audience_district=district)
    add_question(survey, "text", "Wat vind je?")
    assert not can(admin_user, "surveys.answer_survey", survey)
    form = AnswerForm({}, survey=survey, questions=list(survey.questions.all()))
    form.is_valid()
    with pytest.raises(PermissionDenied):
        services.submit_response(survey, admin_user, form)
    assert can(admin_user, "surveys.manage_survey", survey)
    client.force_login(admin_user)
    assert client.get(reverse("surveys_staff:detail", kwargs={"slug": survey.slug})).status_code == 200

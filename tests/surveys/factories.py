from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from participation.surveys.models import Choice, Question, Survey
from tests.factories import DepartmentFactory


class SurveyFactory(DjangoModelFactory):
    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Bevraging {n}")
    slug = factory.Sequence(lambda n: f"bevraging-{n}")
    intro = "Wat vind jij?"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    is_published = True
    # The department of the `civil_servant` persona owns the surveys of the tests.
    department = factory.SubFactory(DepartmentFactory, name="Participatie", slug="participatie")


def add_question(survey, kind, text, *, choices=(), required=True, show_if=None, **extra):
    order = survey.questions.count() + 1
    question = Question.objects.create(
        survey=survey, kind=kind, text=text, required=required, order=order, show_if_choice=show_if, **extra
    )
    for i, choice in enumerate(choices, start=1):
        Choice.objects.create(question=question, text=choice, order=i)
    return question


def park_survey(**kwargs):
    """A survey with every kind of question and a follow-up shown only after 'Nee'."""
    survey = SurveyFactory(title="Het park van Winterslag", slug="park", **kwargs)
    visit = add_question(survey, "single", "Kom je in het park?", choices=["Ja", "Nee"])
    add_question(
        survey,
        "multiple",
        "Waarom niet?",
        choices=["Te ver", "Onveilig", "Geen tijd"],
        show_if=visit.choices.get(text="Nee"),
    )
    add_question(survey, "multiple", "Wat wil je er?", choices=["Bankjes", "Speeltuin", "Bomen"])
    add_question(
        survey,
        "scale",
        "Hoe tevreden ben je?",
        scale_min=1,
        scale_max=5,
        scale_min_label="helemaal niet",
        scale_max_label="heel tevreden",
    )
    add_question(survey, "text", "Nog iets?", required=False)
    return survey

"""Demo data: one open survey (an example, with invented answers)."""

from datetime import timedelta

from django.utils import timezone

from genk.accounts.models import User
from genk.core import demo
from participation.ownership import default_department

from .models import Answer, Choice, Question, Response, Survey

QUESTIONS = [
    # kind, text, required, choices / scale, show-if (question index, choice text)
    ("single", "Heb je gestemd in het burgerbudget?", True, ["Ja, online", "Ja, op papier", "Nee"], None),
    ("multiple", "Waarom niet?", False, ["Ik wist het niet", "Te moeilijk", "Geen tijd", "Geen interesse", "Iets anders"], (0, "Nee")),
    ("multiple", "Welke thema's vind je het belangrijkst?", True,
     ["Talentontwikkeling", "Armoede en sociale ongelijkheid", "Duurzaamheid en klimaat"], None),
    ("scale", "Hoe eenvoudig was het om mee te doen?", True, (1, 5, "heel moeilijk", "heel eenvoudig"), None),
    ("text", "Wat kan de stad beter doen bij de volgende ronde?", False, None, None),
]  # fmt: skip

ANSWERS = [
    # choice index per question, scale value, text
    (0, [], [0, 2], 4, "Meer uitleg in de buurthuizen, graag."),
    (2, [0], [1], 3, ""),
    (1, [], [2], 5, "Het stemmen op papier in het dienstencentrum ging vlot."),
    (0, [], [0], 4, ""),
    (2, [2, 3], [1, 2], 2, "De website was niet duidelijk op mijn gsm."),
    (0, [], [2], 5, ""),
]


@demo.step(order=45)
def open_survey(ctx):
    if Survey.objects.filter(slug="evaluatie-burgerbudget").exists():
        return
    now = timezone.now()
    survey = Survey.objects.create(
        department=default_department(),
        title="Hoe verliep het burgerbudget? (voorbeeld)",
        slug="evaluatie-burgerbudget",
        intro=(
            "De stad wil het burgerbudget verbeteren. Vertel ons hoe jij de eerste ronde beleefde: het duurt "
            "drie minuten. Voorbeeld voor de demo: de vragen zijn een voorbeeld, de antwoorden zijn verzonnen."
        ),
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=25),
        min_age=14,
        results_public=True,
        is_published=True,
        is_example=True,
        created_by=ctx["personas"]["civil_servant"]["user"],
    )
    questions = []
    for order, (kind, text, required, options, show_if) in enumerate(QUESTIONS, start=1):
        question = Question(survey=survey, order=order, kind=kind, text=text, required=required)
        if kind == "scale":
            question.scale_min, question.scale_max, question.scale_min_label, question.scale_max_label = options
        if show_if:
            parent, choice_text = show_if
            question.show_if_choice = questions[parent].choices.get(text=choice_text)
        question.save()
        if kind in ("single", "multiple"):
            for i, option in enumerate(options, start=1):
                Choice.objects.create(question=question, order=i, text=option)
        questions.append(question)
    voters = list(User.objects.filter(email__startswith="kiezer", email__endswith="@demo.samen.genk.be").order_by("pk"))
    for user, (voted, why, themes, scale, text) in zip(voters, ANSWERS, strict=False):
        response = Response.objects.create(survey=survey, respondent=user, neighbourhood_id=user.neighbourhood_id)
        choice = {q.pk: list(q.choices.order_by("order")) for q in questions if q.kind != "scale" and q.kind != "text"}
        answers = [Answer(response=response, question=questions[0], choice=choice[questions[0].pk][voted])]
        answers += [Answer(response=response, question=questions[1], choice=choice[questions[1].pk][i]) for i in why]
        answers += [Answer(response=response, question=questions[2], choice=choice[questions[2].pk][i]) for i in themes]
        answers.append(Answer(response=response, question=questions[3], number=scale))
        if text:
            answers.append(Answer(response=response, question=questions[4], text=text))
        Answer.objects.bulk_create(answers)

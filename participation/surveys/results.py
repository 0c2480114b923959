"""Results of a survey: counts per choice and per scale value, in a constant number of queries."""

from dataclasses import dataclass, field

from django.db.models import Avg, Count

from .charts import bar_chart
from .models import Answer, Question, Response, Survey


@dataclass
class QuestionResult:
    question: Question
    rows: list[tuple[str, int]] = field(default_factory=list)
    answered: int = 0
    average: float | None = None
    texts: list[str] = field(default_factory=list)
    chart: str = ""


def results(survey: Survey, *, with_texts: bool) -> tuple[int, list[QuestionResult]]:
    questions = list(survey.questions.prefetch_related("choices"))
    total = Response.objects.filter(survey=survey).count()
    answers = Answer.objects.filter(response__survey=survey)
    per_choice = {
        (r["question_id"], r["choice_id"]): r["n"]
        for r in answers.filter(choice__isnull=False).values("question_id", "choice_id").annotate(n=Count("pk"))
    }
    per_number = {
        (r["question_id"], r["number"]): r["n"]
        for r in answers.filter(number__isnull=False).values("question_id", "number").annotate(n=Count("pk"))
    }
    answered = {
        r["question_id"]: r["n"] for r in answers.values("question_id").annotate(n=Count("response_id", distinct=True))
    }
    averages = {
        r["question_id"]: r["avg"]
        for r in answers.filter(number__isnull=False).values("question_id").annotate(avg=Avg("number"))
    }
    texts: dict[int, list[str]] = {}
    if with_texts:
        for question_id, text in answers.exclude(text="").order_by("pk").values_list("question_id", "text"):
            texts.setdefault(question_id, []).append(text)
    output = []
    for number, question in enumerate(questions, start=1):
        result = QuestionResult(question=question, answered=answered.get(question.pk, 0))
        question.number = number
        if question.has_choices:
            result.rows = [(c.text, per_choice.get((question.pk, c.pk), 0)) for c in question.choices.all()]
        elif question.kind == Question.Kind.SCALE:
            result.rows = [(str(v), per_number.get((question.pk, v), 0)) for v in question.scale_values()]
            average = averages.get(question.pk)
            result.average = round(average, 1) if average is not None else None
        else:
            result.texts = texts.get(question.pk, [])
        if result.rows:
            # Shares of the people who answered this question (multiple choice can add up to more than 100%).
            result.chart = bar_chart(
                result.rows, result.answered, chart_id=f"chart-{question.pk}", title=f"{number}. {question.text}"
            )
        output.append(result)
    return total, output

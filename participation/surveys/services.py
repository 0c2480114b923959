"""Answering a survey and building one: atomic; staff changes are audited."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from genk.core import audit
from genk.core.permissions import can
from genk.core.refusals import AlreadyDone, NotAllowed

from .models import Answer, Choice, Question, Response, Survey

SURVEY_FIELDS = [
    "title",
    "slug",
    "opens_at",
    "closes_at",
    "audience_district",
    "min_age",
    "max_age",
    "results_public",
    "is_published",
]


def submit_response(survey: Survey, user, form) -> Response:
    """Store the answers of `user`. Once per person: the database refuses a second response."""
    try:
        with transaction.atomic():
            if not can(user, "surveys.answer_survey", survey):
                raise PermissionDenied
            response = Response.objects.create(survey=survey, respondent=user, neighbourhood_id=user.neighbourhood_id)
            answers = []
            for question in form.questions:
                value = form.cleaned_data.get(question.field_name)
                if value in (None, "", []):
                    continue
                if question.kind == Question.Kind.MULTIPLE:
                    answers += [Answer(response=response, question=question, choice_id=pk) for pk in value]
                elif question.kind == Question.Kind.SINGLE:
                    answers.append(Answer(response=response, question=question, choice_id=value))
                elif question.kind == Question.Kind.SCALE:
                    answers.append(Answer(response=response, question=question, number=value))
                else:
                    answers.append(Answer(response=response, question=question, text=value.strip()))
            Answer.objects.bulk_create(answers)
            return response
    except IntegrityError as exc:
        raise AlreadyDone(_("Je hebt deze bevraging al ingevuld.")) from exc


def structure_locked(survey: Survey) -> bool:
    """Once someone answered, questions stay as they were (answers would lose their meaning)."""
    return survey.responses.exists()


def _check_unlocked(survey):
    if structure_locked(survey):
        raise NotAllowed(_("Er zijn al antwoorden: de vragen kunnen niet meer veranderen."))


def save_survey(form, actor) -> Survey:
    with transaction.atomic():
        creating = form.instance.pk is None
        before = {} if creating else audit.snapshot(Survey.objects.get(pk=form.instance.pk), SURVEY_FIELDS)
        if creating:
            form.instance.created_by = actor
        survey = form.save()
        audit.record(
            actor,
            "surveys.survey.create" if creating else "surveys.survey.change",
            survey,
            before=before,
            after=audit.snapshot(survey, SURVEY_FIELDS),
        )
    return survey


@transaction.atomic
def set_published(survey: Survey, actor, published: bool) -> Survey:
    if published and not survey.questions.exists():
        raise NotAllowed(_("Voeg eerst vragen toe."))
    survey.is_published = published
    survey.save(update_fields=["is_published", "modified"])
    audit.record(
        actor,
        "surveys.survey.publish" if published else "surveys.survey.unpublish",
        survey,
        after={"is_published": published},
    )
    return survey


@transaction.atomic
def save_question(form, survey: Survey, actor) -> Question:
    _check_unlocked(survey)
    question = form.instance
    creating = question.pk is None
    if creating:
        question.survey = survey
        question.order = (survey.questions.aggregate(m=Max("order"))["m"] or 0) + 1
    question = form.save()
    if question.has_choices:
        wanted = form.cleaned_data["choices"]
        existing = {c.text: c for c in question.choices.all()}
        for c in existing.values():
            if c.text not in wanted:
                c.delete()
        for order, text in enumerate(wanted, start=1):
            if text in existing:
                Choice.objects.filter(pk=existing[text].pk).update(order=order)
            else:
                Choice.objects.create(question=question, text=text, order=order)
    else:
        question.choices.all().delete()
    audit.record(
        actor,
        "surveys.question.create" if creating else "surveys.question.change",
        survey,
        after={"question": question.text, "kind": question.kind},
    )
    return question


@transaction.atomic
def delete_question(question: Question, actor) -> None:
    _check_unlocked(question.survey)
    audit.record(actor, "surveys.question.delete", question.survey, before={"question": question.text})
    question.delete()


@transaction.atomic
def move_question(question: Question, actor, direction: int) -> None:
    _check_unlocked(question.survey)
    questions = list(question.survey.questions.select_for_update().order_by("order", "pk"))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    target = index + direction
    if not 0 <= target < len(questions):
        return
    questions[index], questions[target] = questions[target], questions[index]
    for order, q in enumerate(questions, start=1):
        if q.order != order:
            Question.objects.filter(pk=q.pk).update(order=order)
    # A question shown for an answer must come after that answer's question.
    for q in questions:
        if q.show_if_choice_id:
            parent = next(p for p in questions if p.pk == q.show_if_choice.question_id)
            if questions.index(parent) > questions.index(q):
                raise NotAllowed(_("Een voorwaardelijke vraag moet na de vraag komen waarvan ze afhangt."))

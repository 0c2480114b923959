"""Survey answers of a person: in the download; on erasure the free-text answers go (they may
say who someone is), the choices stay in the anonymous totals."""

from genk.core import gdpr

from .models import Answer, Response


def export(user):
    data = []
    for response in (
        Response.objects.filter(respondent=user)
        .select_related("survey")
        .prefetch_related("answers__question", "answers__choice")
    ):
        data.append(
            {
                "survey": response.survey.title,
                "submitted": response.created.isoformat(),
                "answers": [
                    {
                        "question": a.question.text,
                        "answer": a.choice.text if a.choice_id else (a.number if a.number is not None else a.text),
                    }
                    for a in response.answers.all()
                ],
            }
        )
    return data


def erase(user):
    Answer.objects.filter(response__respondent=user).exclude(text="").delete()


gdpr.register("surveys", export=export, erase=erase)

"""The applicant's view of a file's history and what comes next: steps, messages, payments and
upcoming deadlines."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Message, SubsidyFile


def _event(when, title, *, kind="step", body="", author="", amount=None) -> dict:
    dated = hasattr(when, "hour")
    return {
        "when": when,
        "dated": dated,
        "day": timezone.localdate(when) if dated else when,
        "title": title,
        "kind": kind,
        "body": body,
        "author": author,
        "amount": amount,
    }


MESSAGE_TITLES = {
    Message.Kind.INFO_REQUEST: gettext_lazy("De dienst vraagt meer informatie"),
    Message.Kind.ANSWER: gettext_lazy("Antwoord van de aanvragers"),
    Message.Kind.SYSTEM: gettext_lazy("Bericht van de stad"),
}


def file_timeline(file) -> list[dict]:
    """What happened, oldest first: the steps with their dates, the messages the applicant
    sees (never an internal note) and the payments."""
    events = [_event(file.created, _("Kladversie gemaakt"))]
    if file.submitted_at:
        events.append(_event(file.submitted_at, _("Ingediend")))
    for message in file.visible_messages:
        author = message.author.public_name if message.author_id and message.kind == Message.Kind.ANSWER else ""
        events.append(
            _event(message.created, MESSAGE_TITLES[message.kind], kind="message", body=message.body, author=author)
        )
    if file.decided_on:
        granted = file.outcome == SubsidyFile.Outcome.GRANTED
        title = _("Beslissing van het college: toegekend") if granted else _("Beslissing van het college: geweigerd")
        events.append(_event(file.decided_on, title, amount=file.amount_granted if granted else None))
    for payment in file.payments.all():
        events.append(_event(payment.paid_on, payment.get_kind_display(), kind="payment", amount=payment.amount))
    if file.report_submitted_at:
        events.append(_event(file.report_submitted_at, _("Eindverslag ingediend")))
    if file.report_approved_at:
        events.append(_event(file.report_approved_at, _("Eindverslag goedgekeurd")))
    if file.closed_at:
        events.append(_event(file.closed_at, _("Dossier afgesloten")))
    if file.withdrawn_at:
        events.append(_event(file.withdrawn_at, _("Ingetrokken"), body=file.withdrawn_reason))
    # A day's timed events first (in time order), then what has only a date (a decision, a payment).
    events.sort(key=lambda e: (e["day"], not e["dated"], e["when"] if e["dated"] else 0))
    return events


def upcoming(file) -> list[dict]:
    """The next steps and their due dates, as far as they are known."""
    S = SubsidyFile.Status
    steps = []
    if file.status == S.SUBMITTED and file.intake_due:
        steps.append({"title": _("De dienst kijkt na of je aanvraag volledig is"), "due": file.intake_due})
    if file.status == S.INFO_REQUESTED and file.info_due:
        steps.append({"title": _("Jouw antwoord aan de dienst"), "due": file.info_due, "yours": True})
    if file.status in (S.SUBMITTED, S.INFO_REQUESTED, S.ASSESSMENT) and file.assessment_due:
        steps.append({"title": _("Beoordeling"), "due": file.assessment_due})
    if file.status in (S.ASSESSMENT, S.PROPOSED) and file.decision_due:
        steps.append({"title": _("Beslissing van het college"), "due": file.decision_due})
    if file.status == S.GRANTED and file.report_due:
        steps.append({"title": _("Jouw eindverslag"), "due": file.report_due, "yours": True})
    return steps

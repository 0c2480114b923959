"""The staff page of one subsidy file: its facts, deadlines, checklist and the steps the user may
take now, each with its form (a refused step shows the reason with the input kept)."""

from dataclasses import dataclass, field
from typing import Any

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from genk.core.formats import euro
from genk.core.permissions import can

from .. import services
from ..models import (
    Assessment,
    RequiredDocument,
    SchemeBudget,
    SubsidyFile,
)
from ..staff_forms import (
    CHECKLIST_ITEMS,
    ApproveReportForm,
    AssessmentForm,
    AssignHandlerForm,
    CloseForm,
    DecideForm,
    IntakeForm,
    NoteForm,
    PaymentForm,
    ProposeForm,
    RequestInfoForm,
    ReturnReportForm,
    StaffDocumentForm,
)
from .common import DOCUMENT_PREFIX
from .timeline import build_timeline


@dataclass
class Step:
    slug: str
    title: str
    button: str
    url: str
    form: Any = None
    intro: str = ""
    note: str = ""
    note_warning: bool = False
    hidden: dict = field(default_factory=dict)
    danger: bool = False
    secondary: str = ""  # label of a second button: save without taking the step
    secondary_url: str = ""  # where the second button posts (default: the step's URL, with klad=1)


def _own_assessment(file, user) -> Assessment | None:
    return next((a for a in file.assessments.all() if a.assessor_id == user.pk), None)


def _criteria(file):
    cached = getattr(file, "_staff_criteria", None)
    if cached is None:
        cached = file._staff_criteria = list(file.scheme.criteria.order_by("position", "pk"))
    return cached


def _required_documents(file):
    cached = getattr(file, "_staff_required_documents", None)
    if cached is None:
        cached = file._staff_required_documents = list(file.scheme.required_documents.order_by("stage", "position"))
    return cached


def _documents(file):
    cached = getattr(file, "_staff_documents", None)
    if cached is None:
        cached = file._staff_documents = list(
            file.documents.select_related("required_document").order_by("stage", "created", "pk")
        )
    return cached


def _budget(file, year):
    return SchemeBudget.objects.with_committed().filter(scheme_id=file.scheme_id, year=year).first()


def _budget_note(file, year) -> tuple[str, bool]:
    budget = _budget(file, year)
    if budget is None:
        return _("Het reglement heeft geen budget voor %(year)s.") % {"year": year}, True
    return (
        _("Resterend budget %(year)s: %(remaining)s van %(amount)s.")
        % {"year": year, "remaining": euro(budget.remaining), "amount": euro(budget.amount)},
        budget.remaining <= 0,
    )


def _payment_note(file) -> str:
    note = _("Toegekend %(granted)s, al betaald %(paid)s, nog te betalen %(outstanding)s.") % {
        "granted": euro(file.amount_granted),
        "paid": euro(file.total_paid),
        "outstanding": euro(file.outstanding),
    }
    if file.scheme.advance_percentage:
        note += " " + _("Voorschot: ten hoogste %(percentage)s %% van het toegekende bedrag.") % {
            "percentage": file.scheme.advance_percentage
        }
    return note


# Each step: its form, what it calls, and what it says when done. `available(file, user)`
# decides whether the step shows; the workflow or service checks again when it runs.


def _url(name, file):
    return reverse(f"subsidies_staff:{name}", kwargs={"reference": file.reference})


def make_form(slug, file, user, data=None):
    kwargs = {"prefix": "intake" if slug == "checklist" else slug}
    if data is not None:
        kwargs["data"] = data
    if slug == "assign":
        return AssignHandlerForm(file=file, initial={"handler": file.handler_id}, **kwargs)
    if slug in ("intake", "checklist"):
        return IntakeForm(
            file=file,
            required_documents=_required_documents(file),
            documents=_documents(file),
            require_assessors=slug == "intake",
            **kwargs,
        )
    if slug == "request_info":
        return RequestInfoForm(**kwargs)
    if slug == "assess":
        assessment = _own_assessment(file, user) or Assessment(file=file, assessor=user)
        return AssessmentForm(assessment=assessment, criteria=_criteria(file), **kwargs)
    if slug == "propose":
        return ProposeForm(**kwargs)
    if slug == "decide":
        initial = {
            "outcome": file.proposed_outcome or None,
            "amount": file.proposed_amount,
            "decided_on": timezone.localdate(),
        }
        return DecideForm(initial=initial, **kwargs)
    if slug == "payments":
        return PaymentForm(**kwargs)
    if slug == "approve_report":
        return ApproveReportForm(**kwargs)
    if slug == "return_report":
        return ReturnReportForm(**kwargs)
    if slug == "close":
        return CloseForm(initial={"amount_recovered": file.amount_recovered or None}, **kwargs)
    if slug == "note":
        return NoteForm(**kwargs)
    if slug == "take":
        return None
    raise KeyError(slug)


def _steps(request, file, bound=None, assessments=()) -> list[Step]:
    """The steps `request.user` can take on `file` now, in the order of the workflow; `bound`
    (a form with a `prefix`) replaces the blank form of its step, errors and input kept."""
    user = request.user
    steps = []

    def add(slug, available, title, button, url_name, **extra):
        if bound is not None and bound.prefix == ("intake" if slug == "checklist" else slug):
            form = bound
        elif available:
            form = make_form(slug, file, user)
        else:
            return
        steps.append(Step(slug=slug, title=title, button=button, url=_url(url_name, file), form=form, **extra))

    add(
        "take",
        can(user, "subsidies.take_file", file),
        _("Dossier opnemen"),
        _("Neem dit dossier op je"),
        "assign",
        intro=_("Nog niemand behandelt dit dossier."),
        hidden={"take": "1"},
    )
    add(
        "assign",
        can(user, "subsidies.assign_file", file),
        _("Behandelaar"),
        _("Wijs de behandelaar toe"),
        "assign",
    )
    add(
        "intake",
        can(user, "subsidies.intake_file", file),
        _("Ontvankelijkheid"),
        _("Verklaar ontvankelijk en start de beoordeling"),
        "intake",
        intro=_(
            "Vink af wat in orde is en kies de beoordelaars. Je kunt de checklist ook eerst alleen bewaren; "
            "de beoordelaars krijgen pas bericht als je het dossier ontvankelijk verklaart."
        ),
        secondary=_("Bewaar alleen de checklist"),
        secondary_url=_url("checklist", file),
    )
    add(
        "request_info",
        can(user, "subsidies.request_info_file", file),
        _("Meer informatie vragen"),
        _("Vraag meer informatie"),
        "request_info",
        intro=_("De termijn van de huidige stap staat stil tot de aanvrager antwoordt."),
    )
    own = _own_assessment(file, user)
    add(
        "assess",
        own is not None and can(user, "subsidies.change_assessment", own),
        _("Jouw beoordeling"),
        _("Dien je beoordeling in"),
        "assess",
        intro=_("Geef per criterium een score van 0 (zwak) tot 5 (uitstekend)."),
        secondary=_("Bewaar als klad"),
    )
    add(
        "propose",
        can(user, "subsidies.propose_file", file),
        _("Voorstel van beslissing"),
        _("Leg het voorstel voor aan het college"),
        "propose",
        intro=_proposal_intro(assessments),
    )
    if can(user, "subsidies.decide_file", file) or (bound is not None and bound.prefix == "decide"):
        note, warning = _budget_note(file, timezone.localdate().year)
    else:
        note, warning = "", False
    add(
        "decide",
        can(user, "subsidies.decide_file", file),
        _("Beslissing van het college registreren"),
        _("Registreer de beslissing"),
        "decide",
        note=note,
        note_warning=warning,
    )
    add(
        "payments",
        can(user, "subsidies.record_payment", file),
        _("Betaling registreren"),
        _("Registreer de betaling"),
        "payments",
        note=_payment_note(file) if file.outcome == SubsidyFile.Outcome.GRANTED else "",
    )
    add(
        "approve_report",
        can(user, "subsidies.review_report", file),
        _("Eindverslag goedkeuren"),
        _("Keur het eindverslag goed"),
        "review_report",
        hidden={"decision": "approve"},
    )
    add(
        "return_report",
        can(user, "subsidies.review_report", file),
        _("Eindverslag terugsturen"),
        _("Stuur het eindverslag terug"),
        "review_report",
        hidden={"decision": "return"},
    )
    add(
        "close",
        can(user, "subsidies.close_file", file),
        _("Dossier afsluiten"),
        _("Sluit het dossier af"),
        "close",
        danger=True,
        intro=_("Na het afsluiten kan er niets meer betaald worden."),
    )
    add("note", can(user, "subsidies.add_note", file), _("Interne notitie"), _("Bewaar de notitie"), "note")
    return steps


def _proposal_intro(assessments) -> str:
    submitted = [a for a in assessments if a.is_submitted]
    if not submitted:
        return _("Kan zodra alle beoordelaars hun beoordeling hebben ingediend.")
    average = services.average_score(submitted)
    amounts = [a.recommended_amount for a in submitted if a.recommended_amount is not None]
    text = _("%(count)s beoordeling(en) ingediend, gemiddelde gewogen score %(score)s / 5.") % {
        "count": len(submitted),
        "score": number_format(average, 2) if average is not None else "–",
    }
    if amounts:
        text += " " + _("Geadviseerd: %(amounts)s.") % {"amounts": ", ".join(euro(a) for a in amounts)}
    return text


def _visible_assessments(file, user) -> tuple[list[Assessment], bool]:
    """The assessments `user` may read, and whether others' scores are hidden from them.

    Blind assessment: an assessor who has not submitted their own sees only their own; once
    they have, or for someone who is not an assessor of the file, all of them."""
    visible = services.visible_assessments(file, user)
    own = _own_assessment(file, user)
    hidden = own is not None and not own.is_submitted and len(file.assessments.all()) > 1
    return visible, hidden


def _checklist_items(file) -> tuple[list[tuple[str, bool]], str]:
    saved = file.intake_checklist or {}
    names = {str(r.pk): r.name for r in _required_documents(file)}
    items = [
        (_("Document: %(name)s") % {"name": names.get(key, key)}, bool(done))
        for key, done in saved.get("documents", {}).items()
    ]
    labels = dict(CHECKLIST_ITEMS)
    items += [(str(labels.get(key, key)), bool(done)) for key, done in saved.get("checks", {}).items()]
    items += [(item.get("label", ""), bool(item.get("done"))) for item in saved.get("extra", [])]
    return items, saved.get("remarks", "")


def render_file(request, file, bound=None, status=200, document_form=None):
    """The file's page; `bound` is a step's form and `document_form` the form to add a
    document, with their errors and input kept."""
    user = request.user
    assessments, scores_hidden = _visible_assessments(file, user)
    checklist_items, checklist_remarks = _checklist_items(file)
    documents = _documents(file)
    present = {d.required_document_id for d in documents if d.required_document_id}
    missing = [
        r
        for r in _required_documents(file)
        if r.pk not in present
        and (r.stage == RequiredDocument.Stage.APPLICATION or file.status in SubsidyFile.COMMITTED_STATES)
    ]
    co_applicants = list(file.co_applicants.all())
    context = {
        "file": file,
        "steps": _steps(request, file, bound, assessments),
        "assessments": assessments,
        "assessors": list(file.assessments.all()) if can(user, "subsidies.view_assessments", file) else [],
        "scores_hidden": scores_hidden,
        "budget_lines": list(file.budget_lines.order_by("kind", "position", "pk")),
        "documents": documents,
        "deletable_documents": {d.pk for d in documents if can(user, "subsidies.delete_document", d)},
        "document_form": document_form
        or (StaffDocumentForm(prefix=DOCUMENT_PREFIX) if can(user, "subsidies.add_document", file) else None),
        "missing_documents": missing if file.status != SubsidyFile.Status.WITHDRAWN else [],
        "co_applicants": co_applicants,
        "distinct_addresses": len(file.distinct_addresses()),
        "payments": list(file.payments.order_by("paid_on", "pk")),
        "timeline": build_timeline(file, user),
        "checklist_items": checklist_items,
        "checklist_remarks": checklist_remarks,
        "budget": _budget(file, file.budget_year),
        "deadlines": _all_deadlines(file),
        "today": timezone.localdate(),
        "section": "workbench",
    }
    return render(request, "subsidies/staff/file.html", context, status=status)


def _all_deadlines(file) -> list[tuple[str, Any]]:
    fields = [
        ("intake_due", _("Ontvankelijkheid tegen")),
        ("info_due", _("Antwoord aanvrager tegen")),
        ("assessment_due", _("Beoordeling tegen")),
        ("decision_due", _("Beslissing tegen")),
        ("report_due", _("Eindverslag tegen")),
    ]
    return [(label, getattr(file, name)) for name, label in fields if getattr(file, name)]

"""Staff pages for subsidy files (/beheer/subsidies/): the workbench, one file with its steps
and timeline, the decision letter, scheme management and the report per scheme and year.

Every page needs the staff area (civil servant with MFA); each page and step checks the
permission on its object again (rules.py), and every step calls workflow.py or services.py:
views never write a status. A step that is refused (a transition that no longer applies, a
budget that would be over-committed, a payment above the grant) shows the reason on the file's
page with the input kept."""

import re
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from genk.core import audit
from genk.core.formats import day_label, euro
from genk.core.permissions import can, require, staff_required
from genk.core.refusals import NotAllowed, Refusal, attempt

from . import reports, services, workflow
from .filters import LISTS, WorkbenchFilter, list_queryset
from .models import (
    Assessment,
    CoApplicant,
    Document,
    RequiredDocument,
    Scheme,
    SchemeBudget,
    SubsidyFile,
)
from .staff_forms import (
    CHECKLIST_ITEMS,
    ApproveReportForm,
    AssessmentForm,
    AssignHandlerForm,
    CloseForm,
    CriterionFormSet,
    DecideForm,
    IntakeForm,
    NoteForm,
    PaymentForm,
    ProposeForm,
    ReportForm,
    RequestInfoForm,
    RequiredDocumentFormSet,
    ReturnReportForm,
    SchemeBudgetFormSet,
    SchemeForm,
    StaffDocumentForm,
)

PAGE_SIZE = 25

NO_WORKBENCH = gettext_lazy(
    "De subsidiedossiers zijn voor de medewerkers van de behandelende diensten, de beoordelaars en het secretariaat."
)
NO_FILE = gettext_lazy(
    "Dit dossier is voor de behandelende dienst, de behandelaar, de beoordelaars en (vanaf het voorstel) "
    "het secretariaat."
)
NO_SCHEMES = gettext_lazy("Alleen het diensthoofd van de behandelende dienst en beheerders beheren reglementen.")
NO_REPORTS = gettext_lazy("Het rapport is voor de medewerkers van de diensten die subsidies behandelen.")
NO_DOCUMENTS = gettext_lazy(
    "Documenten toevoegen kan de behandelende dienst, zolang het dossier ingediend is en niet afgesloten, "
    "geweigerd of ingetrokken."
)


# The workbench.


@staff_required
@require_GET
def workbench(request):
    user = request.user
    require(user, "subsidies.access_workbench", message=NO_WORKBENCH)
    base = SubsidyFile.objects.for_workbench(user)
    filterset = WorkbenchFilter(request.GET or None, queryset=base.for_list(), user=user)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    current = filterset.current_list
    tabs = [(key, label, list_queryset(base, key, user).count()) for key, label in LISTS]
    return render(
        request,
        "subsidies/staff/workbench.html",
        {
            "filter": filterset,
            "page": page,
            "tabs": tabs,
            "current": current,
            "current_label": dict(LISTS)[current],
            "today": timezone.localdate(),
            "section": "workbench",
            "sees_department": user.is_superuser or can(user, "subsidies.view_reports"),
        },
    )


# One file.


def _load(request, reference) -> SubsidyFile:
    file = get_object_or_404(
        SubsidyFile.objects.with_totals()
        .select_related(
            "scheme__department",
            "organisation",
            "applicant",
            "handler",
            "neighbourhood",
            "initiative",
            "decided_by",
        )
        .prefetch_related(
            Prefetch("assessments", queryset=Assessment.objects.select_related("assessor")),
            Prefetch("co_applicants", queryset=CoApplicant.objects.order_by("invited_at", "pk")),
        ),
        reference=reference,
    )
    require(request.user, "subsidies.view_staff_file", file, message=NO_FILE)
    return file


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


def _make_form(slug, file, user, data=None):
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
            form = _make_form(slug, file, user)
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


@dataclass
class TimelineItem:
    when: datetime
    kind: str  # audit, message, note, payment
    title: str
    who: str = ""
    body: str = ""
    changes: list = field(default_factory=list)


ACTION_LABELS = {
    "submit": gettext_lazy("Aanvraag ingediend"),
    "request_info": gettext_lazy("Meer informatie gevraagd"),
    "answer_info": gettext_lazy("Aanvrager antwoordde"),
    "accept_intake": gettext_lazy("Ontvankelijk verklaard, beoordeling gestart"),
    "propose": gettext_lazy("Beslissing voorgesteld"),
    "decide": gettext_lazy("Beslissing van het college geregistreerd"),
    "submit_report": gettext_lazy("Eindverslag ingediend"),
    "return_report": gettext_lazy("Eindverslag teruggestuurd"),
    "approve_report": gettext_lazy("Eindverslag goedgekeurd"),
    "close": gettext_lazy("Dossier afgesloten"),
    "withdraw": gettext_lazy("Aanvraag ingetrokken"),
    "assign": gettext_lazy("Behandelaar toegewezen"),
    "take": gettext_lazy("Dossier opgenomen"),
    "assign_handler": gettext_lazy("Behandelaar toegewezen"),
    "intake_checklist": gettext_lazy("Checklist ontvankelijkheid bewaard"),
    "save_checklist": gettext_lazy("Checklist ontvankelijkheid bewaard"),
    "submit_assessment": gettext_lazy("Beoordeling ingediend"),
    "record_payment": gettext_lazy("Betaling geregistreerd"),
    "payment": gettext_lazy("Betaling geregistreerd"),
    "assessment_submitted": gettext_lazy("Beoordeling ingediend"),
    "assign_assessors": gettext_lazy("Beoordelaars aangeduid"),
    "remove_assessor": gettext_lazy("Beoordelaar geschrapt"),
    "document_added": gettext_lazy("Document toegevoegd"),
    "document_removed": gettext_lazy("Document verwijderd"),
    "create": gettext_lazy("Aanvraag aangemaakt"),
}
# Payments and messages have their own items in the timeline: their audit entries would repeat them.
TIMELINE_SKIPS = {"payment"}
MESSAGE_ACTIONS = {"request_info", "answer_info", "return_report"}
# Audit values that are not fields of the file.
OTHER_LABELS = {
    "assessor": gettext_lazy("beoordelaar"),
    "assessors": gettext_lazy("beoordelaars"),
    "recommendation": gettext_lazy("advies"),
    "recommended_amount": gettext_lazy("geadviseerd bedrag"),
    "document": gettext_lazy("document"),
}
ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _who(user, fallback="") -> str:
    if user is None:
        return fallback
    return user.display_name or user.email


USER_FIELDS = ("handler", "decided_by")


def _change_describer(entries):
    """Turns an audit change (field, before, after) into words: the field's Dutch name, a
    status's label, a person's name (all people looked up in one query)."""
    from genk.accounts.models import User

    ids = {
        value
        for entry in entries
        for field_name, before, after in entry.changes()
        if field_name in USER_FIELDS
        for value in (before, after)
        if isinstance(value, int)
    }
    names = {u.pk: _who(u) for u in User.objects.filter(pk__in=ids)} if ids else {}

    def describe(field_name, before, after):
        try:
            model_field = SubsidyFile._meta.get_field(field_name)
        except FieldDoesNotExist:  # not a field of the file (e.g. "assessors", "document")
            label = str(OTHER_LABELS.get(field_name, field_name))
            choices = dict(Assessment.Recommendation.choices) if field_name == "recommendation" else {}
        else:
            label = str(model_field.verbose_name)
            choices = dict(model_field.flatchoices) if model_field.choices else {}

        def value(raw):
            if isinstance(raw, list):
                return ", ".join(str(item) for item in raw) or None
            if isinstance(raw, dict):
                return _("ingevuld") if raw else None
            if raw in (None, ""):
                return None
            if field_name in USER_FIELDS:
                return names.get(raw, raw)
            if isinstance(raw, str) and (day := ISO_DAY.match(raw)):
                return f"{day[3]}-{day[2]}-{day[1]}"
            return choices.get(raw, raw)

        return label, value(before), value(after)

    return describe


def _timeline(file, user) -> list[TimelineItem]:
    """Audit entries, messages (internal notes too: this is the staff side) and payments,
    newest first."""
    items = []
    entries = list(audit.history(file)[:200])
    describe = _change_describer(entries)
    for entry in entries:
        name = entry.action.rsplit(".", 1)[-1]
        if name in TIMELINE_SKIPS:
            continue
        items.append(
            TimelineItem(
                when=entry.created,
                kind="audit",
                title=str(ACTION_LABELS.get(name, entry.action)),
                who=_who(entry.actor, entry.actor_repr or _("het systeem")),
                body="" if name in MESSAGE_ACTIONS else entry.reason,
                changes=[describe(*change) for change in entry.changes()],
            )
        )
    notes = can(user, "subsidies.view_internal_notes", file)
    for message in file.messages.select_related("author").order_by("created", "pk"):
        if message.is_internal and not notes:
            continue
        items.append(
            TimelineItem(
                when=message.created,
                kind="note" if message.is_internal else "message",
                title=message.get_kind_display().capitalize(),
                who=_who(message.author),
                body=message.body,
            )
        )
    for payment in file.payments.select_related("recorded_by").order_by("paid_on", "pk"):
        items.append(
            TimelineItem(
                when=payment.created
                or timezone.make_aware(datetime.combine(payment.paid_on, time(12)), timezone.get_current_timezone()),
                kind="payment",
                title=_("Betaling: %(kind)s van %(amount)s, betaald op %(day)s")
                % {
                    "kind": payment.get_kind_display(),
                    "amount": euro(payment.amount),
                    "day": day_label(payment.paid_on),
                },
                who=_who(payment.recorded_by),
                body=payment.reference,
            )
        )
    items.sort(key=lambda item: item.when, reverse=True)
    return items


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


def _render_file(request, file, bound=None, status=200, document_form=None):
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
        "timeline": _timeline(file, user),
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


@staff_required
@require_GET
def file_detail(request, reference):
    return _render_file(request, _load(request, reference))


# The city's documents: added from the file's Documenten section, not a step of the workflow.

DOCUMENT_PREFIX = "document"


@staff_required
@require_POST
def document_add(request, reference):
    """Add a decision or another document to the file; the applicants are told (services)."""
    file = _load(request, reference)
    require(request.user, "subsidies.add_document", file, message=NO_DOCUMENTS)
    form = StaffDocumentForm(request.POST, request.FILES, prefix=DOCUMENT_PREFIX)
    if form.is_valid():
        values = form.document_values()
        added, _document = attempt(
            request,
            lambda: services.add_document(
                file, request.user, values["upload"], title=values["title"], stage=form.cleaned_data["stage"]
            ),
            form=form,
            field="file",
        )
        if added:
            messages.success(request, _("‘%(title)s’ is toegevoegd.") % {"title": values["title"]})
            return redirect("subsidies_staff:file", reference=file.reference)
    return _render_file(request, file, document_form=form)


@staff_required
@require_POST
def document_remove(request, reference, pk):
    file = _load(request, reference)
    document = get_object_or_404(Document, pk=pk, file=file)
    document.file = file
    require(request.user, "subsidies.delete_document", document, message=_("Je kunt dit document niet verwijderen."))
    services.remove_document(document, request.user)
    messages.success(request, _("‘%(title)s’ is verwijderd.") % {"title": document.title})
    return redirect("subsidies_staff:file", reference=file.reference)


# The steps. Each is a POST to its own URL.


def _run_step(request, reference, slug, run, done):
    """Validate the step's form, run it, and say what happened; a refused step re-renders
    the file with the reason and the input kept."""
    file = _load(request, reference)
    form = _make_form(slug, file, request.user, data=request.POST)
    if form is not None and not form.is_valid():
        return _render_file(request, file, bound=form)
    data = form.cleaned_data if form is not None else {}
    try:
        message = run(file, request.user, data, form)
    except Refusal as error:  # the file again, with the reason and the input kept
        return _refused(request, file, slug, form, str(error), status=error.status)
    except PermissionDenied as error:
        return _refused(request, file, slug, form, str(error) or _("Dat mag je niet in dit dossier."), status=403)
    messages.success(request, str(message or done))
    return redirect("subsidies_staff:file", reference=file.reference)


def _refused(request, file, slug, form, reason, *, status):
    file = _load(request, file.reference)  # the step may have changed nothing, but read it fresh
    if form is None:
        messages.error(request, reason)
        return _render_file(request, file, status=status)
    form.add_error(None, reason)
    return _render_file(request, file, bound=form, status=status)


@staff_required
@require_POST
def assign(request, reference):
    if request.POST.get("take"):

        def take(file, user, data, form):
            services.take_file(file, user)

        return _run_step(request, reference, "take", take, _("Je behandelt dit dossier nu."))

    def run(file, user, data, form):
        services.assign_handler(file, user, data["handler"])
        return _("%(name)s behandelt dit dossier nu.") % {"name": _who(data["handler"])}

    return _run_step(request, reference, "assign", run, "")


@staff_required
@require_POST
def checklist(request, reference):
    def run(file, user, data, form):
        services.save_intake_checklist(file, user, form.checklist())

    return _run_step(request, reference, "checklist", run, _("De checklist is bewaard."))


@staff_required
@require_POST
def intake(request, reference):
    def run(file, user, data, form):
        workflow.accept_intake(file, user, assessors=form.chosen_assessors(), checklist=form.checklist())

    return _run_step(
        request, reference, "intake", run, _("Het dossier is ontvankelijk; de beoordelaars krijgen bericht.")
    )


@staff_required
@require_POST
def request_info(request, reference):
    def run(file, user, data, form):
        workflow.request_info(file, user, message=data["message"], due=data["due"])

    return _run_step(request, reference, "request_info", run, _("De aanvrager krijgt je vraag om meer informatie."))


@staff_required
@require_POST
def assess(request, reference):
    draft = bool(request.POST.get("klad"))

    def run(file, user, data, form):
        services.save_assessment(
            file,
            user,
            scores=form.scores(),
            recommendation=data["recommendation"],
            recommended_amount=data["recommended_amount"],
            comment=data["comment"],
            submit=not draft,
        )
        if draft:
            return _("Je beoordeling is bewaard als klad; de anderen zien ze niet.")
        return _("Je beoordeling is ingediend. Je ziet nu ook de beoordelingen van de anderen.")

    return _run_step(request, reference, "assess", run, "")


@staff_required
@require_POST
def propose(request, reference):
    def run(file, user, data, form):
        workflow.propose(file, user, outcome=data["outcome"], amount=data["amount"], text=data["text"])

    return _run_step(request, reference, "propose", run, _("Het voorstel van beslissing staat klaar voor het college."))


@staff_required
@require_POST
def decide(request, reference):
    def run(file, user, data, form):
        workflow.decide(
            file,
            user,
            outcome=data["outcome"],
            amount=data["amount"],
            decided_on=data["decided_on"],
            reference=data["reference"],
            text=data["text"],
        )
        if data["outcome"] == SubsidyFile.Outcome.GRANTED:
            return _("De toekenning van %(amount)s is geregistreerd; de aanvrager krijgt de beslissing.") % {
                "amount": euro(data["amount"])
            }
        return _("De weigering is geregistreerd; de aanvrager krijgt de beslissing.")

    return _run_step(request, reference, "decide", run, "")


@staff_required
@require_POST
def payments(request, reference):
    def run(file, user, data, form):
        services.record_payment(
            file,
            user,
            kind=data["kind"],
            amount=data["amount"],
            paid_on=data["paid_on"],
            reference=data["reference"],
        )
        return _("De betaling van %(amount)s is geregistreerd.") % {"amount": euro(data["amount"])}

    return _run_step(request, reference, "payments", run, "")


@staff_required
@require_POST
def review_report(request, reference):
    if request.POST.get("decision") == "return":

        def send_back(file, user, data, form):
            workflow.return_report(file, user, message=data["message"])

        return _run_step(
            request, reference, "return_report", send_back, _("Het eindverslag is teruggestuurd naar de aanvrager.")
        )

    def approve(file, user, data, form):
        workflow.approve_report(file, user, amount_recovered=data["amount_recovered"])

    return _run_step(request, reference, "approve_report", approve, _("Het eindverslag is goedgekeurd."))


@staff_required
@require_POST
def close(request, reference):
    def run(file, user, data, form):
        workflow.close(file, user, amount_recovered=data["amount_recovered"])

    return _run_step(request, reference, "close", run, _("Het dossier is afgesloten."))


@staff_required
@require_POST
def note(request, reference):
    def run(file, user, data, form):
        services.add_note(file, user, data["body"])

    return _run_step(request, reference, "note", run, _("De notitie is bewaard."))


# The decision letter.


CITY = {
    "name": "Stad Genk",
    "street": "Stadsplein 1",
    "town": "3600 Genk",
}


def render_letter(request, file: SubsidyFile, *, back_url: str):
    """The decision letter of `file` as printable HTML. The caller has checked
    `subsidies.view_letter`; the applicant side can reuse this with its own back link."""
    advance = None
    if file.outcome == SubsidyFile.Outcome.GRANTED and file.scheme.advance_percentage:
        advance = services.advance_limit(file)
    return render(
        request,
        "subsidies/staff/letter.html",
        {"file": file, "city": CITY, "advance": advance, "today": timezone.localdate(), "back_url": back_url},
    )


@staff_required
@require_GET
def letter(request, reference):
    file = _load(request, reference)
    require(request.user, "subsidies.view_letter", file, message=_("Er is nog geen beslissing in dit dossier."))
    return render_letter(request, file, back_url=file.get_staff_url())


# Schemes.


def _schemes_for(user):
    schemes = Scheme.objects.select_related("department").order_by("position", "name")
    if user.is_superuser:
        return schemes
    return reports.visible_schemes(user)


@staff_required
@require_GET
def schemes(request):
    user = request.user
    visible = list(
        _schemes_for(user).prefetch_related(
            Prefetch("budgets", queryset=SchemeBudget.objects.with_committed().order_by("-year"))
        )
    )
    if not visible and not can(user, "subsidies.add_scheme"):
        raise PermissionDenied(NO_SCHEMES)
    rows = [(scheme, can(user, "subsidies.change_scheme", scheme)) for scheme in visible]
    return render(
        request,
        "subsidies/staff/schemes.html",
        {
            "rows": rows,
            "can_add": can(user, "subsidies.add_scheme"),
            "section": "schemes",
            "this_year": timezone.localdate().year,
        },
    )


def _committed_per_year(scheme) -> dict:
    if scheme.pk is None:
        return {}
    return {b.year: b.committed for b in SchemeBudget.objects.with_committed().filter(scheme=scheme)}


def _scheme_form(request, scheme: Scheme):
    user = request.user
    creating = scheme.pk is None
    committed = _committed_per_year(scheme)
    data = request.POST if request.method == "POST" else None
    form = SchemeForm(data, instance=scheme, user=user, prefix="scheme")
    budgets = SchemeBudgetFormSet(data, instance=scheme, prefix="budgets", committed=committed)
    criteria = CriterionFormSet(data, instance=scheme, prefix="criteria")
    documents = RequiredDocumentFormSet(data, instance=scheme, prefix="documents")
    formsets = [budgets, criteria, documents]
    if request.method == "POST":
        checked = [form.is_valid()] + [fs.is_valid() for fs in formsets]  # every one, for its errors
        valid = all(checked)
        if valid and not user.is_superuser and not can(user, "subsidies.change_scheme", form.instance):
            form.add_error("department", _("Je beheert alleen reglementen van je eigen dienst."))
            valid = False
        if valid:
            saved, scheme = attempt(request, lambda: _save_scheme(user, form, formsets, creating=creating), form=form)
            if saved:
                messages.success(
                    request,
                    _("Het reglement ‘%(name)s’ is aangemaakt.") % {"name": scheme.name}
                    if creating
                    else _("Het reglement ‘%(name)s’ is bewaard.") % {"name": scheme.name},
                )
                return redirect("subsidies_staff:schemes")
    remaining = {b.year: b for b in SchemeBudget.objects.with_committed().filter(scheme=scheme)} if not creating else {}
    budget_rows = []
    for budget_form in budgets.forms:
        row = remaining.get(budget_form.instance.year) if budget_form.instance.pk else None
        info = (
            _("toegekend %(committed)s, resterend %(remaining)s")
            % {"committed": euro(row.committed), "remaining": euro(row.remaining)}
            if row is not None
            else ""
        )
        budget_rows.append((budget_form, info))
    return render(
        request,
        "subsidies/staff/scheme_form.html",
        {
            "scheme": scheme,
            "creating": creating,
            "form": form,
            "budgets": budgets,
            "budget_rows": budget_rows,
            "criteria": criteria,
            "criteria_rows": [(f, "") for f in criteria.forms],
            "documents": documents,
            "document_rows": [(f, "") for f in documents.forms],
            "formsets": formsets,
            "section": "schemes",
            "has_errors": bool(form.errors) or any(fs.total_error_count() for fs in formsets),
        },
    )


def _save_scheme(user, form, formsets, *, creating):
    """Save the scheme and its rows in one transaction, audited. A budget is never lowered
    below what is already committed: the budget rows are locked (as workflow.decide does)
    and checked again."""
    with transaction.atomic():
        before = {} if creating else audit.snapshot(Scheme.objects.get(pk=form.instance.pk))
        if not creating:
            locked = {b.year: b for b in SchemeBudget.objects.select_for_update().filter(scheme_id=form.instance.pk)}
            committed = _committed_per_year(form.instance)
            for budget_form in formsets[0].forms:
                data = getattr(budget_form, "cleaned_data", None) or {}
                year = data.get("year")
                if not year or year not in locked:
                    continue
                if data.get("DELETE") and committed.get(year):
                    raise NotAllowed(_("Voor %(year)s is al budget toegekend: dit jaar kan niet weg.") % {"year": year})
                amount = data.get("amount")
                if amount is not None and amount < committed.get(year, 0):
                    raise NotAllowed(
                        _("Voor %(year)s is al %(committed)s toegekend: het budget kan niet lager.")
                        % {"year": year, "committed": euro(committed[year])}
                    )
        scheme = form.save()
        for formset in formsets:
            formset.instance = scheme
            formset.save()
        after = audit.snapshot(scheme)
        after["budgets"] = {str(b.year): str(b.amount) for b in scheme.budgets.all()}
        audit.record(
            user,
            "subsidies.scheme_created" if creating else "subsidies.scheme_changed",
            scheme,
            before=before,
            after=after,
        )
    return scheme


@staff_required
def scheme_create(request):
    require(request.user, "subsidies.add_scheme", message=NO_SCHEMES)
    return _scheme_form(request, Scheme())


@staff_required
def scheme_edit(request, slug):
    scheme = get_object_or_404(Scheme.objects.select_related("department"), slug=slug)
    require(request.user, "subsidies.change_scheme", scheme, message=NO_SCHEMES)
    return _scheme_form(request, scheme)


# The report per scheme and year.


def _report(request):
    user = request.user
    require(user, "subsidies.view_reports", message=NO_REPORTS)
    schemes = reports.visible_schemes(user)
    years = reports.available_years(schemes)
    form = ReportForm(request.GET or None, years=years)
    year = form.cleaned_data["jaar"] if form.is_bound and form.is_valid() else timezone.localdate().year
    return form, reports.build(schemes, year)


@staff_required
@require_GET
def report(request):
    form, result = _report(request)
    columns = reports.columns()
    table = [
        (row, [(getattr(row, attr), kind) for attr, _heading, kind in columns]) for row in [*result.rows, result.total]
    ]
    return render(
        request,
        "subsidies/staff/report.html",
        {"form": form, "report": result, "columns": columns, "table": table, "section": "report"},
    )


@staff_required
@require_GET
def report_xlsx(request):
    _form, result = _report(request)
    return reports.xlsx_response(result)

"""The steps on a file (POST to their own URL): each validates its form and calls workflow.py or
services.py; a refused step re-renders the file with the reason and the input kept."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk.core.formats import euro
from genk.core.permissions import staff_required
from genk.core.refusals import Refusal

from .. import services, workflow
from ..models import (
    SubsidyFile,
)
from .common import load_file
from .filepage import make_form, render_file
from .timeline import person_name

# The steps. Each is a POST to its own URL.


def _run_step(request, reference, slug, run, done):
    """Validate the step's form, run it, and say what happened; a refused step re-renders
    the file with the reason and the input kept."""
    file = load_file(request, reference)
    form = make_form(slug, file, request.user, data=request.POST)
    if form is not None and not form.is_valid():
        return render_file(request, file, bound=form)
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
    file = load_file(request, file.reference)  # the step may have changed nothing, but read it fresh
    if form is None:
        messages.error(request, reason)
        return render_file(request, file, status=status)
    form.add_error(None, reason)
    return render_file(request, file, bound=form, status=status)


@staff_required
@require_POST
def assign(request, reference):
    if request.POST.get("take"):

        def take(file, user, data, form):
            services.take_file(file, user)

        return _run_step(request, reference, "take", take, _("Je behandelt dit dossier nu."))

    def run(file, user, data, form):
        services.assign_handler(file, user, data["handler"])
        return _("%(name)s behandelt dit dossier nu.") % {"name": person_name(data["handler"])}

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

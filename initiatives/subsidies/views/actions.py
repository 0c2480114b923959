"""The applicant's steps: submitting, answering the city's questions, the final report and
withdrawing. Each calls workflow.py; a refusal becomes a message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from genk.core.formats import day_label
from genk.core.permissions import require
from genk.core.refusals import attempt

from .. import workflow
from ..forms import (
    AnswerInfoForm,
    ReportForm,
    WithdrawForm,
)
from ..models import Document, Message, SubsidyFile
from .common import file_context, file_or_404
from .documents import documents_part, required_of_stage

# Submitting, answering, reporting, withdrawing.


@login_required
@require_POST
def submit(request, reference):
    file = file_or_404(request, reference)
    submitted, _result = attempt(request, lambda: workflow.submit(file, request.user))
    if not submitted:
        return redirect(file)
    messages.success(
        request,
        _("Je aanvraag %(reference)s is ingediend. De dienst kijkt ze na tegen %(date)s.")
        % {"reference": file.reference, "date": day_label(file.intake_due) or "–"},
    )
    return redirect(file)


@login_required
@require_http_methods(["GET", "POST"])
def answer_info(request, reference):
    file = file_or_404(request, reference)
    require(
        request.user,
        "subsidies.answer_file",
        file,
        message=_("De stad vraagt je op dit moment niets voor dit dossier."),
    )
    form = AnswerInfoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answered, _result = attempt(
            request, lambda: workflow.answer_info(file, request.user, message=form.cleaned_data["message"])
        )
        if answered:
            messages.success(request, _("Je antwoord is verstuurd naar de dienst."))
            return redirect(file)
    question = file.messages.filter(kind=Message.Kind.INFO_REQUEST).order_by("-created", "-pk").first()
    required = required_of_stage(file, Document.Stage.APPLICATION)
    return render(
        request,
        "subsidies/file_answer.html",
        file_context(
            file,
            form=form,
            question=question,
            back_name="antwoord",
            **documents_part(request, file, required),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request, reference):
    file = file_or_404(request, reference)
    require(
        request.user,
        "subsidies.report_file",
        file,
        message=_("Een eindverslag dien je in nadat de subsidie is toegekend, en één keer."),
    )
    form = ReportForm(
        request.POST or None, initial={"report_text": file.report_text, "report_costs": file.report_costs}
    )
    if request.method == "POST" and form.is_valid():
        reported, _result = attempt(
            request,
            lambda: workflow.submit_report(
                file, request.user, text=form.cleaned_data["report_text"], costs=form.cleaned_data["report_costs"]
            ),
        )
        if reported:
            messages.success(request, _("Je eindverslag is ingediend. De dienst kijkt het na."))
            return redirect(file)
    file = SubsidyFile.objects.with_totals().select_related("scheme").get(pk=file.pk)
    required = required_of_stage(file, Document.Stage.REPORT)
    return render(
        request,
        "subsidies/file_report.html",
        file_context(
            file,
            form=form,
            back_name="verslag",
            **documents_part(request, file, required, Document.Stage.REPORT),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, reference):
    file = file_or_404(request, reference)
    require(
        request.user,
        "subsidies.withdraw_file",
        file,
        message=_("Alleen de hoofdaanvrager kan een lopende aanvraag intrekken."),
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        withdrawn, _result = attempt(
            request, lambda: workflow.withdraw(file, request.user, reason=form.cleaned_data["reason"])
        )
        if withdrawn:
            messages.success(request, _("Je aanvraag is ingetrokken."))
        return redirect(file)
    return render(request, "subsidies/file_withdraw.html", file_context(file, form=form))

"""The public and the applicant's pages: the schemes, applying (project, budget, documents,
co-applicants), submitting, answering the city's questions, the final report, withdrawing,
and the list of one's own files.

Every page asks `rules.can` on its object. State changes go through workflow.py, other writes
through services.py; the draft's own fields (project, budget lines) are saved by the forms
while `subsidies.change_file` allows it.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from genk.accounts.models import Organisation, OrganisationMembership
from genk.core.files import private_file_response
from genk.core.formats import day_label
from genk.core.permissions import can, require
from genk.core.refusals import AlreadyDone, NotAllowed, attempt

from . import conf, services, workflow
from .forms import (
    AcceptInvitationForm,
    AmountForm,
    AnswerInfoForm,
    ApplicationForm,
    DocumentForm,
    InviteCoApplicantForm,
    ReportForm,
    StartForm,
    WithdrawForm,
    budget_formsets,
)
from .models import CoApplicant, Document, Message, RequiredDocument, Scheme, SchemeBudget, SubsidyFile

STEP_PROJECT = "project"
STEP_BUDGET = "begroting"
STEP_DOCUMENTS = "documenten"
STEP_GROUP = "groep"
STEP_SUBMIT = "indienen"

MAX_EXTRA_ROWS = 20
# Where an invitation to join a group can still be accepted (services.pending_invitation).
INVITABLE_STATES = (SubsidyFile.Status.DRAFT, SubsidyFile.Status.SUBMITTED, SubsidyFile.Status.INFO_REQUESTED)


def _steps(file_or_scheme) -> list[tuple[str, str]]:
    """The steps of writing an application; the group step only where co-applicants count."""
    scheme = file_or_scheme if isinstance(file_or_scheme, Scheme) else file_or_scheme.scheme
    steps = [
        (STEP_PROJECT, gettext_lazy("Project")),
        (STEP_BUDGET, gettext_lazy("Begroting")),
        (STEP_DOCUMENTS, gettext_lazy("Documenten")),
    ]
    kind = getattr(file_or_scheme, "applicant_kind", None)
    if scheme.allows_resident_group and kind != SubsidyFile.ApplicantKind.ORGANISATION:
        steps.append((STEP_GROUP, gettext_lazy("Mede-aanvragers")))
    steps.append((STEP_SUBMIT, gettext_lazy("Nakijken en indienen")))
    return steps


def _file_or_404(request, reference: str, queryset=None) -> SubsidyFile:
    """The file, if the user may see it. Someone else's file does not exist for them."""
    queryset = queryset if queryset is not None else SubsidyFile.objects.select_related("scheme", "organisation")
    file = get_object_or_404(queryset, reference=reference)
    if not can(request.user, "subsidies.view_file", file):
        raise Http404(_("Dit dossier bestaat niet, of het is niet van jou."))
    return file


def _file_context(file, current: str | None = None, **extra) -> dict:
    context = {"file": file, "scheme": file.scheme, "current": current, "has_group_step": False}
    if file.is_draft:
        context["apply_steps"] = _steps(file)
        context["has_group_step"] = any(slug == STEP_GROUP for slug, _label in context["apply_steps"])
    context.update(extra)
    return context


def _represented_organisations(user, scheme):
    """The organisations `user` currently represents that may apply under `scheme`."""
    if not scheme.allows_organisation:
        return Organisation.objects.none()
    ids = (
        OrganisationMembership.objects.current()
        .filter(user=user, role=OrganisationMembership.Role.REPRESENTATIVE)
        .values("organisation_id")
    )
    organisations = Organisation.objects.filter(pk__in=ids).order_by("name")
    if scheme.organisation_kinds:
        organisations = organisations.filter(kind__in=scheme.organisation_kinds)
    return organisations


def _initiative_from(request):
    """The initiative of `?initiatief=<pk>`, when the user is one of its initiators (None
    without the parameter). Only initiators may link an initiative to an application."""
    pk = request.GET.get("initiatief")
    if not pk:
        return None
    from initiatives.models import Initiative

    try:
        initiative = Initiative.objects.get(pk=int(pk))
    except (ValueError, Initiative.DoesNotExist):
        raise Http404(_("Dit initiatief bestaat niet.")) from None
    if not request.user.is_authenticated or request.user.pk not in initiative.initiator_ids():
        raise PermissionDenied(_("Alleen de initiatiefnemers kunnen een subsidie aanvragen voor dit initiatief."))
    return initiative


# The schemes.


def schemes(request):
    year = timezone.localdate().year
    scheme_list = list(Scheme.objects.active().select_related("department").order_by("position", "name"))
    budgets = {b.scheme_id: b for b in SchemeBudget.objects.with_committed().filter(year=year, scheme__in=scheme_list)}
    for item in scheme_list:
        item.budget = budgets.get(item.pk)
    initiative = None
    if request.GET.get("initiatief") and request.user.is_authenticated:
        try:
            initiative = _initiative_from(request)
        except (Http404, PermissionDenied):
            initiative = None
        if initiative is not None:
            scheme_list = [s for s in scheme_list if s.allows_resident_group]
    return render(request, "subsidies/schemes.html", {"schemes": scheme_list, "year": year, "initiative": initiative})


def scheme(request, slug):
    item = get_object_or_404(Scheme.objects.active().select_related("department"), slug=slug)
    year = timezone.localdate().year
    documents = list(item.required_documents.order_by("position", "pk"))
    initiative = None
    if request.user.is_authenticated and request.GET.get("initiatief"):
        try:
            initiative = _initiative_from(request)
        except (Http404, PermissionDenied):
            initiative = None
    kinds = dict(Organisation.Kind.choices)
    return render(
        request,
        "subsidies/scheme.html",
        {
            "scheme": item,
            "year": year,
            "budget": item.budget_for(year),
            "criteria": list(item.criteria.order_by("position", "pk")),
            "application_documents": [d for d in documents if d.stage == RequiredDocument.Stage.APPLICATION],
            "report_documents": [d for d in documents if d.stage == RequiredDocument.Stage.REPORT],
            "sdgs": list(item.sdgs.all()),
            "organisation_kinds": [str(kinds.get(k, k)) for k in item.organisation_kinds or []],
            "can_apply": can(request.user, "subsidies.apply_scheme", item),
            "initiative": initiative,
        },
    )


# Applying.


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, slug):
    item = get_object_or_404(Scheme.objects.active().select_related("department"), slug=slug)
    require(
        request.user,
        "subsidies.apply_scheme",
        item,
        message=_("Je kunt deze subsidie nu niet aanvragen: de termijn om aan te vragen is niet open."),
    )
    initiative = _initiative_from(request)
    organisations = _represented_organisations(request.user, item)
    initial = {}
    if initiative is not None:
        initial = {
            "title": initiative.title,
            "description": initiative.description or initiative.summary,
            "neighbourhood": initiative.neighbourhood_id,
            "scope": ApplicationForm.SCOPE_CITY if initiative.city_wide else ApplicationForm.SCOPE_NEIGHBOURHOOD,
            "applicant_kind": SubsidyFile.ApplicantKind.RESIDENT_GROUP,
        }
        if not initiative.city_wide and not initiative.neighbourhood_id:
            initial.pop("scope")
    form = StartForm(
        request.POST or None,
        scheme=item,
        organisations=organisations,
        initial=initial,
        instance=SubsidyFile(scheme=item, applicant=request.user),
    )
    refusal = None
    if not form.fields["applicant_kind"].choices:
        refusal = _(
            "Dit reglement is alleen voor organisaties, en je bent geen vertegenwoordiger van een organisatie die het toelaat."
        )
    context = {"scheme": item, "form": form, "initiative": initiative, "refusal": refusal, "apply_steps": _steps(item)}
    if refusal or request.method != "POST" or not form.is_valid():
        return render(request, "subsidies/apply_start.html", context)
    data = form.cleaned_data
    fields = {
        "applicant_kind": data["applicant_kind"],
        "organisation": data.get("organisation"),
        "initiative": initiative,
        "title": data["title"],
        "description": data.get("description") or "",
        "city_wide": data.get("scope") == ApplicationForm.SCOPE_CITY,
        "neighbourhood_id": data["neighbourhood"].pk if data.get("neighbourhood") else None,
        "starts_on": data.get("starts_on"),
        "ends_on": data.get("ends_on"),
        "iban": data.get("iban") or "",
        "account_holder": data.get("account_holder") or "",
        "applicant_address": data.get("applicant_address") or "",
    }
    created, file = attempt(request, lambda: services.create_file(request.user, item, **fields))
    if not created:
        return render(request, "subsidies/apply_start.html", context)
    messages.success(
        request,
        _("Je aanvraag %(reference)s is bewaard als kladversie. Alleen jij en je mede-aanvragers zien ze.")
        % {"reference": file.reference},
    )
    if "verder" in request.POST:
        return redirect("subsidies:budget", reference=file.reference)
    return redirect("subsidies:edit", reference=file.reference)


def _save_draft(file, user, fields: dict, lines=None) -> None:
    """Write the draft's own fields (and, with `lines`, replace its budget lines) under a row
    lock, checking again that it is still a draft the user may change: a submit in another tab
    is never undone by a late save, and only the given fields are written."""
    with transaction.atomic():
        locked = services.lock(file)
        require(
            user,
            "subsidies.change_file",
            locked,
            message=_("Deze aanvraag is ingediend en kan niet meer aangepast worden."),
        )
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*fields, "modified"])
        if lines is not None:
            services.replace_budget_lines(locked, user, lines)
    file.take_state_from(locked)


def _change_or_view(request, file):
    """A draft page: only while the file may be changed; else back to the overview."""
    if can(request.user, "subsidies.change_file", file):
        return None
    messages.info(request, _("Deze aanvraag is ingediend en kan niet meer aangepast worden."))
    return redirect(file)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, reference):
    file = _file_or_404(request, reference)
    if response := _change_or_view(request, file):
        return response
    form = ApplicationForm(request.POST or None, instance=file, scheme=file.scheme)
    if request.method == "POST" and form.is_valid():
        _save_draft(file, request.user, form.draft_fields())
        messages.success(request, _("Je kladversie is bewaard."))
        if "verder" in request.POST:
            return redirect("subsidies:budget", reference=file.reference)
        return redirect("subsidies:edit", reference=file.reference)
    return render(request, "subsidies/file_edit.html", _file_context(file, STEP_PROJECT, form=form))


def _extra_rows(request, name: str, default: int) -> int:
    try:
        return max(0, min(int(request.GET.get(name, default)), MAX_EXTRA_ROWS))
    except ValueError:
        return default


@login_required
@require_http_methods(["GET", "POST"])
def budget(request, reference):
    """Costs and other income as two formsets (no JavaScript: extra empty rows, and an "add a
    row" button that saves and comes back with one more), the totals recomputed here, and the
    amount asked."""
    file = _file_or_404(request, reference)
    if response := _change_or_view(request, file):
        return response
    extra_costs = _extra_rows(request, "kosten", 2)
    extra_income = _extra_rows(request, "inkomsten", 1)
    data = request.POST if request.method == "POST" else None
    costs, income = budget_formsets(file, data, extra_costs, extra_income)
    costs.caption, income.caption = _("Kosten"), _("Andere inkomsten")
    amount_form = AmountForm(
        data, scheme=file.scheme, prefix="bedrag", initial={"amount_requested": file.amount_requested or None}
    )
    if request.method == "POST":
        valid = costs.is_valid() & income.is_valid() & amount_form.is_valid()
        if valid:
            deficit = _posted_total(costs) - _posted_total(income)
            amount = amount_form.cleaned_data["amount_requested"]
            if amount and amount > deficit:
                amount_form.add_error(
                    "amount_requested",
                    _("Je vraagt meer dan het tekort van je begroting (kosten min andere inkomsten)."),
                )
                valid = False
        if valid:
            _save_draft(
                file,
                request.user,
                {"amount_requested": amount},
                lines=[*_posted_lines(costs), *_posted_lines(income)],
            )
            messages.success(request, _("Je begroting is bewaard."))
            url = reverse("subsidies:budget", kwargs={"reference": file.reference})
            if "rij_kosten" in request.POST:
                return redirect(f"{url}?kosten={min(extra_costs + 1, MAX_EXTRA_ROWS)}&inkomsten={extra_income}#kosten")
            if "rij_inkomsten" in request.POST:
                return redirect(
                    f"{url}?kosten={extra_costs}&inkomsten={min(extra_income + 1, MAX_EXTRA_ROWS)}#inkomsten"
                )
            if "verder" in request.POST:
                return redirect("subsidies:documents", reference=file.reference)
            return redirect(url)
    file = SubsidyFile.objects.with_totals().select_related("scheme").get(pk=file.pk)
    return render(
        request,
        "subsidies/file_budget.html",
        _file_context(
            file,
            STEP_BUDGET,
            costs=costs,
            income=income,
            budget_formsets=[costs, income],
            amount_form=amount_form,
            extra_costs=extra_costs,
            extra_income=extra_income,
        ),
    )


def _posted_lines(formset) -> list[tuple[str, str, Decimal]]:
    """The lines of a valid formset as posted: (kind, description, amount), empty and deleted rows left out."""
    lines = []
    for form in formset.forms:
        if form in formset.deleted_forms or not form.cleaned_data:
            continue
        lines.append((formset.kind, form.cleaned_data["description"], form.cleaned_data["amount"]))
    return lines


def _posted_total(formset) -> Decimal:
    return sum((amount for _kind, _description, amount in _posted_lines(formset)), Decimal("0"))


@login_required
@require_http_methods(["GET", "POST"])
def documents(request, reference):
    file = _file_or_404(request, reference)
    stage = _document_stage(file)
    required = _required(file, stage)
    form = DocumentForm(request.POST or None, request.FILES or None, required_documents=required)
    back_name, back = _back(request, file)
    if request.method == "POST":
        if "verwijderen" in request.POST:
            return _delete_document(request, file, back)
        require(
            request.user,
            "subsidies.add_document",
            file,
            message=_("Je kunt nu geen documenten toevoegen aan dit dossier."),
        )
        if form.is_valid():
            values = form.document_values()
            added, _document = attempt(
                request,
                lambda: services.add_document(
                    file,
                    request.user,
                    values["upload"],
                    title=values["title"],
                    required_document=values["required_document"],
                    stage=stage,
                ),
                form=form,
                field="file",
            )
            if added:
                messages.success(request, _("‘%(title)s’ is toegevoegd.") % {"title": values["title"]})
                return redirect(back)
    documents_list = list(file.documents.select_related("required_document").order_by("created", "pk"))
    present = {d.required_document_id for d in documents_list}
    context = _file_context(
        file,
        STEP_DOCUMENTS,
        document_form=form if can(request.user, "subsidies.add_document", file) else None,
        documents=documents_list,
        required=[(r, r.pk in present) for r in required],
        stage=stage,
        deletable={d.pk for d in documents_list if can(request.user, "subsidies.delete_document", d)},
        back_name=back_name,
    )
    return render(request, "subsidies/file_documents.html", context)


def _document_stage(file) -> str:
    """Documents added now belong to the report once the subsidy is granted; else to the application."""
    if file.status == SubsidyFile.Status.GRANTED:
        return Document.Stage.REPORT
    return Document.Stage.APPLICATION


def _back(request, file) -> tuple[str, str]:
    """Where to go after adding or removing a document: the documents page, or the report or
    answer page it was sent from (`terug`)."""
    name = request.POST.get("terug") or request.GET.get("terug") or ""
    targets = {"verslag": "subsidies:report", "antwoord": "subsidies:answer_info"}
    if name in targets:
        return name, reverse(targets[name], kwargs={"reference": file.reference})
    return "", reverse("subsidies:documents", kwargs={"reference": file.reference})


def _posted_pk(request, name: str) -> int:
    """The id a button posts (`verwijderen`, `intrekken`); a broken value is a 404, not a 500."""
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        raise Http404 from None


def _delete_document(request, file, back):
    document = get_object_or_404(Document, pk=_posted_pk(request, "verwijderen"), file=file)
    document.file = file
    require(request.user, "subsidies.delete_document", document, message=_("Je kunt dit document niet verwijderen."))
    services.remove_document(document, request.user)
    messages.success(request, _("‘%(title)s’ is verwijderd.") % {"title": document.title})
    return redirect(back)


def document(request, pk):
    """The only way to a subsidy document: the applicants and the handling staff."""
    item = get_object_or_404(Document.objects.select_related("file__scheme", "file__organisation"), pk=pk)
    if not can(request.user, "subsidies.view_document", item):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(_("Dit document is alleen voor de aanvragers en de behandelende dienst."))
    return private_file_response(item.attachment, item.original_name or item.title, item.content_type)


@login_required
@require_http_methods(["GET", "POST"])
def co_applicants(request, reference):
    file = _file_or_404(request, reference)
    may_invite = can(request.user, "subsidies.invite_coapplicant", file)
    form = InviteCoApplicantForm(request.POST or None, file=file, user=request.user)
    if request.method == "POST":
        require(
            request.user,
            "subsidies.invite_coapplicant",
            file,
            message=_("Alleen de hoofdaanvrager kan mede-aanvragers uitnodigen."),
        )
        if "intrekken" in request.POST:
            invitation = get_object_or_404(
                CoApplicant, pk=_posted_pk(request, "intrekken"), file=file, accepted_at__isnull=True
            )
            services.remove_co_applicant(invitation, request.user)
            messages.success(request, _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": invitation.email})
            return redirect("subsidies:co_applicants", reference=file.reference)
        if form.is_valid():
            invited, _co = attempt(
                request,
                lambda: services.invite_co_applicant(
                    file, request.user, email=form.cleaned_data["email"], name=form.cleaned_data["name"]
                ),
                form=form,
                field="email",
            )
            if invited:
                messages.success(
                    request,
                    _("We hebben een uitnodiging gestuurd naar %(email)s.") % {"email": form.cleaned_data["email"]},
                )
                return redirect("subsidies:co_applicants", reference=file.reference)
    members = list(file.co_applicants.select_related("user").order_by("invited_at", "pk"))
    return render(
        request,
        "subsidies/file_co_applicants.html",
        _file_context(
            file,
            STEP_GROUP,
            form=form if may_invite else None,
            accepted=[c for c in members if c.accepted_at],
            pending=[c for c in members if not c.accepted_at],
            group_size=file.group_size(),
            addresses=len(file.distinct_addresses()),
        ),
    )


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = (
        CoApplicant.objects.select_related("file__scheme", "file__applicant", "file__organisation")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise Http404(_("Deze uitnodiging bestaat niet (meer)."))
    file = invitation.file
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            try:
                services.accept_invitation(token, request.user, address=form.cleaned_data["address"])
            except (NotAllowed, AlreadyDone) as error:  # both shown as errors on the invitation page
                messages.error(request, str(error))
                return redirect("subsidies:accept_invitation", token=token)
            messages.success(request, _("Je bent nu mede-aanvrager van ‘%(title)s’.") % {"title": file.title})
            return redirect(file)
    return render(
        request,
        "subsidies/file_invitation.html",
        {
            "invitation": invitation,
            "file": file,
            "scheme": file.scheme,
            "form": form,
            "pending": services.pending_invitation(token) is not None,
        },
    )


# Submitting, answering, reporting, withdrawing.


@login_required
@require_POST
def submit(request, reference):
    file = _file_or_404(request, reference)
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
    file = _file_or_404(request, reference)
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
    required = _required(file, Document.Stage.APPLICATION)
    return render(
        request,
        "subsidies/file_answer.html",
        _file_context(
            file,
            form=form,
            question=question,
            back_name="antwoord",
            **_documents_part(request, file, required),
        ),
    )


def _documents_part(request, file, required, stage=None) -> dict:
    """The document list, the checklist of required documents and the upload form of a page."""
    documents_list = file.documents.select_related("required_document").order_by("created", "pk")
    if stage:
        documents_list = documents_list.filter(stage=stage)
    documents_list = list(documents_list)
    present = {d.required_document_id for d in documents_list}
    return {
        "document_form": DocumentForm(required_documents=required),
        "documents": documents_list,
        "required": [(r, r.pk in present) for r in required],
        "deletable": {d.pk for d in documents_list if can(request.user, "subsidies.delete_document", d)},
    }


def _required(file, stage):
    return list(file.scheme.required_documents.filter(stage=stage).order_by("position", "pk"))


@login_required
@require_http_methods(["GET", "POST"])
def report(request, reference):
    file = _file_or_404(request, reference)
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
    required = _required(file, Document.Stage.REPORT)
    return render(
        request,
        "subsidies/file_report.html",
        _file_context(
            file,
            form=form,
            back_name="verslag",
            **_documents_part(request, file, required, Document.Stage.REPORT),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, reference):
    file = _file_or_404(request, reference)
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
    return render(request, "subsidies/file_withdraw.html", _file_context(file, form=form))


# The file and the list.


STATUS_EXPLANATIONS = {
    SubsidyFile.Status.DRAFT: gettext_lazy(
        "Je aanvraag is een kladversie: alleen jij en je mede-aanvragers zien ze. Werk ze af en dien ze in."
    ),
    SubsidyFile.Status.SUBMITTED: gettext_lazy("De dienst kijkt na of je aanvraag volledig is."),
    SubsidyFile.Status.INFO_REQUESTED: gettext_lazy("De dienst vraagt je meer informatie. Antwoord hieronder."),
    SubsidyFile.Status.ASSESSMENT: gettext_lazy("Je aanvraag is volledig; medewerkers beoordelen ze nu."),
    SubsidyFile.Status.PROPOSED: gettext_lazy(
        "De beoordeling is klaar. Het college van burgemeester en schepenen beslist binnenkort."
    ),
    SubsidyFile.Status.GRANTED: gettext_lazy(
        "De subsidie is toegekend. Na je project dien je een eindverslag in met de bewijzen van je uitgaven."
    ),
    SubsidyFile.Status.REFUSED: gettext_lazy("Het college heeft beslist de subsidie niet toe te kennen."),
    SubsidyFile.Status.REPORT_SUBMITTED: gettext_lazy("Je eindverslag is ingediend; de dienst kijkt het na."),
    SubsidyFile.Status.REPORT_APPROVED: gettext_lazy("Je eindverslag is goedgekeurd."),
    SubsidyFile.Status.CLOSED: gettext_lazy("Dit dossier is afgesloten."),
    SubsidyFile.Status.WITHDRAWN: gettext_lazy("Deze aanvraag is ingetrokken."),
}


def file_detail(request, reference):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    file = _file_or_404(
        request,
        reference,
        SubsidyFile.objects.with_totals()
        .select_related("scheme__department", "organisation", "neighbourhood", "initiative", "applicant")
        .prefetch_related(
            "co_applicants",
            "budget_lines",
            "payments",
            Prefetch("documents", queryset=Document.objects.select_related("required_document").order_by("created")),
            Prefetch(
                "messages",
                queryset=Message.objects.filter(kind__in=Message.APPLICANT_KINDS).select_related("author"),
                to_attr="visible_messages",
            ),
        ),
    )
    user = request.user
    perms = {
        "change": "subsidies.change_file",
        "submit": "subsidies.submit_file",
        "answer": "subsidies.answer_file",
        "report": "subsidies.report_file",
        "withdraw": "subsidies.withdraw_file",
        "invite": "subsidies.invite_coapplicant",
        "add_document": "subsidies.add_document",
        "staff": "subsidies.view_staff_file",
    }
    abilities = {name: can(user, perm, file) for name, perm in perms.items()}
    lines = list(file.budget_lines.all())
    documents_list = list(file.documents.all())
    question = None
    if file.status == SubsidyFile.Status.INFO_REQUESTED:
        requests_ = [m for m in file.visible_messages if m.kind == Message.Kind.INFO_REQUEST]
        question = requests_[-1] if requests_ else None
    context = _file_context(
        file,
        STEP_SUBMIT,
        can=abilities,
        explanation=STATUS_EXPLANATIONS.get(file.status, ""),
        costs=[line for line in lines if line.kind == line.Kind.COST],
        income=[line for line in lines if line.kind == line.Kind.INCOME],
        documents=documents_list,
        co_applicants=list(file.co_applicants.all()),
        payments=list(file.payments.all()),
        question=question,
        timeline=_timeline(file),
        upcoming=_upcoming(file),
        missing=_missing(file) if file.is_draft else [],
        deletable=set(),
        today=timezone.localdate(),
    )
    return render(request, "subsidies/file_detail.html", context)


def _missing(file) -> list[str]:
    """What `workflow.submit` would refuse now (empty when the file can be submitted)."""
    return services.submission_problems(file)


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


def _timeline(file) -> list[dict]:
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


def _upcoming(file) -> list[dict]:
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


@login_required
def letter(request, reference):
    """The decision letter, as the applicants' own printable copy (the same letter staff print)."""
    from .staff_views.letter import render_letter

    file = _file_or_404(request, reference)
    require(request.user, "subsidies.view_letter", file, message=_("Er is nog geen beslissing in dit dossier."))
    return render_letter(request, file, back_url=file.get_absolute_url())


@login_required
def my_files(request):
    from allauth.account.models import EmailAddress

    files = (
        SubsidyFile.objects.for_applicant(request.user)
        .with_totals()
        .select_related("scheme", "organisation")
        .order_by("-modified", "-pk")
    )
    emails = [
        e.lower() for e in EmailAddress.objects.filter(user=request.user, verified=True).values_list("email", flat=True)
    ]
    since = timezone.now() - timedelta(days=conf.invitation_days())
    invitations = CoApplicant.objects.filter(
        email__in=emails,
        accepted_at__isnull=True,
        invited_at__gte=since,
        file__status__in=INVITABLE_STATES,
    ).select_related("file__scheme", "file__applicant")
    return render(
        request,
        "subsidies/my_files.html",
        {"files": list(files), "invitations": list(invitations), "today": timezone.localdate()},
    )

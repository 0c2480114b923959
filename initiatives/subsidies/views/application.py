"""Applying: starting an application, the project and the budget of a draft (saved under a row
lock while `subsidies.change_file` allows it)."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from genk.core.permissions import can, require
from genk.core.refusals import attempt

from .. import services
from ..forms import (
    AmountForm,
    ApplicationForm,
    StartForm,
    budget_formsets,
)
from ..models import Scheme, SubsidyFile
from .common import (
    MAX_EXTRA_ROWS,
    STEP_BUDGET,
    STEP_PROJECT,
    application_steps,
    file_context,
    file_or_404,
    initiative_from,
    represented_organisations,
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
    initiative = initiative_from(request)
    organisations = represented_organisations(request.user, item)
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
    context = {
        "scheme": item,
        "form": form,
        "initiative": initiative,
        "refusal": refusal,
        "apply_steps": application_steps(item),
    }
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
    file = file_or_404(request, reference)
    if response := _change_or_view(request, file):
        return response
    form = ApplicationForm(request.POST or None, instance=file, scheme=file.scheme)
    if request.method == "POST" and form.is_valid():
        _save_draft(file, request.user, form.draft_fields())
        messages.success(request, _("Je kladversie is bewaard."))
        if "verder" in request.POST:
            return redirect("subsidies:budget", reference=file.reference)
        return redirect("subsidies:edit", reference=file.reference)
    return render(request, "subsidies/file_edit.html", file_context(file, STEP_PROJECT, form=form))


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
    file = file_or_404(request, reference)
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
        file_context(
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

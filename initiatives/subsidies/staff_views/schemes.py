"""Scheme management: the list, and creating or editing a scheme with its budgets, criteria and
required documents."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from genk.core import audit
from genk.core.formats import euro
from genk.core.permissions import can, require, staff_required
from genk.core.refusals import NotAllowed, attempt

from .. import reports
from ..models import (
    Scheme,
    SchemeBudget,
)
from ..staff_forms import (
    CriterionFormSet,
    RequiredDocumentFormSet,
    SchemeBudgetFormSet,
    SchemeForm,
)
from .common import NO_SCHEMES

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

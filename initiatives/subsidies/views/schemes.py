"""The schemes: the list, and one scheme with its rules and budget."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from genk.accounts.models import Department, Organisation
from genk.core import pagecache
from genk.core.permissions import can

from ..models import RequiredDocument, Scheme, SchemeBudget, SubsidyFile
from .common import initiative_from

# The schemes.


# Kept whole for visitors (genk.core.pagecache.public_page): the schemes and this year's
# budgets, exact; what the budgets have committed (granted files) at most a minute late.
@pagecache.public_page(
    "subsidies",
    "schemes",
    tables=[Scheme, SchemeBudget, Department],
    lag={SubsidyFile: 60},
)
def schemes(request):
    year = timezone.localdate().year
    scheme_list = list(Scheme.objects.active().select_related("department").order_by("position", "name"))
    budgets = {b.scheme_id: b for b in SchemeBudget.objects.with_committed().filter(year=year, scheme__in=scheme_list)}
    for item in scheme_list:
        item.budget = budgets.get(item.pk)
    initiative = None
    if request.GET.get("initiatief") and request.user.is_authenticated:
        try:
            initiative = initiative_from(request)
        except (Http404, PermissionDenied):
            initiative = None
        if initiative is not None:
            scheme_list = [s for s in scheme_list if s.allows_resident_group]
    response = render(
        request, "subsidies/schemes.html", {"schemes": scheme_list, "year": year, "initiative": initiative}
    )
    # "This year's budget": a new copy from the first day of the next year.
    return pagecache.keep_until(response, timezone.make_aware(datetime(year + 1, 1, 1)))


def scheme(request, slug):
    item = get_object_or_404(Scheme.objects.active().select_related("department"), slug=slug)
    year = timezone.localdate().year
    documents = list(item.required_documents.order_by("position", "pk"))
    initiative = None
    if request.user.is_authenticated and request.GET.get("initiatief"):
        try:
            initiative = initiative_from(request)
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

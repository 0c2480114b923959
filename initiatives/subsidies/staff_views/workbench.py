"""The workbench (/beheer/subsidies/): the lists of files a member of staff works on."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from genk.core.permissions import can, require, staff_required

from ..filters import LISTS, WorkbenchFilter, list_queryset
from ..models import (
    SubsidyFile,
)
from .common import NO_WORKBENCH, PAGE_SIZE

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

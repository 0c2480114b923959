"""What the staff pages of the councils share: the objects a permission is checked on, the
permission decorators and the plain form page."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _lazy

from genk.core.permissions import permission_required

from ..models import (
    Advice,
    AgendaItem,
    Council,
    Meeting,
)

NOT_MANAGER = _lazy("Alleen de voorzitter en de secretaris van de raad kunnen dit.")


def get_council(request, slug, **kwargs):
    return get_object_or_404(Council, slug=slug)


def get_meeting(request, pk, **kwargs):
    return get_object_or_404(Meeting.objects.select_related("council", "place"), pk=pk)


def get_item(request, pk, **kwargs):
    return get_object_or_404(AgendaItem.objects.select_related("meeting__council"), pk=pk)


def get_advice(request, pk, **kwargs):
    return get_object_or_404(Advice.objects.select_related("council"), pk=pk)


def manages(perm):
    return permission_required(
        perm, {"councils.manage_council": get_council, "councils.manage_meeting": get_meeting}[perm], reason=NOT_MANAGER
    )


def render_form(request, *, title, form, back, submit, intro="", enctype=False, danger=False, council=None):
    return render(
        request,
        "councils/staff/form.html",
        {
            "title": title,
            "form": form,
            "back": back,
            "submit": submit,
            "intro": intro,
            "multipart": enctype,
            "danger": danger,
            "council": council,
        },
    )

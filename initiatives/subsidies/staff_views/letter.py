"""The decision letter, for the staff and (through views.letter) for the applicants."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from genk.core.permissions import require, staff_required

from .. import services
from ..models import (
    SubsidyFile,
)
from .common import load_file

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
    file = load_file(request, reference)
    require(request.user, "subsidies.view_letter", file, message=_("Er is nog geen beslissing in dit dossier."))
    return render_letter(request, file, back_url=file.get_staff_url())

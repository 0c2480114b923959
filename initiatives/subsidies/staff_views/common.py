"""What every staff page of a subsidy file shares: the refusal messages and loading one file
(with the permission checked on it)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from genk.core.permissions import require

from ..models import (
    Assessment,
    CoApplicant,
    SubsidyFile,
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


# One file.


def load_file(request, reference) -> SubsidyFile:
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


# The prefix of the form that adds a city document, on the file's page.
DOCUMENT_PREFIX = "document"

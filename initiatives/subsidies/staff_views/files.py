"""The file's page and the city's documents on it (a decision or another document: not a step of
the workflow)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from genk.core.permissions import require, staff_required
from genk.core.refusals import attempt

from .. import services
from ..models import (
    Document,
)
from ..staff_forms import (
    StaffDocumentForm,
)
from .common import DOCUMENT_PREFIX, NO_DOCUMENTS, load_file
from .filepage import render_file


@staff_required
@require_GET
def file_detail(request, reference):
    return render_file(request, load_file(request, reference))


# The city's documents: added from the file's Documenten section, not a step of the workflow.


@staff_required
@require_POST
def document_add(request, reference):
    """Add a decision or another document to the file; the applicants are told (services)."""
    file = load_file(request, reference)
    require(request.user, "subsidies.add_document", file, message=NO_DOCUMENTS)
    form = StaffDocumentForm(request.POST, request.FILES, prefix=DOCUMENT_PREFIX)
    if form.is_valid():
        values = form.document_values()
        added, _document = attempt(
            request,
            lambda: services.add_document(
                file, request.user, values["upload"], title=values["title"], stage=form.cleaned_data["stage"]
            ),
            form=form,
            field="file",
        )
        if added:
            messages.success(request, _("‘%(title)s’ is toegevoegd.") % {"title": values["title"]})
            return redirect("subsidies_staff:file", reference=file.reference)
    return render_file(request, file, document_form=form)


@staff_required
@require_POST
def document_remove(request, reference, pk):
    file = load_file(request, reference)
    document = get_object_or_404(Document, pk=pk, file=file)
    document.file = file
    require(request.user, "subsidies.delete_document", document, message=_("Je kunt dit document niet verwijderen."))
    services.remove_document(document, request.user)
    messages.success(request, _("‘%(title)s’ is verwijderd.") % {"title": document.title})
    return redirect("subsidies_staff:file", reference=file.reference)

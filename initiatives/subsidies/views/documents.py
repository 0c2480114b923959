"""The documents of a file: adding and removing them, and serving one (private files, only
through this permission-checked view)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from genk.core.files import private_file_response
from genk.core.permissions import can, require
from genk.core.refusals import attempt

from .. import services
from ..forms import (
    DocumentForm,
)
from ..models import Document, SubsidyFile
from .common import STEP_DOCUMENTS, file_context, file_or_404


@login_required
@require_http_methods(["GET", "POST"])
def documents(request, reference):
    file = file_or_404(request, reference)
    stage = _document_stage(file)
    required = required_of_stage(file, stage)
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
    context = file_context(
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


def posted_pk(request, name: str) -> int:
    """The id a button posts (`verwijderen`, `intrekken`); a broken value is a 404, not a 500."""
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        raise Http404 from None


def _delete_document(request, file, back):
    document = get_object_or_404(Document, pk=posted_pk(request, "verwijderen"), file=file)
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


def documents_part(request, file, required, stage=None) -> dict:
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


def required_of_stage(file, stage):
    return list(file.scheme.required_documents.filter(stage=stage).order_by("position", "pk"))

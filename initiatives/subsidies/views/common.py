"""What the applicant's pages share: the steps of an application, the file (if the user may see
it) and the context of a file's page."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.accounts.models import Organisation, OrganisationMembership
from genk.core.permissions import can

from ..models import Scheme, SubsidyFile

STEP_PROJECT = "project"
STEP_BUDGET = "begroting"
STEP_DOCUMENTS = "documenten"
STEP_GROUP = "groep"
STEP_SUBMIT = "indienen"

MAX_EXTRA_ROWS = 20
# Where an invitation to join a group can still be accepted (services.pending_invitation).
INVITABLE_STATES = (SubsidyFile.Status.DRAFT, SubsidyFile.Status.SUBMITTED, SubsidyFile.Status.INFO_REQUESTED)


def application_steps(file_or_scheme) -> list[tuple[str, str]]:
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


def file_or_404(request, reference: str, queryset=None) -> SubsidyFile:
    """The file, if the user may see it. Someone else's file does not exist for them."""
    queryset = queryset if queryset is not None else SubsidyFile.objects.select_related("scheme", "organisation")
    file = get_object_or_404(queryset, reference=reference)
    if not can(request.user, "subsidies.view_file", file):
        raise Http404(_("Dit dossier bestaat niet, of het is niet van jou."))
    return file


def file_context(file, current: str | None = None, **extra) -> dict:
    context = {"file": file, "scheme": file.scheme, "current": current, "has_group_step": False}
    if file.is_draft:
        context["apply_steps"] = application_steps(file)
        context["has_group_step"] = any(slug == STEP_GROUP for slug, _label in context["apply_steps"])
    context.update(extra)
    return context


def represented_organisations(user, scheme):
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


def initiative_from(request):
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

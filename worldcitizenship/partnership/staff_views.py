"""/beheer/wereldburgerschap/: the world-citizenship officer's tools for the partnership.

Every view checks its rule on the object (scoped to the partnership's department, see
worldcitizenship/rules.py); bad input stays in the form with a message, nothing half-saved."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from genk.accounts.models import Department
from genk.core.forms import add_errors
from genk.core.permissions import can, permission_required, require, staff_required
from genk.core.refusals import attempt, refusals_to

from .. import workflow
from ..rules import DEPARTMENT
from . import services
from .forms import (
    ContactForm,
    DocumentForm,
    ExchangeForm,
    FundingForm,
    IndicatorForm,
    PartnerForm,
    PartnershipForm,
    ProjectForm,
    UpdateForm,
)
from .models import Contact, Exchange, Funding, Indicator, Partner, Partnership, Project

NOT_OFFICER = gettext_lazy(
    "De stedenband met Francistown beheert de dienst Wereldburgerschap. Vraag hen als je hier iets wilt veranderen."
)


def tools(view):
    return staff_required(permission_required("worldcitizenship.access_partnership_tools", reason=NOT_OFFICER)(view))


def _partnership():
    found = services.partnership()
    if found is None:
        raise Http404(_("Er is nog geen stedenband: maak hem eerst aan."))
    return found


def _check(user, perm, obj):
    require(user, perm, obj, message=NOT_OFFICER)


def _form_page(request, form, save, *, title, back, success, multipart=False, can_delete=False):
    """Show `form`; on a valid POST run `save(form)` and go to `back()`. A refusal or a
    validation error from the service lands in the form, with everything typed kept."""
    if request.method == "POST" and form.is_valid():
        try:
            ok, result = attempt(request, lambda: save(form), form=form)
        except ValidationError as error:
            add_errors(form, error)
            ok = False
        if ok:
            messages.success(request, success)
            return redirect(back(result))
    return render(
        request,
        "worldcitizenship/partnership/staff/form.html",
        {"form": form, "title": title, "multipart": multipart, "can_delete": can_delete},
        status=400 if request.method == "POST" else 200,
    )


@tools
def index(request):
    partnership = services.partnership()
    projects = []
    if partnership is not None:
        projects = list(Project.objects.filter(partnership=partnership).for_list().order_by("status", "-starts_on"))
    return render(
        request,
        "worldcitizenship/partnership/staff/index.html",
        {
            "partnership": partnership,
            "projects": projects,
            "partners": list(partnership.partners.all()) if partnership else [],
            "contacts": list(partnership.contacts.all()) if partnership else [],
            "exchanges": list(partnership.exchanges.all()[:20]) if partnership else [],
        },
    )


@tools
def partnership_edit(request):
    partnership = services.partnership()
    if partnership is None:
        department = Department.objects.filter(slug=DEPARTMENT).first()
        if department is None:
            raise Http404(_("De dienst Wereldburgerschap bestaat niet."))
        partnership = Partnership(name=_("Stedenband Genk–Francistown"), department=department)
    if partnership.pk:
        _check(request.user, "worldcitizenship.change_partnership", partnership)
    form = PartnershipForm(request.POST or None, instance=partnership)
    return _form_page(
        request,
        form,
        lambda f: f.save(),
        title=_("De stedenband"),
        back=lambda _r: "partnership_staff:index",
        success=_("De stedenband is bewaard."),
    )


def _edit_child(request, model, form_class, pk, *, title, success):
    partnership = _partnership()
    _check(request.user, "worldcitizenship.change_partnership", partnership)
    instance = get_object_or_404(model, pk=pk, partnership=partnership) if pk else model(partnership=partnership)
    kwargs = {"partnership": partnership} if form_class is ExchangeForm else {}
    form = form_class(request.POST or None, instance=instance, **kwargs)
    return _form_page(
        request, form, lambda f: f.save(), title=title, back=lambda _r: "partnership_staff:index", success=success
    )


@tools
def partner_edit(request, pk=None):
    return _edit_child(request, Partner, PartnerForm, pk, title=_("Partner"), success=_("De partner is bewaard."))


@tools
def contact_edit(request, pk=None):
    return _edit_child(
        request, Contact, ContactForm, pk, title=_("Aanspreekpunt"), success=_("Het aanspreekpunt is bewaard.")
    )


@tools
def exchange_edit(request, pk=None):
    return _edit_child(
        request, Exchange, ExchangeForm, pk, title=_("Uitwisseling"), success=_("De uitwisseling is bewaard.")
    )


def _project(pk) -> Project:
    return get_object_or_404(Project.objects.select_related("partnership"), pk=pk)


@tools
def project_new(request):
    partnership = _partnership()
    _check(request.user, "worldcitizenship.add_project", partnership)
    form = ProjectForm(request.POST or None, partnership=partnership)
    return _form_page(
        request,
        form,
        lambda f: services.save_project(f, request.user),
        title=_("Nieuw project"),
        back=lambda project: project.get_manage_url(),
        success=_("Het project is bewaard als ontwerp. Voeg de financiering en de indicatoren toe en publiceer het."),
    )


@tools
def project(request, pk):
    project = get_object_or_404(
        Project.objects.select_related("partnership", "neighbourhood").prefetch_related(
            "sdgs", "targets", "partners", "fundings", "indicators", "documents", "updates__photos"
        ),
        pk=pk,
    )
    _check(request.user, "worldcitizenship.change_project", project)
    return render(
        request,
        "worldcitizenship/partnership/staff/project.html",
        {
            "project": project,
            "budget": services.budget(project),
            "transitions": workflow.PROJECT_FLOW.available(project, request.user),
        },
    )


@tools
def project_edit(request, pk):
    project = _project(pk)
    _check(request.user, "worldcitizenship.change_project", project)
    form = ProjectForm(request.POST or None, instance=project)
    return _form_page(
        request,
        form,
        lambda f: services.save_project(f, request.user),
        title=_("Project bewerken"),
        back=lambda p: p.get_manage_url(),
        success=_("Het project is bewaard."),
    )


@tools
@require_POST
@refusals_to(lambda request, pk, name: Project(pk=pk).get_manage_url())
def project_move(request, pk, name):
    project = _project(pk)
    if name not in workflow.PROJECT_FLOW:
        raise Http404
    if not can(request.user, "worldcitizenship.change_project", project):
        raise PermissionDenied(NOT_OFFICER)
    note = request.POST.get("note", "")
    if name == "publish":
        workflow.publish(project, request.user)
        messages.success(request, _("Het project is gepubliceerd; wie de stedenband volgt, krijgt een bericht."))
    elif name == "complete":
        workflow.complete(project, request.user, note)
        messages.success(request, _("Het project is afgerond."))
    else:
        workflow.stop(project, request.user, note)
        messages.success(request, _("Het project is stopgezet."))
    return redirect(project.get_manage_url())


@tools
def funding_edit(request, pk, funding_pk=None):
    project = _project(pk)
    _check(request.user, "worldcitizenship.change_project", project)
    instance = get_object_or_404(Funding, pk=funding_pk, project=project) if funding_pk else Funding(project=project)
    if request.method == "POST" and "delete" in request.POST and instance.pk:
        services.delete_funding(instance, request.user)
        messages.success(request, _("De financieringsbron is verwijderd."))
        return redirect(project.get_manage_url())
    form = FundingForm(request.POST or None, instance=instance)
    return _form_page(
        request,
        form,
        lambda f: services.save_funding(f, request.user),
        title=_("Financieringsbron van ‘%(title)s’") % {"title": project.title},
        back=lambda _r: project.get_manage_url(),
        success=_("De financieringsbron is bewaard."),
        can_delete=instance.pk is not None,
    )


@tools
def indicator_edit(request, pk, indicator_pk=None):
    project = _project(pk)
    _check(request.user, "worldcitizenship.change_project", project)
    instance = (
        get_object_or_404(Indicator, pk=indicator_pk, project=project) if indicator_pk else Indicator(project=project)
    )
    instance.project = project
    form = IndicatorForm(request.POST or None, instance=instance)
    return _form_page(
        request,
        form,
        lambda f: services.save_indicator(f, request.user),
        title=_("Resultaatindicator van ‘%(title)s’") % {"title": project.title},
        back=lambda _r: project.get_manage_url(),
        success=_("De indicator is bewaard."),
    )


@tools
def update_new(request, pk):
    project = _project(pk)
    _check(request.user, "worldcitizenship.change_project", project)
    form = UpdateForm(request.POST or None, request.FILES or None)
    return _form_page(
        request,
        form,
        lambda f: services.post_update(
            project, request.user, title=f.cleaned_data["title"], body=f.cleaned_data["body"], photos=f.photos()
        ),
        title=_("Nieuws over ‘%(title)s’") % {"title": project.title},
        back=lambda _r: project.get_manage_url(),
        success=_("Het nieuws staat op de projectpagina; wie het project volgt, krijgt een bericht."),
        multipart=True,
    )


@tools
def document_new(request, pk):
    project = _project(pk)
    _check(request.user, "worldcitizenship.change_project", project)
    from .models import Document

    form = DocumentForm(request.POST or None, request.FILES or None, instance=Document(project=project))
    return _form_page(
        request,
        form,
        lambda f: f.save(),
        title=_("Document bij ‘%(title)s’") % {"title": project.title},
        back=lambda _r: project.get_manage_url(),
        success=_("Het document is toegevoegd."),
        multipart=True,
    )

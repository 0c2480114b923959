"""Public pages of the Francistown partnership: /wereldburgerschap/francistown/…, and following.

The partnership page, the project list and a project's page are kept whole for visitors
(`genk.core.pagecache.public_page`) under the versions of the tables they show; the free places
on the coming activities' cards may lag `caching.REGISTRATION_LAG` seconds, and the
partnership page's copy ends when the first coming activity ends."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.accounts.models import Department
from genk.core import pagecache
from genk.core.permissions import can, permission_required
from neighbourhoods.models import Neighbourhood

from .. import follows, programmes
from ..caching import ACTIVITY_LAG, ACTIVITY_TABLES, keep_until_coming_change
from ..models import Goal, Target
from . import services
from .forms import FollowForm
from .models import Contact, Document, Exchange, Funding, Indicator, Partner, Partnership, Photo, Project, Update

PAGE_SIZE = 20
LIST_TABLES = [Partnership, Department, Project, Project.sdgs.through, Goal, Neighbourhood]


def _partnership_or_404():
    found = services.partnership()
    if found is None:
        raise Http404(_("De stedenband is nog niet ingevuld."))
    return found


def _follow_context(request, subject):
    return {
        "follow_subject": subject,
        "following": follows.following(request.user, subject),
        "follow_form": FollowForm(),
    }


@pagecache.public_page(
    "partnership",
    "home",
    tables=[*LIST_TABLES, Partner, Contact, Exchange, *ACTIVITY_TABLES],
    lag=ACTIVITY_LAG,
)
def home(request):
    """The partnership: aims, renewed focus, partners on both sides, contacts, recent projects
    and exchanges. Partners' private contact details only for whoever manages it."""
    partnership = _partnership_or_404()
    partners = list(Partner.objects.filter(partnership=partnership))
    projects = list(Project.objects.public().filter(partnership=partnership).for_list()[:6])
    activities = programmes.coming_activities(programmes.Programme.FRANCISTOWN)
    context = {
        "partnership": partnership,
        "partners_genk": [p for p in partners if p.side == "genk"],
        "partners_partner": [p for p in partners if p.side == "partner"],
        "contacts": list(partnership.contacts.all()),
        "projects": projects,
        "exchanges": list(Exchange.objects.filter(partnership=partnership)[:5]),
        "programme_activities": activities,
        "show_private": can(request.user, "worldcitizenship.view_partner_contacts", partnership),
        "can_manage": can(request.user, "worldcitizenship.change_partnership", partnership),
        **_follow_context(request, follows.PARTNERSHIP),
    }
    response = render(request, "worldcitizenship/partnership/home.html", context)
    return keep_until_coming_change(response, activities)


class ProjectFilter(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("alle"))] + [c for c in Project.Status.choices if c[0] != "draft"],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Soort"), required=False, choices=[("", gettext_lazy("alle")), *Project.Kind.choices]
    )
    sdg = forms.TypedChoiceField(
        label=gettext_lazy("SDG"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", gettext_lazy("alle"))] + [(n, f"SDG {n}") for n in range(1, 18)],
    )


@pagecache.public_page("partnership", "projects", tables=LIST_TABLES, params={"status", "kind", "sdg", "pagina"})
def project_list(request):
    """Public projects, newest first, filtered by status, kind and SDG; paginated. Constant queries."""
    partnership = _partnership_or_404()
    projects = Project.objects.public().filter(partnership=partnership).for_list().order_by("-starts_on", "-pk")
    form = ProjectFilter(request.GET or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            projects = projects.filter(status=data["status"])
        if data["kind"]:
            projects = projects.filter(kind=data["kind"])
        if data["sdg"]:
            projects = projects.filter(sdgs__number=data["sdg"])
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "worldcitizenship/partnership/project_list.html",
        {"partnership": partnership, "page": page, "filter": form},
    )


@pagecache.public_page(
    "partnership",
    "project",
    tables=[
        *LIST_TABLES,
        Project.targets.through,
        Target,
        Project.partners.through,
        Partner,
        Funding,
        Indicator,
        Document,
        Update,
        Photo,
        Exchange,
    ],
)
def project_detail(request, pk):
    project = get_object_or_404(
        Project.objects.select_related("partnership", "neighbourhood").prefetch_related(
            "sdgs",
            Prefetch("targets", queryset=Target.objects.select_related("goal")),
            "partners",
            "fundings",
            "indicators",
            "documents",
            Prefetch("updates", queryset=Update.objects.prefetch_related("photos")),
            "exchanges",
        ),
        pk=pk,
    )
    if not can(request.user, "worldcitizenship.view_project", project):
        raise Http404
    partners = list(project.partners.all())
    return render(
        request,
        "worldcitizenship/partnership/project_detail.html",
        {
            "project": project,
            "partners_genk": [p for p in partners if p.side == "genk"],
            "partners_partner": [p for p in partners if p.side == "partner"],
            "budget": services.budget(project),
            "can_manage": can(request.user, "worldcitizenship.change_project", project),
            **_follow_context(request, follows.PARTNERSHIP),
        },
    )


def exchange_list(request):
    partnership = _partnership_or_404()
    exchanges = Exchange.objects.filter(partnership=partnership).select_related("project")
    kind = request.GET.get("soort", "")
    if kind in Exchange.Kind.values:
        exchanges = exchanges.filter(kind=kind)
    page = Paginator(exchanges, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "worldcitizenship/partnership/exchange_list.html",
        {"partnership": partnership, "page": page, "kinds": Exchange.Kind.choices, "kind": kind},
    )


def _back(request, subject):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    if subject == follows.PARTNERSHIP:
        return "partnership:home"
    if subject.startswith(follows.SDG_PREFIX):
        return Goal(number=int(subject[len(follows.SDG_PREFIX) :])).get_absolute_url()
    return "/"


@permission_required("worldcitizenship.follow")
def follow(request, subject):
    """POST: follow `subject` (partnership, fairtrade, sdg-<n>) or, with `stop`, stop following."""
    try:
        follows.validate_subject(subject)
    except forms.ValidationError:
        raise Http404 from None
    if request.method != "POST":
        return render(
            request,
            "worldcitizenship/partnership/follow.html",
            {"subject_label": follows.subject_label(subject), **_follow_context(request, subject)},
        )
    if "stop" in request.POST:
        follows.unfollow(request.user, subject)
        messages.success(request, _("Je volgt %(subject)s niet meer.") % {"subject": follows.subject_label(subject)})
        return redirect(_back(request, subject))
    form = FollowForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "worldcitizenship/partnership/follow.html",
            {"subject_label": follows.subject_label(subject), **_follow_context(request, subject), "follow_form": form},
            status=400,
        )
    follows.follow(request.user, subject, form.cleaned_data["how"])
    messages.success(
        request,
        _("Je volgt %(subject)s. Je meldingen regel je in je profiel.") % {"subject": follows.subject_label(subject)},
    )
    return redirect(_back(request, subject))

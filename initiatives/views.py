"""Public pages and the resident's journey: list, detail, writing in steps, the committee,
supporting, following, comments and updates. Views stay thin: state changes go through
workflow.py, other writes through services.py."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from genk.core.permissions import can, require
from genk.core.refusals import AlreadyDone, NotAllowed, attempt

from . import caching, services, workflow
from .filters import FILTER_FORM_CACHE_SECONDS, InitiativeFilter, filter_form_cache_key
from .forms import (
    CommentForm,
    DescriptionForm,
    HelpForm,
    IdeaForm,
    ImageForm,
    InviteForm,
    PlaceForm,
    RemoveInitiatorForm,
    ReportForm,
    TransferLeadForm,
    UpdateForm,
    WithdrawForm,
)
from .models import Comment, Follow, Initiative, Initiator, Invitation, Support

PAGE_SIZE = 12
COMMENTS_PAGE_SIZE = 30


@dataclass(frozen=True)
class Step:
    slug: str
    label: str
    form_class: type | None = None


STEPS = [
    Step("idee", gettext_lazy("Idee"), IdeaForm),
    Step("beschrijving", gettext_lazy("Beschrijving"), DescriptionForm),
    Step("plaats", gettext_lazy("Wijk en thema's"), PlaceForm),
    Step("afbeelding", gettext_lazy("Afbeelding"), ImageForm),
    Step("hulp", gettext_lazy("Hulp van de stad"), HelpForm),
    Step("initiatiefnemers", gettext_lazy("Initiatiefnemers")),
    Step("nakijken", gettext_lazy("Nakijken en indienen")),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def _initiative_or_404(pk: int, queryset=None) -> Initiative:
    return get_object_or_404(queryset if queryset is not None else Initiative.objects.all(), pk=pk)


def _visible_or_404(request, initiative: Initiative) -> None:
    """Drafts and submissions are not there for people who may not see them."""
    if not can(request.user, "initiatives.view_initiative", initiative):
        raise Http404(_("Dit initiatief bestaat niet of is niet openbaar."))


# The list, the feed and the detail page.


def initiative_list(request):
    # Built only when something must be rendered: a cached page needs no form and no query.
    filterset = SimpleLazyObject(
        lambda: InitiativeFilter(request.GET or None, queryset=Initiative.objects.public().for_cards())
    )

    def render_results():
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
        html = render_to_string(
            "initiatives/partials/results.html", {"page": page, "initiatives": page.object_list}, request=request
        )
        if _page_moved(request, "pagina", page):  # past the last page: shown, not kept
            return html, timezone.now()
        return html, Initiative.objects.public().next_support_closing()

    versions = caching.current()
    form_key = filter_form_cache_key(request.GET, versions[0], lambda: filterset)
    return render(
        request,
        "initiatives/list.html",
        {
            "filter": filterset,
            "filter_form_key": form_key,
            "filter_form_seconds": FILTER_FORM_CACHE_SECONDS,
            "results": mark_safe(caching.fragment(_list_cache_key(request, form_key, versions), render_results)),
            "filtered": bool(request.GET),
        },
    )


LIST_PARAMETERS = frozenset({*InitiativeFilter.base_filters, "pagina"})


def _list_cache_key(request, form_key: str | None, versions: tuple[str, str]) -> str | None:
    """The results of a valid query with known parameters only (a random query string would
    fill the cache) are the same for everyone: cached (caching.py)."""
    query = request.META.get("QUERY_STRING", "")
    if form_key is None or len(query) > 300 or not set(request.GET) <= LIST_PARAMETERS:
        return None
    if not request.GET.get("pagina", "1").isdigit():
        return None
    return caching.key("list", query, current=caching.versions(versions))


def detail_redirect(request, pk):
    initiative = _initiative_or_404(pk)
    _visible_or_404(request, initiative)
    return redirect(initiative, permanent=True)


def detail(request, pk, slug):
    current = caching.versions()  # read once for every key of this page
    key = _detail_cache_key(request, pk, current)
    page = cache.get(key) if key else None  # a visitor's copy: no query at all
    if page is None:
        initiative = _initiative_or_404(
            pk, Initiative.objects.select_related("neighbourhood__district", "created_by", "answered_by")
        )
        _visible_or_404(request, initiative)
        if slug != initiative.slug:
            return redirect(initiative, permanent=True)
        content, keep = _detail_content(request, initiative, current)
        page = {
            "slug": initiative.slug,
            "title": initiative.title,
            "url": initiative.get_absolute_url(),
            "content": content,
        }
        if key and keep and initiative.is_public:
            caching.store(
                key, page["content"], page, initiative.supports_close_at if initiative.supports_open else None
            )
    if slug != page["slug"]:
        return redirect(page["url"], permanent=True)
    return render(request, "initiatives/detail.html", {"title": page["title"], "content": mark_safe(page["content"])})


def _detail_cache_key(request, pk, current: str) -> str | None:
    """A public initiative's page is the same for every visitor who is not signed in (signed
    in, it shows one's own support, follow and rights): cached (caching.py)."""
    query = _detail_query(request)
    if request.user.is_authenticated or query is None:
        return None
    return caching.key("detail", pk, query, current=current)


def _detail_query(request) -> str | None:
    """The query string when it holds nothing but a comments page number (else None: not
    cached, a random query string would fill the cache)."""
    if set(request.GET) - {"reacties"} or not request.GET.get("reacties", "1").isdigit():
        return None
    return request.META.get("QUERY_STRING", "")


def _page_moved(request, parameter: str, page) -> bool:
    """The page asked for does not exist and the paginator showed another (a number past the
    last page): such a copy is not kept, or every number ever asked would be."""
    asked = request.GET.get(parameter)
    return asked is not None and asked != str(page.number)


def _detail_content(request, initiative, current: str) -> tuple[str, bool]:
    """The page under its header, and whether it may be kept. Its parts that are the same for
    everyone (the description, the news, a page of comments) come from the cache for
    signed-in people too."""
    user = request.user
    query = _detail_query(request)
    prefetch_related_objects([initiative], Prefetch("initiators", queryset=Initiator.objects.select_related("user")))

    def shared(name, render, *parts):
        """`render` returns the HTML and until when it may be kept (caching.fragment)."""
        cacheable = initiative.is_public and None not in parts
        key = caching.key(name, initiative.pk, *parts, current=current) if cacheable else None
        return mark_safe(caching.fragment(key, render))

    def body():
        prefetch_related_objects([initiative], "themes", "sdgs")
        return render_to_string("initiatives/partials/body.html", {"initiative": initiative}), None

    def updates():
        news = initiative.updates.select_related("author")
        return render_to_string("initiatives/partials/updates.html", {"updates": news}), None

    keep = True

    def comments():
        nonlocal keep
        page = Paginator(
            Comment.objects.filter(initiative=initiative).select_related("author").order_by("created", "pk"),
            COMMENTS_PAGE_SIZE,
        ).get_page(request.GET.get("reacties"))
        keep = not _page_moved(request, "reacties", page)
        html = render_to_string("initiatives/partials/comments.html", {"comments": page}, request=request)
        return html, None if keep else timezone.now()

    supporting = following = False
    if user.is_authenticated:
        supporting = Support.objects.filter(initiative=initiative, user=user).exists()
        following = Follow.objects.filter(initiative=initiative, user=user).exists()
    context = {
        "initiative": initiative,
        "initiators": list(initiative.initiators.all()),
        "body_html": shared("body", body),
        "updates_html": shared("updates", updates),
        "comments_html": shared("comments", comments, query),
        "supporting": supporting,
        "following": following,
        "support_refusal": None if supporting else services.support_refusal(user, initiative),
        "comment_form": CommentForm(),
        "can": _abilities(user, initiative),
    }
    return render_to_string("initiatives/partials/detail_content.html", context, request=request), keep


def _abilities(user, initiative) -> dict:
    perms = {
        "edit": "initiatives.change_initiative",
        "withdraw": "initiatives.withdraw_initiative",
        "post_update": "initiatives.post_update",
        "comment": "initiatives.comment_initiative",
        "follow": "initiatives.follow_initiative",
        "staff": "initiatives.view_staff_initiative",
        "invite": "initiatives.invite_initiator",
    }
    return {name: can(user, perm, initiative) for name, perm in perms.items()}


# Writing in steps.


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        initiative = services.create_initiative(request.user, **form.cleaned_data)
        messages.success(request, _("Je kladversie is bewaard. Alleen jij en je mede-initiatiefnemers zien ze."))
        return redirect("initiatives:edit", pk=initiative.pk, step=STEPS[1].slug)
    return render(
        request, "initiatives/write.html", {"form": form, "steps": STEPS, "step": STEPS[0], "initiative": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk, step):
    initiative = _initiative_or_404(pk)
    current = STEP_BY_SLUG.get(step)
    if current is None:
        raise Http404
    _visible_or_404(request, initiative)
    require(
        request.user,
        "initiatives.change_initiative",
        initiative,
        message=_("Je kunt dit initiatief niet (meer) aanpassen."),
    )
    context = {"initiative": initiative, "steps": STEPS, "step": current}
    index = STEPS.index(current)
    if current.slug == "initiatiefnemers":
        return render(request, "initiatives/write_committee.html", {**context, **_committee(request, initiative)})
    if current.slug == "nakijken":
        context["missing"] = initiative.missing_for_submission()
        context["themes"] = list(initiative.themes.all())
        context["sdgs"] = list(initiative.sdgs.all())
        return render(request, "initiatives/write_preview.html", context)
    form = current.form_class(request.POST or None, request.FILES or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Je kladversie is bewaard."))
        if "verder" in request.POST:
            return redirect("initiatives:edit", pk=initiative.pk, step=STEPS[index + 1].slug)
        return redirect("initiatives:edit", pk=initiative.pk, step=current.slug)
    return render(request, "initiatives/write.html", {**context, "form": form})


def _committee(request, initiative, form=None) -> dict:
    initiators = list(initiative.initiators.select_related("user"))
    for member in initiators:
        member.initiative = initiative  # the permission question below needs no query
        member.removable = can(request.user, "initiatives.remove_initiator", member)
        member.may_lead = can(request.user, "initiatives.transfer_lead", member)
    return {
        "form": form or InviteForm(user=request.user),
        "initiators": initiators,
        "invitations": list(initiative.invitations.pending()),
    }


@login_required
@require_POST
def invite(request, pk):
    initiative = _initiative_or_404(pk)
    _visible_or_404(request, initiative)
    require(
        request.user,
        "initiatives.invite_initiator",
        initiative,
        message=_("Je kunt voor dit initiatief niemand uitnodigen."),
    )
    form = InviteForm(request.POST, user=request.user)
    if form.is_valid():
        invited, _result = attempt(
            request, lambda: services.invite(initiative, request.user, form.cleaned_data["email"])
        )
        if invited:
            messages.success(
                request, _("We hebben een uitnodiging gestuurd naar %(email)s.") % {"email": form.cleaned_data["email"]}
            )
        return redirect(_committee_url(initiative))
    step = STEP_BY_SLUG["initiatiefnemers"]
    context = {"initiative": initiative, "steps": STEPS, "step": step, **_committee(request, initiative, form)}
    return render(request, "initiatives/write_committee.html", context)


def _committee_url(initiative) -> str:
    if initiative.is_editable:
        return reverse("initiatives:edit", kwargs={"pk": initiative.pk, "step": "initiatiefnemers"})
    return reverse("initiatives:committee", kwargs={"pk": initiative.pk})


@login_required
def committee(request, pk):
    """The committee of an initiative past the writing stage (still open to new members)."""
    initiative = _initiative_or_404(pk)
    _visible_or_404(request, initiative)
    require(
        request.user,
        "initiatives.invite_initiator",
        initiative,
        message=_("Je kunt voor dit initiatief niemand uitnodigen."),
    )
    context = {"initiative": initiative, "steps": None, "step": STEP_BY_SLUG["initiatiefnemers"]}
    return render(request, "initiatives/write_committee.html", {**context, **_committee(request, initiative)})


def _team_place(request, pk, initiator_pk) -> tuple[Initiative, Initiator | None]:
    """The initiative (if the user may see it) and a place in its team (None: gone)."""
    initiative = _initiative_or_404(pk)
    _visible_or_404(request, initiative)
    member = Initiator.objects.select_related("user").filter(pk=initiator_pk, initiative=initiative).first()
    return initiative, member


@login_required
@require_http_methods(["GET", "POST"])
def remove_initiator(request, pk, initiator_pk):
    """The lead removes a co-initiator, or a co-initiator leaves: a page to confirm, then POST."""
    initiative, member = _team_place(request, pk, initiator_pk)
    if member is None:  # removed in the meantime (a second click)
        messages.info(request, _("Deze persoon maakt al geen deel meer uit van het team."))
        if can(request.user, "initiatives.invite_initiator", initiative):
            return redirect(_committee_url(initiative))
        return redirect(initiative.get_absolute_url() if initiative.is_public else reverse("initiatives:mine"))
    member.initiative = initiative
    require(
        request.user, "initiatives.remove_initiator", member, message=_("Je kunt deze persoon niet uit het team halen.")
    )
    leaving = member.user_id == request.user.pk
    form = RemoveInitiatorForm(request.POST or None, member=member.user, leaving=leaving)
    if request.method == "POST" and form.is_valid():
        removed, _result = attempt(
            request, lambda: services.remove_initiator(member, request.user, message=form.cleaned_data["message"])
        )
        if removed:
            if leaving:
                messages.success(
                    request,
                    _("Je maakt geen deel meer uit van het team van ‘%(title)s’.") % {"title": initiative.title},
                )
                return redirect(initiative.get_absolute_url() if initiative.is_public else "initiatives:mine")
            messages.success(
                request,
                _("%(name)s maakt geen deel meer uit van het team en krijgt daarvan bericht.")
                % {"name": member.user.public_name},
            )
            co_initiators_left = Initiator.objects.filter(initiative=initiative, role=Initiator.Role.CO).exists()
            if initiative.is_proposal and initiative.is_editable and not co_initiators_left:
                messages.warning(
                    request,
                    _(
                        "Een burgervoorstel dien je in met minstens één mede-initiatiefnemer. Nodig iemand uit: "
                        "indienen kan zodra die de uitnodiging aanvaardt."
                    ),
                )
        return redirect(_committee_url(initiative))
    return render(
        request,
        "initiatives/remove_initiator.html",
        {
            "initiative": initiative,
            "member": member,
            "leaving": leaving,
            "form": form,
            "back_url": _committee_url(initiative),
            "last_co_initiator": initiative.is_proposal and initiative.co_initiator_count <= 1,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def transfer_lead(request, pk, initiator_pk):
    """The lead hands the initiative over to a co-initiator: a page to confirm, then POST."""
    initiative, member = _team_place(request, pk, initiator_pk)
    if member is None:  # left or removed in the meantime
        messages.info(request, _("Deze persoon maakt al geen deel meer uit van het team."))
        return redirect(_committee_url(initiative))
    member.initiative = initiative
    if member.role == Initiator.Role.LEAD:  # a second click, after the transfer
        messages.info(request, _("%(name)s is al de initiatiefnemer.") % {"name": member.user.public_name})
        return redirect(_committee_url(initiative))
    require(
        request.user,
        "initiatives.transfer_lead",
        member,
        message=_("Alleen de initiatiefnemer kan het initiatief overdragen."),
    )
    form = TransferLeadForm(request.POST or None, member=member.user)
    if request.method == "POST" and form.is_valid():
        transferred, _result = attempt(
            request, lambda: services.transfer_lead(member, request.user, message=form.cleaned_data["message"])
        )
        if transferred:
            messages.success(
                request,
                _("%(name)s is nu de initiatiefnemer en krijgt daarvan bericht. Jij blijft mede-initiatiefnemer.")
                % {"name": member.user.public_name},
            )
        return redirect(_committee_url(initiative))
    return render(
        request,
        "initiatives/transfer_lead.html",
        {"initiative": initiative, "member": member, "form": form, "back_url": _committee_url(initiative)},
    )


@login_required
@require_POST
def revoke_invitation(request, pk, invitation_pk):
    initiative = _initiative_or_404(pk)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, initiative=initiative)
    _visible_or_404(request, initiative)
    services.revoke_invitation(invitation, request.user)
    messages.success(request, _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": invitation.email})
    return redirect(_committee_url(initiative))


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    invitation = Invitation.objects.select_related("initiative", "invited_by").filter(token=token).first()
    if invitation is None:
        raise Http404(_("Deze uitnodiging bestaat niet."))
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.POST.get("antwoord") == "weigeren":
            services.decline_invitation(token, request.user)
            messages.info(request, _("Je hebt de uitnodiging geweigerd."))
            return redirect("initiatives:list")
        try:
            initiative = services.accept_invitation(token, request.user)
        except (NotAllowed, AlreadyDone) as error:  # both shown as errors on the invitation page
            messages.error(request, str(error))
            return redirect("initiatives:invitation", token=token)
        messages.success(request, _("Welkom in het team van ‘%(title)s’.") % {"title": initiative.title})
        if initiative.is_editable:
            return redirect("initiatives:edit", pk=initiative.pk, step="idee")
        return redirect(initiative)
    return render(request, "initiatives/invitation.html", {"invitation": invitation})


@login_required
@require_POST
def submit(request, pk):
    initiative = _initiative_or_404(pk)
    _visible_or_404(request, initiative)
    submitted, _result = attempt(request, lambda: workflow.submit(initiative, request.user))
    if not submitted:
        return redirect("initiatives:edit", pk=initiative.pk, step="nakijken")
    messages.success(request, _("Je initiatief is ingediend. Je krijgt bericht zodra een moderator het heeft bekeken."))
    return redirect("initiatives:mine")


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    initiative = _initiative_or_404(pk)
    _visible_or_404(request, initiative)
    require(
        request.user,
        "initiatives.withdraw_initiative",
        initiative,
        message=_("Alleen wie het initiatief startte, kan het intrekken."),
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        withdrawn, _result = attempt(
            request, lambda: workflow.withdraw(initiative, request.user, reason=form.cleaned_data["reason"])
        )
        if withdrawn:
            messages.success(request, _("Je initiatief is ingetrokken."))
        return redirect("initiatives:mine")
    return render(request, "initiatives/withdraw.html", {"initiative": initiative, "form": form})


@login_required
def mine(request):
    from allauth.account.models import EmailAddress

    initiatives = (
        Initiative.objects.of_initiator(request.user).select_related("neighbourhood").order_by("-modified").distinct()
    )
    emails = EmailAddress.objects.filter(user=request.user, verified=True).values_list("email", flat=True)
    invitations = (
        Invitation.objects.pending()
        .filter(email__in=[e.lower() for e in emails])
        .exclude(initiative__initiators__user=request.user)
        .select_related("initiative", "invited_by")
    )
    supported = (
        Support.objects.filter(user=request.user, initiative__in=Initiative.objects.public())
        .select_related("initiative__neighbourhood")
        .order_by("-created")[:50]
    )
    return render(
        request,
        "initiatives/mine.html",
        {"initiatives": initiatives, "invitations": invitations, "supported": supported},
    )


# Taking part.


@require_POST
def support(request, pk):
    initiative = _initiative_or_404(pk)
    _visible_or_404(request, initiative)
    if not request.user.is_authenticated:
        return redirect_to_login(initiative.get_absolute_url())
    supported, _result = attempt(request, lambda: services.support(initiative, request.user))
    if supported:
        messages.success(request, _("Bedankt voor je steun! Je volgt dit initiatief nu ook."))
    return redirect(initiative.get_absolute_url() + "#steun")


@login_required
@require_POST
def withdraw_support(request, pk):
    initiative = _initiative_or_404(pk)
    _visible_or_404(request, initiative)
    try:
        services.withdraw_support(initiative, request.user)
    except (NotAllowed, AlreadyDone) as error:  # both shown as errors here
        messages.error(request, str(error))
    else:
        messages.success(request, _("Je steun is ingetrokken."))
    return redirect(initiative.get_absolute_url() + "#steun")


@require_POST
def follow(request, pk):
    initiative = _initiative_or_404(pk)
    _visible_or_404(request, initiative)
    if not request.user.is_authenticated:
        return redirect_to_login(initiative.get_absolute_url())
    require(request.user, "initiatives.follow_initiative", initiative, message=_("Dit initiatief kun je niet volgen."))
    if request.POST.get("volgen") == "nee":
        services.unfollow(initiative, request.user)
        messages.success(request, _("Je volgt dit initiatief niet meer."))
    else:
        services.follow(initiative, request.user)
        messages.success(request, _("Je volgt dit initiatief. Nieuws krijg je volgens je meldingsvoorkeuren."))
    return redirect(initiative.get_absolute_url() + "#volgen")


@require_http_methods(["GET", "POST"])
def comment(request, pk):
    initiative = _initiative_or_404(pk)
    _visible_or_404(request, initiative)
    if not request.user.is_authenticated:
        return redirect_to_login(initiative.get_absolute_url())
    require(
        request.user,
        "initiatives.comment_initiative",
        initiative,
        message=_(
            "Je kunt hier (nu) niet reageren. Reageren kan op gepubliceerde initiatieven, met een bevestigd e-mailadres."
        ),
    )
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = services.add_comment(initiative, request.user, form.cleaned_data["body"])
        messages.success(request, _("Je reactie staat online."))
        return redirect(initiative.get_absolute_url() + f"#reactie-{new.pk}")
    return render(request, "initiatives/comment_form.html", {"initiative": initiative, "form": form})


@require_http_methods(["GET", "POST"])
def report_comment(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("initiative", "author"), pk=pk)
    initiative = comment.initiative
    if not can(request.user, "initiatives.report_comment", comment):
        raise Http404(_("Deze reactie kan niet gemeld worden."))
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_comment(comment, request.user, form.cleaned_data["reason"])
        except (NotAllowed, AlreadyDone) as error:  # both shown as information here
            messages.info(request, str(error))
        else:
            messages.success(request, _("Bedankt. Een moderator bekijkt de reactie."))
        return redirect(initiative.get_absolute_url() + f"#reactie-{comment.pk}")
    return render(
        request, "initiatives/report_comment.html", {"comment": comment, "initiative": initiative, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_update(request, pk):
    initiative = _initiative_or_404(pk)
    _visible_or_404(request, initiative)
    require(
        request.user,
        "initiatives.post_update",
        initiative,
        message=_("Alleen de initiatiefnemers en de stad plaatsen hier nieuws."),
    )
    form = UpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        update = services.post_update(initiative, request.user, **form.cleaned_data)
        messages.success(request, _("Je nieuwsbericht staat online; wie het initiatief volgt, krijgt bericht."))
        return redirect(initiative.get_absolute_url() + f"#nieuws-{update.pk}")
    return render(request, "initiatives/update_form.html", {"initiative": initiative, "form": form})

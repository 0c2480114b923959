"""Staff pages (/beheer/initiatieven/): the moderation queue, one initiative with its actions
and audit trail, reported comments, and the exports. Every page needs the staff area (MFA);
each action is checked again per object by workflow.py or services.py."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from genk.core import audit
from genk.core.permissions import can, require, staff_required
from genk.core.refusals import AlreadyDone, NotAllowed, attempt

from . import exports, services, workflow
from .forms import (
    AnswerForm,
    AssignHandlerForm,
    HideCommentForm,
    ProgressForm,
    PublishForm,
    RejectForm,
    RequestChangesForm,
)
from .models import Comment, CommentReport, Initiative, Initiator

QUEUE_PAGE_SIZE = 50


def _queues(user) -> dict:
    base = Initiative.objects.select_related("neighbourhood", "handler", "created_by")
    if not can(user, "initiatives.moderate_initiatives"):
        base = base.handled_by(user)
    return {
        "moderatie": (gettext_lazy("Ter moderatie"), base.awaiting_moderation().order_by("submitted_at", "pk")),
        "antwoord": (gettext_lazy("Te beantwoorden"), base.awaiting_answer().order_by("answer_due", "pk")),
        "steun": (gettext_lazy("Verzamelt steun"), base.collecting_supports().order_by("supports_close_at", "pk")),
        "uitvoering": (
            gettext_lazy("Beantwoord en in uitvoering"),
            base.answered_or_in_progress().order_by("-answered_at", "pk"),
        ),
        "alle": (gettext_lazy("Alle ingediende"), base.not_draft().order_by("-modified", "pk")),
    }


@staff_required
def queue(request):
    queues = _queues(request.user)
    current = request.GET.get("lijst", "moderatie")
    if current not in queues:
        current = "moderatie"
    label, queryset = queues[current]
    page = Paginator(queryset, QUEUE_PAGE_SIZE).get_page(request.GET.get("pagina"))
    tabs = [(key, name, qs.count()) for key, (name, qs) in queues.items()]
    can_moderate = can(request.user, "initiatives.moderate_initiatives")
    reported = Comment.objects.with_open_reports().count() if can_moderate else 0
    return render(
        request,
        "initiatives/staff/queue.html",
        {
            "tabs": tabs,
            "current": current,
            "label": label,
            "page": page,
            "can_moderate": can_moderate,
            "reported": reported,
        },
    )


@dataclass(frozen=True)
class Action:
    slug: str
    form_class: Any
    run: Any
    done: str


def _publish(initiative, user, data):
    return workflow.publish(initiative, user, message=data["message"], handler=data["handler"])


ACTIONS = {
    a.slug: a
    for a in [
        Action("publiceren", PublishForm, _publish, gettext_lazy("Het initiatief is gepubliceerd.")),
        Action(
            "aanpassing-vragen",
            RequestChangesForm,
            lambda i, u, d: workflow.request_changes(i, u, message=d["message"]),
            gettext_lazy("De initiatiefnemers krijgen je vraag om aan te passen."),
        ),
        Action(
            "afwijzen",
            RejectForm,
            lambda i, u, d: workflow.reject(i, u, reason=d["reason"]),
            gettext_lazy("Het initiatief wordt niet gepubliceerd; de initiatiefnemers krijgen de reden."),
        ),
        Action(
            "antwoorden",
            AnswerForm,
            lambda i, u, d: workflow.answer(
                i,
                u,
                outcome=d["outcome"],
                text=d["text"],
                redirect_target=d["redirect_target"],
                redirect_detail=d["redirect_detail"],
            ),
            gettext_lazy(
                "Het antwoord van de stad is gepubliceerd; initiatiefnemers, steuners en volgers krijgen bericht."
            ),
        ),
        Action(
            "uitvoering-starten",
            ProgressForm,
            lambda i, u, d: workflow.start_progress(i, u, text=d["text"]),
            gettext_lazy("Het initiatief is in uitvoering."),
        ),
        Action(
            "gerealiseerd",
            ProgressForm,
            lambda i, u, d: workflow.realise(i, u, text=d["text"]),
            gettext_lazy("Het initiatief is gerealiseerd."),
        ),
        Action(
            "verantwoordelijke",
            AssignHandlerForm,
            lambda i, u, d: services.assign_handler(i, u, d["handler"]),
            gettext_lazy("De verantwoordelijke medewerker is aangepast."),
        ),
    ]
}

# Which action shows when (a transition of workflow.FLOW, or a permission).
ACTION_TRANSITIONS = {
    "publiceren": "publish",
    "aanpassing-vragen": "request_changes",
    "afwijzen": "reject",
    "antwoorden": "answer",
    "uitvoering-starten": "start_progress",
    "gerealiseerd": "realise",
}


def _staff_initiative(request, pk) -> Initiative:
    initiative = get_object_or_404(
        Initiative.objects.select_related(
            "neighbourhood__district", "created_by", "handler", "moderated_by", "answered_by"
        ).prefetch_related("themes", "sdgs", Prefetch("initiators", queryset=Initiator.objects.select_related("user"))),
        pk=pk,
    )
    require(
        request.user,
        "initiatives.view_staff_initiative",
        initiative,
        message=_("Alleen de dienst Participatie en de verantwoordelijke medewerker behandelen dit initiatief."),
    )
    return initiative


def _render_detail(request, initiative, bound=None):
    user = request.user
    forms = {}
    for slug, action in ACTIONS.items():
        transition = ACTION_TRANSITIONS.get(slug)
        if transition:
            available = workflow.FLOW.allowed(transition, initiative, user)
        else:
            available = can(user, "initiatives.assign_handler", initiative)
        if available:
            initial = {"handler": initiative.handler_id} if slug == "verantwoordelijke" else None
            forms[slug] = (
                bound if bound is not None and bound.prefix == slug else action.form_class(prefix=slug, initial=initial)
            )
    return render(
        request,
        "initiatives/staff/detail.html",
        {
            "initiative": initiative,
            "initiators": list(initiative.initiators.all()),
            "forms": forms,
            "history": list(audit.history(initiative)[:100]),
            "status": Initiative.Status,
        },
    )


@staff_required
def detail(request, pk):
    return _render_detail(request, _staff_initiative(request, pk))


@staff_required
@require_POST
def act(request, pk, action):
    initiative = _staff_initiative(request, pk)
    spec = ACTIONS.get(action)
    if spec is None:
        raise PermissionDenied(_("Onbekende handeling."))
    form = spec.form_class(request.POST, prefix=action)
    if not form.is_valid():
        return _render_detail(request, initiative, bound=form)
    done, _result = attempt(request, lambda: spec.run(initiative, request.user, form.cleaned_data))
    if done:
        messages.success(request, str(spec.done))
    return redirect("initiatives_staff:detail", pk=initiative.pk)


# Reported comments.


MODERATORS_ONLY = gettext_lazy("Alleen moderatoren van de dienst Participatie behandelen meldingen.")


@staff_required
def reported_comments(request):
    require(request.user, "initiatives.moderate_initiatives", message=MODERATORS_ONLY)
    comments = (
        Comment.objects.with_open_reports()
        .select_related("initiative", "author")
        .prefetch_related(Prefetch("reports", queryset=CommentReport.objects.filter(resolved_at__isnull=True)))
        .order_by("created", "pk")
    )
    page = Paginator(comments, QUEUE_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "initiatives/staff/comments.html", {"page": page})


@staff_required
@require_http_methods(["GET", "POST"])
def hide_comment(request, pk):
    require(request.user, "initiatives.moderate_initiatives", message=MODERATORS_ONLY)
    comment = get_object_or_404(Comment.objects.select_related("initiative", "author"), pk=pk)
    form = HideCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hide_comment(comment, request.user, reason=form.cleaned_data["reason"])
        except (NotAllowed, AlreadyDone) as error:  # both shown as information here
            messages.info(request, str(error))
        else:
            messages.success(request, _("De reactie is verborgen; de auteur krijgt de reden."))
        return redirect("initiatives_staff:comments")
    return render(request, "initiatives/staff/hide_comment.html", {"comment": comment, "form": form})


@staff_required
@require_POST
def dismiss_reports(request, pk):
    require(request.user, "initiatives.moderate_initiatives", message=MODERATORS_ONLY)
    comment = get_object_or_404(Comment, pk=pk)
    services.dismiss_reports(comment, request.user)
    messages.success(request, _("De meldingen zijn afgehandeld; de reactie blijft staan."))
    return redirect("initiatives_staff:comments")


# Exports.


@staff_required
def export(request, fmt):
    require(
        request.user,
        "initiatives.export_initiatives",
        message=_("Alleen de dienst Participatie exporteert de initiatieven."),
    )
    if fmt == "xlsx":
        return exports.xlsx_response()
    return exports.csv_response()

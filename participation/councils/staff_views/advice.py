"""Staff pages: advice (draft, approve, send, the city's answer) and the city's requests for advice."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk.core.formats import day_label
from genk.core.permissions import can, permission_required
from genk.core.refusals import attempt

from .. import services, workflow
from ..forms import (
    AdviceForm,
    AdviceRequestForm,
    AnswerAdviceForm,
    ApproveAdviceForm,
    DeclineRequestForm,
)
from ..models import (
    Advice,
    AdviceRequest,
    AgendaItem,
    Council,
)
from .common import NOT_MANAGER, get_advice, get_council, manages, render_form

# Advice.


@manages("councils.manage_council")
def advice_new(request, slug):
    council = get_object_or_404(Council, slug=slug)
    initial = {}
    if request.GET.get("agendapunt", "").isdigit():
        item = AgendaItem.objects.filter(pk=request.GET["agendapunt"], meeting__council=council).first()
        if item:
            initial = {"agenda_item": item.pk, "title": item.title, "body": item.decision or item.description}
    if request.GET.get("vraag", "").isdigit():
        request_obj = council.advice_requests.open().filter(pk=request.GET["vraag"]).first()
        if request_obj:
            initial.update(
                {"request": request_obj.pk, "title": request_obj.title, "department": request_obj.department_id}
            )
    form = AdviceForm(request.POST or None, council=council, initial=initial)
    if request.method == "POST" and form.is_valid():
        advice = services.create_advice(council, request.user, **{f: form.cleaned_data[f] for f in form.Meta.fields})
        messages.success(request, _("Het ontwerpadvies is bewaard. Laat de raad erover stemmen en keur het dan goed."))
        return redirect("councils_staff:advice", pk=advice.pk)
    return render_form(
        request,
        title=_("Advies opstellen: %(council)s") % {"council": council.name},
        form=form,
        back=reverse("councils_staff:council", kwargs={"slug": council.slug}),
        submit=_("Ontwerp bewaren"),
        council=council,
    )


@login_required
def advice(request, pk):
    advice = get_object_or_404(
        Advice.objects.select_related(
            "council", "vote__item__meeting", "agenda_item", "request", "department", "responsible"
        ),
        pk=pk,
    )
    user = request.user
    can_change = can(user, "councils.change_advice", advice)
    can_answer = can(user, "councils.answer_advice", advice)
    if not (can_change or can_answer):
        raise PermissionDenied(_("Alleen de raad en de medewerkers die het advies beantwoorden, kunnen dit beheren."))
    form = None
    if can_change and advice.status == Advice.Status.DRAFT:
        form = AdviceForm(request.POST or None, instance=Advice.objects.get(pk=pk), council=advice.council)
        if request.method == "POST" and form.is_valid():
            done, _result = attempt(
                request,
                lambda: services.update_advice(advice, user, **{f: form.cleaned_data[f] for f in form.Meta.fields}),
            )
            if done:
                messages.success(request, _("Het ontwerpadvies is bewaard."))
            return redirect("councils_staff:advice", pk=advice.pk)
    return render(
        request,
        "councils/staff/advice.html",
        {
            "advice": advice,
            "council": advice.council,
            "form": form,
            "approve_form": ApproveAdviceForm(advice=advice)
            if can_change and advice.status == Advice.Status.DRAFT
            else None,
            "can_send": can_change and advice.status == Advice.Status.APPROVED,
            "answer_form": AnswerAdviceForm() if can_answer and advice.status == Advice.Status.SENT else None,
            "today": timezone.localdate(),
        },
    )


@permission_required("councils.change_advice", get_advice, reason=NOT_MANAGER)
@require_POST
def advice_approve(request, pk):
    advice = get_advice(request, pk)
    form = ApproveAdviceForm(request.POST, advice=advice)
    if not form.is_valid():
        messages.error(request, _("Kies de stemming waarbij de raad het advies goedkeurde."))
        return redirect("councils_staff:advice", pk=advice.pk)
    done, _result = attempt(request, lambda: workflow.approve_advice(advice, request.user, form.cleaned_data["vote"]))
    if done:
        messages.success(request, _("Het advies is goedgekeurd. Bezorg het nu aan de stad."))
    return redirect("councils_staff:advice", pk=advice.pk)


@permission_required("councils.change_advice", get_advice, reason=NOT_MANAGER)
@require_POST
def advice_send(request, pk):
    advice = get_advice(request, pk)
    done, sent = attempt(request, lambda: workflow.send_advice(advice, request.user))
    if done:
        messages.success(
            request,
            _("Het advies is bezorgd aan de stad. Antwoord verwacht tegen %(due)s.")
            % {"due": day_label(sent.answer_due)},
        )
    return redirect("councils_staff:advice", pk=advice.pk)


@permission_required(
    "councils.answer_advice",
    get_advice,
    reason=_("Alleen de medewerkers van de stad die het advies behandelen, kunnen antwoorden."),
)
@require_POST
def advice_answer(request, pk):
    advice = get_advice(request, pk)
    form = AnswerAdviceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies het gevolg en geef de redenen van de stad."))
        return redirect("councils_staff:advice", pk=advice.pk)
    done, _result = attempt(request, lambda: workflow.answer_advice(advice, request.user, **form.cleaned_data))
    if done:
        messages.success(request, _("Het antwoord van de stad is geregistreerd en staat bij het advies."))
    return redirect(advice)


# Requests for advice.


@permission_required("councils.request_advice", get_council, reason=_("Alleen medewerkers van de stad vragen advies."))
def request_new(request, slug):
    council = get_object_or_404(Council, slug=slug)
    form = AdviceRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        done, _result = attempt(
            request, lambda: services.request_advice(council, request.user, **form.cleaned_data), form=form
        )
        if done:
            messages.success(request, _("De adviesvraag is bezorgd aan de voorzitter en de secretaris van de raad."))
            return redirect(council)
    return render_form(
        request,
        title=_("Advies vragen aan de %(council)s") % {"council": council.name},
        form=form,
        back=council.get_absolute_url(),
        submit=_("Adviesvraag versturen"),
        council=council,
    )


def _request(request, pk, **kwargs):
    return get_object_or_404(AdviceRequest, pk=pk)


@permission_required("councils.decline_advicerequest", _request, reason=NOT_MANAGER)
def request_decline(request, pk):
    advice_request = get_object_or_404(AdviceRequest.objects.select_related("council"), pk=pk)
    form = DeclineRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done, _result = attempt(
            request, lambda: workflow.decline_request(advice_request, request.user, form.cleaned_data["reason"])
        )
        if done:
            messages.success(request, _("De stad ziet dat de raad geen advies geeft, met de reden."))
        return redirect("councils_staff:council", slug=advice_request.council.slug)
    return render_form(
        request,
        title=_("Geen advies geven: %(title)s") % {"title": advice_request.title},
        form=form,
        back=reverse("councils_staff:council", kwargs={"slug": advice_request.council.slug}),
        submit=_("Bevestigen"),
        danger=True,
        council=advice_request.council,
    )

"""Staff pages: the minutes of a meeting (write, send for remarks, approve) and the answers to remarks."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk.core.permissions import permission_required
from genk.core.refusals import attempt

from .. import services, workflow
from ..forms import (
    ApproveMinutesForm,
    MinutesForm,
    RemarkResponseForm,
    SendMinutesForm,
)
from ..models import (
    Meeting,
    MinutesRemark,
)
from ..views import minutes_of
from .common import NOT_MANAGER, manages, render_form

# Minutes.


@manages("councils.manage_meeting")
def minutes(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("council", "minutes"), pk=pk)
    record = minutes_of(meeting)
    if record is None:
        messages.info(request, _("Er is nog geen verslag: registreer eerst dat de vergadering gehouden is."))
        return redirect("councils_staff:meeting", pk=meeting.pk)
    items = list(meeting.items.all())
    editable = meeting.status == Meeting.Status.MINUTES_DRAFT
    form = MinutesForm(
        request.POST or None,
        items=items,
        initial={"introduction": record.introduction, "closing": record.closing},
    )
    if request.method == "POST" and editable and form.is_valid():
        services.save_minutes(
            meeting,
            request.user,
            introduction=form.cleaned_data["introduction"],
            closing=form.cleaned_data["closing"],
            items=form.item_texts(),
        )
        messages.success(request, _("Het verslag is bewaard."))
        return redirect("councils_staff:minutes", pk=meeting.pk)
    return render(
        request,
        "councils/staff/minutes.html",
        {
            "meeting": meeting,
            "council": meeting.council,
            "form": form,
            "editable": editable,
            "record": record,
            "remarks": list(record.remarks.select_related("author")),
            "response_form": RemarkResponseForm(),
            "can_send": meeting.status == Meeting.Status.MINUTES_DRAFT,
        },
    )


@manages("councils.manage_meeting")
def minutes_send(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("council"), pk=pk)
    form = SendMinutesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done, _result = attempt(
            request, lambda: workflow.send_minutes(meeting, request.user, form.cleaned_data["deadline"])
        )
        if done:
            messages.success(request, _("Het ontwerpverslag is naar de leden gestuurd voor opmerkingen."))
        return redirect("councils_staff:meeting", pk=meeting.pk)
    return render_form(
        request,
        title=_("Ontwerpverslag naar de leden sturen"),
        intro=_(
            "De leden krijgen een melding en kunnen tot de termijn opmerkingen geven op de pagina van de vergadering."
        ),
        form=form,
        back=reverse("councils_staff:minutes", kwargs={"pk": meeting.pk}),
        submit=_("Naar de leden sturen"),
        council=meeting.council,
    )


@manages("councils.manage_meeting")
def minutes_approve(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("council"), pk=pk)
    form = ApproveMinutesForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        done, _result = attempt(
            request, lambda: workflow.approve_minutes(meeting, request.user, form.cleaned_data["approved_in"])
        )
        if done:
            messages.success(request, _("Het verslag is goedgekeurd. Publiceer het om het openbaar te maken."))
        return redirect("councils_staff:meeting", pk=meeting.pk)
    return render_form(
        request,
        title=_("Verslag goedkeuren"),
        intro=meeting.display_title,
        form=form,
        back=reverse("councils_staff:meeting", kwargs={"pk": meeting.pk}),
        submit=_("Verslag goedkeuren"),
        council=meeting.council,
    )


def _remark_meeting(request, pk, **kwargs):
    return get_object_or_404(MinutesRemark.objects.select_related("minutes__meeting__council"), pk=pk).minutes.meeting


@permission_required("councils.manage_meeting", _remark_meeting, reason=NOT_MANAGER)
@require_POST
def remark_respond(request, pk):
    remark = get_object_or_404(MinutesRemark.objects.select_related("minutes__meeting__council"), pk=pk)
    form = RemarkResponseForm(request.POST)
    if form.is_valid():
        services.respond_to_remark(remark, request.user, form.cleaned_data["response"])
        messages.success(request, _("Je antwoord is bewaard."))
    return redirect("councils_staff:minutes", pk=remark.minutes.meeting_id)

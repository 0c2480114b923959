"""Staff pages: meetings (plan, change, the workflow's steps, cancel), the agenda and its documents,
attendance and votes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk.core.permissions import permission_required
from genk.core.refusals import attempt

from .. import services, workflow
from ..forms import (
    AgendaItemForm,
    AttendanceForm,
    CancelMeetingForm,
    DocumentForm,
    MeetingForm,
    VoteForm,
)
from ..models import (
    AgendaDocument,
    AgendaItem,
    Attendance,
    Council,
    Meeting,
)
from ..views import minutes_of
from .common import NOT_MANAGER, get_item, manages, render_form

# Meetings.


@manages("councils.manage_council")
def meeting_new(request, slug):
    council = get_object_or_404(Council, slug=slug)
    form = MeetingForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        meeting = services.plan_meeting(council, request.user, **form.meeting_data())
        messages.success(request, _("De vergadering is gepland. Stel nu de agenda op."))
        return redirect("councils_staff:meeting", pk=meeting.pk)
    return render_form(
        request,
        title=_("Vergadering plannen: %(council)s") % {"council": council.name},
        form=form,
        back=reverse("councils_staff:council", kwargs={"slug": council.slug}),
        submit=_("Vergadering plannen"),
        council=council,
    )


@manages("councils.manage_meeting")
def meeting(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("council", "place"), pk=pk)
    items = list(meeting.items.prefetch_related("documents", "votes"))
    transitions = workflow.MEETING.available(meeting, request.user)
    summary = meeting.attendance_summary()
    return render(
        request,
        "councils/staff/meeting.html",
        {
            "meeting": meeting,
            "council": meeting.council,
            "items": items,
            "transitions": [t for t in transitions if t.name in SIMPLE_TRANSITIONS],
            "can_cancel": any(t.name == "cancel" for t in transitions),
            "can_send_minutes": any(t.name == "send_minutes" for t in transitions),
            "can_approve_minutes": any(t.name == "approve_minutes" for t in transitions),
            "agenda_editable": meeting.status in services.AGENDA_EDITABLE,
            "can_edit": meeting.status in (Meeting.Status.PLANNED, Meeting.Status.INVITED),
            "can_record": meeting.status in Meeting.RECORDING_STATES and meeting.starts_at <= timezone.now(),
            "summary": summary,
            "item_form": AgendaItemForm(),
            "minutes": minutes_of(meeting),
        },
    )


@manages("councils.manage_meeting")
def meeting_edit(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("council"), pk=pk)
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=pk), council=meeting.council)
    if request.method == "POST" and form.is_valid():
        done, updated = attempt(request, lambda: services.update_meeting(meeting, request.user, **form.meeting_data()))
        if done:
            if updated.sequence != meeting.sequence:
                messages.success(
                    request, _("De vergadering is gewijzigd. De leden krijgen een bijgewerkte uitnodiging.")
                )
            else:
                messages.success(request, _("De vergadering is gewijzigd."))
        return redirect("councils_staff:meeting", pk=meeting.pk)
    intro = ""
    if meeting.status == Meeting.Status.INVITED:
        intro = _(
            "De uitnodigingen zijn al verstuurd: wijzig je datum, uur of plaats, dan krijgen de leden een bijgewerkte uitnodiging."
        )
    return render_form(
        request,
        title=_("Vergadering wijzigen"),
        intro=intro,
        form=form,
        back=reverse("councils_staff:meeting", kwargs={"pk": meeting.pk}),
        submit=_("Bewaren"),
        council=meeting.council,
    )


SIMPLE_TRANSITIONS = {
    "invite": (workflow.invite, _("De uitnodigingen worden verstuurd, met de vergadering als kalenderbestand.")),
    "hold": (workflow.hold, _("De vergadering is als gehouden geregistreerd.")),
    "start_minutes": (workflow.start_minutes, _("Het verslag is aangemaakt. Schrijf het nu.")),
    "reopen_minutes": (workflow.reopen_minutes, _("Het verslag kan opnieuw bewerkt worden.")),
    "publish_minutes": (workflow.publish_minutes, _("Het verslag is gepubliceerd.")),
}


@manages("councils.manage_meeting")
@require_POST
def meeting_transition(request, pk, name):
    meeting = get_object_or_404(Meeting.objects.select_related("council"), pk=pk)
    if name not in SIMPLE_TRANSITIONS:
        raise PermissionDenied(_("Onbekende handeling."))
    func, message = SIMPLE_TRANSITIONS[name]
    done, _result = attempt(request, lambda: func(meeting, request.user))
    if done:
        messages.success(request, message)
    if name in ("start_minutes", "reopen_minutes"):
        return redirect("councils_staff:minutes", pk=meeting.pk)
    return redirect("councils_staff:meeting", pk=meeting.pk)


@manages("councils.manage_meeting")
def meeting_cancel(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("council"), pk=pk)
    form = CancelMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done, _result = attempt(request, lambda: workflow.cancel(meeting, request.user, form.cleaned_data["reason"]))
        if done:
            messages.success(request, _("De vergadering is geannuleerd."))
        return redirect("councils_staff:meeting", pk=meeting.pk)
    return render_form(
        request,
        title=_("Vergadering annuleren"),
        intro=meeting.display_title,
        form=form,
        back=reverse("councils_staff:meeting", kwargs={"pk": meeting.pk}),
        submit=_("Vergadering annuleren"),
        danger=True,
        council=meeting.council,
    )


# Agenda.


@manages("councils.manage_meeting")
@require_POST
def item_add(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("council"), pk=pk)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        done, _result = attempt(request, lambda: services.add_item(meeting, request.user, **form.cleaned_data))
        if done:
            messages.success(request, _("Het punt staat op de agenda."))
    else:
        messages.error(request, _("Geef het agendapunt een titel."))
    return redirect(f"{reverse('councils_staff:meeting', kwargs={'pk': meeting.pk})}#agenda")


def _item_meeting(request, pk, **kwargs):
    return get_item(request, pk).meeting


@permission_required("councils.manage_meeting", _item_meeting, reason=NOT_MANAGER)
def item_edit(request, pk):
    item = get_item(request, pk)
    form = AgendaItemForm(request.POST or None, instance=AgendaItem.objects.get(pk=pk), prefix="item")
    document_form = DocumentForm(prefix="document")
    if request.method == "POST" and "document-title" in request.POST:
        form = AgendaItemForm(instance=AgendaItem.objects.get(pk=pk), prefix="item")
        document_form = DocumentForm(request.POST, request.FILES, prefix="document")
        if document_form.is_valid():
            data = document_form.cleaned_data
            done, _result = attempt(
                request,
                lambda: services.add_document(
                    item,
                    request.user,
                    title=data["title"],
                    upload=data["file"],
                    is_confidential=data["is_confidential"],
                ),
            )
            if done:
                messages.success(request, _("Het document is toegevoegd."))
                return redirect("councils_staff:item", pk=item.pk)
    elif request.method == "POST" and form.is_valid():
        done, _result = attempt(request, lambda: services.update_item(item, request.user, **form.cleaned_data))
        if done:
            messages.success(request, _("Het agendapunt is bewaard."))
            return redirect(f"{reverse('councils_staff:meeting', kwargs={'pk': item.meeting_id})}#agenda")
    return render(
        request,
        "councils/staff/item.html",
        {
            "item": item,
            "meeting": item.meeting,
            "council": item.meeting.council,
            "form": form,
            "document_form": document_form,
            "documents": list(item.documents.all()),
            "editable": item.meeting.status in services.AGENDA_EDITABLE,
        },
    )


@permission_required("councils.manage_meeting", _item_meeting, reason=NOT_MANAGER)
@require_POST
def item_move(request, pk):
    item = get_item(request, pk)
    attempt(
        request,
        lambda: services.move_item(item, request.user, "up" if request.POST.get("richting") == "omhoog" else "down"),
    )
    return redirect(f"{reverse('councils_staff:meeting', kwargs={'pk': item.meeting_id})}#agenda")


@permission_required("councils.manage_meeting", _item_meeting, reason=NOT_MANAGER)
@require_POST
def item_delete(request, pk):
    item = get_item(request, pk)
    done, _result = attempt(request, lambda: services.delete_item(item, request.user))
    if done:
        messages.success(request, _("Het punt is van de agenda gehaald."))
    return redirect(f"{reverse('councils_staff:meeting', kwargs={'pk': item.meeting_id})}#agenda")


def _document_meeting(request, pk, **kwargs):
    return get_object_or_404(AgendaDocument.objects.select_related("item__meeting__council"), pk=pk).item.meeting


@permission_required("councils.manage_meeting", _document_meeting, reason=NOT_MANAGER)
@require_POST
def document_delete(request, pk):
    document = get_object_or_404(AgendaDocument.objects.select_related("item__meeting__council"), pk=pk)
    done, _result = attempt(request, lambda: services.delete_document(document, request.user))
    if done:
        messages.success(request, _("Het document is verwijderd."))
    return redirect("councils_staff:item", pk=document.item_id)


# Attendance and votes.


@manages("councils.manage_meeting")
def attendance(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("council"), pk=pk)
    rows = list(meeting.attendances.select_related("user").order_by("-has_vote", "user__display_name", "pk"))
    form = AttendanceForm(request.POST or None, attendances=rows)
    if request.method == "POST" and form.is_valid():
        done, _result = attempt(request, lambda: services.record_attendance(meeting, request.user, form.presences()))
        if done:
            summary = meeting.attendance_summary()
            if summary.quorum_reached:
                messages.success(request, _("De aanwezigheden zijn bewaard. Het quorum is bereikt."))
            else:
                messages.warning(request, _("De aanwezigheden zijn bewaard. Het quorum is niet bereikt."))
            return redirect("councils_staff:meeting", pk=meeting.pk)
    return render(
        request,
        "councils/staff/attendance.html",
        {"meeting": meeting, "council": meeting.council, "form": form, "summary": meeting.attendance_summary()},
    )


@permission_required("councils.manage_meeting", _item_meeting, reason=NOT_MANAGER)
def vote(request, pk):
    item = get_item(request, pk)
    meeting = item.meeting
    voters = list(
        meeting.attendances.filter(has_vote=True, presence=Attendance.Presence.PRESENT)
        .select_related("user")
        .order_by("user__display_name", "pk")
    )
    form = VoteForm(request.POST or None, voters=voters, initial={"motion": item.title})
    if request.method == "POST" and form.is_valid():
        done, recorded = attempt(
            request,
            lambda: services.record_vote(
                item,
                request.user,
                motion=form.cleaned_data["motion"],
                is_secret=form.is_secret,
                counts=form.counts() if form.is_secret else None,
                ballots=None if form.is_secret else form.ballots(),
            ),
            form=form,
        )
        if done:
            messages.success(
                request,
                _(
                    "De stemming is geregistreerd: %(result)s (%(for)s voor, %(against)s tegen, %(abstain)s onthoudingen)."
                )
                % {
                    "result": recorded.get_result_display(),
                    "for": recorded.votes_for,
                    "against": recorded.votes_against,
                    "abstain": recorded.abstentions,
                },
            )
            return redirect(f"{reverse('councils_staff:meeting', kwargs={'pk': meeting.pk})}#agenda")
    return render(
        request,
        "councils/staff/vote.html",
        {
            "item": item,
            "meeting": meeting,
            "council": meeting.council,
            "form": form,
            "summary": meeting.attendance_summary(),
            "votes": list(item.votes.all()),
        },
    )

"""Pages for the chair and the secretary (and the civil servants who answer advice), under
/beheer/adviesraden/. Views stay thin: they check the permission on the object, call a
service or a workflow transition, and say what happened."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk.core.formats import day_label
from genk.core.permissions import can, permission_required
from genk.core.refusals import attempt

from . import services, workflow
from .forms import (
    AdviceForm,
    AdviceRequestForm,
    AgendaItemForm,
    AnswerAdviceForm,
    ApplicationDecisionForm,
    ApproveAdviceForm,
    ApproveMinutesForm,
    AttendanceForm,
    CancelMeetingForm,
    CouncilSettingsForm,
    DeclineRequestForm,
    DocumentForm,
    EndMembershipForm,
    MeetingForm,
    MemberForm,
    MembershipForm,
    MinutesForm,
    RemarkResponseForm,
    SendMinutesForm,
    VoteForm,
)
from .models import (
    Advice,
    AdviceRequest,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Council,
    CouncilMembership,
    Meeting,
    MembershipApplication,
    MinutesRemark,
)
from .predicates import council_roles
from .views import minutes_of

NOT_MANAGER = _("Alleen de voorzitter en de secretaris van de raad kunnen dit.")


def _council(request, slug, **kwargs):
    return get_object_or_404(Council, slug=slug)


def _meeting(request, pk, **kwargs):
    return get_object_or_404(Meeting.objects.select_related("council", "place"), pk=pk)


def _item(request, pk, **kwargs):
    return get_object_or_404(AgendaItem.objects.select_related("meeting__council"), pk=pk)


def _advice(request, pk, **kwargs):
    return get_object_or_404(Advice.objects.select_related("council"), pk=pk)


def manages(perm):
    return permission_required(
        perm, {"councils.manage_council": _council, "councils.manage_meeting": _meeting}[perm], reason=NOT_MANAGER
    )


def _done(request, message):
    messages.success(request, message)


def _render_form(request, *, title, form, back, submit, intro="", enctype=False, danger=False, council=None):
    return render(
        request,
        "councils/staff/form.html",
        {
            "title": title,
            "form": form,
            "back": back,
            "submit": submit,
            "intro": intro,
            "multipart": enctype,
            "danger": danger,
            "council": council,
        },
    )


# Overview.


@login_required
def index(request):
    user = request.user
    if user.is_superuser:
        councils = Council.objects.all()
    else:
        managed = [cid for cid, roles in council_roles(user).items() if roles & set(CouncilMembership.MANAGING_ROLES)]
        councils = Council.objects.filter(pk__in=managed)
    councils = councils.annotate(
        open_applications=Count(
            "applications", filter=Q(applications__status=MembershipApplication.Status.SUBMITTED), distinct=True
        ),
        open_requests=Count(
            "advice_requests", filter=Q(advice_requests__status=AdviceRequest.Status.OPEN), distinct=True
        ),
    ).order_by("name")
    to_answer = []
    if user.is_city_staff:
        to_answer = list(Advice.objects.to_answer_by(user).select_related("council").order_by("answer_due"))
    if not councils and not to_answer and not user.is_city_staff:
        raise PermissionDenied(NOT_MANAGER)
    return render(
        request,
        "councils/staff/index.html",
        {
            "councils": councils,
            "to_answer": to_answer,
            "today": timezone.localdate(),
            "requestable": Council.objects.active().order_by("name") if can(user, "councils.request_advice") else [],
        },
    )


@manages("councils.manage_council")
def council(request, slug):
    council = get_object_or_404(Council, slug=slug)
    now = timezone.now()
    context = {
        "council": council,
        "upcoming": list(council.meetings.upcoming(now).select_related("place")[:10]),
        "recent": list(
            council.meetings.past(now)
            .exclude(status=Meeting.Status.PUBLISHED)
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related("place")[:10]
        ),
        "applications": list(council.applications.open().select_related("user")),
        "advice": list(council.advice.exclude(status=Advice.Status.ANSWERED).order_by("status", "-pk")),
        "requests": list(council.advice_requests.open().order_by("deadline")),
        "today": timezone.localdate(),
    }
    return render(request, "councils/staff/council.html", context)


@manages("councils.manage_council")
def council_settings(request, slug):
    council = get_object_or_404(Council, slug=slug)
    form = CouncilSettingsForm(request.POST or None, instance=Council.objects.get(pk=council.pk))
    if request.method == "POST" and form.is_valid():
        services.update_council(council, request.user, **{f: form.cleaned_data[f] for f in form.Meta.fields})
        _done(request, _("De instellingen van de raad zijn bewaard."))
        return redirect("councils_staff:council", slug=council.slug)
    return _render_form(
        request,
        title=_("Instellingen van de %(council)s") % {"council": council.name},
        form=form,
        back=reverse("councils_staff:council", kwargs={"slug": council.slug}),
        submit=_("Bewaren"),
        council=council,
    )


# Members.


@manages("councils.manage_council")
def members(request, slug):
    council = get_object_or_404(Council, slug=slug)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done, membership = attempt(
            request,
            lambda: services.add_member(
                council,
                request.user,
                user=data["user"],
                role=data["role"],
                start=data["start"],
                end=data["end"],
                represents=data["represents"],
            ),
            form=form,
        )
        if done:
            _done(
                request,
                _("%(name)s is toegevoegd als %(role)s.")
                % {"name": membership.user.public_name, "role": membership.get_role_display()},
            )
            return redirect("councils_staff:members", slug=council.slug)
    today = timezone.localdate()
    memberships = list(council.memberships.select_related("user", "organisation").by_rank())
    return render(
        request,
        "councils/staff/members.html",
        {
            "council": council,
            "form": form,
            "current": [m for m in memberships if m.is_current(today)],
            "future": [m for m in memberships if m.start and m.start > today],
            "former": sorted([m for m in memberships if m.end and m.end < today], key=lambda m: m.end, reverse=True),
            "today": today,
        },
    )


def _membership(request, pk, **kwargs):
    return get_object_or_404(CouncilMembership.objects.select_related("council", "user"), pk=pk).council


@permission_required("councils.manage_council", _membership, reason=NOT_MANAGER)
def membership_edit(request, pk):
    membership = get_object_or_404(CouncilMembership.objects.select_related("council", "user"), pk=pk)
    form = MembershipForm(request.POST or None, instance=CouncilMembership.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        done, _result = attempt(
            request,
            lambda: services.update_membership(
                membership, request.user, **{f: form.cleaned_data[f] for f in form.Meta.fields}
            ),
            form=form,
        )
        if done:
            _done(request, _("Het mandaat van %(name)s is bijgewerkt.") % {"name": membership.user.public_name})
            return redirect("councils_staff:members", slug=membership.council.slug)
    return _render_form(
        request,
        title=_("Mandaat van %(name)s") % {"name": membership.user.public_name},
        form=form,
        back=reverse("councils_staff:members", kwargs={"slug": membership.council.slug}),
        submit=_("Bewaren"),
        council=membership.council,
    )


@permission_required("councils.manage_council", _membership, reason=NOT_MANAGER)
def membership_end(request, pk):
    membership = get_object_or_404(CouncilMembership.objects.select_related("council", "user"), pk=pk)
    form = EndMembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done, _result = attempt(
            request,
            lambda: services.end_membership(membership, request.user, form.cleaned_data["end"]),
            form=form,
            field="end",
        )
        if done:
            _done(
                request,
                _("Het mandaat van %(name)s loopt af op %(end)s.")
                % {"name": membership.user.public_name, "end": day_label(form.cleaned_data["end"])},
            )
            return redirect("councils_staff:members", slug=membership.council.slug)
    return _render_form(
        request,
        title=_("Mandaat van %(name)s beëindigen") % {"name": membership.user.public_name},
        intro=_("Het lidmaatschap blijft in de geschiedenis van de raad staan."),
        form=form,
        back=reverse("councils_staff:members", kwargs={"slug": membership.council.slug}),
        submit=_("Mandaat beëindigen"),
        danger=True,
        council=membership.council,
    )


@manages("councils.manage_council")
def applications(request, slug):
    council = get_object_or_404(Council, slug=slug)
    items = list(council.applications.select_related("user", "handled_by").order_by("status", "-created")[:100])
    return render(
        request,
        "councils/staff/applications.html",
        {"council": council, "applications": items, "form": ApplicationDecisionForm()},
    )


def _application(request, pk, **kwargs):
    return get_object_or_404(MembershipApplication, pk=pk)


@permission_required("councils.handle_application", _application, reason=NOT_MANAGER)
@require_POST
def application_decide(request, pk):
    application = get_object_or_404(MembershipApplication.objects.select_related("council", "user"), pk=pk)
    form = ApplicationDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies of je de kandidatuur aanvaardt of niet."))
        return redirect("councils_staff:applications", slug=application.council.slug)
    data = form.cleaned_data
    if data["decision"] == "accept":
        done, _result = attempt(
            request,
            lambda: workflow.accept_application(
                application, request.user, role=data["role"], start=data["start"], response=data["response"]
            ),
        )
        if done:
            _done(request, _("%(name)s is nu lid van de raad.") % {"name": application.user.public_name})
    else:
        done, _result = attempt(
            request, lambda: workflow.decline_application(application, request.user, data["response"])
        )
        if done:
            _done(request, _("De kandidatuur van %(name)s is niet aanvaard.") % {"name": application.user.public_name})
    return redirect("councils_staff:applications", slug=application.council.slug)


# Meetings.


@manages("councils.manage_council")
def meeting_new(request, slug):
    council = get_object_or_404(Council, slug=slug)
    form = MeetingForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        meeting = services.plan_meeting(council, request.user, **form.meeting_data())
        _done(request, _("De vergadering is gepland. Stel nu de agenda op."))
        return redirect("councils_staff:meeting", pk=meeting.pk)
    return _render_form(
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
                _done(request, _("De vergadering is gewijzigd. De leden krijgen een bijgewerkte uitnodiging."))
            else:
                _done(request, _("De vergadering is gewijzigd."))
        return redirect("councils_staff:meeting", pk=meeting.pk)
    intro = ""
    if meeting.status == Meeting.Status.INVITED:
        intro = _(
            "De uitnodigingen zijn al verstuurd: wijzig je datum, uur of plaats, dan krijgen de leden een bijgewerkte uitnodiging."
        )
    return _render_form(
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
        _done(request, message)
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
            _done(request, _("De vergadering is geannuleerd."))
        return redirect("councils_staff:meeting", pk=meeting.pk)
    return _render_form(
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
            _done(request, _("Het punt staat op de agenda."))
    else:
        messages.error(request, _("Geef het agendapunt een titel."))
    return redirect(f"{reverse('councils_staff:meeting', kwargs={'pk': meeting.pk})}#agenda")


def _item_meeting(request, pk, **kwargs):
    return _item(request, pk).meeting


@permission_required("councils.manage_meeting", _item_meeting, reason=NOT_MANAGER)
def item_edit(request, pk):
    item = _item(request, pk)
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
                _done(request, _("Het document is toegevoegd."))
                return redirect("councils_staff:item", pk=item.pk)
    elif request.method == "POST" and form.is_valid():
        done, _result = attempt(request, lambda: services.update_item(item, request.user, **form.cleaned_data))
        if done:
            _done(request, _("Het agendapunt is bewaard."))
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
    item = _item(request, pk)
    attempt(
        request,
        lambda: services.move_item(item, request.user, "up" if request.POST.get("richting") == "omhoog" else "down"),
    )
    return redirect(f"{reverse('councils_staff:meeting', kwargs={'pk': item.meeting_id})}#agenda")


@permission_required("councils.manage_meeting", _item_meeting, reason=NOT_MANAGER)
@require_POST
def item_delete(request, pk):
    item = _item(request, pk)
    done, _result = attempt(request, lambda: services.delete_item(item, request.user))
    if done:
        _done(request, _("Het punt is van de agenda gehaald."))
    return redirect(f"{reverse('councils_staff:meeting', kwargs={'pk': item.meeting_id})}#agenda")


def _document_meeting(request, pk, **kwargs):
    return get_object_or_404(AgendaDocument.objects.select_related("item__meeting__council"), pk=pk).item.meeting


@permission_required("councils.manage_meeting", _document_meeting, reason=NOT_MANAGER)
@require_POST
def document_delete(request, pk):
    document = get_object_or_404(AgendaDocument.objects.select_related("item__meeting__council"), pk=pk)
    done, _result = attempt(request, lambda: services.delete_document(document, request.user))
    if done:
        _done(request, _("Het document is verwijderd."))
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
                _done(request, _("De aanwezigheden zijn bewaard. Het quorum is bereikt."))
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
    item = _item(request, pk)
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
            _done(
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
        _done(request, _("Het verslag is bewaard."))
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
            _done(request, _("Het ontwerpverslag is naar de leden gestuurd voor opmerkingen."))
        return redirect("councils_staff:meeting", pk=meeting.pk)
    return _render_form(
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
            _done(request, _("Het verslag is goedgekeurd. Publiceer het om het openbaar te maken."))
        return redirect("councils_staff:meeting", pk=meeting.pk)
    return _render_form(
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
        _done(request, _("Je antwoord is bewaard."))
    return redirect("councils_staff:minutes", pk=remark.minutes.meeting_id)


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
        _done(request, _("Het ontwerpadvies is bewaard. Laat de raad erover stemmen en keur het dan goed."))
        return redirect("councils_staff:advice", pk=advice.pk)
    return _render_form(
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
                _done(request, _("Het ontwerpadvies is bewaard."))
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


@permission_required("councils.change_advice", _advice, reason=NOT_MANAGER)
@require_POST
def advice_approve(request, pk):
    advice = _advice(request, pk)
    form = ApproveAdviceForm(request.POST, advice=advice)
    if not form.is_valid():
        messages.error(request, _("Kies de stemming waarbij de raad het advies goedkeurde."))
        return redirect("councils_staff:advice", pk=advice.pk)
    done, _result = attempt(request, lambda: workflow.approve_advice(advice, request.user, form.cleaned_data["vote"]))
    if done:
        _done(request, _("Het advies is goedgekeurd. Bezorg het nu aan de stad."))
    return redirect("councils_staff:advice", pk=advice.pk)


@permission_required("councils.change_advice", _advice, reason=NOT_MANAGER)
@require_POST
def advice_send(request, pk):
    advice = _advice(request, pk)
    done, sent = attempt(request, lambda: workflow.send_advice(advice, request.user))
    if done:
        _done(
            request,
            _("Het advies is bezorgd aan de stad. Antwoord verwacht tegen %(due)s.")
            % {"due": day_label(sent.answer_due)},
        )
    return redirect("councils_staff:advice", pk=advice.pk)


@permission_required(
    "councils.answer_advice",
    _advice,
    reason=_("Alleen de medewerkers van de stad die het advies behandelen, kunnen antwoorden."),
)
@require_POST
def advice_answer(request, pk):
    advice = _advice(request, pk)
    form = AnswerAdviceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies het gevolg en geef de redenen van de stad."))
        return redirect("councils_staff:advice", pk=advice.pk)
    done, _result = attempt(request, lambda: workflow.answer_advice(advice, request.user, **form.cleaned_data))
    if done:
        _done(request, _("Het antwoord van de stad is geregistreerd en staat bij het advies."))
    return redirect(advice)


# Requests for advice.


@permission_required("councils.request_advice", _council, reason=_("Alleen medewerkers van de stad vragen advies."))
def request_new(request, slug):
    council = get_object_or_404(Council, slug=slug)
    form = AdviceRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        done, _result = attempt(
            request, lambda: services.request_advice(council, request.user, **form.cleaned_data), form=form
        )
        if done:
            _done(request, _("De adviesvraag is bezorgd aan de voorzitter en de secretaris van de raad."))
            return redirect(council)
    return _render_form(
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
            _done(request, _("De stad ziet dat de raad geen advies geeft, met de reden."))
        return redirect("councils_staff:council", slug=advice_request.council.slug)
    return _render_form(
        request,
        title=_("Geen advies geven: %(title)s") % {"title": advice_request.title},
        form=form,
        back=reverse("councils_staff:council", kwargs={"slug": advice_request.council.slug}),
        submit=_("Bevestigen"),
        danger=True,
        council=advice_request.council,
    )

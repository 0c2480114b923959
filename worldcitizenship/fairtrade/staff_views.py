"""/beheer/wereldburgerschap/fairtrade/: the world-citizenship officer's tools — the queue of
registered points, the yearly progress with evidence, the steering group, and the yearly
progress report (printable page and XLSX) for the renewal with the campaign."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from genk.core import exports
from genk.core import images as shared_images
from genk.core.permissions import permission_required, staff_required
from genk.core.refusals import attempt, refusals_to

from . import images, services, workflow
from .forms import DeclineForm, EvidenceForm, MessageForm, ProgressForm, SteeringMeetingForm, SteeringMemberForm
from .models import Point, PointKind, Progress, SteeringMeeting, SteeringMember

NOT_OFFICER = gettext_lazy("De FairTrade-campagne wordt beheerd door de dienst Wereldburgerschap.")


def officer_only(view):
    return staff_required(permission_required("fairtrade.manage_campaign", reason=NOT_OFFICER)(view))


def _year_or_404(year: int) -> int:
    from django.http import Http404

    if not 2000 <= year <= 2100:
        raise Http404
    return year


@officer_only
def dashboard(request):
    year = timezone.localdate().year
    return render(
        request,
        "fairtrade/staff/dashboard.html",
        {
            "submitted": Point.objects.filter(status=Point.Status.SUBMITTED)
            .select_related("neighbourhood")
            .order_by("created"),
            "overview": services.overview(year),
            "years": sorted({year, *services.years()}, reverse=True),
            "year": year,
        },
    )


def _point(pk):
    return get_object_or_404(Point.objects.select_related("neighbourhood", "organisation", "applicant"), pk=pk)


@staff_required
@permission_required("fairtrade.review_point", lambda request, pk: _point(pk), reason=NOT_OFFICER)
def review(request, pk):
    point = _point(pk)
    approve_form = MessageForm(request.POST if request.POST.get("decision") == "approve" else None, prefix="a")
    decline_form = DeclineForm(request.POST if request.POST.get("decision") == "decline" else None, prefix="d")
    withdraw_form = MessageForm(request.POST if request.POST.get("decision") == "withdraw" else None, prefix="w")
    if request.method == "POST":
        decision = request.POST.get("decision")
        ok = False
        if decision == "approve" and approve_form.is_valid():
            ok, _r = attempt(
                request, lambda: workflow.approve(point, request.user, approve_form.cleaned_data["message"])
            )
            done = _("Het punt staat in de gids; de aanvrager krijgt een bericht.")
        elif decision == "decline" and decline_form.is_valid():
            ok, _r = attempt(
                request,
                lambda: workflow.decline(point, request.user, decline_form.cleaned_data["message"]),
                form=decline_form,
            )
            done = _("Het punt is geweigerd; de aanvrager krijgt je bericht.")
        elif decision == "withdraw" and withdraw_form.is_valid():
            ok, _r = attempt(
                request, lambda: workflow.withdraw(point, request.user, withdraw_form.cleaned_data["message"])
            )
            done = _("Het punt staat niet meer in de gids.")
        if ok:
            messages.success(request, done)
            return redirect("fairtrade_staff:dashboard")
    return render(
        request,
        "fairtrade/staff/review.html",
        {"point": point, "approve_form": approve_form, "decline_form": decline_form, "withdraw_form": withdraw_form},
    )


@officer_only
def year(request, year):
    year = _year_or_404(year)
    rows = services.progress_for(year)
    return render(
        request,
        "fairtrade/staff/year.html",
        {"year": year, "overview": services.overview(year), "rows": rows},
    )


def _progress(year, number):
    return get_object_or_404(Progress.objects.select_related("criterion"), year=year, criterion__number=number)


TARGET_TRANSITION = {
    (Progress.Status.NOT_STARTED, Progress.Status.IN_PROGRESS): "start",
    (Progress.Status.NOT_STARTED, Progress.Status.MET): "meet",
    (Progress.Status.IN_PROGRESS, Progress.Status.MET): "meet",
    (Progress.Status.MET, Progress.Status.IN_PROGRESS): "reopen",
}


@officer_only
def criterion(request, year, number):
    year = _year_or_404(year)
    services.progress_for(year)
    progress = _progress(year, number)
    form = ProgressForm(
        request.POST if request.POST.get("form") == "progress" else None,
        initial={"status": progress.status, "notes": progress.notes},
    )
    evidence_form = EvidenceForm(
        request.POST if request.POST.get("form") == "evidence" else None,
        request.FILES if request.POST.get("form") == "evidence" else None,
    )
    url = reverse("fairtrade_staff:criterion", args=[year, number])
    if request.method == "POST" and request.POST.get("form") == "progress" and form.is_valid():
        status, notes = form.cleaned_data["status"], form.cleaned_data["notes"]
        name = TARGET_TRANSITION.get((progress.status, status))
        if status == progress.status:
            Progress.objects.filter(pk=progress.pk).update(notes=notes, modified=timezone.now())
            ok = True
        elif name is None:
            form.add_error("status", _("Van ‘%(from)s’ kan de status niet meteen naar ‘%(to)s’.") % {
                "from": progress.get_status_display(), "to": Progress.Status(status).label})  # fmt: skip
            ok = False
        else:
            ok, _r = attempt(
                request, lambda: workflow.set_progress(progress, request.user, name, notes), form=form, field="status"
            )
        if ok:
            messages.success(request, _("De voortgang is bewaard."))
            return redirect(url)
    if request.method == "POST" and request.POST.get("form") == "evidence" and evidence_form.is_valid():
        with transaction.atomic():
            evidence = evidence_form.save(commit=False)
            evidence.progress = progress
            evidence.added_by = request.user
            evidence.save()
            if evidence_form.probe is not None:
                images.store_upload(evidence, evidence_form.cleaned_data["photo"], evidence_form.probe)
                evidence.save(update_fields=["image_pending"])
        messages.success(request, _("Het bewijsstuk is toegevoegd."))
        return redirect(url)
    return render(
        request,
        "fairtrade/staff/criterion.html",
        {
            "year": year,
            "progress": progress,
            "form": form,
            "evidence_form": evidence_form,
            "evidence": progress.evidence.all(),
        },
    )


@require_POST
@officer_only
@refusals_to(lambda request, year, number, pk: reverse("fairtrade_staff:criterion", args=[year, number]))
def delete_evidence(request, year, number, pk):
    progress = _progress(year, number)
    evidence = get_object_or_404(progress.evidence, pk=pk)
    if evidence.file:
        evidence.file.delete(save=False)
    if evidence.image:
        shared_images.delete_versions(evidence.image.name)
    evidence.delete()
    messages.success(request, _("Het bewijsstuk is verwijderd."))
    return redirect("fairtrade_staff:criterion", year, number)


@officer_only
def steering(request):
    member_form = SteeringMemberForm(request.POST if request.POST.get("form") == "member" else None, prefix="m")
    meeting_form = SteeringMeetingForm(request.POST if request.POST.get("form") == "meeting" else None, prefix="v")
    if request.method == "POST":
        form = member_form if request.POST.get("form") == "member" else meeting_form
        if form.is_valid():
            form.save()
            messages.success(request, _("Bewaard."))
            return redirect("fairtrade_staff:steering")
    return render(
        request,
        "fairtrade/staff/steering.html",
        {
            "members": SteeringMember.objects.all(),
            "meetings": SteeringMeeting.objects.all(),
            "member_form": member_form,
            "meeting_form": meeting_form,
        },
    )


def report_data(year: int):
    data = services.overview(year)
    labels = dict(PointKind.choices)
    points = list(
        Point.objects.approved().select_related("neighbourhood").only(
            "name", "kind", "address", "website", "approved_at", "neighbourhood__name"
        ).order_by("kind", "name")
    )  # fmt: skip
    meetings = list(SteeringMeeting.objects.filter(date__year=year).order_by("date"))
    members = list(SteeringMember.objects.all())
    return {
        "year": year,
        "overview": data,
        "points": points,
        "meetings": meetings,
        "members": members,
        "labels": labels,
    }


@officer_only
def report(request, year):
    return render(request, "fairtrade/staff/report.html", report_data(_year_or_404(year)))


@officer_only
def report_xlsx(request, year):
    data = report_data(_year_or_404(year))
    headers = [
        _("Criterium"), _("Titel"), _("Status"), _("Nodig"), _("Goedgekeurde punten"), _("Ontbreekt"),
        _("Toelichting"), _("Bewijsstukken"), _("Bron"), _("Datum van de bron"),
    ]  # fmt: skip
    rows = []
    for line in data["overview"].lines:
        progress = line.progress
        rows.append(
            [
                line.criterion.number,
                line.criterion.title,
                str(Progress.Status(line.status).label),
                line.needed,
                line.counted,
                line.missing if line.needed is not None else None,
                progress.notes if progress else "",
                "; ".join(e.title for e in line.evidence),
                line.criterion.source,
                line.criterion.source_date,
            ]
        )
    rows.append([])
    rows.append([_("Fairtradepunten"), _("Soort"), _("Adres"), _("Wijk"), _("Website")])
    for p in data["points"]:
        rows.append([p.name, str(data["labels"].get(p.kind, p.kind)), p.address, p.neighbourhood.name, p.website])
    return exports.respond((headers, rows), "xlsx", f"fairtrade-voortgang-{data['year']}")

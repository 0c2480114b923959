"""The coordinators' pages under /beheer/vrijwilligers/.

Coordinators are often not city staff: the StaffMFAMiddleware only sends *city staff* without
MFA to the MFA set-up, so an organisation's coordinator reaches these pages with their normal
login, and every view checks the volunteers rules on the object (their own organisation only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk.accounts.models import Organisation
from genk.core.exports import respond
from genk.core.permissions import can, permission_required, require
from genk.core.refusals import attempt, refusals_to

from . import allowances, certificates, exports, predicates, services, workflow
from .forms import (
    AllowanceForm,
    CancelShiftForm,
    DecisionForm,
    HoursForm,
    MoveShiftForm,
    NoticeForm,
    OpportunityForm,
    ShiftForm,
    ShiftMessageForm,
    WeeklyShiftsForm,
)
from .models import Allowance, Commitment, FlexibleHours, HourEntry, InformationNotice, Opportunity, Shift, SignUp

NOT_COORDINATOR = _("Deze pagina is voor de vrijwilligerscoördinatoren van de organisatie.")


def workbench_allowed(request, *args, **kwargs):
    return request.user


@login_required
@permission_required("volunteers.access_workbench", workbench_allowed, reason=NOT_COORDINATOR)
def index(request):
    org_ids = predicates.coordinated_organisation_ids(request.user)
    organisations = Organisation.objects.filter(pk__in=org_ids)
    opportunities = (
        Opportunity.objects.of_organisations(org_ids).select_related("organisation").order_by("status", "title")
    )
    to_review = []
    if can(request.user, "volunteers.review_opportunity", Opportunity(status=Opportunity.Status.IN_REVIEW)):
        to_review = Opportunity.objects.filter(status=Opportunity.Status.IN_REVIEW).select_related("organisation")
    return render(
        request,
        "volunteers/staff/index.html",
        {
            "organisations": organisations,
            "opportunities": opportunities,
            "to_review": to_review,
            "year": timezone.localdate().year,
        },
    )


def organisation_of(request, slug, **kwargs):
    return get_object_or_404(Organisation, slug=slug)


@login_required
@permission_required("volunteers.add_opportunity", organisation_of, reason=NOT_COORDINATOR)
def opportunity_new(request, slug):
    organisation = organisation_of(request, slug)
    form = OpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        opportunity = form.save(commit=False)
        opportunity.organisation = organisation
        opportunity.created_by = request.user
        opportunity.save()
        messages.success(request, _("De vacature is opgeslagen als ontwerp. Voeg shifts toe en publiceer ze."))
        return redirect("volunteers_staff:opportunity", pk=opportunity.pk)
    return render(request, "volunteers/staff/opportunity_form.html", {"form": form, "organisation": organisation})


def opportunity_of(request, pk, **kwargs):
    """The opportunity of the address, loaded once per request (the permission decorator and
    the view both ask for it)."""
    cached = getattr(request, "_volunteers_opportunity", None)
    if cached is None or cached.pk != pk:
        cached = get_object_or_404(Opportunity.objects.select_related("organisation"), pk=pk)
        request._volunteers_opportunity = cached
    return cached


@login_required
@permission_required("volunteers.change_opportunity", opportunity_of, reason=NOT_COORDINATOR)
def opportunity_edit(request, pk):
    opportunity = opportunity_of(request, pk)
    form = OpportunityForm(request.POST or None, instance=opportunity)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De vacature is bijgewerkt."))
        return redirect("volunteers_staff:opportunity", pk=opportunity.pk)
    return render(
        request,
        "volunteers/staff/opportunity_form.html",
        {"form": form, "organisation": opportunity.organisation, "opportunity": opportunity},
    )


@login_required
@permission_required("volunteers.view_opportunity", opportunity_of, reason=NOT_COORDINATOR)
def opportunity(request, pk):
    opportunity = opportunity_of(request, pk)
    manages = can(request.user, "volunteers.change_opportunity", opportunity)
    if not manages and not can(request.user, "volunteers.review_opportunity", opportunity):
        raise Http404
    shifts = list(opportunity.shifts.with_places().order_by("start"))
    signups = (
        SignUp.objects.filter(shift__opportunity=opportunity)
        .exclude(status=SignUp.Status.CANCELLED)
        .select_related("volunteer", "shift", "hours")
        .order_by("shift__start", "created")
    )
    by_shift = {}
    for signup in signups:
        by_shift.setdefault(signup.shift_id, []).append(signup)
    for shift in shifts:
        shift.opportunity = opportunity
        shift.list = by_shift.get(shift.pk, [])
        for signup in shift.list:
            signup.shift = shift  # the rules ask for the shift's opportunity: no query per sign-up
    return render(
        request,
        "volunteers/staff/opportunity.html",
        {
            "opportunity": opportunity,
            "shifts": shifts,
            "manages": manages,
            "transitions": [
                t for t in workflow.OPPORTUNITY_FLOW.available(opportunity, request.user) if t.name != "submit"
            ],
            "has_notice": InformationNotice.current_for(opportunity.organisation_id) is not None,
            "decision_form": DecisionForm(),
            "hours_form": HoursForm(),
            "commitments": commitments_of(opportunity),
        },
    )


TRANSITIONS = {
    "publish": workflow.publish,
    "approve": workflow.approve,
    "send_back": workflow.send_back,
    "close": workflow.close,
    "reopen": workflow.reopen,
}


@login_required
@require_POST
@refusals_to(lambda request, pk, name: reverse("volunteers_staff:opportunity", args=[pk]))
def opportunity_transition(request, pk, name):
    opportunity = opportunity_of(request, pk)
    if name not in TRANSITIONS:
        raise Http404
    result = TRANSITIONS[name](opportunity, request.user)
    messages.success(
        request,
        _("De vacature is nu: %(status)s.") % {"status": result.get_status_display()},
    )
    return redirect("volunteers_staff:opportunity", pk=pk)


@login_required
@permission_required("volunteers.change_opportunity", opportunity_of, reason=NOT_COORDINATOR)
def shift_add(request, pk):
    opportunity = opportunity_of(request, pk)
    single = ShiftForm(request.POST if request.POST.get("pattern") == "single" else None, prefix="single")
    weekly = WeeklyShiftsForm(request.POST if request.POST.get("pattern") == "weekly" else None, prefix="weekly")
    form = single if request.POST.get("pattern") == "single" else weekly
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if form is single:
            action = lambda: services.add_shift(  # noqa: E731
                opportunity, request.user, start=data["start"], end=data["end"], capacity=data["capacity"]
            )
        else:
            action = lambda: services.add_weekly_shifts(opportunity, request.user, **data)  # noqa: E731
        ok, result = attempt(request, action, form=form)
        if ok:
            count = len(result) if isinstance(result, list) else 1
            messages.success(request, _("%(count)s shift(s) toegevoegd.") % {"count": count})
            return redirect("volunteers_staff:opportunity", pk=pk)
    return render(
        request, "volunteers/staff/shift_form.html", {"opportunity": opportunity, "single": single, "weekly": weekly}
    )


def shift_of(request, pk):
    return get_object_or_404(Shift.objects.select_related("opportunity__organisation"), pk=pk)


@login_required
@permission_required("volunteers.change_shift", shift_of, reason=NOT_COORDINATOR)
@refusals_to(lambda request, pk: reverse("volunteers_staff:opportunity", args=[shift_of(request, pk).opportunity_id]))
def shift_cancel(request, pk):
    shift = shift_of(request, pk)
    form = CancelShiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workflow.cancel_shift(shift, request.user, form.cleaned_data["reason"])
        messages.success(request, _("De shift is geannuleerd; wie ingeschreven was, krijgt een bericht."))
        return redirect("volunteers_staff:opportunity", pk=shift.opportunity_id)
    return render(request, "volunteers/staff/shift_cancel.html", {"shift": shift, "form": form})


def signup_page(pk) -> str:
    signup = get_object_or_404(SignUp.objects.select_related("shift"), pk=pk)
    return reverse("volunteers_staff:opportunity", args=[signup.shift.opportunity_id])


@login_required
@permission_required("volunteers.change_shift", shift_of, reason=NOT_COORDINATOR)
def shift_move(request, pk):
    shift = shift_of(request, pk)
    initial = {"start": timezone.localtime(shift.start), "end": timezone.localtime(shift.end)}
    form = MoveShiftForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, _moved = attempt(
            request,
            lambda: services.move_shift(
                shift, request.user, start=data["start"], end=data["end"], message=data["message"]
            ),
            form=form,
        )
        if ok:
            messages.success(request, _("De shift is verplaatst; wie ingeschreven is, krijgt een bericht."))
            return redirect("volunteers_staff:opportunity", pk=shift.opportunity_id)
    return render(request, "volunteers/staff/shift_move.html", {"shift": shift, "form": form})


@login_required
@permission_required("volunteers.change_shift", shift_of, reason=NOT_COORDINATOR)
def shift_message(request, pk):
    shift = shift_of(request, pk)
    form = ShiftMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.message_shift(shift, request.user, form.cleaned_data["text"])
        messages.success(request, _("Je bericht is verstuurd naar %(count)s vrijwilliger(s).") % {"count": count})
        return redirect("volunteers_staff:opportunity", pk=shift.opportunity_id)
    return render(request, "volunteers/staff/shift_message.html", {"shift": shift, "form": form})


DECISIONS = {
    "accept": lambda s, u, m: workflow.accept(s, u, m),
    "decline": lambda s, u, m: workflow.decline(s, u, m),
    "attend": lambda s, u, m: workflow.mark_attendance(s, u, present=True),
    "no_show": lambda s, u, m: workflow.mark_attendance(s, u, present=False),
    "cancel": lambda s, u, m: workflow.cancel(s, u),
}


@login_required
@require_POST
@refusals_to(lambda request, pk, name: signup_page(pk))
def signup_decide(request, pk, name):
    signup = get_object_or_404(SignUp.objects.select_related("shift__opportunity", "volunteer"), pk=pk)
    if name not in DECISIONS:
        raise Http404
    require(request.user, "volunteers.decide_signup", signup, message=NOT_COORDINATOR)
    form = DecisionForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    result = DECISIONS[name](signup, request.user, message)
    messages.success(
        request,
        _("%(name)s: %(status)s.") % {"name": signup.volunteer.public_name, "status": result.get_status_display()},
    )
    return redirect("volunteers_staff:opportunity", pk=signup.shift.opportunity_id)


@login_required
@require_POST
@refusals_to(lambda request, pk, name: hours_page(pk))
def hours_decide(request, pk, name):
    entry = get_object_or_404(
        HourEntry.objects.select_related("signup__shift__opportunity", "signup__volunteer"), pk=pk
    )
    if name not in ("approve", "reject"):
        raise Http404
    require(request.user, "volunteers.approve_hours", entry, message=NOT_COORDINATOR)
    result = workflow.decide_hours(entry, request.user, approve=name == "approve")
    messages.success(
        request,
        _("Uren van %(name)s: %(status)s.")
        % {"name": entry.signup.volunteer.public_name, "status": result.get_status_display()},
    )
    return redirect("volunteers_staff:opportunity", pk=entry.signup.shift.opportunity_id)


def hours_page(pk) -> str:
    entry = get_object_or_404(HourEntry.objects.select_related("signup__shift"), pk=pk)
    return reverse("volunteers_staff:opportunity", args=[entry.signup.shift.opportunity_id])


@login_required
@permission_required("volunteers.change_notice", organisation_of, reason=NOT_COORDINATOR)
def notice_new(request, slug):
    organisation = organisation_of(request, slug)
    current = InformationNotice.current_for(organisation.pk)
    initial = {f: getattr(current, f) for f in NoticeForm.Meta.fields} if current else None
    form = NoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        notice = services.publish_notice(organisation, request.user, **form.cleaned_data)
        messages.success(
            request,
            _(
                "Versie %(version)s van de organisatienota is gepubliceerd. Vrijwilligers lezen ze voor hun volgende shift."
            )
            % {"version": notice.version},
        )
        return redirect("volunteers_staff:index")
    return render(
        request, "volunteers/staff/notice_form.html", {"form": form, "organisation": organisation, "current": current}
    )


@login_required
@permission_required("volunteers.export_organisation", organisation_of, reason=NOT_COORDINATOR)
def export(request, slug, year, fmt):
    organisation = organisation_of(request, slug)
    return respond(exports.signups_table(organisation, year), fmt, f"vrijwilligers-{organisation.slug}-{year}")


def year_of(request) -> int:
    try:
        year = int(request.GET.get("jaar", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2005 <= year <= 2100 else timezone.localdate().year


@login_required
@permission_required("volunteers.view_allowances", organisation_of, reason=NOT_COORDINATOR)
def allowance_list(request, slug):
    """The organisation's allowances of a year and the form to record one (the caps across all
    organisations are checked on saving, without showing what others paid)."""
    organisation = organisation_of(request, slug)
    year = year_of(request)
    form = AllowanceForm(request.POST or None, request.FILES or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, allowance = attempt(
            request,
            lambda: allowances.record_allowance(organisation, request.user, **data),
            form=form,
        )
        if ok:
            messages.success(
                request,
                _("Vergoeding voor %(name)s op %(day)s opgeslagen.")
                % {"name": allowance.volunteer.public_name, "day": allowance.day.strftime("%d-%m-%Y")},
            )
            return redirect(f"{reverse('volunteers_staff:allowances', args=[slug])}?jaar={allowance.day.year}")
    rows = list(
        Allowance.objects.filter(organisation=organisation, day__year=year)
        .select_related("volunteer")
        .order_by("-day", "pk")
    )
    return render(
        request,
        "volunteers/staff/allowances.html",
        {
            "organisation": organisation,
            "year": year,
            "rows": rows,
            "form": form,
            "caps": allowances.caps_for(year),
            "total": sum((a.amount for a in rows), allowances.ZERO),
        },
    )


@login_required
@permission_required("volunteers.view_allowances", organisation_of, reason=NOT_COORDINATOR)
def allowance_export(request, slug, year, fmt):
    organisation = organisation_of(request, slug)
    return respond(exports.allowances_table(organisation, year), fmt, f"vergoedingen-{organisation.slug}-{year}")


@login_required
@permission_required("volunteers.view_allowances", organisation_of, reason=NOT_COORDINATOR)
def certificate_list(request, slug):
    """The organisation's volunteers with approved hours in a year, each with their certificate."""
    organisation = organisation_of(request, slug)
    year = year_of(request)
    return render(
        request,
        "volunteers/staff/certificates.html",
        {"organisation": organisation, "year": year, "rows": certificates.volunteers_with_hours(organisation.pk, year)},
    )


@login_required
@refusals_to(lambda request, slug, year, user_pk: reverse("volunteers_staff:certificates", args=[slug]))
def certificate(request, slug, year, user_pk):
    from genk.accounts.models import User

    organisation = organisation_of(request, slug)
    volunteer = get_object_or_404(User, pk=user_pk)
    issued = certificates.issue(volunteer, organisation, year, request.user)
    return render(
        request,
        "volunteers/certificate.html",
        {
            "certificate": issued,
            "volunteer": volunteer,
            "check_url": request.build_absolute_uri(issued.get_absolute_url()),
        },
    )


def commitments_of(opportunity) -> list:
    """The commitments to flexible work of an opportunity, each with its hours (two queries)."""
    commitments = list(
        Commitment.objects.filter(opportunity=opportunity)
        .exclude(status=Commitment.Status.CANCELLED)
        .select_related("volunteer")
        .order_by("created", "pk")
    )
    hours = {}
    for entry in FlexibleHours.objects.filter(commitment__in=commitments).order_by("-day", "pk"):
        hours.setdefault(entry.commitment_id, []).append(entry)
    for commitment in commitments:
        commitment.entries = hours.get(commitment.pk, [])
    return commitments


@login_required
@require_POST
@refusals_to(lambda request, pk, name: commitment_page(pk))
def commitment_decide(request, pk, name):
    commitment = get_object_or_404(Commitment.objects.select_related("opportunity", "volunteer"), pk=pk)
    if name not in ("accept", "decline"):
        raise Http404
    require(request.user, "volunteers.decide_commitment", commitment, message=NOT_COORDINATOR)
    result = workflow.decide_commitment(commitment, request.user, accept=name == "accept")
    messages.success(
        request,
        _("%(name)s: %(status)s.") % {"name": commitment.volunteer.public_name, "status": result.get_status_display()},
    )
    return redirect("volunteers_staff:opportunity", pk=commitment.opportunity_id)


def commitment_page(pk) -> str:
    commitment = get_object_or_404(Commitment, pk=pk)
    return reverse("volunteers_staff:opportunity", args=[commitment.opportunity_id])


@login_required
@require_POST
@refusals_to(lambda request, pk, name: commitment_page(get_object_or_404(FlexibleHours, pk=pk).commitment_id))
def flexible_hours_decide(request, pk, name):
    entry = get_object_or_404(
        FlexibleHours.objects.select_related("commitment__opportunity", "commitment__volunteer"), pk=pk
    )
    if name not in ("approve", "reject"):
        raise Http404
    require(request.user, "volunteers.approve_flexible_hours", entry, message=NOT_COORDINATOR)
    result = workflow.decide_flexible_hours(entry, request.user, approve=name == "approve")
    messages.success(
        request,
        _("Uren van %(name)s: %(status)s.")
        % {"name": entry.commitment.volunteer.public_name, "status": result.get_status_display()},
    )
    return redirect("volunteers_staff:opportunity", pk=entry.commitment.opportunity_id)

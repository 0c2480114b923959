"""The coordinator's pages under /beheer/vrijwilligers/taalmaatjes/: unmatched learners and
buddies side by side with matching hints, proposing a pair, the pairs and their meetings to
approve. Coordinators of the organisation running the programme and the volunteer desk."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk.core.permissions import can, require
from genk.core.refusals import NotAllowed, refusals_to
from volunteers.models import Opportunity

from . import services, workflow
from .forms import ManualProposeForm, ProposeForm
from .models import Buddy, Learner, Meeting, Pair

PAGE_SIZE = 20
NOT_COORDINATOR = _("Deze pagina is voor de coördinatoren van dit taalmaatjesprogramma en het vrijwilligerspunt.")


@login_required
def programmes(request):
    items = [
        o
        for o in Opportunity.objects.filter(kind=Opportunity.Kind.DUTCH_PRACTICE)
        .exclude(status=Opportunity.Status.DRAFT)
        .select_related("organisation")
        .order_by("title")
        if can(request.user, "buddies.coordinate", o)
    ]
    if not items and not can(request.user, "volunteers.access_workbench", request.user):
        require(request.user, "buddies.coordinate", None, message=NOT_COORDINATOR)
    return render(request, "buddies/staff/programmes.html", {"programmes": items})


def programme_for(request, pk):
    opportunity = get_object_or_404(
        Opportunity.objects.select_related("organisation"), pk=pk, kind=Opportunity.Kind.DUTCH_PRACTICE
    )
    require(request.user, "buddies.coordinate", opportunity, message=NOT_COORDINATOR)
    return opportunity


@login_required
def matching(request, pk):
    opportunity = programme_for(request, pk)
    learners = Paginator(services.unmatched(Learner, opportunity), PAGE_SIZE).get_page(request.GET.get("leerders"))
    all_buddies = list(services.unmatched(Buddy, opportunity))
    buddies_page = Paginator(all_buddies, PAGE_SIZE).get_page(request.GET.get("maatjes"))
    for learner in learners:
        learner.hints = services.hints(learner, all_buddies)
    pairs = (
        Pair.objects.filter(opportunity=opportunity)
        .open()
        .select_related("learner__user", "buddy__user")
        .annotate(
            to_approve=Count("meetings", filter=Q(meetings__status=Meeting.Status.LOGGED)),
            approved_minutes=Sum("meetings__minutes", filter=Q(meetings__status=Meeting.Status.APPROVED)),
        )
        .order_by("-created")
    )
    pairs = Paginator(pairs, PAGE_SIZE).get_page(request.GET.get("koppels"))
    meetings = list(
        Meeting.objects.filter(pair__opportunity=opportunity, status=Meeting.Status.LOGGED)
        .select_related("pair__learner__user", "pair__buddy__user")
        .order_by("date", "pk")[:50]
    )
    return render(
        request,
        "buddies/staff/matching.html",
        {
            "opportunity": opportunity,
            "learners": learners,
            "buddies": buddies_page,
            "buddy_count": len(all_buddies),
            "pairs": pairs,
            "meetings": meetings,
            "manual_form": ManualProposeForm(),
            "accepted_not_registered": services.accepted_not_registered(opportunity),
        },
    )


def back_to_matching(request, pk):
    return reverse("buddies_staff:matching", args=[pk])


@require_POST
@login_required
@refusals_to(back_to_matching)
def propose(request, pk):
    opportunity = programme_for(request, pk)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een leerder en een taalmaatje."))
        return redirect(back_to_matching(request, pk))
    learner = Learner.objects.select_related("user").filter(pk=form.cleaned_data["learner"], opportunity=opportunity)
    buddy = Buddy.objects.select_related("user").filter(pk=form.cleaned_data["buddy"], opportunity=opportunity)
    learner, buddy = learner.first(), buddy.first()
    if learner is None or buddy is None:
        raise NotAllowed(
            _("Geen leerder of taalmaatje met dat nummer in dit programma. Kijk de nummers op de kaartjes na.")
        )
    pair = workflow.propose(learner, buddy, request.user)
    messages.success(
        request,
        _("Voorgesteld: %(learner)s en %(buddy)s krijgen een bericht om te aanvaarden.")
        % {"learner": learner.user.public_name, "buddy": buddy.user.public_name},
    )
    return redirect(pair.get_absolute_url())


def back_to_meeting_programme(request, pk, decision):
    meeting = Meeting.objects.filter(pk=pk).select_related("pair").first()
    return back_to_matching(request, meeting.pair.opportunity_id) if meeting else reverse("buddies_staff:programmes")


@require_POST
@login_required
@refusals_to(back_to_meeting_programme)
def decide_meeting(request, pk, decision):
    meeting = get_object_or_404(Meeting.objects.select_related("pair__opportunity"), pk=pk)
    require(request.user, "buddies.approve_meeting", meeting, message=NOT_COORDINATOR)
    workflow.decide_meeting(meeting, request.user, approve=decision == "goedkeuren")
    messages.success(request, _("Goedgekeurd.") if decision == "goedkeuren" else _("Afgekeurd."))
    return redirect(request.POST.get("next") or back_to_matching(request, meeting.pair.opportunity_id))

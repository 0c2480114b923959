"""The pages of language buddies under /vrijwilligers/taalmaatjes/: the programmes, registering
as a learner or a buddy, and the pair's page (accept, decline, log meetings, stop)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk.accounts.models import Organisation
from genk.core import pagecache
from genk.core.permissions import can, require
from genk.core.refusals import NotAllowed, attempt, refusals_to
from volunteers.models import Opportunity

from . import services, workflow
from .forms import BuddyForm, LearnerForm, MeetingForm, ReasonForm
from .models import Buddy, Learner, Pair


def programmes():
    return Opportunity.objects.published().filter(kind=Opportunity.Kind.DUTCH_PRACTICE).select_related("organisation")


@pagecache.public_page("buddies", "index", tables=[Opportunity, Organisation])
def index(request):
    mine = {}
    pairs = []
    if request.user.is_authenticated:
        mine = {
            "learner": {x.opportunity_id: x for x in Learner.objects.filter(user=request.user, withdrawn_at=None)},
            "buddy": {x.opportunity_id: x for x in Buddy.objects.filter(user=request.user, withdrawn_at=None)},
        }
        pairs = list(
            Pair.objects.for_user(request.user)
            .select_related("opportunity", "learner__user", "buddy__user")
            .order_by("-created")
        )
    items = list(programmes().order_by("title"))
    for item in items:
        item.as_learner = mine.get("learner", {}).get(item.pk)
        item.as_buddy = mine.get("buddy", {}).get(item.pk)
        item.coordinates = can(request.user, "buddies.coordinate", item)
    return render(request, "buddies/index.html", {"programmes": items, "pairs": pairs})


def register_view(request, pk, model, form_class, template_title):
    opportunity = get_object_or_404(Opportunity, pk=pk, kind=Opportunity.Kind.DUTCH_PRACTICE)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    require(
        request.user,
        "buddies.register",
        opportunity,
        message=_("Dit programma neemt nu geen inschrijvingen aan. Kijk bij de andere oefenkansen."),
    )
    existing = model.objects.filter(opportunity=opportunity, user=request.user).first()
    form = form_class(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.register(model, opportunity, request.user, data)
        messages.success(request, _("Je bent ingeschreven. De coördinator zoekt een koppel en laat van zich horen."))
        return redirect("buddies:index")
    return render(request, "buddies/register.html", {"form": form, "opportunity": opportunity, "title": template_title})


def register_learner(request, pk):
    return register_view(request, pk, Learner, LearnerForm, _("Ik wil Nederlands oefenen"))


def register_buddy(request, pk):
    return register_view(request, pk, Buddy, BuddyForm, _("Ik word taalmaatje"))


@require_POST
@login_required
@refusals_to("buddies:index")
def withdraw(request, pk):
    """Withdraw one's own registrations (learner and buddy) for a programme; an open pair is
    declined or stopped first, with its own reason."""
    found = [
        *Learner.objects.filter(opportunity_id=pk, user=request.user, withdrawn_at=None),
        *Buddy.objects.filter(opportunity_id=pk, user=request.user, withdrawn_at=None),
    ]
    if not found:
        raise Http404
    for registration in found:
        require(request.user, "buddies.withdraw_registration", registration)
        if Pair.objects.open().filter(**{registration._meta.model_name: registration}).exists():
            raise NotAllowed(_("Je hebt nog een koppel. Weiger het voorstel of stop het koppel eerst, met een reden."))
    for registration in found:
        services.withdraw(registration)
    messages.success(request, _("Je bent uitgeschreven. Je gegevens zijn niet meer zichtbaar voor de coördinator."))
    return redirect("buddies:index")


def pair_for(request, pk):
    pair = get_object_or_404(
        Pair.objects.select_related(
            "opportunity__organisation",
            "learner__user",
            "learner__neighbourhood",
            "buddy__user",
            "buddy__neighbourhood",
        ),
        pk=pk,
    )
    if not can(request.user, "buddies.view_pair", pair):
        raise Http404
    return pair


@login_required
def pair_detail(request, pk):
    pair = pair_for(request, pk)
    user = request.user
    return render(
        request,
        "buddies/pair.html",
        {
            "pair": pair,
            "meetings": list(pair.meetings.all()),
            "is_learner": pair.learner.user_id == user.pk,
            "is_buddy": pair.buddy.user_id == user.pk,
            "show_learner": can(user, "buddies.view_learner", pair.learner),
            "can_accept": workflow.PAIR_FLOW.allowed("accept_learner", pair, user)
            or workflow.PAIR_FLOW.allowed("accept_buddy", pair, user),
            "can_decline": workflow.PAIR_FLOW.allowed("decline", pair, user),
            "can_end": workflow.PAIR_FLOW.allowed("end", pair, user),
            "can_log": pair.status == Pair.Status.ACTIVE and can(user, "buddies.log_meeting", pair),
            "coordinates": can(user, "buddies.coordinate", pair),
            "reason_form": ReasonForm(),
            "meeting_form": MeetingForm(),
        },
    )


def back_to_pair(request, pk):
    return reverse("buddies:pair", args=[pk])


@require_POST
@login_required
@refusals_to(back_to_pair)
def pair_action(request, pk, action):
    pair = pair_for(request, pk)
    if action == "accept":
        workflow.accept(pair, request.user)
        if pair.status == Pair.Status.ACTIVE:
            messages.success(request, _("Jullie zijn taalmaatjes. Veel plezier!"))
        else:
            messages.success(request, _("Aanvaard. We wachten nog op de andere persoon."))
        return redirect(pair.get_absolute_url())
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een reden."))
        return redirect(pair.get_absolute_url())
    if action == "decline":
        workflow.decline(pair, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Je hebt het voorstel geweigerd. De coördinator is op de hoogte."))
    elif action == "end":
        workflow.end(pair, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Het koppel is gestopt."))
    else:
        raise Http404
    return redirect(pair.get_absolute_url())


@require_POST
@login_required
@refusals_to(back_to_pair)
def log_meeting(request, pk):
    pair = pair_for(request, pk)
    if not can(request.user, "buddies.log_meeting", pair):
        raise PermissionDenied(_("Enkel de taalmaatjes van dit koppel noteren ontmoetingen."))
    form = MeetingForm(request.POST)
    if form.is_valid():
        ok, _meeting = attempt(
            request,
            lambda: workflow.log_meeting(pair, request.user, **form.cleaned_data),
            form=form,
            field="date",
        )
        if ok:
            messages.success(request, _("Ontmoeting genoteerd. De coördinator keurt de uren goed."))
            return redirect(pair.get_absolute_url())
    return render(
        request,
        "buddies/pair.html",
        {
            "pair": pair,
            "meetings": list(pair.meetings.all()),
            "is_learner": pair.learner.user_id == request.user.pk,
            "is_buddy": pair.buddy.user_id == request.user.pk,
            "show_learner": can(request.user, "buddies.view_learner", pair.learner),
            "can_log": True,
            "can_end": workflow.PAIR_FLOW.allowed("end", pair, request.user),
            "reason_form": ReasonForm(),
            "meeting_form": form,
        },
        status=400,
    )

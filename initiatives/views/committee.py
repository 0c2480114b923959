"""The committee: inviting co-initiators, accepting an invitation, removing a co-initiator or
leaving, handing the lead over."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from genk.core.permissions import can, require
from genk.core.refusals import AlreadyDone, NotAllowed, attempt, refusal_message

from .. import services
from ..forms import (
    InviteForm,
    RemoveInitiatorForm,
    TransferLeadForm,
)
from ..models import Initiative, Initiator, Invitation
from .common import STEP_BY_SLUG, STEPS, initiative_or_404, visible_or_404


def committee_context(request, initiative, form=None) -> dict:
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
    initiative = initiative_or_404(pk)
    visible_or_404(request, initiative)
    require(
        request.user,
        "initiatives.invite_initiator",
        initiative,
        message=_("Je kunt voor dit initiatief niemand uitnodigen."),
    )
    form = InviteForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.invite(initiative, request.user, form.cleaned_data["email"])
        except AlreadyDone as error:
            refusal_message(request, error)
            return redirect(_committee_url(initiative))
        except NotAllowed as error:  # e.g. too many invitations: shown beside the typed address
            form.add_error("email", str(error))
        else:
            messages.success(
                request, _("We hebben een uitnodiging gestuurd naar %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect(_committee_url(initiative))
    step = STEP_BY_SLUG["initiatiefnemers"]
    context = {"initiative": initiative, "steps": STEPS, "step": step, **committee_context(request, initiative, form)}
    return render(request, "initiatives/write_committee.html", context)


def _committee_url(initiative) -> str:
    if initiative.is_editable:
        return reverse("initiatives:edit", kwargs={"pk": initiative.pk, "step": "initiatiefnemers"})
    return reverse("initiatives:committee", kwargs={"pk": initiative.pk})


@login_required
def committee(request, pk):
    """The committee of an initiative past the writing stage (still open to new members)."""
    initiative = initiative_or_404(pk)
    visible_or_404(request, initiative)
    require(
        request.user,
        "initiatives.invite_initiator",
        initiative,
        message=_("Je kunt voor dit initiatief niemand uitnodigen."),
    )
    context = {"initiative": initiative, "steps": None, "step": STEP_BY_SLUG["initiatiefnemers"]}
    return render(request, "initiatives/write_committee.html", {**context, **committee_context(request, initiative)})


def _team_place(request, pk, initiator_pk) -> tuple[Initiative, Initiator | None]:
    """The initiative (if the user may see it) and a place in its team (None: gone)."""
    initiative = initiative_or_404(pk)
    visible_or_404(request, initiative)
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
    initiative = initiative_or_404(pk)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, initiative=initiative)
    visible_or_404(request, initiative)
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

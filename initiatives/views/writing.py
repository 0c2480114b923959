"""Writing an initiative in steps, submitting and withdrawing it, and the resident's own list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from genk.core.permissions import require
from genk.core.refusals import attempt

from .. import services, workflow
from ..forms import (
    IdeaForm,
    ImageForm,
    WithdrawForm,
)
from ..models import Initiative, Invitation, Support
from .committee import committee_context
from .common import STEP_BY_SLUG, STEPS, initiative_or_404, visible_or_404

# Writing in steps.


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        initiative = services.create_initiative(request.user, **form.cleaned_data)
        messages.success(request, _("Je kladversie is bewaard. Alleen jij en je mede-initiatiefnemers zien ze."))
        return redirect("initiatives:edit", pk=initiative.pk, step=STEPS[1].slug)
    return render(
        request, "initiatives/write.html", {"form": form, "steps": STEPS, "step": STEPS[0], "initiative": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk, step):
    initiative = initiative_or_404(pk)
    current = STEP_BY_SLUG.get(step)
    if current is None:
        raise Http404
    visible_or_404(request, initiative)
    require(
        request.user,
        "initiatives.change_initiative",
        initiative,
        message=_("Je kunt dit initiatief niet (meer) aanpassen."),
    )
    context = {"initiative": initiative, "steps": STEPS, "step": current}
    index = STEPS.index(current)
    if current.slug == "initiatiefnemers":
        return render(
            request, "initiatives/write_committee.html", {**context, **committee_context(request, initiative)}
        )
    if current.slug == "nakijken":
        context["missing"] = initiative.missing_for_submission()
        context["themes"] = list(initiative.themes.all())
        context["sdgs"] = list(initiative.sdgs.all())
        return render(request, "initiatives/write_preview.html", context)
    extra = {"uploader": request.user} if current.form_class is ImageForm else {}
    form = current.form_class(request.POST or None, request.FILES or None, instance=initiative, **extra)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Je kladversie is bewaard."))
        if "verder" in request.POST:
            return redirect("initiatives:edit", pk=initiative.pk, step=STEPS[index + 1].slug)
        return redirect("initiatives:edit", pk=initiative.pk, step=current.slug)
    return render(request, "initiatives/write.html", {**context, "form": form})


@login_required
@require_POST
def submit(request, pk):
    initiative = initiative_or_404(pk)
    visible_or_404(request, initiative)
    submitted, _result = attempt(request, lambda: workflow.submit(initiative, request.user))
    if not submitted:
        return redirect("initiatives:edit", pk=initiative.pk, step="nakijken")
    messages.success(request, _("Je initiatief is ingediend. Je krijgt bericht zodra een moderator het heeft bekeken."))
    return redirect("initiatives:mine")


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    initiative = initiative_or_404(pk)
    visible_or_404(request, initiative)
    require(
        request.user,
        "initiatives.withdraw_initiative",
        initiative,
        message=_("Alleen wie het initiatief startte, kan het intrekken."),
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        withdrawn, _result = attempt(
            request, lambda: workflow.withdraw(initiative, request.user, reason=form.cleaned_data["reason"])
        )
        if withdrawn:
            messages.success(request, _("Je initiatief is ingetrokken."))
        return redirect("initiatives:mine")
    return render(request, "initiatives/withdraw.html", {"initiative": initiative, "form": form})


@login_required
def mine(request):
    from allauth.account.models import EmailAddress

    initiatives = (
        Initiative.objects.of_initiator(request.user).select_related("neighbourhood").order_by("-modified").distinct()
    )
    emails = EmailAddress.objects.filter(user=request.user, verified=True).values_list("email", flat=True)
    invitations = (
        Invitation.objects.pending()
        .filter(email__in=[e.lower() for e in emails])
        .exclude(initiative__initiators__user=request.user)
        .select_related("initiative", "invited_by")
    )
    supported = (
        Support.objects.filter(user=request.user, initiative__in=Initiative.objects.public())
        .select_related("initiative__neighbourhood")
        .order_by("-created")[:50]
    )
    return render(
        request,
        "initiatives/mine.html",
        {"initiatives": initiatives, "invitations": invitations, "supported": supported},
    )

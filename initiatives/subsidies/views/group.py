"""A group of residents applying together: inviting co-applicants and accepting an invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from genk.core.permissions import can, require
from genk.core.refusals import AlreadyDone, NotAllowed, attempt

from .. import services
from ..forms import (
    AcceptInvitationForm,
    InviteCoApplicantForm,
)
from ..models import CoApplicant
from .common import STEP_GROUP, file_context, file_or_404
from .documents import posted_pk


@login_required
@require_http_methods(["GET", "POST"])
def co_applicants(request, reference):
    file = file_or_404(request, reference)
    may_invite = can(request.user, "subsidies.invite_coapplicant", file)
    form = InviteCoApplicantForm(request.POST or None, file=file, user=request.user)
    if request.method == "POST":
        require(
            request.user,
            "subsidies.invite_coapplicant",
            file,
            message=_("Alleen de hoofdaanvrager kan mede-aanvragers uitnodigen."),
        )
        if "intrekken" in request.POST:
            invitation = get_object_or_404(
                CoApplicant, pk=posted_pk(request, "intrekken"), file=file, accepted_at__isnull=True
            )
            services.remove_co_applicant(invitation, request.user)
            messages.success(request, _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": invitation.email})
            return redirect("subsidies:co_applicants", reference=file.reference)
        if form.is_valid():
            invited, _co = attempt(
                request,
                lambda: services.invite_co_applicant(
                    file, request.user, email=form.cleaned_data["email"], name=form.cleaned_data["name"]
                ),
                form=form,
                field="email",
            )
            if invited:
                messages.success(
                    request,
                    _("We hebben een uitnodiging gestuurd naar %(email)s.") % {"email": form.cleaned_data["email"]},
                )
                return redirect("subsidies:co_applicants", reference=file.reference)
    members = list(file.co_applicants.select_related("user").order_by("invited_at", "pk"))
    return render(
        request,
        "subsidies/file_co_applicants.html",
        file_context(
            file,
            STEP_GROUP,
            form=form if may_invite else None,
            accepted=[c for c in members if c.accepted_at],
            pending=[c for c in members if not c.accepted_at],
            group_size=file.group_size(),
            missing=services.submission_problems(file) if file.is_draft else [],
            addresses=len(file.distinct_addresses()),
        ),
    )


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = (
        CoApplicant.objects.select_related("file__scheme", "file__applicant", "file__organisation")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise Http404(_("Deze uitnodiging bestaat niet (meer)."))
    file = invitation.file
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            try:
                services.accept_invitation(token, request.user, address=form.cleaned_data["address"])
            except (NotAllowed, AlreadyDone) as error:  # both shown as errors on the invitation page
                messages.error(request, str(error))
                return redirect("subsidies:accept_invitation", token=token)
            messages.success(request, _("Je bent nu mede-aanvrager van ‘%(title)s’.") % {"title": file.title})
            return redirect(file)
    return render(
        request,
        "subsidies/file_invitation.html",
        {
            "invitation": invitation,
            "file": file,
            "scheme": file.scheme,
            "form": form,
            "pending": services.pending_invitation(token) is not None,
        },
    )

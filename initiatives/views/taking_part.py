"""Taking part: supporting, following, comments (and reporting them) and updates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from genk.core.permissions import can, require
from genk.core.refusals import AlreadyDone, NotAllowed, attempt

from .. import services
from ..forms import (
    CommentForm,
    ReportForm,
    UpdateForm,
)
from ..models import Comment
from .common import initiative_or_404, visible_or_404

# Taking part.


@require_POST
def support(request, pk):
    initiative = initiative_or_404(pk)
    visible_or_404(request, initiative)
    if not request.user.is_authenticated:
        return redirect_to_login(initiative.get_absolute_url())
    supported, _result = attempt(request, lambda: services.support(initiative, request.user))
    if supported:
        messages.success(request, _("Bedankt voor je steun! Je volgt dit initiatief nu ook."))
    return redirect(initiative.get_absolute_url() + "#steun")


@login_required
@require_POST
def withdraw_support(request, pk):
    initiative = initiative_or_404(pk)
    visible_or_404(request, initiative)
    try:
        services.withdraw_support(initiative, request.user)
    except (NotAllowed, AlreadyDone) as error:  # both shown as errors here
        messages.error(request, str(error))
    else:
        messages.success(request, _("Je steun is ingetrokken."))
    return redirect(initiative.get_absolute_url() + "#steun")


@require_POST
def follow(request, pk):
    initiative = initiative_or_404(pk)
    visible_or_404(request, initiative)
    if not request.user.is_authenticated:
        return redirect_to_login(initiative.get_absolute_url())
    require(request.user, "initiatives.follow_initiative", initiative, message=_("Dit initiatief kun je niet volgen."))
    if request.POST.get("volgen") == "nee":
        services.unfollow(initiative, request.user)
        messages.success(request, _("Je volgt dit initiatief niet meer."))
    else:
        services.follow(initiative, request.user)
        messages.success(request, _("Je volgt dit initiatief. Nieuws krijg je volgens je meldingsvoorkeuren."))
    return redirect(initiative.get_absolute_url() + "#volgen")


@require_http_methods(["GET", "POST"])
def comment(request, pk):
    initiative = initiative_or_404(pk)
    visible_or_404(request, initiative)
    if not request.user.is_authenticated:
        return redirect_to_login(initiative.get_absolute_url())
    require(
        request.user,
        "initiatives.comment_initiative",
        initiative,
        message=_(
            "Je kunt hier (nu) niet reageren. Reageren kan op gepubliceerde initiatieven, met een bevestigd e-mailadres."
        ),
    )
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        added, new = attempt(
            request, lambda: services.add_comment(initiative, request.user, form.cleaned_data["body"]), form=form
        )
        if added:
            messages.success(request, _("Je reactie staat online."))
            return redirect(initiative.get_absolute_url() + f"#reactie-{new.pk}")
    return render(request, "initiatives/comment_form.html", {"initiative": initiative, "form": form})


@require_http_methods(["GET", "POST"])
def report_comment(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("initiative", "author"), pk=pk)
    initiative = comment.initiative
    if not can(request.user, "initiatives.report_comment", comment):
        raise Http404(_("Deze reactie kan niet gemeld worden."))
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_comment(comment, request.user, form.cleaned_data["reason"])
        except (NotAllowed, AlreadyDone) as error:  # both shown as information here
            messages.info(request, str(error))
        else:
            messages.success(request, _("Bedankt. Een moderator bekijkt de reactie."))
        return redirect(initiative.get_absolute_url() + f"#reactie-{comment.pk}")
    return render(
        request, "initiatives/report_comment.html", {"comment": comment, "initiative": initiative, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_update(request, pk):
    initiative = initiative_or_404(pk)
    visible_or_404(request, initiative)
    require(
        request.user,
        "initiatives.post_update",
        initiative,
        message=_("Alleen de initiatiefnemers en de stad plaatsen hier nieuws."),
    )
    form = UpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        update = services.post_update(initiative, request.user, **form.cleaned_data)
        messages.success(request, _("Je nieuwsbericht staat online; wie het initiatief volgt, krijgt bericht."))
        return redirect(initiative.get_absolute_url() + f"#nieuws-{update.pk}")
    return render(request, "initiatives/update_form.html", {"initiative": initiative, "form": form})

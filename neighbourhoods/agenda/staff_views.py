"""/beheer/agenda/: the review queue of organisations' first activities."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.core.permissions import permission_required, staff_required
from genk.core.refusals import attempt

from . import workflow
from .forms import SendBackForm
from .models import Activity

NOT_REVIEWER = gettext_lazy("Activiteiten nakijken doet de dienst Participatie.")


@staff_required
@permission_required("agenda.review_activity", reason=NOT_REVIEWER)
def queue(request):
    activities = Activity.objects.in_review().for_list().order_by("starts_at")
    return render(request, "agenda/staff/queue.html", {"activities": activities})


def _in_review(pk):
    return get_object_or_404(Activity.objects.for_list(), pk=pk)


@staff_required
@permission_required("agenda.review_activity", lambda request, pk: _in_review(pk), reason=NOT_REVIEWER)
def review(request, pk):
    activity = _in_review(pk)
    form = SendBackForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("decision") == "approve":
            ok, _result = attempt(request, lambda: workflow.approve(activity, request.user))
            if ok:
                messages.success(request, _("De activiteit staat in de agenda; de organisator krijgt een bericht."))
                return redirect("agenda_staff:queue")
        elif form.is_valid():
            ok, _result = attempt(
                request, lambda: workflow.send_back(activity, request.user, form.cleaned_data["message"]), form=form
            )
            if ok:
                messages.success(request, _("De activiteit is teruggestuurd naar de organisator."))
                return redirect("agenda_staff:queue")
    return render(request, "agenda/staff/review.html", {"activity": activity, "form": form})

"""Staff pages: the overview, a council and its settings, members and applications to join."""

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

from .. import services, workflow
from ..forms import (
    ApplicationDecisionForm,
    CouncilSettingsForm,
    EndMembershipForm,
    MemberForm,
    MembershipForm,
)
from ..models import (
    Advice,
    AdviceRequest,
    Council,
    CouncilMembership,
    Meeting,
    MembershipApplication,
)
from ..predicates import council_roles
from .common import NOT_MANAGER, manages, render_form

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
        messages.success(request, _("De instellingen van de raad zijn bewaard."))
        return redirect("councils_staff:council", slug=council.slug)
    return render_form(
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
            messages.success(
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
            messages.success(
                request, _("Het mandaat van %(name)s is bijgewerkt.") % {"name": membership.user.public_name}
            )
            return redirect("councils_staff:members", slug=membership.council.slug)
    return render_form(
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
            messages.success(
                request,
                _("Het mandaat van %(name)s loopt af op %(end)s.")
                % {"name": membership.user.public_name, "end": day_label(form.cleaned_data["end"])},
            )
            return redirect("councils_staff:members", slug=membership.council.slug)
    return render_form(
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
            messages.success(request, _("%(name)s is nu lid van de raad.") % {"name": application.user.public_name})
    else:
        done, _result = attempt(
            request, lambda: workflow.decline_application(application, request.user, data["response"])
        )
        if done:
            messages.success(
                request, _("De kandidatuur van %(name)s is niet aanvaard.") % {"name": application.user.public_name}
            )
    return redirect("councils_staff:applications", slug=application.council.slug)

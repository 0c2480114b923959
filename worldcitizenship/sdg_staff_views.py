"""The world-citizenship officer's tools: local SDG indicators (/beheer/wereldburgerschap/sdg/)
and the international-solidarity directory (/beheer/wereldburgerschap/organisaties/), where an
organisation's representative also edits its own profile. Every view checks a rule of
`sdg_rules`; every change is in the audit log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from genk.core import audit
from genk.core.permissions import can, permission_required

from . import sdg_indicators
from .sdg_forms import IndicatorForm, NewProfileForm, ProfileForm
from .sdg_models import IndicatorValue, LocalIndicator, SolidarityProfile
from .sdg_rules import represented_organisation_ids

NOT_OFFICER = gettext_lazy(
    "Deze pagina is voor de dienst wereldburgerschap. Wil je een indicator laten toevoegen of aanpassen? "
    "Mail de dienst wereldburgerschap."
)
NOT_REPRESENTATIVE = gettext_lazy(
    "Alleen de vertegenwoordigers van de organisatie en de dienst wereldburgerschap passen dit profiel aan. "
    "Vraag je organisatie om je als vertegenwoordiger toe te voegen."
)
INDICATOR_FIELDS = ["goal", "name", "unit", "source", "target_value", "target_year", "figure_key", "chart"]
PROFILE_FIELDS = ["description", "countries", "projects", "is_listed"]


def the_user(request, *args, **kwargs):
    return request.user


def indicator_of(request, pk, **kwargs):
    return request.user  # the rule is about the officer, not the indicator


def profile_of(request, slug, **kwargs):
    return get_object_or_404(SolidarityProfile.objects.select_related("organisation"), organisation__slug=slug)


# Indicators.


@login_required
@permission_required("worldcitizenship.manage_indicators", the_user, reason=NOT_OFFICER)
def indicators(request):
    rows = LocalIndicator.objects.select_related("goal").prefetch_related("values")
    return render(request, "worldcitizenship/staff/indicators.html", {"indicators": rows})


def _save_indicator(request, form, action):
    before = audit.snapshot(form.instance, INDICATOR_FIELDS) if form.instance.pk else {}
    with transaction.atomic():
        indicator = form.save()
        if indicator.figure_key:
            IndicatorValue.objects.filter(indicator=indicator, computed=False).delete()
        else:
            values = form.cleaned_data["values_text"]
            indicator.values.exclude(year__in=values.keys()).delete()
            for year, value in values.items():
                IndicatorValue.objects.update_or_create(
                    indicator=indicator, year=year, defaults={"value": value, "computed": False}
                )
        after = audit.snapshot(indicator, INDICATOR_FIELDS)
        after["values"] = {str(v.year): str(v.value) for v in indicator.values.all()}
        audit.record(request.user, action, indicator, before=before, after=after)
    if indicator.figure_key:
        sdg_indicators.refresh(indicator)
    return indicator


@login_required
@permission_required("worldcitizenship.manage_indicators", the_user, reason=NOT_OFFICER)
def indicator_new(request):
    form = IndicatorForm(request.POST or None, initial={"goal": request.GET.get("sdg")})
    if request.method == "POST" and form.is_valid():
        indicator = _save_indicator(request, form, "worldcitizenship.indicator_created")
        messages.success(request, _("De indicator “%(name)s” is bewaard.") % {"name": indicator.name})
        return redirect("worldcitizenship_staff:indicators")
    return render(request, "worldcitizenship/staff/indicator_form.html", {"form": form, "indicator": None})


@login_required
@permission_required("worldcitizenship.manage_indicators", indicator_of, reason=NOT_OFFICER)
def indicator_edit(request, pk):
    indicator = get_object_or_404(LocalIndicator, pk=pk)
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        _save_indicator(request, form, "worldcitizenship.indicator_changed")
        messages.success(request, _("De indicator “%(name)s” is bewaard.") % {"name": indicator.name})
        return redirect("worldcitizenship_staff:indicators")
    return render(request, "worldcitizenship/staff/indicator_form.html", {"form": form, "indicator": indicator})


@login_required
@require_POST
@permission_required("worldcitizenship.manage_indicators", indicator_of, reason=NOT_OFFICER)
def indicator_delete(request, pk):
    indicator = get_object_or_404(LocalIndicator, pk=pk)
    with transaction.atomic():
        audit.record(
            request.user,
            "worldcitizenship.indicator_deleted",
            indicator,
            before=audit.snapshot(indicator, INDICATOR_FIELDS),
        )
        indicator.delete()
    messages.success(request, _("De indicator is verwijderd."))
    return redirect("worldcitizenship_staff:indicators")


@login_required
@require_POST
@permission_required("worldcitizenship.manage_indicators", indicator_of, reason=NOT_OFFICER)
def indicator_refresh(request, pk):
    indicator = get_object_or_404(LocalIndicator, pk=pk)
    stored = sdg_indicators.refresh(indicator)
    messages.success(request, _("%(count)s jaarwaarden herberekend.") % {"count": stored})
    return redirect("worldcitizenship_staff:indicators")


# The international-solidarity directory.


@login_required
def profiles(request):
    """The officer sees every profile; a representative the profiles of their organisations."""
    officer = can(request.user, "worldcitizenship.manage_solidarity", request.user)
    rows = SolidarityProfile.objects.select_related("organisation")
    if not officer:
        rows = rows.filter(organisation_id__in=represented_organisation_ids(request.user))
        if not rows:
            raise PermissionDenied(NOT_REPRESENTATIVE)
    return render(request, "worldcitizenship/staff/profiles.html", {"profiles": rows, "officer": officer})


@login_required
@permission_required("worldcitizenship.manage_solidarity", the_user, reason=NOT_OFFICER)
def profile_new(request):
    form = NewProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            profile = form.save(commit=False)
            profile.updated_by = request.user
            profile.save()
            form.save_m2m()
            audit.record(
                request.user,
                "worldcitizenship.profile_created",
                profile,
                after=audit.snapshot(profile, PROFILE_FIELDS),
            )
        messages.success(request, _("%(name)s staat in de gids.") % {"name": profile.organisation.name})
        return redirect("worldcitizenship_solidarity_staff:profiles")
    return render(request, "worldcitizenship/staff/profile_form.html", {"form": form, "profile": None})


@login_required
@permission_required("worldcitizenship.change_solidarity_profile", profile_of, reason=NOT_REPRESENTATIVE)
def profile_edit(request, slug):
    profile = profile_of(request, slug)
    officer = can(request.user, "worldcitizenship.list_solidarity_profile", profile)
    form = ProfileForm(request.POST or None, instance=profile, officer=officer)
    if request.method == "POST" and form.is_valid():
        before = audit.snapshot(profile, PROFILE_FIELDS)
        with transaction.atomic():
            profile = form.save(commit=False)
            profile.updated_by = request.user
            profile.save()
            form.save_m2m()
            audit.record(
                request.user,
                "worldcitizenship.profile_changed",
                profile,
                before=before,
                after=audit.snapshot(profile, PROFILE_FIELDS),
            )
        messages.success(request, _("Het profiel is bewaard."))
        return redirect(profile.get_absolute_url())
    return render(request, "worldcitizenship/staff/profile_form.html", {"form": form, "profile": profile})

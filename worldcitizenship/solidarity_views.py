"""The directory of Genk's international-solidarity (North–South) organisations and their pages,
with the city's grants to them (from the `solidarity` registry). Public: only listed profiles,
except for the organisation's representatives and the officer, who also see an unlisted one.

Visitors get a kept copy (`caching.registry_page`) under the versions of the profiles, their
organisations and goals, and every table the grant sources read (`solidarity.tables()`)."""

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from genk.accounts.models import Organisation
from genk.core.permissions import can

from . import countries, solidarity
from .caching import registry_page
from .models import Goal
from .sdg_models import SolidarityProfile

PAGE_SIZE = 20
PROFILE_TABLES = [SolidarityProfile, SolidarityProfile.sdgs.through, Organisation, Goal]


def _profiles():
    return SolidarityProfile.objects.select_related("organisation").prefetch_related(
        Prefetch("sdgs", queryset=Goal.objects.order_by("number"))
    )


@registry_page(
    "worldcitizenship",
    "organisations",
    tables=PROFILE_TABLES,
    registry=solidarity.tables,
    params={"land", "sdg", "pagina"},
)
def directory(request):
    profiles = _profiles().filter(is_listed=True).order_by("organisation__name")
    country = request.GET.get("land", "")
    if country and country in dict(countries.choices()):
        profiles = (
            profiles.filter(countries__contains=[country])
            if _has_json_contains()
            else profiles.filter(countries__icontains=f'"{country}"')
        )
    else:
        country = ""
    goal = request.GET.get("sdg", "")
    if goal.isdigit() and 1 <= int(goal) <= 17:
        profiles = profiles.filter(sdgs__number=int(goal))
    else:
        goal = ""
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("pagina"))
    grants = solidarity.grants(limit=20)
    per_year = defaultdict(lambda: {"count": 0, "amount": 0})
    for g in grants:
        per_year[g.year]["count"] += 1
        per_year[g.year]["amount"] += g.amount
    listed_countries = sorted(
        {
            code
            for codes in SolidarityProfile.objects.filter(is_listed=True).values_list("countries", flat=True)
            for code in codes
        }
    )
    return render(
        request,
        "worldcitizenship/organisations.html",
        {
            "page": page,
            "profiles": list(page.object_list),
            "country": country,
            "goal": goal,
            "country_choices": [(c, countries.name(c)) for c in listed_countries],
            "goals": Goal.objects.all(),
            "grants": grants,
            "can_manage": can(request.user, "worldcitizenship.manage_solidarity", request.user),
        },
    )


def _has_json_contains() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


@registry_page("worldcitizenship", "organisation", tables=PROFILE_TABLES, registry=solidarity.tables)
def organisation(request, slug):
    profile = get_object_or_404(_profiles(), organisation__slug=slug)
    if not can(request.user, "worldcitizenship.view_solidarity_profile", profile):
        raise Http404  # an unlisted profile is not there for visitors
    return render(
        request,
        "worldcitizenship/organisation.html",
        {
            "profile": profile,
            "organisation": profile.organisation,
            "grants": solidarity.grants(organisation_ids=[profile.organisation_id], limit=50),
            "can_edit": can(request.user, "worldcitizenship.change_solidarity_profile", profile),
        },
    )

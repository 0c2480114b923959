"""The SDG pages: the overview, a goal, one kind of item for a goal, and the yearly report.

Public, no permissions: every provider of the tagging registry returns only what a visitor may
see. Query counts are constant in the number of tagged items (tests): the overview runs one
query for the goals plus one per provider; a goal page two plus two per provider plus two for
its indicators; the report three plus two per provider (its counts, and the first items of all
17 goals).

Visitors get a kept copy (`caching.registry_page`): the key holds the versions of the SDG
catalogue, the indicators and every table the registered providers read (`tagging.tables()`),
so a write to anything shown renders the next request afresh; signed-in people get a fresh
page. The overview and the report name the years, so their copies end at the new year."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from genk.core import pagecache

from . import sdg_indicators, tagging
from .caching import next_new_year, registry_page
from .models import Goal, IndicatorValue, LocalIndicator, Target

PER_SECTION = 5
PAGE_SIZE = 25
REPORT_ITEMS = 10
FIRST_REPORT_YEAR = 2015


def report_years() -> list[int]:
    return list(range(timezone.localdate().year, FIRST_REPORT_YEAR - 1, -1))


@registry_page("worldcitizenship", "goals", tables=[Goal], registry=tagging.tables)
def goals(request):
    """The 17 goals as tiles, with what is tagged with each, counted per kind."""
    goals = list(Goal.objects.all())
    table = tagging.overview()
    counted = [p for p in tagging.providers() if p.counts is not None]
    rows = [
        {"goal": g, "counts": [table[g.number].get(p.key, 0) for p in counted], "total": sum(table[g.number].values())}
        for g in goals
    ]
    response = render(
        request,
        "worldcitizenship/goals.html",
        {
            "goals": goals,
            "rows": rows,
            "providers": counted,
            "totals": [sum(r["counts"][i] for r in rows) for i in range(len(counted))],
            "report_year": timezone.localdate().year - 1,
        },
    )
    return pagecache.keep_until(response, next_new_year())


def _goal_or_404(number: int):
    if not 1 <= number <= 17:
        raise Http404
    around = {g.number: g for g in Goal.objects.filter(number__in=(number - 1, number, number + 1))}
    if number not in around:
        raise Http404
    return around


@registry_page(
    "worldcitizenship",
    "goal",
    tables=[Goal, Target, LocalIndicator, IndicatorValue],
    registry=tagging.tables,
)
def goal(request, number: int):
    """One goal: its targets, what Genk does for it (per kind: the count and the newest items),
    its local indicators, and links to its neighbours."""
    around = _goal_or_404(number)
    current = around[number]
    return render(
        request,
        "worldcitizenship/goal.html",
        {
            "goal": current,
            "previous_goal": around.get(number - 1),
            "next_goal": around.get(number + 1),
            "targets": list(Target.objects.filter(goal=current).order_by("position")),
            "sections": tagging.sections(current, limit=PER_SECTION),
            "indicators": sdg_indicators.for_goals([current]).get(current.pk, []),
        },
    )


class _Counted:
    """A sequence of known length whose slices ask the provider for one page (for Paginator)."""

    def __init__(self, provider, goal, count):
        self.provider, self.goal, self.count_ = provider, goal, count

    def count(self):
        return self.count_

    def __len__(self):
        return self.count_

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop or self.count_
        return self.provider.items(self.goal, offset=start, limit=stop - start)


@registry_page("worldcitizenship", "goal_kind", tables=[Goal], registry=tagging.tables, params={"pagina"})
def goal_kind(request, number: int, kind: str):
    """Everything of one kind tagged with the goal, 25 a page."""
    provider = tagging.provider(kind)
    if provider is None:
        raise Http404
    around = _goal_or_404(number)
    current = around[number]
    paginator = Paginator(_Counted(provider, current, provider.count_for(current)), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("pagina"))
    return render(
        request,
        "worldcitizenship/goal_kind.html",
        {"goal": current, "provider": provider, "page": page, "items": list(page.object_list)},
    )


@registry_page(
    "worldcitizenship",
    "report",
    tables=[Goal, LocalIndicator, IndicatorValue],
    registry=tagging.tables,
)
def report(request, year: int):
    """The yearly SDG report (printable): per goal, what was done that year and the indicators.
    Two queries per provider for all 17 goals (`tagging.report_sections`)."""
    if year not in report_years():
        raise Http404
    goals = list(Goal.objects.all())
    shown = sdg_indicators.for_goals(goals)
    per_goal = tagging.report_sections(goals, year=year, limit=REPORT_ITEMS)
    chapters = []
    for g in goals:
        sections = per_goal[g.number]
        indicators = [
            {"shown": s, "value": next((v for v in s.values if v.year == year), None)} for s in shown.get(g.pk, [])
        ]
        chapters.append(
            {"goal": g, "sections": sections, "total": sum(s.count for s in sections), "indicators": indicators}
        )
    response = render(
        request,
        "worldcitizenship/report.html",
        {
            "year": year,
            "chapters": chapters,
            "total": sum(c["total"] for c in chapters),
            "years": report_years(),
        },
    )
    return pagecache.keep_until(response, next_new_year())

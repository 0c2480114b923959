from django.http import Http404
from django.shortcuts import render

from . import tagging
from .models import Goal, Target


def goals(request):
    """The 17 goals as tiles: one query."""
    return render(request, "worldcitizenship/goals.html", {"goals": Goal.objects.all()})


def goal(request, number: int):
    """One goal, its targets, what is tagged with it, and links to its neighbours.

    Two queries (the goal with its neighbours, the targets) plus one per tagging provider.
    """
    if not 1 <= number <= 17:
        raise Http404
    around = {g.number: g for g in Goal.objects.filter(number__in=(number - 1, number, number + 1))}
    if number not in around:
        raise Http404
    current = around[number]
    return render(
        request,
        "worldcitizenship/goal.html",
        {
            "goal": current,
            "previous_goal": around.get(number - 1),
            "next_goal": around.get(number + 1),
            "targets": list(Target.objects.filter(goal=current).order_by("position")),
            "tagged_items": tagging.tagged_items(current),
        },
    )

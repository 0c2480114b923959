from django.shortcuts import get_object_or_404, render

from .models import Goal


def goals(request):
    return render(request, "worldcitizenship/goals.html", {"goals": Goal.objects.all()})


def goal(request, number):
    return render(request, "worldcitizenship/goal.html", {"goal": get_object_or_404(Goal, number=number)})

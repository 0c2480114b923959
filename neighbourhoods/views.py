from django.shortcuts import get_object_or_404, render

from .models import District, Neighbourhood


def index(request):
    return render(request, "neighbourhoods/index.html", {"neighbourhoods": Neighbourhood.objects.with_district()})


def district(request, slug):
    return render(request, "neighbourhoods/district.html", {"district": get_object_or_404(District, slug=slug)})


def detail(request, slug):
    return render(
        request, "neighbourhoods/detail.html", {"neighbourhood": get_object_or_404(Neighbourhood, slug=slug)}
    )

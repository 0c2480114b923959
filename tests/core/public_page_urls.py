"""A URLconf for tests/core/test_public_page.py: a cached public page beside the portal's own."""

from datetime import timedelta

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import engines
from django.urls import path
from django.utils import timezone

from genk.core import pagecache
from genk.urls import urlpatterns as portal
from neighbourhoods.models import District, Neighbourhood

TEMPLATE = engines["django"].from_string(
    """{% extends "base.html" %}{% block head_title %}Wijken{% endblock %}{% block content %}
<ul>{% for wijk in wijken %}<li>{{ wijk.name }} ({{ wijk.district.name }})</li>{% endfor %}</ul>
<p>Stadsdelen met wijken: {{ districts }}</p>
{% if user.is_authenticated %}<p>Aangemeld als {{ user.email }}</p>{% endif %}
<form method="post" action="{% url 'core:set_language' %}">{% csrf_token %}<button>Kies</button></form>
{% endblock %}"""
)
RENDERS = []


def _wijken(request):
    RENDERS.append(request.get_full_path())
    wijken = Neighbourhood.objects.select_related("district").order_by("name")
    if request.GET.get("q"):
        wijken = wijken.filter(name__icontains=request.GET["q"])
    districts = District.objects.annotate(n=Count("neighbourhoods")).filter(n__gt=0).count()
    return TEMPLATE.render({"wijken": wijken, "districts": districts}, request)


@pagecache.public_page("tests", "wijken", tables=[Neighbourhood], lag={District: 30}, params={"q", "pagina"})
def wijken(request):
    response = HttpResponse(_wijken(request))
    if request.GET.get("q") == "verleden":
        pagecache.keep_until(response, timezone.now() - timedelta(seconds=1))
    if request.GET.get("q") == "niet":
        pagecache.dont_keep(response)
    return response


def add_message(request):
    messages.success(request, "Opgeslagen.")
    return redirect("/test/wijken/")


urlpatterns = [
    path("test/wijken/", wijken),
    path("test/bericht/", add_message),
    *portal,
]

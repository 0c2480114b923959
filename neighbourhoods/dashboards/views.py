"""The dashboards: a wijk's (/beheer/wijken/<wijk>/), a district's, the city's, the choropleth,
the lists behind the numbers, the yearly report, population figures, and the public figures
of a wijk (/wijken/<wijk>/cijfers/). Permissions in rules.py; every refusal says why."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.core import exports, indicators
from genk.core.indicators import Period
from genk.core.permissions import can
from neighbourhoods.models import District, Neighbourhood, TeamMembership

from . import caching, charts, dashboard, periods, services
from .forms import PopulationForm, period_form

NOT_IN_TEAM = gettext_lazy(
    "Het dashboard van een wijk is voor het wijkteam van die wijk (de wijkregisseur en de teamleden) en de "
    "leiding van de dienst Gebiedsgerichte werking. Werk je in dit wijkteam, vraag dan de wijkregisseur of de "
    "dienst Gebiedsgerichte werking om je toe te voegen. De publieke cijfers van de wijk staan op %(url)s."
)
NOT_MANAGER = gettext_lazy(
    "De dashboards van de stadsdelen en van de hele stad vergelijken de niet-publieke cijfers van alle wijken: "
    "ze zijn voor de diensthoofden van Gebiedsgerichte werking (met tweestapsverificatie) en de beheerders. "
    "Als wijkregisseur of lid van een wijkteam open je het dashboard van je eigen wijk; andere medewerkers "
    "vinden de publieke cijfers per wijk onder Wijken."
)
NO_MAP = gettext_lazy(
    "De kaart met wijkcijfers is voor de wijkteams en de leiding van Gebiedsgerichte werking. De publieke "
    "cijfers van elke wijk staan op de pagina van die wijk."
)
NO_POPULATION = gettext_lazy(
    "Inwonertallen voeren de wijkregisseur van de wijk, de diensthoofden van Gebiedsgerichte werking en de "
    "beheerders in."
)


def _deny(request, reason):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(reason)


def _my_wijken(user):
    if not user.is_authenticated:
        return []
    return list(Neighbourhood.objects.without_geometry().of_team_member(user).order_by("name"))


def _context(request, scope, *, public_only, template, extra=None, drilldown=False):
    form = period_form(request)
    choice = form.choice()
    wijken = dashboard.all_wijken()
    pops = services.populations(wijken)
    figures = dashboard.figures_for(public_only)
    values = services.read(figures, choice.trend())
    query = request.GET.urlencode()
    scope_pops = [pops[i] for i in scope.ids if i in pops]
    context = {
        "scope": scope,
        "form": form,
        "choice": choice,
        "period_label": choice.label(),
        "previous_label": choice.label(choice.previous),
        "figures": figures,
        "figures_html": dashboard.figures_html(
            scope, choice, values, wijken, pops, public_only=public_only, drilldown=drilldown, query=query
        ),
        "public_only": public_only,
        "populations": scope_pops,
        "population_total": sum(p.value for p in scope_pops if p.value) if scope_pops else None,
        "population_missing": [w for w in wijken if w.pk in scope.ids and not pops[w.pk].value],
        "population_estimated": any(p.estimated for p in scope_pops),
        "population_example": any(p.example for p in scope_pops),
        "query": query,
    }
    if scope.kind != "wijk":
        context.update(_comparison(request, scope, figures, values, wijken))
    context["period_form_html"] = _period_form_html(form, query, getattr(context.get("compare"), "key", ""))
    context.update(extra or {})
    return render(request, template, context)


def _period_form_html(form, query, keep_figure):
    """The period form: the same for everyone who asks the same query on the same day (its
    initial date is today's), so kept like the figures."""

    def render():
        html = render_to_string("dashboards/_period_form.html", {"form": form, "keep_figure": keep_figure})
        return html, None

    cache_key = caching.key("period-form", query, keep_figure, timezone.localdate(), current="form")
    return mark_safe(caching.fragment(cache_key, render))


def _comparison(request, scope, figures, values, wijken):
    """Bars comparing the scope's wijken on the figure chosen with `figuur`."""
    by_key = {figure.key: figure for figure in figures}
    key = request.GET.get("figuur") or (figures[0].key if figures else "")
    unknown = key not in by_key
    if unknown:
        key = figures[0].key if figures else ""
    if not key:
        return {}
    members = [w for w in wijken if w.pk in scope.ids]
    bars = dashboard.comparison(by_key[key], values, len(values.periods) - 1, members)
    chart = charts.bar_chart(_("%(figure)s per wijk") % {"figure": by_key[key].label}, "grafiek-vergelijking", bars)
    return {"compare": by_key[key], "compare_bars": bars, "compare_chart": chart, "compare_unknown": unknown}


def wijk(request, slug):
    area = get_object_or_404(Neighbourhood.objects.without_geometry().with_district(), slug=slug)
    if not can(request.user, "dashboards.view_wijk", area):
        return _deny(request, NOT_IN_TEAM % {"url": reverse("dashboards:public", args=[area.slug])})
    scope = dashboard.Scope("wijk", area.name, area, [area.pk])
    return _context(
        request,
        scope,
        public_only=False,
        template="dashboards/wijk.html",
        extra={
            "wijk": area,
            "my_wijken": _my_wijken(request.user),
            "can_population": can(request.user, "dashboards.change_population", area),
        },
        drilldown=True,
    )


def district(request, slug):
    area = get_object_or_404(District, slug=slug)
    if not can(request.user, "dashboards.view_district", area):
        return _deny(request, NOT_MANAGER)
    ids = list(area.neighbourhoods.values_list("pk", flat=True))
    scope = dashboard.Scope("district", area.name, area, ids)
    return _context(request, scope, public_only=False, template="dashboards/area.html")


def city(request):
    if not can(request.user, "dashboards.view_city"):
        return _deny(request, NOT_MANAGER)
    ids = list(Neighbourhood.objects.values_list("pk", flat=True))
    scope = dashboard.Scope("city", _("Genk"), None, ids)
    districts = District.objects.order_by("name")
    return _context(request, scope, public_only=False, template="dashboards/area.html", extra={"districts": districts})


def public(request, slug):
    area = get_object_or_404(Neighbourhood.objects.without_geometry().with_district(), slug=slug)
    scope = dashboard.Scope("wijk", area.name, area, [area.pk])
    return _context(request, scope, public_only=True, template="dashboards/public.html", extra={"wijk": area})


def _may_see_map(user):
    return can(user, "dashboards.compare_private") or (
        user.is_authenticated and TeamMembership.objects.current().filter(user=user).exists()
    )


def choropleth(request):
    if not _may_see_map(request.user):
        return _deny(request, NO_MAP)
    private = can(request.user, "dashboards.compare_private")
    figures = dashboard.figures_for(public_only=not private)
    form = period_form(request)
    choice = form.choice()
    key = request.GET.get("figuur") or (figures[0].key if figures else "")
    figure = next((f for f in figures if f.key == key), None)
    context = {"form": form, "choice": choice, "figures": figures, "private": private, "key": key}
    status = 200
    if figure is None:
        context["unknown"] = key
        status = 404
    else:
        wijken = dashboard.all_wijken()
        values = services.read([figure], [choice.period])
        per = values.of(figure.key, 0)
        by_slug = {w.slug: dashboard._round(per.get(w.pk, 0)) for w in wijken}
        mine = {w.pk for w in _my_wijken(request.user)}
        urls = {
            w.slug: reverse("dashboards_staff:wijk", args=[w.slug])
            if private or w.pk in mine
            else reverse("dashboards:public", args=[w.slug])
            for w in wijken
        }
        svg, legend = charts.choropleth(
            _("Kaart van de wijken gekleurd naar %(figure)s, %(period)s")
            % {"figure": figure.label, "period": choice.label()},
            "kaart-cijfer",
            by_slug,
            urls,
        )
        context.update(
            {
                "figure": figure,
                "map": svg,
                "legend": [(colour, charts.fmt(low), charts.fmt(high)) for colour, low, high in legend],
                "table": [(w, by_slug[w.slug], urls[w.slug]) for w in wijken],
            }
        )
    return render(request, "dashboards/choropleth.html", context, status=status)


def items(request, slug, key):
    area = get_object_or_404(Neighbourhood.objects.without_geometry(), slug=slug)
    if not can(request.user, "dashboards.view_wijk", area):
        return _deny(request, NOT_IN_TEAM % {"url": reverse("dashboards:public", args=[area.slug])})
    figure = indicators.find(key)
    form = period_form(request)
    choice = form.choice()
    context = {"wijk": area, "form": form, "choice": choice, "key": key, "figure": figure}
    if figure is None or figure.items is None:
        context["unknown"] = True
        return render(request, "dashboards/items.html", context, status=404)
    headers, rows = figure.items(area.pk, choice.period)
    fmt = request.GET.get("formaat")
    if fmt in {"csv", "xlsx"}:
        name = f"{area.slug}-{key.replace('.', '-')}-{choice.period.start}-{choice.period.end}"
        return exports.respond(([str(h) for h in headers], rows), fmt, name)
    if fmt:
        raise Http404
    context.update({"headers": headers, "rows": rows, "query": request.GET.urlencode()})
    return render(request, "dashboards/items.html", context)


def yearly(request, slug, year):
    area = get_object_or_404(Neighbourhood.objects.without_geometry().with_district(), slug=slug)
    if not can(request.user, "dashboards.view_wijk", area):
        return _deny(request, NOT_IN_TEAM % {"url": reverse("dashboards:public", args=[area.slug])})
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404
    choice = periods.Choice("year", Period.year(year))
    wijken = dashboard.all_wijken()
    pops = services.populations(wijken)
    scope = dashboard.Scope("wijk", area.name, area, [area.pk])
    rows, _trend, _values = dashboard.build(scope, choice, public_only=False, wijken=wijken, pops=pops)
    return render(
        request,
        "dashboards/yearly.html",
        {"wijk": area, "year": year, "rows": rows, "population": pops[area.pk], "choice": choice},
    )


def population_list(request):
    if not can(request.user, "dashboards.manage_population"):
        return _deny(request, NO_POPULATION)
    wijken = dashboard.all_wijken()
    pops = services.populations(wijken)
    return render(request, "dashboards/population_list.html", {"rows": [(w, pops[w.pk]) for w in wijken]})


def population_edit(request, slug):
    area = get_object_or_404(Neighbourhood.objects.without_geometry(), slug=slug)
    if not can(request.user, "dashboards.change_population", area):
        return _deny(request, NO_POPULATION)
    form = PopulationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.record_population(
            area,
            data["population"],
            data["reference_date"],
            source=data["source"],
            estimated=data["estimated"],
            user=request.user,
        )
        messages.success(request, _("Het inwonertal van %(wijk)s is bewaard.") % {"wijk": area.name})
        return redirect("dashboards_staff:wijk", slug=area.slug)
    history = area.population_figures.order_by("-reference_date")
    return render(request, "dashboards/population_form.html", {"wijk": area, "form": form, "history": history})

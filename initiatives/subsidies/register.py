"""The public subsidy register (every granted subsidy) and its open data: the page with filters,
totals and pagination, the CSV and the 360Giving JSON. Public: no login, no personal data
(`opendata.register_queryset()` loads only public fields). The three share one filter, so a
download holds exactly what the page shows."""

import csv

import django_filters
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Sum
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from genk.accounts.models import Department, Organisation
from genk.core import pagecache
from genk.core.notifications import absolute_url
from genk.core.permissions import require
from neighbourhoods.models import District, Neighbourhood

from . import caching, opendata
from .models import Scheme, SubsidyFile

PAGE_SIZE = 25
CITY_WIDE = "heel-genk"
KIND_ORGANISATION = "organisatie"
KIND_RESIDENT_GROUP = "groep-inwoners"


def _year_choices():
    years = SubsidyFile.objects.in_register().order_by("-budget_year").values_list("budget_year", flat=True).distinct()
    return [(str(year), str(year)) for year in years]


def _place_choices():
    return [(CITY_WIDE, opendata.CITY_WIDE)] + list(Neighbourhood.objects.order_by("name").values_list("slug", "name"))


class RegisterFilter(django_filters.FilterSet):
    """Filters of the register. Search looks only at public text: the project, the scheme, the
    reference and an organisation's name; never at a person."""

    q = django_filters.CharFilter(label=_("Zoeken"), method="filter_search")
    reglement = django_filters.ModelChoiceFilter(
        label=_("Reglement"),
        field_name="scheme",
        to_field_name="slug",
        queryset=Scheme.objects.order_by("name"),
        empty_label=_("alle reglementen"),
    )
    jaar = django_filters.ChoiceFilter(
        label=_("Jaar"), field_name="budget_year", choices=_year_choices, empty_label=_("alle jaren")
    )
    wijk = django_filters.ChoiceFilter(
        label=_("Wijk"), choices=_place_choices, method="filter_place", empty_label=_("alle wijken")
    )
    stadsdeel = django_filters.ModelChoiceFilter(
        label=_("Stadsdeel"),
        field_name="neighbourhood__district",
        to_field_name="slug",
        queryset=District.objects.order_by("name"),
        empty_label=_("alle stadsdelen"),
    )
    ontvanger = django_filters.ChoiceFilter(
        label=_("Ontvanger"),
        choices=[(KIND_ORGANISATION, _("organisaties")), (KIND_RESIDENT_GROUP, _("groepen inwoners"))],
        method="filter_recipient",
        empty_label=_("alle ontvangers"),
    )

    class Meta:
        model = SubsidyFile
        fields = []

    def filter_search(self, queryset, name, value):
        words = value.split()
        for word in words[:10]:
            queryset = queryset.filter(
                Q(reference__icontains=word)
                | Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(scheme__name__icontains=word)
                | Q(applicant_kind=SubsidyFile.ApplicantKind.ORGANISATION, organisation__name__icontains=word)
            )
        return queryset

    def filter_place(self, queryset, name, value):
        if value == CITY_WIDE:
            return queryset.filter(neighbourhood__isnull=True)
        return queryset.filter(neighbourhood__slug=value)

    def filter_recipient(self, queryset, name, value):
        organisation = Q(applicant_kind=SubsidyFile.ApplicantKind.ORGANISATION, organisation__isnull=False)
        return queryset.filter(organisation) if value == KIND_ORGANISATION else queryset.exclude(organisation)


def filtered(request) -> RegisterFilter:
    require(request.user, "subsidies.view_register", message=_("Je hebt geen toegang tot het subsidieregister."))
    return RegisterFilter(request.GET or None, queryset=opendata.register_queryset())


def totals(queryset) -> dict:
    """Number and amount granted, in all and per scheme, year and neighbourhood, of the files
    in `queryset`: four aggregate queries, whatever the number of files."""
    base = queryset.order_by()
    measures = {"count": Count("pk"), "amount": Sum("amount_granted")}
    schemes = list(base.values("scheme__name", "scheme__slug").annotate(**measures).order_by("scheme__name"))
    years = list(base.values("budget_year").annotate(**measures).order_by("-budget_year"))
    neighbourhoods = list(
        base.values("neighbourhood__name").annotate(**measures).order_by(F("neighbourhood__name").asc(nulls_first=True))
    )
    # One label per row, so that one table template shows all three (no wijk: "heel Genk").
    for rows, key in ((schemes, "scheme__name"), (years, "budget_year"), (neighbourhoods, "neighbourhood__name")):
        for row in rows:
            row["label"] = row[key] if row[key] is not None else _("heel Genk")
    return {"all": base.aggregate(**measures), "schemes": schemes, "years": years, "neighbourhoods": neighbourhoods}


def _export_query(request) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


REGISTER_PARAMETERS = frozenset({*RegisterFilter.base_filters, "pagina"})


# Kept whole for visitors (genk.core.pagecache.public_page), exact: any write to the files or
# to what the register shows of them retires the copies.
@require_safe
@pagecache.public_page(
    "subsidies",
    "register",
    tables=[SubsidyFile, Scheme, Department, Organisation, Neighbourhood, District],
    params=REGISTER_PARAMETERS,
)
def register(request):
    filterset = filtered(request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "subsidies/register.html",
        {
            "filter": filterset,
            "page": page,
            "rows": [
                {
                    "file": file,
                    "recipient": opendata.recipient_name(file),
                    "resident_group": opendata.is_resident_group(file),
                    "place": opendata.place_name(file),
                    "summary": opendata.short_description(file),
                }
                for file in page.object_list
            ],
            "totals": totals(filterset.qs),
            "filtered": bool(request.GET.dict().keys() - {"pagina"}),
            "export_query": _export_query(request),
            "license_url": opendata.license_url(),
            "license_name": opendata.license_name(),
        },
    )


class _Echo:
    def write(self, value):
        return value


def _filename(extension: str) -> str:
    return f"subsidieregister-genk-{timezone.localdate():%Y-%m-%d}.{extension}"


@require_safe
def register_csv(request):
    queryset = filtered(request).qs
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield "\ufeff"  # a BOM, so spreadsheet programs read UTF-8
        yield writer.writerow(opendata.csv_columns())
        for row in opendata.csv_rows(queryset):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def _json_cache_key(request, filterset) -> str | None:
    """The document of a valid query with known parameters only (a random query string would
    fill the cache) is the same for everyone until a write moves the register's version
    (caching.py): cached per query string, day (`issued`) and the settings it names."""
    query = request.META.get("QUERY_STRING", "")
    if len(query) > 300 or not set(request.GET) <= REGISTER_PARAMETERS:
        return None
    if filterset.is_bound and not filterset.is_valid():
        return None
    settings_named = (
        opendata.grant_prefix(),
        opendata.funder_id(),
        opendata.funder_name(),
        opendata.license_url(),
        absolute_url("/"),
    )
    return caching.key("360giving", query, timezone.localdate().isoformat(), settings_named)


@require_safe
def register_360giving(request):
    filterset = filtered(request)
    cache_key = _json_cache_key(request, filterset)
    body = cache.get(cache_key) if cache_key else None
    if body is None:
        query = _export_query(request)
        download_url = absolute_url(reverse("subsidies:register_360giving")) + (f"?{query}" if query else "")
        data = opendata.package(
            filterset.qs,
            download_url=download_url,
            access_url=absolute_url(reverse("subsidies:register")) + (f"?{query}" if query else ""),
            website=absolute_url("/"),
        )
        body = opendata.dumps(data)
        if cache_key:
            cache.set(cache_key, body, pagecache.seconds_until(None))
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{_filename("json")}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response

"""The dashboards as users see them: permissions per persona, periods, figures, drill-down,
exports, choropleth, public page, and a constant number of queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from genk.core import indicators
from neighbourhoods.dashboards import services

pytestmark = pytest.mark.django_db

PERSONAS = ["visitor", "resident", "team_member", "team_member_elsewhere", "director", "department_head",
            "other_department_head", "admin_user"]  # fmt: skip

# persona: (wijk dashboard, district dashboard, city dashboard)
EXPECTED = {
    "visitor": ("login", "login", "login"),
    "resident": (403, 403, 403),
    "team_member": (200, 403, 403),
    "team_member_elsewhere": (403, 403, 403),
    "director": (200, 403, 403),
    "department_head": (200, 200, 200),
    "other_department_head": (403, 403, 403),
    "admin_user": (200, 200, 200),
}


def _get(client, user, url):
    if user is not None and user.is_authenticated:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_which_dashboard(client, request, persona, wijk):
    user = request.getfixturevalue(persona)
    urls = [
        reverse("dashboards_staff:wijk", args=[wijk.slug]),
        reverse("dashboards_staff:district", args=[wijk.district.slug]),
        reverse("dashboards_staff:city"),
    ]
    for url, expected in zip(urls, EXPECTED[persona], strict=True):
        response = _get(client, user, url)
        if expected == "login":
            assert response.status_code == 302 and "/login/" in response["Location"]
        else:
            assert response.status_code == expected, (persona, url)
            if expected == 403:
                assert "Gebiedsgerichte werking" in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_public_figures_are_for_everyone_and_only_public(client, request, persona, wijk):
    user = request.getfixturevalue(persona)
    response = _get(client, user, reverse("dashboards:public", args=[wijk.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Gepubliceerde initiatieven" in page  # public
    assert "Aanwezigen op activiteiten" not in page  # private (default)


def test_director_sees_figures_with_previous_period_city_average_and_per_1000(client, director, wijk, residents_of):
    services.record_population(wijk, 2000, date(2025, 1, 1), source="Statbel", estimated=True)
    residents_of(wijk, 4, date_joined=timezone.now() - timedelta(days=400))
    client.force_login(director)
    response = client.get(reverse("dashboards_staff:wijk", args=[wijk.slug]))
    page = response.content.decode()
    assert "Inwoners met een account" in page
    row = next(r for r in response.context["rows"] if r.figure.key == "neighbourhoods.registered_residents")
    assert row.value == 4 and row.per_1000 == 2  # 4 accounts per 2000 residents
    assert row.city_average is not None
    assert "Het inwonertal is een schatting." in page
    assert "<svg" in page and "grafiek-neighbourhoods-registered_residents" in page


def test_missing_population_is_said(client, director, wijk):
    client.force_login(director)
    page = client.get(reverse("dashboards_staff:wijk", args=[wijk.slug])).content.decode()
    assert "Inwonertal niet bekend voor" in page and "niet bekend" in page


def test_period_with_the_end_before_the_start_is_a_form_error(client, director, wijk):
    client.force_login(director)
    response = client.get(
        reverse("dashboards_staff:wijk", args=[wijk.slug]), {"soort": "range", "van": "2026-03-10", "tot": "2026-03-01"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "De einddatum ligt vóór de begindatum" in page
    assert 'value="2026-03-10"' in page  # what was typed stays


def test_a_quarter_and_a_free_range(client, director, wijk):
    client.force_login(director)
    url = reverse("dashboards_staff:wijk", args=[wijk.slug])
    response = client.get(url, {"soort": "quarter", "datum": "2026-05-05"})
    assert "kwartaal 2 2026" in response.content.decode()
    response = client.get(url, {"soort": "range", "van": "2026-01-08", "tot": "2026-01-14"})
    assert response.context["choice"].previous.start == date(2026, 1, 1)


def test_a_figure_registered_by_a_new_app_appears_without_touching_the_dashboards(client, director, wijk):
    indicators.register("newapp.gardens", label="Geveltuinen (test)", unit="tuinen", public=True)(
        lambda period: {wijk.pk: 3}
    )
    indicators.items_for("newapp.gardens")(lambda wijk_id, period: (["Straat"], [["Stalenstraat"]]))
    try:
        client.force_login(director)
        page = client.get(reverse("dashboards_staff:wijk", args=[wijk.slug])).content.decode()
        assert "Geveltuinen (test)" in page
        items = client.get(reverse("dashboards_staff:items", args=[wijk.slug, "newapp.gardens"]))
        assert "Stalenstraat" in items.content.decode()
        assert "Geveltuinen (test)" in client.get(reverse("dashboards:public", args=[wijk.slug])).content.decode()
    finally:
        indicators.unregister("newapp.gardens")


def test_drilldown_lists_the_bookings_and_exports_them(client, director, wijk):
    indicators.register("newapp.gardens", label="Geveltuinen (test)", unit="tuinen")(lambda period: {})
    indicators.items_for("newapp.gardens")(lambda wijk_id, period: (["Straat", "Aantal"], [["Stalenstraat", 2]]))
    try:
        client.force_login(director)
        url = reverse("dashboards_staff:items", args=[wijk.slug, "newapp.gardens"])
        csv = client.get(url, {"formaat": "csv"})
        assert csv["Content-Type"].startswith("text/csv")
        assert csv.content.decode().splitlines() == ["Straat,Aantal", "Stalenstraat,2"]
        xlsx = client.get(url, {"formaat": "xlsx"})
        import io

        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        assert [c.value for c in sheet[2]] == ["Stalenstraat", 2]
    finally:
        indicators.unregister("newapp.gardens")


def test_unknown_figure_is_a_clear_message(client, director, wijk):
    client.force_login(director)
    response = client.get(reverse("dashboards_staff:items", args=[wijk.slug, "bestaat.niet"]))
    assert response.status_code == 404
    assert "Onbekend cijfer" in response.content.decode()
    response = client.get(reverse("dashboards_staff:map"), {"figuur": "bestaat.niet"})
    assert response.status_code == 404
    assert "bestaat niet" in response.content.decode()


def test_drilldown_is_for_the_wijk_team_only(client, team_member_elsewhere, wijk):
    client.force_login(team_member_elsewhere)
    response = client.get(reverse("dashboards_staff:items", args=[wijk.slug, "agenda.activities"]))
    assert response.status_code == 403


def test_choropleth_for_a_director_shows_public_figures_only(client, director, wijk):
    client.force_login(director)
    response = client.get(reverse("dashboards_staff:map"), {"figuur": "initiatives.published"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "choropleth" in page and "Legende" in page and wijk.name in page
    private = client.get(reverse("dashboards_staff:map"), {"figuur": "agenda.attendance"})
    assert private.status_code == 404


def test_choropleth_for_a_manager_shows_any_figure(client, department_head, wijk):
    client.force_login(department_head)
    response = client.get(reverse("dashboards_staff:map"), {"figuur": "agenda.attendance"})
    assert response.status_code == 200


def test_city_dashboard_compares_the_wijken(client, admin_user, wijk):
    client.force_login(admin_user)
    response = client.get(reverse("dashboards_staff:city"), {"figuur": "initiatives.published"})
    page = response.content.decode()
    assert "De wijken vergeleken" in page and "grafiek-vergelijking" in page
    assert response.context["compare"].key == "initiatives.published"


def test_yearly_report_is_printable(client, director, wijk):
    client.force_login(director)
    response = client.get(reverse("dashboards_staff:yearly", args=[wijk.slug, 2025]))
    assert response.status_code == 200
    assert "Jaarverslag Oud-Winterslag 2025" in response.content.decode()


def query_budget() -> int:
    """What a dashboard may cost: a fixed part (session, user, permission, wijken, populations,
    the two stored reads), one live query per figure for today, and one per period (12) for
    each figure that is computed per period."""
    figures = indicators.registered()
    return 15 + len(figures) + 12 * sum(1 for f in figures if f.over_time == "period")


def _seed_days(wijken, days):
    """Stored figures for `days` days for every wijk and registered figure."""
    from neighbourhoods.dashboards.models import DailyFigure

    today = timezone.localdate()
    DailyFigure.objects.bulk_create(
        [
            DailyFigure(indicator=figure.key, neighbourhood=w, day=today - timedelta(days=d), value=d % 5 + 1)
            for figure in indicators.registered()
            for w in wijken
            for d in range(1, days + 1)
        ],
        ignore_conflicts=True,
    )


@pytest.mark.parametrize(
    "url_name", ["dashboards_staff:wijk", "dashboards_staff:district", "dashboards_staff:city", "dashboards:public"]
)
def test_queries_do_not_grow_with_the_data(client, admin_user, wijk, wijken, url_name, django_assert_max_num_queries):
    args = {"dashboards_staff:city": []}.get(url_name, [wijk.district.slug if "district" in url_name else wijk.slug])
    url = reverse(url_name, args=args)
    client.force_login(admin_user)
    client.get(url)  # warm the session and caches
    _seed_days(wijken, 5)
    with django_assert_max_num_queries(query_budget()) as small:
        client.get(url, {"soort": "year"})
    _seed_days(wijken, 60)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url, {"soort": "year"})


def test_choropleth_queries_do_not_grow(client, admin_user, wijken, django_assert_max_num_queries):
    url = reverse("dashboards_staff:map")
    client.force_login(admin_user)
    client.get(url)
    _seed_days(wijken, 5)
    with django_assert_max_num_queries(30) as small:
        client.get(url, {"figuur": "initiatives.published", "soort": "year"})
    _seed_days(wijken, 60)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url, {"figuur": "initiatives.published", "soort": "year"})


def test_the_staff_page_links_the_dashboards(director, department_head, resident, wijk):
    from neighbourhoods.dashboards.portal import figures

    assert [item.url for item in figures(director)] == [f"/beheer/wijken/{wijk.slug}/"]
    assert "/beheer/wijken/stad/" in [item.url for item in figures(department_head)]
    assert figures(resident) == []

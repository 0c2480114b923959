"""The public budget pages kept whole for visitors (genk.core.pagecache.public_page): index,
project list (with its filters), project page and results."""

from datetime import timedelta

import pytest
from django.utils import timezone

from participation.budgets import views
from participation.budgets.models import Phase, Proposal
from tests.public_pages import (
    assert_every_table_retires,
    assert_fresh_for,
    assert_kept,
    assert_unknown_parameter_not_kept,
    is_copy,
    visit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(city_cycle):
    project = Proposal.objects.get(cycle=city_cycle, title="Moestuin")
    return {
        "index": ("/burgerbudget/", views.CYCLE_TABLES),
        "projects": (f"/burgerbudget/{city_cycle.slug}/voorstellen/", views.PROJECT_TABLES),
        "filtered": (f"/burgerbudget/{city_cycle.slug}/voorstellen/?order=duurste&pagina=1", views.PROJECT_TABLES),
        "project": (project.get_absolute_url(), [*views.RESULT_TABLES, views.ProjectUpdate]),
        "results": (f"/burgerbudget/{city_cycle.slug}/resultaten/", views.RESULT_TABLES),
    }


@pytest.mark.parametrize("page", ["index", "projects", "filtered", "project", "results"])
def test_a_visitors_copy_is_retired_by_a_write_to_any_table_it_shows(pages, page):
    url, tables = pages[page]
    assert_kept(url)
    assert_every_table_retires(url, tables)
    assert_unknown_parameter_not_kept(url)


@pytest.mark.parametrize("page", ["index", "projects", "project", "results"])
def test_a_signed_in_resident_gets_their_own_page(pages, page, district_resident):
    assert_fresh_for(pages[page][0], district_resident, "Afmelden")


def test_a_changed_project_shows_at_once_on_the_list_and_its_page(pages, city_cycle):
    for page in ("projects", "project"):
        assert_kept(pages[page][0])
    Proposal.objects.filter(cycle=city_cycle, title="Moestuin").update(title="Moestuin aan de kerk")
    for page in ("projects", "project"):
        response, _ = visit(pages[page][0])
        assert "Moestuin aan de kerk" in response.text


def test_the_copy_lives_no_longer_than_the_next_phase(pages, city_cycle):
    """The index shows the phase: its copy is kept until the next phase starts, not longer."""
    results = Phase.objects.get(cycle=city_cycle, kind=Phase.Kind.RESULTS)
    soon = timezone.now() + timedelta(seconds=2)
    Phase.objects.filter(pk=results.pk).update(starts_at=soon)
    response, _ = visit("/burgerbudget/")
    assert not is_copy(response)
    until = getattr(response, "_pagecache_until", None)
    assert until is not None and abs((until - soon).total_seconds()) < 1

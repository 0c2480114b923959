"""The public subsidy pages kept whole for visitors (genk.core.pagecache.public_page): the
schemes and the register (with its filters)."""

import pytest

from genk.accounts.models import Department, Organisation
from initiatives.subsidies.models import Scheme, SchemeBudget, SubsidyFile
from neighbourhoods.models import District, Neighbourhood
from tests.public_pages import (
    assert_every_table_retires,
    assert_fresh_for,
    assert_kept,
    assert_unknown_parameter_not_kept,
    is_copy,
    visit,
)

from .test_opendata import by_title, files  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

REGISTER_TABLES = [SubsidyFile, Scheme, Department, Organisation, Neighbourhood, District]


@pytest.mark.parametrize("url", ["/subsidies/register/", "/subsidies/register/?jaar=2025&pagina=1"])
def test_the_register_is_retired_by_a_write_to_any_table_it_shows(files, url):  # noqa: F811
    assert_kept(url)
    assert_every_table_retires(url, REGISTER_TABLES)
    assert_unknown_parameter_not_kept(url)


def test_a_changed_grant_shows_at_once_in_the_register(files):  # noqa: F811
    assert "Speelstraat" in assert_kept("/subsidies/register/").text
    SubsidyFile.objects.filter(pk=files["group"].pk).update(title="Speelstraat in de zomer")
    assert "Speelstraat in de zomer" in visit("/subsidies/register/")[0].text


def test_the_schemes_are_retired_by_their_tables_and_committed_amounts_lag_a_minute(files, monkeypatch):  # noqa: F811
    from genk.core import pagecache

    assert_kept("/subsidies/")
    assert_every_table_retires("/subsidies/", [Scheme, SchemeBudget, Department])
    assert_unknown_parameter_not_kept("/subsidies/")
    assert_kept("/subsidies/")
    SubsidyFile.objects.filter(pk=files["group"].pk).update(amount_recovered="100.00")
    assert is_copy(visit("/subsidies/")[0])  # a granted amount: at most a minute late
    later = pagecache._now() + 61
    monkeypatch.setattr(pagecache, "_now", lambda: later)
    assert not is_copy(visit("/subsidies/")[0])


@pytest.mark.parametrize("url", ["/subsidies/", "/subsidies/register/"])
def test_a_signed_in_resident_gets_their_own_page(files, resident, url):  # noqa: F811
    assert_fresh_for(url, resident, "Afmelden")

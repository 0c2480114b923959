"""Dutch search, insensitive to accents and case (genk.core.search)."""

import sqlite3

import pytest

from genk.core import search
from neighbourhoods.models import Place


def test_fold_removes_accents_and_case():
    assert search.fold("Taalcafé ÉÉN Ñandú") == "taalcafe een nandu"
    assert search.fold(None) == ""


def test_sqlite_connections_learn_genk_fold():
    connection = sqlite3.connect(":memory:")

    class Wrapper:
        vendor = "sqlite"

    wrapper = Wrapper()
    wrapper.connection = connection
    search.register_sqlite_functions(None, wrapper)
    assert connection.execute("SELECT genk_fold('Taalcafé') LIKE '%taalcafe%'").fetchone() == (1,)


@pytest.mark.django_db
def test_postgres_search_finds_words_without_their_accents():
    cafe = Place.objects.create(name="Taalcafé De Brug", slug="taalcafe-de-brug", address="Stadsplein 1")
    Place.objects.create(name="Bibliotheek", slug="bib", address="Stadsplein 2")
    for text in ("taalcafe", "Taalcafé", "TAALCAFE brug"):
        found = search.matches(Place.objects.all(), text, fields=("name", "address"))
        assert list(found) == [cafe], text
        assert found[0].rank > 0
    assert list(search.matches(Place.objects.all(), "zwembad", fields=("name",))) == []
    assert search.matches(Place.objects.all(), "  ", fields=("name",)).count() == 2

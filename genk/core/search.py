"""Search in Dutch, insensitive to accents and case: "taalcafe" finds "Taalcafé", "cafe" finds "café".

On PostgreSQL: full-text search with the text search configuration `dutch_unaccent` (Dutch
stemming after `unaccent`; made by genk/core's migration 0003), ranked. On SQLite, where
`make demo` runs: every word must occur in one of the fields, compared after folding accents
and case (`fold`, registered as the SQL function `genk_fold` on every SQLite connection).

    from genk.core import search

    class InitiativeQuerySet(models.QuerySet):
        def search(self, text):
            return search.matches(self, text, fields=("title", "summary", "description"),
                                  vector_field="search_vector")

`vector(("title", "A"), ("summary", "B"))` builds the tsvector to store in a column (written by
an UPDATE, or computed in the query when the model has none).
"""

import unicodedata

from django.db import connection
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Coalesce

CONFIG = "dutch_unaccent"


def fold(text) -> str:
    """'Taalcafé Ñandú' -> 'taalcafe nandu'."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Fold(Func):
    """`genk_fold(field)` on SQLite (see `register_sqlite_functions`)."""

    function = "genk_fold"
    output_field = TextField()


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """connection_created receiver: SQLite learns `genk_fold`."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("genk_fold", 1, fold, deterministic=True)


def vector(*fields):
    """A tsvector of `(field, weight)` pairs (or field names) in the Dutch unaccented configuration."""
    from django.contrib.postgres.search import SearchVector

    parts = [(f, None) if isinstance(f, str) else f for f in fields]
    combined = None
    for name, weight in parts:
        part = SearchVector(Coalesce(F(name), Value(""), output_field=TextField()), weight=weight, config=CONFIG)
        combined = part if combined is None else combined + part
    return combined


def matches(queryset, text: str, *, fields, vector_field: str | None = None):
    """`queryset` narrowed to what `text` finds in `fields`, annotated with `rank` (higher is
    better; 1.0 everywhere on SQLite). An empty text leaves the queryset as it is."""
    text = (text or "").strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(text, config=CONFIG, search_type="websearch")
        if vector_field:
            return queryset.filter(**{vector_field: query}).annotate(rank=SearchRank(F(vector_field), query))
        document = vector(*fields)
        return queryset.annotate(_document=document).filter(_document=query).annotate(rank=SearchRank(document, query))
    condition = Q()
    annotations = {f"_fold_{i}": Fold(F(name)) for i, name in enumerate(fields)}
    for word in fold(text).split():
        any_field = Q()
        for alias in annotations:
            any_field |= Q(**{f"{alias}__contains": word})
        condition &= any_field
    return queryset.annotate(**annotations).filter(condition).annotate(rank=Value(1.0))

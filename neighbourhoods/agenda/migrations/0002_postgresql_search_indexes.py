"""PostgreSQL only: a GIN index for the Dutch full-text search (the same expression that
filters.search builds, so the planner uses it) and for the JSON containment of themes and SDGs.
On SQLite (the demo) there is nothing to do: the search is a substring search there."""

from django.db import migrations

SEARCH = (
    "(setweight(to_tsvector('dutch'::regconfig, COALESCE(title, '')::text), 'A') || "
    "setweight(to_tsvector('dutch'::regconfig, COALESCE(description, '')), 'B'))"
)
INDEXES = [
    ("agenda_activity_search", f"USING gin ({SEARCH})"),
    ("agenda_activity_themes", "USING gin (themes jsonb_path_ops)"),
    ("agenda_activity_sdgs", "USING gin (sdgs jsonb_path_ops)"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON agenda_activity {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _definition in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("agenda", "0001_initial")]
    operations = [migrations.RunPython(create, drop, elidable=False)]

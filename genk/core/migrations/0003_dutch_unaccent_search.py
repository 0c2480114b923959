"""The text search configuration `dutch_unaccent` (genk.core.search): Dutch stemming after
removing accents, so "taalcafe" finds "Taalcafé". PostgreSQL only; a no-op on SQLite."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'dutch_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION dutch_unaccent (COPY = dutch);
        ALTER TEXT SEARCH CONFIGURATION dutch_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
    END IF;
END
$$;
"""

DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS dutch_unaccent;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_outbox")]

    operations = [migrations.RunPython(create, drop)]

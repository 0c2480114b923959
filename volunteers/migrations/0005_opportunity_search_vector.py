"""A stored search vector on opportunities (PostgreSQL), kept by the database itself.

`search_vector` = title (A), description, tasks and skills (B), the organisation's name (C), in
the `dutch_unaccent` configuration (genk.core's migration 0003: "taalcafe" finds "Taalcafé").
A trigger computes it on every INSERT and on every UPDATE of those columns, so bulk_create,
QuerySet.update() and raw SQL keep it right as well as save(); renaming an organisation
recomputes its opportunities' vectors. Existing rows are filled here; a GIN index serves the
search. Also two indexes for the public list: published opportunities newest first, and a
shift's opportunity with its start (the next shift). On SQLite (`make demo`) the column stays
empty and the search folds the fields instead (`genk.core.search`).
"""

from django.db import migrations, models

import initiatives.fields

CREATE = """
CREATE OR REPLACE FUNCTION volunteers_opportunity_vector(
    title text, description text, tasks text, skills text, organisation bigint
) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('dutch_unaccent', coalesce(title, '')), 'A')
        || setweight(to_tsvector('dutch_unaccent',
               coalesce(description, '') || ' ' || coalesce(tasks, '') || ' ' || coalesce(skills, '')), 'B')
        || setweight(to_tsvector('dutch_unaccent',
               coalesce((SELECT o.name FROM {organisation} o WHERE o.id = organisation), '')), 'C')
$$;

CREATE OR REPLACE FUNCTION volunteers_opportunity_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := volunteers_opportunity_vector(
        NEW.title, NEW.description, NEW.tasks, NEW.skills, NEW.organisation_id);
    RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS volunteers_opportunity_search ON volunteers_opportunity;
CREATE TRIGGER volunteers_opportunity_search
    BEFORE INSERT OR UPDATE OF title, description, tasks, skills, organisation_id, search_vector
    ON volunteers_opportunity FOR EACH ROW EXECUTE FUNCTION volunteers_opportunity_search_trigger();

CREATE OR REPLACE FUNCTION volunteers_organisation_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Writing the column fires the opportunity's trigger, which computes it again.
    UPDATE volunteers_opportunity SET search_vector = NULL WHERE organisation_id = NEW.id;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS volunteers_organisation_renamed ON {organisation};
CREATE TRIGGER volunteers_organisation_renamed
    AFTER UPDATE OF name ON {organisation} FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION volunteers_organisation_renamed();

UPDATE volunteers_opportunity SET search_vector = NULL;

CREATE INDEX IF NOT EXISTS volunteers_opportunity_search_gin ON volunteers_opportunity USING gin (search_vector);
"""

DROP = """
DROP INDEX IF EXISTS volunteers_opportunity_search_gin;
DROP TRIGGER IF EXISTS volunteers_organisation_renamed ON {organisation};
DROP FUNCTION IF EXISTS volunteers_organisation_renamed();
DROP TRIGGER IF EXISTS volunteers_opportunity_search ON volunteers_opportunity;
DROP FUNCTION IF EXISTS volunteers_opportunity_search_trigger();
DROP FUNCTION IF EXISTS volunteers_opportunity_vector(text, text, text, text, bigint);
"""


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = apps.get_model("accounts", "Organisation")._meta.db_table
        schema_editor.execute(sql.format(organisation=schema_editor.quote_name(table)))

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("core", "0003_dutch_unaccent_search"),
        ("volunteers", "0004_flexible_commitments"),
    ]

    operations = [
        migrations.AddField(
            model_name="opportunity",
            name="search_vector",
            field=initiatives.fields.SearchVectorField(editable=False, null=True, verbose_name="zoekindex"),
        ),
        migrations.AddIndex(
            model_name="opportunity",
            index=models.Index(fields=["status", "-published_at", "-id"], name="volunteers_opp_status_newest"),
        ),
        migrations.AddIndex(
            model_name="shift",
            index=models.Index(fields=["opportunity", "start"], name="volunteers_shift_opp_start"),
        ),
        migrations.RunPython(_run(CREATE), _run(DROP)),
    ]

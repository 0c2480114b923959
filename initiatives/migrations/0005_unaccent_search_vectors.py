"""Recompute the stored search vectors in the `dutch_unaccent` configuration (genk/core's
migration 0003), so "taalcafe" finds "Taalcafé". PostgreSQL only; a no-op on SQLite."""

from django.db import migrations


def recompute(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from genk.core import search

    Initiative = apps.get_model("initiatives", "Initiative")
    Initiative.objects.using(schema_editor.connection.alias).update(
        search_vector=search.vector(("title", "A"), ("summary", "B"), ("description", "C"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0004_image_pending"),
        ("core", "0003_dutch_unaccent_search"),
    ]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]

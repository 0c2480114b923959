"""The themes initiatives are filed under, and a GIN index on the search vector (PostgreSQL)."""

from django.db import migrations

THEMES = [
    ("Groen en natuur", "groen-en-natuur"),
    ("Samenleven en buurt", "samenleven-en-buurt"),
    ("Sport en spel", "sport-en-spel"),
    ("Cultuur en erfgoed", "cultuur-en-erfgoed"),
    ("Jeugd", "jeugd"),
    ("Senioren", "senioren"),
    ("Duurzaamheid en klimaat", "duurzaamheid-en-klimaat"),
    ("Mobiliteit en verkeer", "mobiliteit-en-verkeer"),
    ("Veiligheid en netheid", "veiligheid-en-netheid"),
    ("Taal en ontmoeting", "taal-en-ontmoeting"),
    ("Welzijn en gezondheid", "welzijn-en-gezondheid"),
    ("Wereldburgerschap", "wereldburgerschap"),
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("initiatives", "Theme")
    for position, (name, slug) in enumerate(THEMES, start=1):
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


def add_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS initiative_search_gin ON initiatives_initiative USING gin (search_vector)"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS initiative_search_gin")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [
        migrations.RunPython(add_themes, migrations.RunPython.noop),
        migrations.RunPython(add_search_index, drop_search_index),
    ]

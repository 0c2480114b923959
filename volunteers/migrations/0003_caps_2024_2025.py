"""The legal caps on flat-rate volunteer allowances for 2024 and 2025 (wet van 3 juli 2005,
art. 10, amounts indexed on 1 January). An administrator adds later years in the admin."""

from decimal import Decimal

from django.db import migrations

SOURCE_LAW = "Wet van 3 juli 2005 betreffende de rechten van vrijwilligers, art. 10; geïndexeerde bedragen"
CAPS = [
    (2024, "general", Decimal("41.48"), Decimal("1659.29"), SOURCE_LAW + " 2024 (FOD Sociale Zekerheid)"),
    (2024, "higher", None, Decimal("3047.43"), SOURCE_LAW + " 2024, verhoogd jaarbedrag (KB 20 december 2018)"),
    (2025, "general", Decimal("42.31"), Decimal("1692.51"), SOURCE_LAW + " 2025 (FOD Sociale Zekerheid)"),
]


def load(apps, schema_editor):
    AllowanceCap = apps.get_model("volunteers", "AllowanceCap")
    for year, category, per_day, per_year, source in CAPS:
        AllowanceCap.objects.update_or_create(
            year=year, category=category, defaults={"per_day": per_day, "per_year": per_year, "source": source}
        )


def unload(apps, schema_editor):
    AllowanceCap = apps.get_model("volunteers", "AllowanceCap")
    for year, category, *_rest in CAPS:
        AllowanceCap.objects.filter(year=year, category=category).delete()


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0002_allowances_certificates")]
    operations = [migrations.RunPython(load, unload)]

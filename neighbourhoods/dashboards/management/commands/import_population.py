from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from neighbourhoods.dashboards.population import GENK, SOURCE, Columns, ImportRefused, import_population


class Command(BaseCommand):
    help = (
        "Import Statbel's 'population per statistical sector' file (| ; , or tab separated) and store the "
        "population per wijk (summed over its sectors). All or nothing: unknown sectors or columns import nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--reference-date", required=True, help="the figures' date (Statbel: 1 January), YYYY-MM-DD"
        )
        parser.add_argument("--source", default=SOURCE)
        parser.add_argument("--estimated", action="store_true", help="mark the figures as estimates")
        parser.add_argument("--sector-column", default=Columns.sector)
        parser.add_argument("--name-column", default=Columns.name)
        parser.add_argument("--population-column", default=Columns.population)
        parser.add_argument("--municipality-column", default=Columns.municipality)
        parser.add_argument("--encoding", default="utf-8-sig")

    def handle(self, *args, **o):
        try:
            reference = date.fromisoformat(o["reference_date"])
        except ValueError as error:
            raise CommandError("--reference-date is not a date (YYYY-MM-DD).") from error
        try:
            text = Path(o["file"]).read_text(encoding=o["encoding"])
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {o['file']}: {error}") from error
        columns = Columns(o["sector_column"], o["name_column"], o["population_column"], o["municipality_column"])
        try:
            result = import_population(text, reference, columns=columns, source=o["source"], estimated=o["estimated"])
        except ImportRefused as refused:
            raise CommandError("\n".join([str(refused), *refused.rows])) from refused
        self.stdout.write(
            self.style.SUCCESS(
                f"Population of {len(result.per_wijk)} wijken ({result.sectors} sectors of {GENK}) on {reference}; "
                f"{result.not_localisable} residents in the sector 'not localisable' are in no wijk."
            )
        )

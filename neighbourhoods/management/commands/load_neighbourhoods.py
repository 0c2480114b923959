from django.core.management.base import BaseCommand

from neighbourhoods.models import Neighbourhood
from neighbourhoods.services import load_example_districts, load_neighbourhoods


class Command(BaseCommand):
    help = (
        "Load Genk's 31 wijken (name, code, boundary, statistical sectors) from neighbourhoods/data/ "
        "(idempotent: matched by code, only changes are saved, nothing is deleted)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--example-districts",
            action="store_true",
            help="Also create the 8 example districts and put each wijk without a district in one.",
        )

    def handle(self, *args, example_districts=False, **options):
        created, updated = load_neighbourhoods()
        self.stdout.write(
            self.style.SUCCESS(
                f"Wijken: {Neighbourhood.objects.count()} in the database ({created} new, {updated} updated)."
            )
        )
        if example_districts:
            districts, assigned = load_example_districts()
            self.stdout.write(
                self.style.SUCCESS(f"Example districts: {districts} new, {assigned} wijken assigned to one.")
            )

from django.core.management.base import BaseCommand

from neighbourhoods.services import load_example_districts


class Command(BaseCommand):
    help = (
        "Create the 8 example districts (stadsdelen, marked as examples) and put each loaded wijk "
        "without a district in one (idempotent; a wijk that has a district keeps it)."
    )

    def handle(self, *args, **options):
        districts, assigned = load_example_districts()
        self.stdout.write(self.style.SUCCESS(f"Example districts: {districts} new, {assigned} wijken assigned to one."))

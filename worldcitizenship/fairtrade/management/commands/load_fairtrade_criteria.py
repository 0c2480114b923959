from django.core.management.base import BaseCommand

from worldcitizenship.fairtrade.services import load_criteria


class Command(BaseCommand):
    help = "Load (or update) the FairTrade-gemeente campaign's six criteria from data/criteria.json."

    def handle(self, *args, **options):
        result = load_criteria()
        self.stdout.write(f"FairTrade criteria: {result['created']} created, {result['updated']} updated")

from django.core.management.base import BaseCommand

from worldcitizenship.services import load_sdgs


class Command(BaseCommand):
    help = "Load the 17 SDGs and their 169 targets from worldcitizenship/data/ (idempotent)."

    def handle(self, *args, **options):
        counts = load_sdgs()
        self.stdout.write(
            self.style.SUCCESS(
                "SDGs: {goals} goals ({goals_created} new, {goals_updated} updated), "
                "{targets} targets ({targets_created} new, {targets_updated} updated).".format(**counts)
            )
        )

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from neighbourhoods.dashboards.services import backfill


def _day(text):
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text}") from error


class Command(BaseCommand):
    help = "Store every registered figure per wijk for each day from --from to --to (an upsert: safe to rerun)."

    def add_arguments(self, parser):
        yesterday = timezone.localdate() - timedelta(days=1)
        parser.add_argument("--from", dest="start", default=yesterday.isoformat(), help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", default=yesterday.isoformat(), help="last day, YYYY-MM-DD")
        parser.add_argument("--figure", action="append", dest="keys", help="only this figure (repeatable)")

    def handle(self, *args, start, end, keys, **options):
        start, end = _day(start), _day(end)
        if end < start:
            raise CommandError("--to is before --from.")
        written = backfill(start, end, keys)
        self.stdout.write(self.style.SUCCESS(f"Stored {written} daily figures from {start} to {end}."))

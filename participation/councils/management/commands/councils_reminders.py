from django.core.management.base import BaseCommand

from participation.councils.tasks import send_reminders


class Command(BaseCommand):
    help = "Send the advisory councils' reminders now (the same as the hourly beat task; safe to rerun)."

    def add_arguments(self, parser):
        parser.add_argument("--now", help="ISO 8601 moment to act as 'now' (default: the current time)")

    def handle(self, *args, now=None, **options):
        counts = send_reminders(now)
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in counts.items()))

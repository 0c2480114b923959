from django.core.management.base import BaseCommand

from volunteers.tasks import send_shift_reminders


class Command(BaseCommand):
    help = "Send tomorrow's shift reminders now (the same as the hourly beat task; safe to rerun)."

    def add_arguments(self, parser):
        parser.add_argument("--now", help="ISO 8601 moment to act as 'now' (default: the current time)")

    def handle(self, *args, now=None, **options):
        self.stdout.write(f"{send_shift_reminders(now)} sign-ups reminded")

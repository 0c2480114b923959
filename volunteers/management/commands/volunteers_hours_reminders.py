from django.core.management.base import BaseCommand

from volunteers.tasks import send_hours_to_approve


class Command(BaseCommand):
    help = "Tell coordinators about hours waiting for approval (the weekly beat task; safe to rerun in a week)."

    def add_arguments(self, parser):
        parser.add_argument("--now", help="ISO 8601 moment to act as 'now' (default: the current time)")

    def handle(self, *args, now=None, **options):
        self.stdout.write(f"{send_hours_to_approve(now)} coordinators told")

"""Run the periodic tasks of initiatives now (what Celery beat runs on its schedule)."""

from django.core.management.base import BaseCommand

from initiatives import tasks

TASKS = {
    "close": tasks.close_expired_support_periods,
    "drafts": tasks.remind_stale_drafts,
    "moderation": tasks.remind_moderation_overdue,
    "answers": tasks.remind_answers_overdue,
}


class Command(BaseCommand):
    help = "Close ended support periods and send the reminders (idempotent: safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("only", nargs="*", help=f"Which tasks, of {', '.join(TASKS)} (default: all).")

    def handle(self, *args, only=(), **options):
        from django.core.management.base import CommandError

        unknown = set(only) - set(TASKS)
        if unknown:
            raise CommandError(f"Unknown task(s): {', '.join(sorted(unknown))}")
        for name in only or TASKS:
            count = TASKS[name]()
            self.stdout.write(f"{name}: {count}")

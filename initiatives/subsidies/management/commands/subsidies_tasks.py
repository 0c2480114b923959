"""Run the periodic tasks of subsidy files now (what Celery beat runs on its schedule)."""

from django.core.management.base import BaseCommand, CommandError

from initiatives.subsidies import tasks

TASKS = {
    "info": tasks.remind_info_requests,
    "reports": tasks.remind_reports,
    "intake": tasks.remind_intake_overdue,
    "assessment": tasks.remind_assessment_overdue,
    "decision": tasks.remind_decision_overdue,
    "digest": tasks.send_weekly_digests,
}


class Command(BaseCommand):
    help = "Send the subsidy reminders and the weekly digests (idempotent: safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("only", nargs="*", help=f"Which tasks, of {', '.join(TASKS)} (default: all).")

    def handle(self, *args, only=(), **options):
        unknown = set(only) - set(TASKS)
        if unknown:
            raise CommandError(f"Unknown task(s): {', '.join(sorted(unknown))}")
        for name in only or TASKS:
            count = TASKS[name]()
            self.stdout.write(f"{name}: {count}")

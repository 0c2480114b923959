"""Run the periodic tasks of initiatives now (what Celery beat runs on its schedule)."""

from genk.core.commands import TasksCommand
from initiatives import tasks as jobs


class Command(TasksCommand):
    help = "Close ended support periods and send the reminders (idempotent: safe to run again)."
    tasks = {
        "close": jobs.close_expired_support_periods,
        "drafts": jobs.remind_stale_drafts,
        "moderation": jobs.remind_moderation_overdue,
        "answers": jobs.remind_answers_overdue,
    }

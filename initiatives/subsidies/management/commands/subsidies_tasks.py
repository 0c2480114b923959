"""Run the periodic tasks of subsidy files now (what Celery beat runs on its schedule)."""

from genk.core.commands import TasksCommand
from initiatives.subsidies import tasks as jobs


class Command(TasksCommand):
    help = "Send the subsidy reminders and the weekly digests (idempotent: safe to run again)."
    tasks = {
        "info": jobs.remind_info_requests,
        "reports": jobs.remind_reports,
        "intake": jobs.remind_intake_overdue,
        "assessment": jobs.remind_assessment_overdue,
        "decision": jobs.remind_decision_overdue,
        "digest": jobs.send_weekly_digests,
    }

"""The periodic tasks, declared by each app beside its tasks (so a new app edits no settings).

In an app's `tasks.py`, after the task::

    from genk.core import beat

    @shared_task
    def send_reminders(): ...

    beat.every("councils-reminders", send_reminders, 60 * 60)          # seconds
    beat.every("subsidies-remind", remind_applicants, crontab(hour=9, minute=15))

`schedule()` is the whole list: every app's `tasks` module is imported first (as a worker does
at start), then the entries are returned in Celery's `beat_schedule` form. Celery beat reads it
through `Scheduler` (settings: `CELERY_BEAT_SCHEDULER = "genk.core.beat:Scheduler"`); the test
`tests/core/test_core.py` checks that every entry names a registered task.
"""

from celery.beat import PersistentScheduler
from django.utils.module_loading import autodiscover_modules

_entries: dict[str, dict] = {}


def every(name: str, task, schedule, **options) -> None:
    """Run `task` (a Celery task or its dotted name) on `schedule` (seconds or a crontab).
    Declaring the same name again replaces the entry (a module imported twice is harmless)."""
    task_name = task if isinstance(task, str) else task.name
    _entries[name] = {"task": task_name, "schedule": schedule, **({"options": options} if options else {})}


def schedule() -> dict[str, dict]:
    """Every declared entry, after importing each app's `tasks` module."""
    autodiscover_modules("tasks")
    return dict(_entries)


class Scheduler(PersistentScheduler):
    """Celery beat's default scheduler, with the apps' declared entries added to `beat_schedule`."""

    def setup_schedule(self):
        self.app.conf.beat_schedule = {**schedule(), **(self.app.conf.beat_schedule or {})}
        super().setup_schedule()

"""A base for the management commands that run an app's periodic tasks by hand.

Each app's `<app>_tasks` command lists its tasks by short name; `manage.py <app>_tasks`
runs them all, `manage.py <app>_tasks a b` only those. The tasks are idempotent, so running
one by hand beside Celery beat sends nothing twice."""

from django.core.management.base import BaseCommand, CommandError


class TasksCommand(BaseCommand):
    #: short name -> a task (called in-process; it returns how many things it did)
    tasks: dict = {}

    def add_arguments(self, parser):
        parser.add_argument("only", nargs="*", help=f"Which tasks, of {', '.join(self.tasks)} (default: all).")

    def handle(self, *args, only=(), **options):
        unknown = set(only) - set(self.tasks)
        if unknown:
            raise CommandError(f"Unknown task(s): {', '.join(sorted(unknown))}")
        for name in only or self.tasks:
            count = self.tasks[name]()
            self.stdout.write(f"{name}: {count}")

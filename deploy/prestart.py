"""What the image does before it starts a process (called by deploy/entrypoint.sh).

1. Wait until the database accepts connections (DB_WAIT_TIMEOUT seconds, default 60).
2. MIGRATE_ON_START=1 (the `web` service): print the deployment checks, then apply the
   migrations under a PostgreSQL advisory lock, so that `--scale web=2` migrates once and the
   second web server waits for the first.
   WAIT_FOR_MIGRATIONS=1 (`worker`, `beat`): wait (MIGRATION_WAIT_TIMEOUT, default 600 s) until
   every migration of this code is applied, so that tasks never run against an older schema.
"""

import os
import sys
import time

import django

# Any number, the same in every container: the key of the advisory lock around `migrate`.
MIGRATE_LOCK_KEY = 73603600


def log(message):
    print(f"[prestart] {message}", file=sys.stderr, flush=True)


def flag(name):
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def wait_for_database(connection, timeout):
    from django.db.utils import OperationalError

    deadline = time.monotonic() + timeout
    while True:
        try:
            connection.ensure_connection()
            return
        except OperationalError as error:
            if time.monotonic() >= deadline:
                log(f"the database did not answer within {timeout} s: {error}")
                sys.exit(1)
            log("waiting for the database …")
            time.sleep(2)


def unapplied_migrations(connection):
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def migrate(connection):
    from django.core.management import call_command

    # Report what `check --deploy` finds (missing EMAIL_URL, no https redirect, …) without refusing to start.
    call_command("check", deploy=True, fail_level="CRITICAL")
    locked = connection.vendor == "postgresql"
    if locked:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK_KEY])
    try:
        call_command("migrate", interactive=False, verbosity=1)
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK_KEY])


def wait_for_migrations(connection, timeout):
    deadline = time.monotonic() + timeout
    while plan := unapplied_migrations(connection):
        if time.monotonic() >= deadline:
            log(f"{len(plan)} migrations still unapplied after {timeout} s; is the web service running?")
            sys.exit(1)
        log(f"waiting for the web service to apply {len(plan)} migrations …")
        time.sleep(5)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "genk.settings")
    django.setup()
    from django.conf import settings
    from django.db import connection

    if settings.PRODUCTION and not os.environ.get("EMAIL_URL"):
        log("WARNING: EMAIL_URL is not set: emails (account verification too) are only written to files.")
    wait_for_database(connection, int(os.environ.get("DB_WAIT_TIMEOUT") or 60))
    if flag("MIGRATE_ON_START"):
        migrate(connection)
    elif flag("WAIT_FOR_MIGRATIONS"):
        wait_for_migrations(connection, int(os.environ.get("MIGRATION_WAIT_TIMEOUT") or 600))
    connection.close()


if __name__ == "__main__":
    main()

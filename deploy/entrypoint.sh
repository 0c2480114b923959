#!/bin/sh
# Entrypoint of the Samen Genk image: wait for the database (and migrate, for the web service)
# in deploy/prestart.py, then run the container's command (gunicorn, celery worker, celery beat,
# or anything given to `docker compose run`). SKIP_PRESTART=1 runs the command straight away.
set -eu

if [ "${SKIP_PRESTART:-0}" != "1" ]; then
    python "$(dirname "$0")/prestart.py"
fi
exec "$@"

"""Gunicorn settings for the `web` service (see docs/deploy.md). Every value can be set from the environment.

GUNICORN_WORKERS   worker processes (default: WEB_CONCURRENCY, else 2 x CPUs + 1, at most 8)
GUNICORN_THREADS   threads per worker (default 1: plain sync workers)
GUNICORN_TIMEOUT   seconds before a stuck worker is killed and restarted (default 60)
GUNICORN_MAX_REQUESTS  requests after which a worker is replaced, to bound its memory (default 1000; 0 = never)
FORWARDED_ALLOW_IPS  addresses whose X-Forwarded-* headers gunicorn trusts (default "*": the port must be
                   reachable by the reverse proxy only)

Worker class and count, chosen by measurement (issue 17; figures in deploy/README.md): **sync workers,
2 x CPUs + 1** (5 on 2 cores). `make loadtest` (100 and 200 simulated users, 30 s each, the city-scale
bench data, the load generator and PostgreSQL on the same 2 cores) was run 12 times back to back on
6 December 2026, 10:18-10:45 UTC, alternating sync 5 x 1, gthread 3 x 4 and gthread 2 x 4 on a machine
shared with other work (load average 4-10). Medians of the runs, p95 at 200 users: sync 7.7 s (5 runs,
6.7-8.8), gthread 3 x 4 11.7 s (4 runs, 6.5-16), gthread 2 x 4 9.1 s (3 runs, 9.0-10.0); requests/s at 200
users 25 / 27 / 25 (gthread 3 x 4 between 19 and 37: it varied most). No server errors in any run. Peak
memory per worker 140-145 MiB (sync) against 153-161 MiB (gthread), all under the 200 MiB limit.
Saturated, a gthread worker queues the requests of the connections it holds (kept alive) behind its own
four threads and the GIL while another worker may be idle; sync workers take the next request from the
one shared queue when they are free, so the slowest requests wait less. GUNICORN_THREADS > 1 switches
to gthread; measure again (`make loadtest`) before doing so.
"""

import os

from gunicorn.glogging import Logger


def _int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _int("GUNICORN_WORKERS", _int("WEB_CONCURRENCY", min(2 * (os.cpu_count() or 1) + 1, 8)))
# 1: sync workers (measured better than gthread under a burst, see above).
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10
# The heartbeat files of the workers in memory, not on the container's overlay filesystem.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
# `gunicornc` (e.g. `docker compose exec web gunicornc status`) talks to the arbiter through this socket;
# the default under $HOME is not writable for the image's user.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "/tmp/gunicorn.ctl")

# Logs to stdout/stderr, where `docker compose logs` finds them. The access log names the client
# from X-Forwarded-For (the reverse proxy is the peer) and the duration in milliseconds.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-forwarded-for}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

HEALTHCHECK_USER_AGENT = "samengenk-healthcheck"


class AccessLogger(Logger):
    """Gunicorn's logger, without an access-log line for each container health check."""

    def access(self, resp, req, environ, request_time):
        if environ.get("HTTP_USER_AGENT") == HEALTHCHECK_USER_AGENT:
            return
        super().access(resp, req, environ, request_time)


logger_class = AccessLogger

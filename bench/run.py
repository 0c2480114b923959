"""`make bench`: the main pages under gunicorn on PostgreSQL, at city scale.

1. creates the database (BENCH_DATABASE_URL, default samengenk_bench) if missing, migrates,
   seeds the city (`seed_city`, quick when already seeded) and collects static files;
2. starts gunicorn (genk.wsgi, bench.settings, production mode, 2 sync workers) on a free
   loopback port;
3. requests every page BENCH_REQUESTS times (default 50) after BENCH_WARMUP (5) warm-ups,
   one at a time, and prints status, SQL queries (X-Query-Count), median and p95 time and
   the ratio to the floor (a bare view doing one indexed query);
4. prints the peak memory (VmHWM) of each gunicorn worker, stops gunicorn (always) and
   exits non-zero if any page did not answer 200.

Signed-in pages use sessions created directly in the session store (no login form, no MFA
step): a seeded resident, and a seeded civil servant who has MFA enrolled.
"""

import http.client
import math
import os
import platform
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samengenk_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "5"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
RESIDENTS = int(os.environ.get("BENCH_RESIDENTS", "68000"))
TIMEOUT = 30  # seconds, per request and for gunicorn to start

ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "CACHE_KEY_PREFIX": "samengenk-bench",
    # Production mode, as deployed: DEBUG off, manifest static files, the same middleware.
    # Plain HTTP on loopback, so no SSL redirect; the secret only lives for this run.
    "DJANGO_ENV": "production",
    "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", "bench-" + secrets.token_urlsafe(40)),
    "SECURE_SSL_REDIRECT": "false",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
    "LOG_LEVEL": "WARNING",
    "EMAIL_URL": "smtp://localhost:25",  # nothing is mailed during the run
    # Persistent database connections, as docker-compose.yml deploys them (set 0 to compare).
    "CONN_MAX_AGE": os.environ.get("BENCH_CONN_MAX_AGE", "60"),
}


def ensure_database() -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")


def prepare() -> dict:
    """Migrate, seed and collect static files; return the paths and the cookies to request."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    print(f"Seeding (skipped where already done) {RESIDENTS:,} residents:")
    call_command("seed_city", residents=RESIDENTS)
    call_command("collectstatic", interactive=False, verbosity=0)

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from django.db.models import Count

    from bench.seed import BENCH_RESIDENT_EMAIL
    from genk.accounts.models import DepartmentMembership, User
    from neighbourhoods.models import District, Neighbourhood

    def session_for(user) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"

    resident = User.objects.get(email=BENCH_RESIDENT_EMAIL)
    head = (
        DepartmentMembership.objects.filter(department__slug="participatie", role="head").select_related("user").first()
    )
    if head is None or not head.user.has_mfa:
        raise SystemExit("No civil servant with MFA in the seeded data: run seed_city again.")
    # The busiest wijk, and the district it belongs to (or any district).
    wijk = Neighbourhood.objects.annotate(n=Count("residents")).order_by("-n", "name").first()
    district = wijk.district or District.objects.order_by("name").first()
    resident_cookie, staff_cookie = session_for(resident), session_for(head.user)
    sessions = [cookie.split("=", 1)[1] for cookie in (resident_cookie, staff_cookie)]
    connection.close()
    pages = [
        ("home", "/", None),
        ("wijken", "/wijken/", None),
        (f"wijk ({wijk.name})", wijk.get_absolute_url(), None),
    ]
    if district:
        pages.append((f"stadsdeel ({district.name})", district.get_absolute_url(), None))
    pages += [
        ("SDG's", "/wereldburgerschap/sdg/", None),
        ("SDG 8", "/wereldburgerschap/sdg/8/", None),
        ("login", "/account/login/", None),
        ("profiel (inwoner)", "/profiel/", resident_cookie),
        ("meldingen (inwoner)", "/meldingen/", resident_cookie),
        ("beheer (medewerker)", "/beheer/", staff_cookie),
        ("auditlog (medewerker)", "/beheer/auditlog/", staff_cookie),
        ("floor: 1 indexed query", f"/bench/floor/?pk={resident.pk}", None),
    ]
    counts = {
        "residents": User.objects.filter(neighbourhood__isnull=False).count(),
        "wijken": Neighbourhood.objects.count(),
    }
    connection.close()
    return {"pages": pages, "counts": counts, "sessions": sessions}


def forget_sessions(keys: list[str]) -> None:
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection

    for key in keys:
        SessionStore(session_key=key).delete()
    connection.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, path: str, cookie: str | None) -> tuple[int, float, int | None]:
    """One GET on a fresh connection (sync workers close it anyway): status, seconds, queries."""
    headers = {"Host": "127.0.0.1", "Accept-Language": "nl"}
    if cookie:
        headers["Cookie"] = cookie
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
    finally:
        connection.close()
    queries = response.getheader("X-Query-Count")
    return response.status, elapsed, int(queries) if queries is not None else None


def wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with code {process.returncode}; see var/bench-gunicorn.log")
        try:
            request(port, "/bench/floor/", None)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer within {TIMEOUT} s; see var/bench-gunicorn.log")


def workers_of(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    if children.exists():
        return [int(pid) for pid in children.read_text().split()]
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            found.append(int(stat.parent.name))
    return found


def peak_memory_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `fraction` of all at or below it."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def measure(port: int, pages: list) -> list[dict]:
    results = []
    for label, path, cookie in pages:
        statuses, times, queries = set(), [], set()
        for _ in range(WARMUP):
            request(port, path, cookie)
        for _ in range(REQUESTS):
            status, elapsed, count = request(port, path, cookie)
            statuses.add(status)
            times.append(elapsed * 1000)
            queries.add(count)
        results.append(
            {
                "label": label,
                "path": path.split("?")[0],
                "status": ",".join(str(s) for s in sorted(statuses)),
                "ok": statuses == {200},
                "queries": "/".join("?" if q is None else str(q) for q in sorted(queries, key=lambda q: q or -1)),
                "median": statistics.median(times),
                "p95": percentile(times, 0.95),
            }
        )
    return results


def machine() -> str:
    import django

    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal:")),
        "0",
    )
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    return (
        f"{time.strftime('%Y-%m-%d %H:%M %Z')} · {os.cpu_count()} CPUs, {int(memory) / 1024**2:.1f} GiB · "
        f"Python {platform.python_version()}, Django {django.get_version()} · commit {commit or '?'}"
    )


def report(results: list[dict], memory: dict[int, int | None]) -> None:
    floor = results[-1]["median"]
    print()
    print(machine())
    print(f"{REQUESTS} requests per page after {WARMUP} warm-ups, one at a time, {WORKERS} gunicorn sync workers.")
    print()
    print("| page | path | status | queries | median ms | p95 ms | × floor |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    for r in results:
        print(
            f"| {r['label']} | `{r['path']}` | {r['status']} | {r['queries']} | "
            f"{r['median']:.1f} | {r['p95']:.1f} | {r['median'] / floor:.1f} |"
        )
    print()
    for pid, kib in memory.items():
        print(f"gunicorn worker {pid}: peak RSS (VmHWM) {kib / 1024:.1f} MiB" if kib else f"worker {pid}: unknown")


def main() -> int:
    for key, value in ENVIRONMENT.items():
        os.environ[key] = value
    ensure_database()
    prepared = prepare()
    print(f"Data: {prepared['counts']['residents']:,} residents in {prepared['counts']['wijken']} wijken.")

    port = free_port()
    log_path = ROOT / "var" / "bench-gunicorn.log"
    log_path.parent.mkdir(exist_ok=True)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn), "genk.wsgi:application", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
        "--chdir", str(ROOT), "--access-logfile", "-", "--timeout", str(TIMEOUT),
    ]  # fmt: skip
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), stdout=log, stderr=log)
        try:
            wait_for(port, process)
            print(f"gunicorn {process.pid} on 127.0.0.1:{port}, {WORKERS} workers; measuring…")
            results = measure(port, prepared["pages"])
            memory = {pid: peak_memory_kib(pid) for pid in workers_of(process.pid)}
            load = os.getloadavg()[0]
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=TIMEOUT)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            forget_sessions(prepared["sessions"])
    report(results, memory)
    print(f"Load average (1 min) at the end of the run: {load:.2f} on {os.cpu_count()} CPUs.")
    failed = [r for r in results if not r["ok"]]
    for r in failed:
        print(f"FAILED: {r['label']} ({r['path']}) answered {r['status']}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

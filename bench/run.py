"""`make bench`: the main pages under gunicorn on PostgreSQL, at city scale.

1. creates the database (BENCH_DATABASE_URL, default samengenk_bench) if missing, migrates,
   seeds the city (`seed_city`, quick when already seeded) and collects static files;
2. collects the pages from every `@pages.register` provider in bench/steps/ (see
   bench/pages.py: one module per app declares its seed step and its pages) and times the
   in-process timings (e.g. counting 100,000 ballots);
3. starts gunicorn (genk.wsgi, bench.settings, production mode, 2 sync workers) on a free
   loopback port;
4. requests every page BENCH_REQUESTS times (default 50) after BENCH_WARMUP (5) warm-ups,
   one at a time, and prints status, SQL queries (X-Query-Count), median and p95 time and
   the ratio to the floor (a bare view doing one indexed query). A POST first loads its form
   page, unmeasured, for the CSRF token and cookie, as a browser does;
5. checks that the POSTs did their work and undoes it, prints the peak memory (VmHWM) of each
   gunicorn worker, stops gunicorn (always) and exits non-zero if any page did not answer
   as expected (200, or 302 for a POST);
6. after the table, prints issue 17's target — no page's median above 10× the read floor, a
   POST's above 3× the write floor — how many pages meet it and which do not (worst first);
   with BENCH_STRICT=1 a page above the target makes the run exit non-zero too.

Signed-in pages use sessions created directly in the session store (no login form, no MFA
step), deleted at the end.
"""

import http.client
import math
import os
import platform
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode, urlsplit, urlunsplit

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


def setup_database(residents: int) -> None:
    """Set Django up on the benchmark database (the environment must be ENVIRONMENT's),
    migrate, seed the city (quick when already seeded) and collect the static files."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    print(f"Seeding (skipped where already done) {residents:,} residents:")
    call_command("seed_city", residents=residents)
    call_command("collectstatic", interactive=False, verbosity=0)


def prepare() -> dict:
    """Migrate, seed, collect static files, time the in-process timings; return the pages to
    request (from every `@pages.register` provider in bench/steps/, then the floor)."""
    setup_database(RESIDENTS)

    from django.conf import settings
    from django.db import connection

    from bench import pages as bench_pages
    from genk.accounts.models import User
    from neighbourhoods.models import Neighbourhood

    ctx = bench_pages.PageContext(requests_per_page=WARMUP + REQUESTS)
    pages, timings = [], []
    try:
        for provider in bench_pages.providers():
            for item in provider.func(ctx):
                (timings if isinstance(item, bench_pages.Timing) else pages).append(item)
        pages.append(
            bench_pages.Page(
                WRITE_FLOOR,
                "/bench/floor/write/",
                method="POST",
                form="/profiel/",
                sessions=[ctx.session(ctx.resident)],
                expect=302,
            )
        )
        pages.append(bench_pages.Page(READ_FLOOR, f"/bench/floor/?pk={ctx.resident.pk}"))
        counts = {
            "residents": User.objects.filter(neighbourhood__isnull=False).count(),
            "wijken": Neighbourhood.objects.count(),
        }
    except BaseException:
        forget_sessions(ctx.session_keys)
        raise
    connection.close()
    return {
        "pages": pages,
        "timings": timings,
        "counts": counts,
        "sessions": ctx.session_keys,
        "skipped": ctx.skipped,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
    }


def time_functions(timings: list) -> list[dict]:
    """Each Timing: one warm-up, then `repeat` timed calls, in this process (no HTTP)."""
    from django.db import connection

    results = []
    for timing in timings:
        timing.func()
        seconds, what = [], ""
        for _ in range(timing.repeat):
            started = time.perf_counter()
            what = timing.func()
            seconds.append(time.perf_counter() - started)
        median = statistics.median(seconds)
        results.append(
            {
                "label": timing.label,
                "what": what,
                "median": median,
                "min": min(seconds),
                "max": max(seconds),
                "repeat": timing.repeat,
                "target": timing.target,
                "ok": timing.target is None or median < timing.target,
            }
        )
        print(f"  {timing.label}: median {median:.3f} s ({what})")
    connection.close()
    return results


def forget_sessions(keys: list[str]) -> None:
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection

    for key in keys:
        SessionStore(session_key=key).delete()
    connection.close()


def purge_queued_tasks() -> int:
    """The POSTs queue notification tasks (e.g. "your ballot is confirmed") on the bench's
    Redis; no worker runs during the bench, so drop them rather than let them pile up."""
    from genk.celery import app

    try:
        return app.control.purge() or 0
    except Exception as error:  # the broker being away must not hide the results
        print(f"Could not purge the queued tasks: {error}", file=sys.stderr)
        return 0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Response(NamedTuple):
    status: int
    seconds: float
    queries: int | None
    body: bytes
    cookies: dict[str, str]  # from Set-Cookie


def request(
    port: int,
    path: str,
    cookie: str | None = None,
    *,
    method: str = "GET",
    form: dict | None = None,
    timeout: float = TIMEOUT,
) -> Response:
    """One request on a fresh connection (sync workers close it anyway), timed from sending it
    to reading the last byte. A POST sends `form` url-encoded with the Origin a browser sends."""
    headers = {"Host": "127.0.0.1", "Accept-Language": "nl"}
    if cookie:
        headers["Cookie"] = cookie
    body = None
    if method == "POST":
        body = urlencode(form or {}).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = "http://127.0.0.1"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        elapsed = time.perf_counter() - started
    finally:
        connection.close()
    queries = response.getheader("X-Query-Count")
    cookies = {}
    for header in response.msg.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    return Response(response.status, elapsed, int(queries) if queries is not None else None, content, cookies)


CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def post_for(port: int, page, cookie: str, csrf_cookie: str) -> tuple[str, dict]:
    """What a browser does before posting: load the page with the form (unmeasured) and take
    the CSRF token from the form and the CSRF cookie from the response."""
    loaded = request(port, page.form, cookie)
    match = CSRF_FIELD.search(loaded.body)
    if loaded.status != 200 or not match or csrf_cookie not in loaded.cookies:
        raise SystemExit(
            f"{page.label}: the form page {page.form} answered {loaded.status} "
            f"{'without' if not match else 'with'} a CSRF token and "
            f"{'without' if csrf_cookie not in loaded.cookies else 'with'} the CSRF cookie"
        )
    cookies = "; ".join(c for c in (cookie, f"{csrf_cookie}={loaded.cookies[csrf_cookie]}") if c)
    return cookies, {**page.data, "csrfmiddlewaretoken": match.group(1).decode()}


def wait_for(port: int, process: subprocess.Popen, log: str = "var/bench-gunicorn.log") -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with code {process.returncode}; see {log}")
        try:
            request(port, "/bench/floor/")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer within {TIMEOUT} s; see {log}")


@contextmanager
def gunicorn(options: list[str], log_name: str = "bench-gunicorn.log"):
    """Start gunicorn (genk.wsgi, in this process's environment: set ENVIRONMENT first) with
    `options` on a free loopback port, its output in var/<log_name>; yield (process, port)
    once it answers; stop it on the way out, always."""
    port = free_port()
    log_path = ROOT / "var" / log_name
    log_path.parent.mkdir(exist_ok=True)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "genk.wsgi:application", *options, "--bind", f"127.0.0.1:{port}", "--chdir", str(ROOT)]
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), stdout=log, stderr=log)
        try:
            wait_for(port, process, f"var/{log_name}")
            yield process, port
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=TIMEOUT)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


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


def measure(port: int, pages: list, csrf_cookie: str) -> list[dict]:
    results = []
    for page in pages:
        statuses, times, queries = set(), [], set()
        for number in range(WARMUP + REQUESTS):
            cookie = page.sessions[number % len(page.sessions)] if page.sessions else None
            form = None
            if page.method == "POST":
                cookie, form = post_for(port, page, cookie, csrf_cookie)
            response = request(port, page.path, cookie, method=page.method, form=form)
            if number < WARMUP:
                continue
            statuses.add(response.status)
            times.append(response.seconds * 1000)
            queries.add(response.queries)
        results.append(
            {
                "label": page.label,
                "method": page.method,
                "path": page.path.split("?pk=")[0] if page.path.startswith("/bench/floor/") else page.path,
                "status": ",".join(str(s) for s in sorted(statuses)),
                "ok": statuses == {page.expect},
                "queries": "/".join("?" if q is None else str(q) for q in sorted(queries, key=lambda q: q or -1)),
                "median": statistics.median(times),
                "p95": percentile(times, 0.95),
            }
        )
    return results


def check_and_undo(pages: list, results: list[dict] | None) -> None:
    """After the measurement: whether each POST did its work (a failed check fails the page),
    then put the data back (always)."""
    from django.db import connection

    for number, page in enumerate(pages):
        if page.check and results is not None:
            problem = page.check()
            if problem:
                results[number]["ok"] = False
                results[number]["status"] += f" ({problem})"
    for page in pages:
        if page.undo:
            try:
                page.undo()
            except Exception as error:
                print(f"Could not undo {page.label}: {error}", file=sys.stderr)
    connection.close()


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


READ_FLOOR = "floor: 1 indexed query"
WRITE_FLOOR = "floor, signed in: 1 row written (POST)"
# Issue 17's target for `make bench`: no page's median above 10× the read floor; a POST's (a write)
# at most 3× the write floor. BENCH_STRICT=1 makes a page that misses it fail the run.
READ_TARGET = 10
WRITE_TARGET = 3
STRICT = os.environ.get("BENCH_STRICT", "").strip().lower() in {"1", "true", "yes", "on"}


def against_target(results: list[dict]) -> dict:
    """Each measured page's median against the target: a GET against READ_TARGET × the read
    floor, a POST against WRITE_TARGET × the write floor (the read floor's target when the run
    has no write floor). The floors themselves are not judged. Returns the number of pages
    judged, those that meet the target, and the misses, worst first, each with its label,
    path, ratio, the target it missed and which floor."""
    medians = {r["label"]: r["median"] for r in results}
    read_floor, write_floor = medians.get(READ_FLOOR), medians.get(WRITE_FLOOR)
    if not read_floor:
        raise ValueError(f"no read floor ({READ_FLOOR!r}) among the results")
    judged, misses = 0, []
    for r in results:
        if r["label"] in (READ_FLOOR, WRITE_FLOOR):
            continue
        if r["method"] == "GET" or not write_floor:
            floor, target, which = read_floor, READ_TARGET, "read"
        else:
            floor, target, which = write_floor, WRITE_TARGET, "write"
        judged += 1
        ratio = r["median"] / floor
        if ratio > target:
            misses.append(
                {"label": r["label"], "method": r["method"], "path": r["path"], "ratio": ratio, "target": target,
                 "floor": which}
            )  # fmt: skip
    misses.sort(key=lambda miss: -miss["ratio"])
    return {"judged": judged, "met": judged - len(misses), "misses": misses}


def target_lines(verdict: dict) -> list[str]:
    """The report's lines on the target: how many pages meet it, then the ones above it."""
    lines = [
        f"Target (issue 17): a page's median at most {READ_TARGET}× the read floor, a POST's at most "
        f"{WRITE_TARGET}× the write floor. {verdict['met']} of {verdict['judged']} pages meet it"
        + (", every one." if not verdict["misses"] else f"; {len(verdict['misses'])} above it:")
    ]
    if verdict["misses"]:
        lines += ["", "| page above the target | path | × floor | target |", "| --- | --- | ---: | ---: |"]
        for miss in verdict["misses"]:
            method = "" if miss["method"] == "GET" else f"{miss['method']} "
            lines.append(
                f"| {miss['label']} | {method}`{miss['path']}` | {miss['ratio']:.1f} | "
                f"{miss['target']}× the {miss['floor']} floor |"
            )
    return lines


def exit_status(results: list[dict], timings: list[dict], verdict: dict, strict: bool, out=sys.stderr) -> int:
    """1 when a page did not answer as declared or (strict only) a page missed the target; the
    reasons go to `out`. A missed in-process timing is reported, never fatal."""
    failed = [r for r in results if not r["ok"]]
    for r in failed:
        print(f"FAILED: {r['label']} ({r['path']}) answered {r['status']}", file=out)
    for t in timings:
        if not t["ok"]:
            print(f"MISSED: {t['label']} took {t['median']:.3f} s (target {t['target']:g} s)", file=out)
    if strict:
        for miss in verdict["misses"]:
            print(
                f"ABOVE TARGET (BENCH_STRICT): {miss['label']} ({miss['path']}) at {miss['ratio']:.1f}× the "
                f"{miss['floor']} floor (target {miss['target']}×)",
                file=out,
            )
    return 1 if failed or (strict and verdict["misses"]) else 0


def report(results: list[dict], timings: list[dict], memory: dict[int, int | None], verdict: dict) -> None:
    floor = next(r["median"] for r in results if r["label"] == READ_FLOOR)
    write_floor = next((r["median"] for r in results if r["label"] == WRITE_FLOOR), None)
    print()
    print(machine())
    print(f"{REQUESTS} requests per page after {WARMUP} warm-ups, one at a time, {WORKERS} gunicorn sync workers.")
    print()
    print("| page | path | status | queries | median ms | p95 ms | × floor |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    for r in results:
        method = "" if r["method"] == "GET" else f"{r['method']} "
        print(
            f"| {r['label']} | {method}`{r['path']}` | {r['status']} | {r['queries']} | "
            f"{r['median']:.1f} | {r['p95']:.1f} | {r['median'] / floor:.1f} |"
        )
    print()
    for line in target_lines(verdict):
        print(line)
    print()
    if write_floor:
        posts = [r for r in results if r["method"] == "POST" and r["label"] != WRITE_FLOOR]
        print(
            "POSTs against the signed-in write floor: "
            + ", ".join(f"{r['label'].split(' (')[0]} {r['median'] / write_floor:.1f}×" for r in posts)
            + "."
        )
        print()
    if timings:
        print("| in-process timing | median s | min s | max s | runs | target |")
        print("| --- | ---: | ---: | ---: | ---: | --- |")
        for t in timings:
            target = "" if t["target"] is None else f"< {t['target']:g} s {'ok' if t['ok'] else 'MISSED'}"
            print(
                f"| {t['label']} ({t['what']}) | {t['median']:.3f} | {t['min']:.3f} | {t['max']:.3f} | "
                f"{t['repeat']} | {target} |"
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
    if prepared["timings"]:
        print("Timing in-process:")
    try:
        timings = time_functions(prepared["timings"])
    except BaseException:
        forget_sessions(prepared["sessions"])
        raise

    results = None
    try:
        with gunicorn(["--workers", str(WORKERS), "--access-logfile", "-", "--timeout", str(TIMEOUT)]) as (
            process,
            port,
        ):
            print(f"gunicorn {process.pid} on 127.0.0.1:{port}, {WORKERS} workers; measuring…")
            results = measure(port, prepared["pages"], prepared["csrf_cookie"])
            memory = {pid: peak_memory_kib(pid) for pid in workers_of(process.pid)}
            load = os.getloadavg()[0]
    finally:
        check_and_undo(prepared["pages"], results)
        forget_sessions(prepared["sessions"])
        purge_queued_tasks()
    verdict = against_target(results)
    report(results, timings, memory, verdict)
    for note in prepared["skipped"]:
        print(f"Not measured: {note}")
    print(f"Load average (1 min) at the end of the run: {load:.2f} on {os.cpu_count()} CPUs.")
    return exit_status(results, timings, verdict, STRICT)


if __name__ == "__main__":
    sys.exit(main())

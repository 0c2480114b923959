"""`make loadtest`: many people at once — mixed traffic from locust against gunicorn, city scale.

1. sets up the bench database as `make bench` does (migrate, `seed_city`, collectstatic);
2. writes the plan (var/loadtest-plan.json) the simulated users follow (bench/locustfile.py):
   - the **popular pages**: every public GET page that a module of `bench/steps/` declares
     (lists plain, filtered and searched, the home page, the most visited details);
   - the **long tail**: up to LOADTEST_TAIL (default 600) other public pages, found by
     following the links of the popular pages (other filters, pages of a list, initiatives,
     wijken, activities, opportunities, councils …), each answering 200 before the run;
   - the **signed-in pages** the steps declare, with their sessions (residents, voters,
     council members; staff workbenches under `/beheer/`), and a pool of LOADTEST_RESIDENTS
     (default 300) seeded residents' sessions for residents browsing the public pages;
   - the **actions**: the POSTs the steps declare (support, ballot confirmation, sign-ups …),
     each with enough fresh residents' sessions that every action does the real work;
   Sessions are written straight into the session store as `make bench` does (no login form
   and no MFA step: the figures leave logging in out; its cost is one extra POST per visit,
   measured apart by `make bench` as the write floor's order of magnitude);
3. starts gunicorn as deployed (`deploy/gunicorn.conf.py`: sync workers, 2 × CPUs + 1) with
   production settings, and for each level of LOADTEST_USERS (default "50,200") runs locust
   headless on the same machine (users started at LOADTEST_SPAWN_RATE a second, statistics
   reset once all are running, then LOADTEST_DURATION seconds, default 60), sampling each
   worker's peak memory (VmHWM) once a second;
4. prints per level the overall requests/s, p50, p95, p99 and errors, the slowest pages,
   the workers' peak memory and the load average; writes var/loadtest-<users>_stats.csv
   (locust's own) and var/loadtest.json; undoes the actions (whether each write happened
   exactly once is `make burst`'s question, not this one's), deletes the sessions, purges the
   queued tasks. Exits non-zero when any request failed.

Think time: each simulated user waits 0.5–2 s between requests (LOADTEST_THINK="0.5,2"), so 200
users ask about 160 requests a second. The mix (LOADTEST_MIX="70,25,5"): 70 % visitors, 25 %
residents signed in, 5 % staff.
"""

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run  # noqa: E402  (the bench's environment, seed, gunicorn and sessions)

GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
VAR = ROOT / "var"
LINK = re.compile(rb'<a [^>]*href="(/[^"#]*)"')
# Not browsed from the tail: accounts (log-in and sign-up forms redirect a signed-in resident), staff,
# files and feeds.
TAIL_SKIP = ("/account/", "/accounts/", "/beheer/", "/admin/", "/static/", "/media/", "/i18n/", "/bench/", "/api/")
TAIL_SKIP_ENDINGS = (".ics", ".csv", ".xlsx", ".pdf", ".json", ".xml", ".zip", ".png", ".jpg", ".svg")


def env_list(name: str, default: str, kind=int) -> list:
    return [kind(part) for part in os.environ.get(name, default).split(",") if part.strip()]


def tail_label(path: str) -> str:
    """Long-tail pages are reported grouped by their first path segment: "tail /initiatieven/"."""
    first = urlsplit(path).path.strip("/").split("/", 1)[0]
    return f"tail /{first}/" if first else "tail /"


def crawl(port: int, start: list[str], limit: int) -> list[str]:
    """Public pages reached by following links from `start` (breadth first), each answering 200,
    at most `limit`, none of `start` itself, none under TAIL_SKIP."""
    seen, found = set(start), []
    queue = deque(start)
    while queue and len(found) < limit:
        path = queue.popleft()
        try:
            response = run.request(port, path)
        except OSError:
            continue
        if response.status != 200:
            continue
        if path not in start:
            found.append(path)
        for match in LINK.finditer(response.body):
            link = match.group(1).decode().replace("&amp;", "&")
            if link in seen or link.startswith(TAIL_SKIP) or urlsplit(link).path.endswith(TAIL_SKIP_ENDINGS):
                continue
            seen.add(link)
            queue.append(link)
    return found[:limit]


def plan_from(pages: list, resident_sessions: list[str], tail: list[str], csrf_cookie: str, think, mix, origin) -> dict:
    """The plan the locustfile reads: pages sorted into the kinds of user who ask for them."""
    popular, resident_pages, staff_pages, actions = [], [], [], []
    for page in pages:
        if page.path.startswith("/bench/"):
            continue
        entry = {"label": page.label, "path": page.path, "sessions": page.sessions}
        if page.method == "POST":
            actions.append({**entry, "form": page.form, "data": page.data, "expect": page.expect})
        elif not page.sessions:
            popular.append(entry)
        elif page.path.startswith("/beheer/"):
            staff_pages.append(entry)
        else:
            resident_pages.append(entry)
    return {
        "popular": popular,
        "tail": [{"label": tail_label(path), "path": path} for path in tail],
        "resident_pages": resident_pages,
        "staff_pages": staff_pages,
        "actions": actions,
        "resident_sessions": resident_sessions,
        "csrf_cookie": csrf_cookie,
        "origin": origin,  # as a browser sends it: the scheme, host and port it asked
        "think": list(think),
        "weights": dict(zip(("visitor", "resident", "staff"), mix, strict=True)),
    }


def _milliseconds(value: str) -> float:
    """A percentile column of locust's CSV: a number, or "N/A" (empty) for a page that got no
    request after the statistics were reset."""
    try:
        return float(value)
    except ValueError:
        return 0.0


def read_stats(path: Path) -> list[dict]:
    """Locust's `<prefix>_stats.csv`: one row per page and the "Aggregated" row, as numbers."""
    rows = []
    with open(path, newline="") as file:
        for row in csv.DictReader(file):
            rows.append(
                {
                    "name": row["Name"] if row["Name"] != "Aggregated" else "all",
                    "method": row["Type"],
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "per_second": float(row["Requests/s"]),
                    "p50": _milliseconds(row["50%"]),
                    "p95": _milliseconds(row["95%"]),
                    "p99": _milliseconds(row["99%"]),
                }
            )
    return rows


def table(rows: list[dict], slowest: int = 12) -> list[str]:
    """The overall line, then the `slowest` pages by p95."""
    lines = [f"{'page':<52} {'req':>7} {'err':>5} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"]
    overall = [row for row in rows if row["name"] == "all"]
    pages = sorted((row for row in rows if row["name"] != "all"), key=lambda row: -row["p95"])
    for row in overall + pages[:slowest]:
        lines.append(
            f"{row['name'][:52]:<52} {row['requests']:>7} {row['failures']:>5} {row['per_second']:>7.1f} "
            f"{row['p50']:>8.0f} {row['p95']:>8.0f} {row['p99']:>8.0f}"
        )
    return lines


def copies_line(answered: dict[str, list[int]]) -> str:
    """How many GETs the whole-page cache answered (`X-Page-Cache: hit`), of all GETs."""
    asked = sum(counts[0] for counts in answered.values())
    hits = sum(counts[1] for counts in answered.values())
    share = 100 * hits / asked if asked else 0
    return f"answered from the page cache: {hits} of {asked} GETs ({share:.0f} %)"


class MemorySampler(threading.Thread):
    """Samples the peak memory (VmHWM) of every worker of a gunicorn master once a second,
    keeping the highest seen per worker (recycled workers included)."""

    def __init__(self, master: int):
        super().__init__(daemon=True)
        self.master, self.peaks, self.stopped = master, {}, threading.Event()

    def run(self):
        while not self.stopped.wait(1.0):
            for pid in run.workers_of(self.master):
                kib = run.peak_memory_kib(pid)
                if kib:
                    self.peaks[pid] = max(kib, self.peaks.get(pid, 0))

    def stop(self) -> dict[int, int]:
        self.stopped.set()
        self.join()
        return self.peaks


def run_level(port: int, master: int, users: int, args, plan_path: Path) -> dict:
    prefix = VAR / f"loadtest-{users}"
    sampler = MemorySampler(master)
    sampler.start()
    command = [
        sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
        "--host", f"http://127.0.0.1:{port}", "--users", str(users), "--spawn-rate", str(args.spawn_rate),
        "--run-time", f"{args.duration}s", "--reset-stats", "--csv", str(prefix), "--only-summary",
        "--stop-timeout", "10", "--loglevel", "WARNING",
    ]  # fmt: skip
    load_before = os.getloadavg()
    started = time.monotonic()
    completed = subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, "LOADTEST_PLAN": str(plan_path), "LOADTEST_CACHE_REPORT": f"{prefix}_cache.json"},
        capture_output=True,
        text=True,
    )
    load_after = os.getloadavg()
    peaks = sampler.stop()
    if not Path(f"{prefix}_stats.csv").exists():
        raise SystemExit(f"locust wrote no statistics (exit {completed.returncode}):\n{completed.stderr[-3000:]}")
    rows = read_stats(Path(f"{prefix}_stats.csv"))
    answered = Path(f"{prefix}_cache.json")
    return {
        "users": users,
        "cache": json.loads(answered.read_text()) if answered.exists() else {},
        "seconds": round(time.monotonic() - started, 1),
        "rows": rows,
        "peak_memory_mib": {pid: round(kib / 1024, 1) for pid, kib in peaks.items()},
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in load_after],
    }


def run_levels(levels, run_one, pages, duration) -> list[dict]:
    """`run_one(users)` for each level. Each level is a new locust process that hands out the
    actions' residents from the first again: what a level did is undone before the next, or
    its residents would have supported, signed up … already."""
    results = []
    for users in levels:
        print(f"{users} users for {duration} s …", flush=True)
        results.append(run_one(users))
        undo(pages)
    return results


def undo(pages) -> None:
    """Undo what the pages' actions did (each step's `undo`), so every level and every run
    starts from the same data."""
    for page in pages:
        if page.undo:
            page.undo()


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", default=os.environ.get("LOADTEST_USERS", "50,200"), help="levels, e.g. 50,200")
    parser.add_argument("--duration", type=int, default=int(os.environ.get("LOADTEST_DURATION", "60")))
    parser.add_argument("--spawn-rate", type=float, default=float(os.environ.get("LOADTEST_SPAWN_RATE", "20")))
    parser.add_argument("--tail", type=int, default=int(os.environ.get("LOADTEST_TAIL", "600")))
    parser.add_argument("--residents", type=int, default=int(os.environ.get("LOADTEST_RESIDENTS", "300")))
    parser.add_argument("--scale", type=int, default=run.RESIDENTS, help="residents to seed (BENCH_RESIDENTS)")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = arguments(argv)
    levels = [int(level) for level in args.users.split(",") if level.strip()]
    think = env_list("LOADTEST_THINK", "0.5,2", float)
    mix = env_list("LOADTEST_MIX", "70,25,5")
    for key, value in run.ENVIRONMENT.items():
        os.environ[key] = value
    run.ensure_database()
    run.setup_database(args.scale)

    from django.conf import settings
    from django.db import connection

    from bench import pages as bench_pages
    from genk.accounts.models import User

    # Enough fresh sessions for every action at the highest level (residents are a quarter of
    # the users, one action in five of their requests): what they can post in the run, twice.
    actions_per_run = int(max(levels) * mix[1] / sum(mix) * (2 / sum(think)) * 0.2 * args.duration * 2) + 20
    ctx = bench_pages.PageContext(requests_per_page=actions_per_run)
    results, pages = [], []
    try:
        for provider in bench_pages.providers():
            pages += [item for item in provider.func(ctx) if isinstance(item, bench_pages.Page)]
        residents = list(
            User.objects.filter(email__endswith="@bench.samen-genk.test", neighbourhood__isnull=False, is_active=True)
            .order_by("pk")
            .values_list("pk", flat=True)[: args.residents]
        )
        resident_sessions = ctx.sessions(residents)
        connection.close()
        with run.gunicorn(["--config", str(GUNICORN_CONFIG), "--no-control-socket"], "loadtest-gunicorn.log") as (
            process,
            port,
        ):
            popular = [page.path for page in pages if page.method == "GET" and not page.sessions]
            popular = [path for path in popular if not path.startswith("/bench/")]
            tail = crawl(port, popular, args.tail)
            plan = plan_from(
                pages, resident_sessions, tail, settings.CSRF_COOKIE_NAME, think, mix, f"http://127.0.0.1:{port}"
            )
            plan_path = VAR / "loadtest-plan.json"
            plan_path.write_text(json.dumps(plan))
            print(
                f"gunicorn {process.pid} on 127.0.0.1:{port} (deploy/gunicorn.conf.py); plan: "
                f"{len(plan['popular'])} popular pages, {len(tail)} long-tail pages, "
                f"{len(plan['resident_pages'])} signed-in pages, {len(plan['staff_pages'])} staff pages, "
                f"{len(plan['actions'])} actions ({actions_per_run} fresh sessions each); think {think} s; "
                f"mix visitors/residents/staff {mix}."
            )
            results = run_levels(
                levels, lambda users: run_level(port, process.pid, users, args, plan_path), pages, args.duration
            )
    finally:
        undo(pages)
        run.forget_sessions(ctx.session_keys)
        run.purge_queued_tasks()

    print()
    print(run.machine())
    failed = False
    for result in results:
        memory = result["peak_memory_mib"]
        print()
        print(
            f"== {result['users']} users: load average {result['load_before'][0]:.2f} before, "
            f"{result['load_after'][0]:.2f} after (1 min) on {os.cpu_count()} CPUs; workers' peak memory "
            f"{max(memory.values(), default=0):.0f} MiB (of {len(memory)} workers seen)"
        )
        for line in table(result["rows"]):
            print(line)
        print(copies_line(result["cache"]))
        overall = next(row for row in result["rows"] if row["name"] == "all")
        failed |= overall["failures"] > 0
    (VAR / "loadtest.json").write_text(json.dumps(results, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

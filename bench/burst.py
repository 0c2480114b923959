"""`make burst`: the writes that must never double, fired all at once at gunicorn on PostgreSQL.

Against the bench database and the production-like gunicorn of `make bench` (bench/run.py:
the same environment, seed, sessions written straight into the session store and CSRF
dance), but with the worker count and settings of `deploy/gunicorn.conf.py` (5 sync workers
on 2 cores), it fires, each burst from one thread per request released together by a
barrier:

1. supports of one initiative by DISTINCT residents who do not support it yet, then
   IDENTICAL_SUPPORTS identical supports by one more resident (one session, one token);
2. ballot confirmations by DISTINCT voters of the seeded burgerbudget (each a changed ballot:
   a draft of the three cheapest projects in their session), then IDENTICAL_BALLOTS identical
   confirmations by one more voter (a double click, ten times);
3. support/withdraw races: RACERS residents each firing support, withdraw, support at once.

After each burst it counts rows in the database: supports and follows per resident, the
initiative's counters against its support rows, ballots and choices per voter, revisions
against the confirmations that answered, the ballots of the heading. It prints per burst
the requests sent, the HTTP statuses, rows expected and found, lost and doubled, the
throughput and the p50/p95 latency (from sending a request to reading its last byte, so a
request queued behind the workers counts its wait), and exits non-zero when anything was
lost or doubled, a request answered 5xx or not at all, or answered a status the burst does
not allow. Afterwards (always) it deletes the supports and follows it made and recounts,
puts the ballots back as they were, deletes its sessions and drops the queued notification
tasks (no Celery worker runs), so the bench database stays reusable.

    .venv/bin/python bench/burst.py [--residents 5000] [--distinct 200] …

The counting and the verdict (`Check`, `Outcome`, `table`) need no Django; the test suite
checks them on small fixtures (tests/bench/test_burst.py).
"""

import argparse
import http.client
import os
import runpy
import statistics
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run  # noqa: E402  (the bench's environment, seed, gunicorn, CSRF dance)

DISTINCT = 200  # distinct residents supporting, distinct voters confirming
IDENTICAL_SUPPORTS = 20  # identical supports by one resident
IDENTICAL_BALLOTS = 10  # identical confirmations by one voter
RACERS = 100  # residents racing support, withdraw, support: 3 requests each
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
# A request waits its turn behind the whole burst (hundreds of requests, 5 workers): the
# client waits longer than gunicorn's own 60 s limit for one request, so that a slow burst
# shows as slow rather than as requests without an answer.
CLIENT_TIMEOUT = 180

Expected = int | tuple[int, int]  # an exact count, or a range (lowest, highest)


@dataclass
class Check:
    """One thing counted after a burst: per key (a resident, a voter, a counter) the rows (or
    the value) expected and found. Found below what was expected is lost, above it doubled;
    a key found that nobody expected counts as doubled."""

    what: str
    expected: dict[object, Expected]
    found: dict[object, int]

    def _bounds(self, key) -> tuple[int, int]:
        value = self.expected.get(key, 0)
        return value if isinstance(value, tuple) else (value, value)

    @property
    def lost(self) -> int:
        return sum(max(0, self._bounds(key)[0] - self.found.get(key, 0)) for key in self.expected)

    @property
    def doubled(self) -> int:
        return sum(max(0, count - self._bounds(key)[1]) for key, count in self.found.items())

    @property
    def expected_total(self) -> str:
        low = sum(self._bounds(key)[0] for key in self.expected)
        high = sum(self._bounds(key)[1] for key in self.expected)
        return f"{low:,}" if low == high else f"{low:,}–{high:,}"

    @property
    def found_total(self) -> int:
        return sum(self.found.values())

    def line(self) -> str:
        verdict = "ok" if not (self.lost or self.doubled) else f"LOST {self.lost}, DOUBLED {self.doubled}"
        return f"{self.what}: expected {self.expected_total}, found {self.found_total:,} ({verdict})"


@dataclass
class Answer:
    status: int  # 0: no answer (refused, reset, timed out)
    seconds: float
    error: str = ""


@dataclass
class Outcome:
    """A burst: what was sent, how it was answered, and what the database holds afterwards.
    The first check is the table's "rows"; lost and doubled add up every check."""

    label: str
    answers: list[Answer]
    wall: float  # seconds from the barrier's release to the last answer
    checks: list[Check]
    allowed: frozenset[int] = frozenset({302})
    notes: list[str] = field(default_factory=list)

    @property
    def statuses(self) -> Counter:
        return Counter(a.status for a in self.answers)

    @property
    def lost(self) -> int:
        return sum(c.lost for c in self.checks)

    @property
    def doubled(self) -> int:
        return sum(c.doubled for c in self.checks)

    @property
    def per_second(self) -> float:
        return len(self.answers) / self.wall if self.wall > 0 else 0.0

    def latency_ms(self, fraction: float) -> float:
        times = [a.seconds * 1000 for a in self.answers if a.status]
        if not times:
            return 0.0
        return statistics.median(times) if fraction == 0.5 else run.percentile(times, fraction)

    def problems(self) -> list[str]:
        found = []
        statuses = self.statuses
        if server_errors := sum(n for status, n in statuses.items() if status >= 500):
            found.append(f"{server_errors} answered 5xx")
        if statuses.get(0):
            found.append(f"{statuses[0]} got no answer ({self.first_error()})")
        for status, n in sorted(statuses.items()):
            if status and status < 500 and status not in self.allowed:
                found.append(f"{n} answered {status}")
        found += [f"{c.what}: {c.lost} lost" for c in self.checks if c.lost]
        found += [f"{c.what}: {c.doubled} doubled" for c in self.checks if c.doubled]
        return [f"{self.label}: {problem}" for problem in found]

    def first_error(self) -> str:
        return next((a.error for a in self.answers if a.error), "")


def statuses_label(statuses: Counter) -> str:
    return ", ".join(f"{status or 'none'} × {n}" for status, n in sorted(statuses.items()))


def table(outcomes: list[Outcome]) -> list[str]:
    lines = [
        "| burst | requests | HTTP statuses | rows expected | rows found | lost | doubled | requests/s | p50 ms | p95 ms |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for o in outcomes:
        rows = o.checks[0]
        lines.append(
            f"| {o.label} | {len(o.answers)} | {statuses_label(o.statuses)} | {rows.expected_total} | "
            f"{rows.found_total:,} | {o.lost} | {o.doubled} | {o.per_second:.1f} | "
            f"{o.latency_ms(0.5):.0f} | {o.latency_ms(0.95):.0f} |"
        )
    return lines


def problems(outcomes: list[Outcome]) -> list[str]:
    return [problem for o in outcomes for problem in o.problems()]


# Firing.


@dataclass
class Shot:
    """One POST: its path, the cookies (session and CSRF) and the form (with the token)."""

    path: str
    cookie: str
    form: dict


def fire(port: int, shots: list[Shot]) -> tuple[list[Answer], float]:
    """Send every shot from its own thread, all released at once by a barrier; return the
    answers (in the order of `shots`) and the seconds from the release to the last answer."""
    answers: list[Answer | None] = [None] * len(shots)
    finished = [0.0] * len(shots)
    released: list[float] = []
    barrier = threading.Barrier(len(shots), action=lambda: released.append(time.perf_counter()))

    def shoot(number: int, shot: Shot) -> None:
        barrier.wait()
        try:
            response = run.request(port, shot.path, shot.cookie, method="POST", form=shot.form, timeout=CLIENT_TIMEOUT)
            answers[number] = Answer(response.status, response.seconds)
        except (OSError, http.client.HTTPException) as error:
            answers[number] = Answer(0, time.perf_counter() - released[0], f"{type(error).__name__}: {error}")
        finished[number] = time.perf_counter()

    threads = [threading.Thread(target=shoot, args=(number, shot)) for number, shot in enumerate(shots)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers, max(finished) - released[0]


# The bursts, on the bench database.


class Bursts:
    """Picks the people and the targets, makes their sessions, fires and counts."""

    def __init__(self, args):
        from bench import pages
        from bench.steps import budgets, initiatives

        self.args = args
        self.ctx = pages.PageContext(requests_per_page=0)
        self.undos = []
        target = initiatives.support_target()
        if target is None:
            raise SystemExit("No initiative with its support period open: seed_city --reset makes a fresh city.")
        supporters = args.distinct + 1 + args.racers
        if target.status == target.Status.COLLECTING and target.counted_support_count + supporters >= (
            target.threshold or 0
        ):
            raise SystemExit(f"{target.slug} would reach its threshold (which cannot be undone): seed more residents.")
        self.target = target
        fresh = initiatives.fresh_residents(target, supporters, exclude=[self.ctx.resident.pk])
        if len(fresh) < supporters:
            raise SystemExit(f"Only {len(fresh)} residents do not support {target.slug} yet; {supporters} needed.")
        self.supporters, self.repeater, self.racers = (
            fresh[: args.distinct],
            fresh[args.distinct],
            fresh[args.distinct + 1 :],
        )
        self.undos.append(initiatives.supports_undo(target, fresh))

        self.heading = budgets.seeded_heading()
        if not self.heading.cycle.spec().vote:
            raise SystemExit("The seeded burgerbudget is not in its voting phase.")
        self.choices = budgets.cheapest_choices(self.heading)
        ballots = budgets.online_ballots(self.heading, args.distinct + 1, exclude=[self.ctx.resident.pk])
        if len(ballots) < args.distinct + 1:
            raise SystemExit(f"Only {len(ballots)} online voters in the seeded cycle; {args.distinct + 1} needed.")
        self.before = budgets.snapshot(ballots)
        self.undos.append(lambda: budgets.restore(self.before))
        self.voters = [b.voter_id for b in ballots[: args.distinct]]
        self.double_voter = ballots[args.distinct].voter_id
        self.double_ballot = ballots[args.distinct].pk
        self.revision = {b.voter_id: b.revision for b in ballots}
        self.ballots_in_heading = self.heading.ballots.count()

    # Requests.

    def shots(self, port: int, users: list[int], path: str, form_page: str, data: dict | None = None) -> list[Shot]:
        """One session per user (holding `data`), the CSRF dance for each (unmeasured): one
        shot per user, ready to fire."""
        from django.conf import settings

        from bench import pages

        page = pages.Page(path, path, method="POST", form=form_page)
        found = []
        for cookie in self.ctx.sessions(users, data=data):
            cookies, form = run.post_for(port, page, cookie, settings.CSRF_COOKIE_NAME)
            found.append(Shot(path, cookies, form))
        return found

    def burst(self, port: int, label: str, shots: list[Shot], count, allowed=frozenset({302})) -> Outcome:
        answers, wall = fire(port, shots)
        outcome = Outcome(label, answers, wall, count(answers), allowed=allowed)
        outcome.notes.append(f"notification tasks queued: {run.purge_queued_tasks()}")
        print(f"  {label}: {statuses_label(outcome.statuses)} in {wall:.2f} s")
        return outcome

    def all(self, port: int) -> list[Outcome]:
        a = self.args
        support = f"/initiatieven/{self.target.pk}/steunen/"
        withdraw = f"/initiatieven/{self.target.pk}/steun-intrekken/"
        page = self.target.get_absolute_url()
        confirm = f"{self.heading.get_ballot_url()}bevestigen/"
        draft = {f"budgets:draft:{self.heading.pk}": self.choices}
        outcomes = []

        shots = self.shots(port, self.supporters, support, page)
        outcomes.append(
            self.burst(
                port,
                f"{a.distinct} supports of one initiative by {a.distinct} residents",
                shots,
                lambda answers: self.support_checks(self.supporters, 1, follows=True),
            )
        )
        shots = self.shots(port, [self.repeater], support, page) * a.identical_supports
        outcomes.append(
            self.burst(
                port,
                f"{a.identical_supports} identical supports by one resident",
                shots,
                lambda answers: self.support_checks([self.repeater], 1, follows=True),
            )
        )
        shots = self.shots(port, self.voters, confirm, confirm, draft)
        outcomes.append(
            self.burst(
                port,
                f"{a.distinct} ballot confirmations by {a.distinct} voters",
                shots,
                lambda answers: self.ballot_checks(self.voters, dict.fromkeys(self.voters, 1)),
            )
        )
        shots = self.shots(port, [self.double_voter], confirm, confirm, draft) * a.identical_ballots
        outcomes.append(
            self.burst(
                port,
                f"{a.identical_ballots} identical confirmations by one voter",
                shots,
                # Confirming the choices the ballot already holds changes nothing (issue 16:
                # no new revision, no second email): the first confirmation that answers 302
                # replaces the ballot, every identical one after it finds it unchanged.
                lambda answers: self.ballot_checks(
                    [self.double_voter], {self.double_voter: self.identical_revisions(answers)}
                ),
                # A confirmation that meets the row lock of another and then the unique
                # constraint is refused on the page ("vernieuw de pagina"): 200, nothing stored.
                allowed=frozenset({200, 302}),
            )
        )
        if a.racers:
            shots = []
            for shot in self.shots(port, self.racers, support, page):
                shots += [shot, Shot(withdraw, shot.cookie, shot.form), shot]
            outcomes.append(
                self.burst(
                    port,
                    f"{len(shots)} support/withdraw races ({a.racers} residents × support, withdraw, support)",
                    shots,
                    lambda answers: self.support_checks(self.racers, (0, 1)),
                )
            )
        return outcomes

    # Counting.

    def support_checks(self, residents: list[int], each: Expected, *, follows: bool = False) -> list[Check]:
        from django.db.models import Count, Q

        from initiatives.models import Follow, Initiative, Support

        rows = Support.objects.filter(initiative=self.target, user_id__in=residents)
        checks = [
            Check(
                "supports per resident", dict.fromkeys(residents, each), Counter(rows.values_list("user_id", flat=True))
            )
        ]
        if follows:
            followed = Follow.objects.filter(initiative=self.target, user_id__in=residents)
            checks.append(
                Check(
                    "follows per resident",
                    dict.fromkeys(residents, 1),
                    Counter(followed.values_list("user_id", flat=True)),
                )
            )
        counted = Support.objects.filter(initiative=self.target).aggregate(
            rows=Count("pk"), counted=Count("pk", filter=Q(counted=True))
        )
        initiative = Initiative.objects.get(pk=self.target.pk)
        return [
            *checks,
            Check("support_count = support rows", {"n": counted["rows"]}, {"n": initiative.support_count}),
            Check(
                "counted_support_count = counted support rows",
                {"n": counted["counted"]},
                {"n": initiative.counted_support_count},
            ),
        ]

    def identical_revisions(self, answers) -> int:
        """The revisions identical confirmations add: one when any answered 302 and the draft
        differs from the ballot the voter had, else none."""
        changed = sorted(self.before[self.double_ballot][4]) != sorted(self.choices)
        return int(changed and any(x.status == 302 for x in answers))

    def ballot_checks(self, voters: list[int], confirmations: dict[int, int]) -> list[Check]:
        from participation.budgets.models import Ballot, BallotChoice

        ballots = Ballot.objects.filter(heading=self.heading, voter_id__in=voters)
        choices = BallotChoice.objects.filter(ballot__heading=self.heading, ballot__voter_id__in=voters)
        return [
            Check("ballots per voter", dict.fromkeys(voters, 1), Counter(ballots.values_list("voter_id", flat=True))),
            Check(
                "revisions added (one per confirmation answered 302)",
                confirmations,
                {v: revision - self.revision[v] for v, revision in ballots.values_list("voter_id", "revision")},
            ),
            Check(
                f"choices per ballot ({len(self.choices)} in the draft)",
                dict.fromkeys(voters, len(self.choices)),
                Counter(choices.values_list("ballot__voter_id", flat=True)),
            ),
            Check(
                "ballots in the heading",
                {"n": self.ballots_in_heading},
                {"n": Ballot.objects.filter(heading=self.heading).count()},
            ),
        ]

    def undo(self) -> None:
        from django.db import connection

        for undo in self.undos:
            try:
                undo()
            except Exception as error:
                print(f"Could not undo: {error}", file=sys.stderr)
        run.forget_sessions(self.ctx.session_keys)
        run.purge_queued_tasks()
        connection.close()


def expected_workers() -> int:
    """The worker count deploy/gunicorn.conf.py gives on this machine (2 × CPUs + 1, at most 8)."""
    return runpy.run_path(str(GUNICORN_CONFIG))["workers"]


def wait_for_workers(process, count: int) -> list[int]:
    deadline = time.monotonic() + run.TIMEOUT
    while len(workers := run.workers_of(process.pid)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    return workers


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=run.RESIDENTS, help="residents to seed (BENCH_RESIDENTS)")
    parser.add_argument("--distinct", type=int, default=DISTINCT)
    parser.add_argument("--identical-supports", type=int, default=IDENTICAL_SUPPORTS)
    parser.add_argument("--identical-ballots", type=int, default=IDENTICAL_BALLOTS)
    parser.add_argument("--racers", type=int, default=RACERS, help="0: no support/withdraw races")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = arguments(argv)
    for key, value in run.ENVIRONMENT.items():
        os.environ[key] = value
    run.ensure_database()
    run.setup_database(args.residents)

    from django.db import connection

    bursts = Bursts(args)
    workers = expected_workers()
    outcomes = []
    try:
        connection.close()
        with run.gunicorn(["--config", str(GUNICORN_CONFIG), "--no-control-socket"], "burst-gunicorn.log") as (
            process,
            port,
        ):
            worker_pids = wait_for_workers(process, workers)
            print(
                f"gunicorn {process.pid} on 127.0.0.1:{port}, {len(worker_pids)} sync workers "
                f"(deploy/gunicorn.conf.py); {bursts.target.title} ({bursts.target.support_count:,} supports), "
                f"{bursts.heading.cycle.name} / {bursts.heading.name}; firing…"
            )
            outcomes = bursts.all(port)
            load = os.getloadavg()
    finally:
        bursts.undo()

    print()
    print(run.machine())
    print(
        f"{len(worker_pids)} gunicorn sync workers (deploy/gunicorn.conf.py), one thread per request, all released "
        f"at once; load average {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f} on {os.cpu_count()} CPUs."
    )
    print()
    for line in table(outcomes):
        print(line)
    print()
    for outcome in outcomes:
        print(f"{outcome.label}:")
        for check in outcome.checks:
            print(f"  {check.line()}")
        for note in outcome.notes:
            print(f"  {note}")
    found = problems(outcomes)
    for problem in found:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

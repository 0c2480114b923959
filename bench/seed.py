"""The city-scale seed: a list of steps, each app contributing its own.

A step is a function in a module of `bench/steps/` (one module per app), registered with

    from bench import seed

    @seed.step(order=100)
    def initiatives(ctx: seed.SeedContext) -> str:
        ...
        return "5,000 initiatives, 200,000 supports"

Steps run in `order` (reference data 10, residents 20, roles 30–60, core data 80–90; the
domain apps take 100 and up), share a `SeedContext` and must be idempotent: a step checks
what is already there and adds only what is missing (bulk inserts with ignore_conflicts on
a unique key, or a "done already" check), so running the seed twice adds nothing.
Steps that create rows without a bench marker (an e-mail domain, a slug prefix, a key
prefix) register a reset function with `@seed.on_reset`, used by `seed_city --reset`.

Everything scales with `--residents` (68,000 for the city, a few hundred in the tests):
`ctx.scaled(400, minimum=24)` is 400 at city scale.

This module imports no app models at import time, so the tests can import it with the
test settings (the bench app itself is only installed by bench.settings).
"""

import importlib
import pkgutil
import random
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

CITY_RESIDENTS = 68_000
EMAIL_DOMAIN = "bench.samen-genk.test"  # .test is reserved: these addresses can never receive mail
SLUG_PREFIX = "bench-"
KEY_PREFIX = "bench:"
# The password of every seeded account (hashed once, then reused: seeding stays fast).
PASSWORD = "Genk-bench-2026"
BATCH_SIZE = 5_000


def resident_email(index: int) -> str:
    return f"inwoner{index:05d}@{EMAIL_DOMAIN}"


# The accounts `make bench` signs in as: a resident with notifications, a civil servant with MFA.
BENCH_RESIDENT_EMAIL = resident_email(0)


@dataclass(frozen=True)
class Step:
    order: int
    name: str
    func: Callable


_steps: dict[str, Step] = {}
_resets: dict[str, Callable] = {}


def step(order: int):
    """Register `func(ctx) -> str | None` as a seed step; the string is the report line."""

    def decorator(func):
        name = f"{func.__module__.rsplit('.', 1)[-1]}.{func.__name__}"
        _steps[name] = Step(order=order, name=name, func=func)
        return func

    return decorator


def on_reset(func):
    """Register `func() -> None` that deletes what a step created (run by --reset, before the
    bench accounts are deleted)."""
    _resets[f"{func.__module__}.{func.__name__}"] = func
    return func


def _discover():
    from bench import steps as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")


def steps() -> list[Step]:
    _discover()
    return sorted(_steps.values(), key=lambda s: (s.order, s.name))


@dataclass
class SeedContext:
    residents: int = CITY_RESIDENTS
    seed: int = 3600  # Genk's postcode: the same seed gives the same city
    write: Callable[[str], None] = print
    now: datetime | None = None
    data: dict = field(default_factory=dict)  # what a step leaves for later steps

    def __post_init__(self):
        from django.utils import timezone

        self.now = self.now or timezone.now()
        self._password_hash = None
        self._people: list[int] | None = None
        self._next_person = 0

    @property
    def scale(self) -> float:
        return self.residents / CITY_RESIDENTS

    def scaled(self, count: int, minimum: int = 1) -> int:
        """`count` at city scale, proportionally fewer for a smaller seed (at least `minimum`)."""
        return max(minimum, round(count * self.scale))

    def rng(self, name: str) -> random.Random:
        """A random generator of its own per step: reruns plan exactly the same rows."""
        return random.Random(f"{self.seed}:{name}")

    @property
    def password_hash(self) -> str:
        """One hash for every seeded account: hashing 68,000 passwords would take hours."""
        if self._password_hash is None:
            from django.contrib.auth.hashers import make_password

            self._password_hash = make_password(PASSWORD)
        return self._password_hash

    def resident_ids(self) -> list[int]:
        """The seeded residents' user ids, in resident-number order."""
        from django.contrib.auth import get_user_model

        if "resident_ids" not in self.data:
            rows = get_user_model().objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").values_list("email", "pk")
            by_email = dict(rows)
            self.data["resident_ids"] = [
                by_email[email] for email in (resident_email(i) for i in range(self.residents)) if email in by_email
            ]
        return self.data["resident_ids"]

    def people(self, count: int) -> list[int]:
        """`count` residents for a role, taken in turn from one fixed shuffle of the residents
        (so roles go to different people until everyone has one; resident 0, the bench's
        plain resident, gets none). Deterministic for a given seed, scale and step order."""
        if self._people is None:
            ids = self.resident_ids()[1:]
            self.rng("people").shuffle(ids)
            self._people = ids
        if not self._people:
            return []
        taken = []
        for _ in range(count):
            taken.append(self._people[self._next_person % len(self._people)])
            self._next_person += 1
        return taken

    def moment(self, rng: random.Random, days: int = 365) -> datetime:
        """A time in the last `days` days."""
        return self.now - timedelta(seconds=rng.randrange(days * 24 * 3600))


def batched(items: Iterable, size: int = BATCH_SIZE) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def bulk_insert(model, objects: Iterable, *, size: int = BATCH_SIZE) -> int:
    """Insert in batches; rows that already exist (a unique key) are skipped. Returns how many
    objects were offered."""
    offered = 0
    for batch in batched(objects, size):
        model.objects.bulk_create(batch, batch_size=size, ignore_conflicts=True)
        offered += len(batch)
    return offered


@contextmanager
def explicit_timestamps(model, *names: str):
    """Let bulk inserts keep the `created`/`date_joined` times we set: auto_now(_add) would
    overwrite them with now, and a city whose history happened this second is no city."""
    fields = [model._meta.get_field(name) for name in names]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    try:
        for f in fields:
            f.auto_now = f.auto_now_add = False
        yield
    finally:
        for f, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def run(ctx: SeedContext) -> list[tuple[str, float, str]]:
    """Run every step, each in its own transaction; returns (step, seconds, report) per step.

    All steps always run (a step that finds its rows already there is quick): roles are
    dealt out from one shuffle of the residents in step order, so skipping a step would
    hand the next one different people."""
    from django.db import transaction

    results = []
    for s in steps():
        started = time.perf_counter()
        with transaction.atomic():
            report = s.func(ctx) or ""
        seconds = time.perf_counter() - started
        results.append((s.name, seconds, report))
        ctx.write(f"  {s.name:<34} {seconds:7.1f} s  {report}")
    return results


def reset(write: Callable[[str], None] = print) -> None:
    """Delete what the seed created: the steps' own reset functions, then every bench account
    (their memberships, notifications, e-mail addresses and authenticators go with them)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    _discover()
    with transaction.atomic():
        for name, func in reversed(list(_resets.items())):
            func()
            write(f"  reset {name}")
        deleted, _ = get_user_model().objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()
        write(f"  reset accounts: {deleted} rows")

"""Loading the criteria, the live progress overview, and registering a fair-trade point."""

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.db.models import Count, Prefetch, Sum
from django.utils import timezone

from genk.core import ratelimit
from neighbourhoods.models import Neighbourhood

from . import notifications
from .models import Criterion, Evidence, Point, PointKind, Progress

DATA = Path(__file__).parent / "data" / "criteria.json"
FIELDS = ("title", "requirement", "point_kinds", "per_residents", "minimum", "to_verify")


def load_criteria(path: Path = DATA) -> dict:
    """Upsert the default criteria by number from the data file: running it twice changes
    nothing, a changed text is updated, nothing is deleted."""
    data = json.loads(path.read_text(encoding="utf-8"))
    source_date = date.fromisoformat(data["source_date"])
    created = updated = 0
    with transaction.atomic():
        for item in data["criteria"]:
            values = {name: item[name] for name in FIELDS}
            values.update(source=data["source"], source_url=data["source_url"], source_date=source_date)
            criterion = Criterion.objects.filter(number=item["number"]).first()
            if criterion is None:
                Criterion.objects.create(number=item["number"], **values)
                created += 1
            elif any(getattr(criterion, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(criterion, k, v)
                criterion.save()
                updated += 1
    return {"created": created, "updated": updated}


def population() -> int:
    """The city's population: the sum of its wijken's."""
    return population_info()[0]


def population_info() -> tuple[int, int, int]:
    """(the sum of the wijken's population, wijken with a figure, wijken): one query. The
    thresholds are too low while some wijken have no figure; the pages say so."""
    row = Neighbourhood.objects.aggregate(total=Sum("population"), known=Count("population"), wijken=Count("pk"))
    return row["total"] or 0, row["known"], row["wijken"]


def progress_for(year: int) -> list[Progress]:
    """The progress rows of `year`, one per criterion (created `not_started` when missing)."""
    existing = set(Progress.objects.filter(year=year).values_list("criterion_id", flat=True))
    missing = [
        Progress(year=year, criterion_id=pk)
        for pk in Criterion.objects.values_list("pk", flat=True)
        if pk not in existing
    ]
    if missing:
        Progress.objects.bulk_create(missing, ignore_conflicts=True)
    return list(
        Progress.objects.filter(year=year)
        .select_related("criterion")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("created")))
        .order_by("criterion__number")
    )


def approved_counts(until=None) -> dict[str, int]:
    """Approved points per kind (now, or as they stood at `until`)."""
    points = Point.objects.approved()
    if until is not None:
        points = points.filter(approved_at__lte=until)
    rows = points.values("kind").annotate(n=Count("pk")).order_by()
    return {row["kind"]: row["n"] for row in rows}


@dataclass
class Line:
    criterion: Criterion
    progress: Progress | None
    needed: int | None = None
    counted: int | None = None
    by_kind: list = field(default_factory=list)

    @property
    def missing(self) -> int:
        if self.needed is None:
            return 0
        return max(self.needed - (self.counted or 0), 0)

    @property
    def enough_points(self) -> bool | None:
        return None if self.needed is None else self.missing == 0

    @property
    def status(self) -> str:
        return self.progress.status if self.progress else Progress.Status.NOT_STARTED

    @property
    def evidence(self):
        return list(self.progress.evidence.all()) if self.progress else []


@dataclass
class Overview:
    year: int
    population: int
    lines: list[Line]
    wijken_known: int = 0
    wijken: int = 0

    @property
    def population_complete(self) -> bool:
        return self.wijken_known == self.wijken

    @property
    def met(self) -> int:
        return sum(1 for line in self.lines if line.status == Progress.Status.MET)

    @property
    def total(self) -> int:
        return len(self.lines)


def overview(year: int | None = None, *, create: bool = False) -> Overview:
    """Which criteria are met in `year`, and, for those counted in points, approved points
    against the threshold for the city's population (live). A constant number of queries."""
    year = year or timezone.localdate().year
    if create:
        rows = progress_for(year)
    else:
        rows = list(
            Progress.objects.filter(year=year)
            .select_related("criterion")
            .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("created")))
        )
    by_criterion = {p.criterion_id: p for p in rows}
    people, known, wijken = population_info()
    counts = approved_counts()
    labels = dict(PointKind.choices)
    lines = []
    for criterion in Criterion.objects.order_by("number"):
        line = Line(criterion=criterion, progress=by_criterion.get(criterion.pk))
        line.needed = criterion.threshold(people)
        if line.needed is not None:
            line.by_kind = [(labels.get(k, k), counts.get(k, 0)) for k in criterion.point_kinds]
            line.counted = sum(counts.get(k, 0) for k in criterion.point_kinds)
        lines.append(line)
    return Overview(year=year, population=people, lines=lines, wijken_known=known, wijken=wijken)


def register_point(user, *, organisation=None, **values) -> Point:
    """A resident or an organisation's representative registers a fair-trade point: it is
    `submitted` and the officers hear of it. The form has checked the point lies in its wijk."""
    ratelimit.hit(user, "fairtrade.register_point", "10/h", unverified="3/h")
    with transaction.atomic():
        point = Point(applicant=user, organisation=organisation, **values)
        point.full_clean()
        point.save()
        notifications.to_officers(point)
    return point


def years() -> list[int]:
    """The years with progress recorded."""
    return list(Progress.objects.values_list("year", flat=True).distinct().order_by("-year"))

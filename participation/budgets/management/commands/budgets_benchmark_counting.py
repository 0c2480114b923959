"""Measure the counting function on 100,000 ballots (in memory), and, if the city-scale seed
is loaded, counting the seeded heading from the database.

    python manage.py budgets_benchmark_counting [--ballots 100000] [--projects 300]
"""

import random
import statistics
import time
from decimal import Decimal

from django.core.management.base import BaseCommand

from participation.budgets import counting


class Command(BaseCommand):
    help = "Time the budget counting function (pure, and from the database when the seed is loaded)."

    def add_arguments(self, parser):
        parser.add_argument("--ballots", type=int, default=100_000)
        parser.add_argument("--projects", type=int, default=300)
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, ballots, projects, repeat, **options):
        rng = random.Random(1)
        project_list = [counting.Project(i, Decimal(rng.randrange(5000, 100_001, 500))) for i in range(1, projects + 1)]
        rule = counting.Rule(counting.KNAPSACK, Decimal(1_500_000))
        ids = [p.id for p in project_list]
        ballot_list = [
            counting.Ballot(
                counting.PAPER if rng.random() < 0.1 else counting.ONLINE, tuple(rng.sample(ids, rng.randint(1, 10)))
            )
            for _ in range(ballots)
        ]
        choices = sum(len(b.choices) for b in ballot_list)
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            outcome = counting.count(project_list, ballot_list, rule, seed="benchmark")
            timings.append(time.perf_counter() - started)
        self.stdout.write(
            f"pure count: {ballots} ballots ({choices} choices), {projects} projects: "
            f"median {statistics.median(timings):.3f}s, max {max(timings):.3f}s; "
            f"{len(outcome.selected)} selected, {outcome.ballots_invalid} invalid"
        )
        from participation.budgets.models import Heading
        from participation.budgets.seed import SLUG

        heading = Heading.objects.filter(cycle__slug=SLUG).select_related("cycle").first()
        if heading is None:
            self.stdout.write("database count: skipped (run the city-scale seed first)")
            return
        from participation.budgets import services

        timings = []
        for _ in range(max(1, repeat // 2)):
            started = time.perf_counter()
            outcome = services.compute(heading)
            timings.append(time.perf_counter() - started)
        self.stdout.write(
            f"database count of the seeded heading: {outcome.ballots} ballots: median {statistics.median(timings):.3f}s"
        )

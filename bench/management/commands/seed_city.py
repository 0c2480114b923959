import time

from django.core.management.base import BaseCommand

from bench import seed


class Command(BaseCommand):
    help = (
        "Seed city-scale data for the benchmarks: 68,000 residents over Genk's 31 wijken with their "
        "roles, notifications and audit log (idempotent; bulk inserts)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--residents", type=int, default=seed.CITY_RESIDENTS, help="default: %(default)s")
        parser.add_argument("--seed", type=int, default=3600, help="random seed (default: %(default)s)")
        parser.add_argument("--reset", action="store_true", help="delete the seeded data first")

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["reset"]:
            self.stdout.write("Deleting the seeded data…")
            seed.reset(write=self.stdout.write)
        self.stdout.write(f"Seeding {options['residents']:,} residents…")
        ctx = seed.SeedContext(residents=options["residents"], seed=options["seed"], write=self.stdout.write)
        seed.run(ctx)
        self.stdout.write(self.style.SUCCESS(f"Seeded in {time.perf_counter() - started:.1f} s."))

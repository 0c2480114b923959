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
        vacuumed = time.perf_counter()
        self.vacuum_analyze()
        self.stdout.write(f"  {'VACUUM ANALYZE':<34} {time.perf_counter() - vacuumed:7.1f} s")
        self.stdout.write(self.style.SUCCESS(f"Seeded in {time.perf_counter() - started:.1f} s."))

    def vacuum_analyze(self):
        """Bulk inserts and bulk updates leave the planner without statistics and the tables
        with dead rows until autovacuum comes by; a page measured right after the seed would
        get plans no running site has (the initiative list's main query: 16 ms right after the
        seed, 9 ms after this). Done here, outside any transaction, as VACUUM must be."""
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")

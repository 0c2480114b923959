from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmarks: the city-scale seed and the query-count middleware (bench.settings only)."""

    name = "bench"
    verbose_name = "Benchmarks"

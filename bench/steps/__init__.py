"""Seed steps, one module per app. Every module here is imported by `bench.seed.steps()`."""

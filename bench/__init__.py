"""Benchmarks and evaluations: scripts run from the repository root (see README, Benchmark)."""

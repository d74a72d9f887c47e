"""Benchmarks: a deterministic synthetic corpus (``portal.bench.corpus``) and the runners that
measure the pipeline on it (``python -m portal.bench.search``, ``make bench-search``).

Benchmarks report numbers; they never fail on speed. Tests only check that they run.
"""

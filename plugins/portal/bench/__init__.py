"""Benchmarks: a deterministic synthetic corpus (``portal.bench.corpus``), the runners that
measure the pipeline on it (``python -m portal.bench.search``, ``make bench-search``; ``portal
bench``, ``make bench``: ``portal.bench.builds`` with the other generators' projects from
``portal.bench.stock`` and the tables of ``portal.bench.build_report``) and the measuring they
share (``portal.bench.measure``).

Benchmarks report numbers; they never fail on speed. Tests only check that they run.
"""

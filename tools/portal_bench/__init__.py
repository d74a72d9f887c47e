"""Benchmarks: a deterministic synthetic corpus (``portal_bench.corpus``), the runners that
measure the pipeline on it (``python -m portal_bench.search``, ``make bench-search``; ``portal
bench``, ``make bench``: ``portal_bench.builds`` with the other generators' projects from
``portal_bench.stock`` and the tables of ``portal_bench.build_report``) and the measuring they
share (``portal_bench.measure``).

Benchmarks report numbers; they never fail on speed. Tests only check that they run.
"""

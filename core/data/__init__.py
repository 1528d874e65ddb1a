"""The data layer: the only part of ``core`` that may import duckdb, ibis or pyspark
(benchmarks, demo store, presets, order analytics)."""

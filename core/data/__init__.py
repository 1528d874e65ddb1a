"""The data layer: the only code in ``core`` that imports DuckDB (benchmarks, demo store,
presets)."""

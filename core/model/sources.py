"""Names of the documents that default values cite (see data/benchmarks/README.md)."""

SEED_000 = "Seed 000 (2025 E-commerce Traffic Monetization Strategy Feasibility Report)"
SEED_001 = "Seed 001 (E-commerce Platform Operation and Promotion Guide)"
SEED_002 = "Seed 002 (Private-Domain Traffic Economic Model)"
SEED_003 = "Seed 003 (Live-stream E-commerce Traffic Operation Plan)"
DESIGN = "Design assumption"
BENCH = "Benchmark table"
"""Rows of data/benchmarks/benchmarks.csv, named by id in the provenance text."""

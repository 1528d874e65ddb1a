"""Deterministic demo-store-shaped order datasets for the scale benchmark."""

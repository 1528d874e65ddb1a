"""Analyses over the model: sensitivity and break-even (later optimiser, risk, scores)."""

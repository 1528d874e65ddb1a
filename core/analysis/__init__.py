"""Analyses over the model and the orders: sensitivity and break-even, plausibility,
customer value (BG/NBD, Gamma-Gamma, CLV); later optimiser, risk, scores."""

"""Statistical analyses of customer behaviour that the dashboard builds on (pure numerics)."""

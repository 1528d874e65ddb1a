"""Results leaving the product: the JSON report (later Excel and HTML)."""

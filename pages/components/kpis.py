"""KPI tiles: a metric per headline KPI, text from ``core.text.kpis``, formula as help."""

from __future__ import annotations

import streamlit as st

from core.model.finance import Metrics
from core.text.catalog import Locale, t
from core.text.kpis import HEADLINE_KPIS, tile_texts


def kpi_grid(metrics: Metrics, locale: Locale, per_row: int) -> None:
    """The headline KPIs as ``st.metric`` tiles, ``per_row`` to a row."""
    texts = tile_texts(metrics, locale)
    for start in range(0, len(HEADLINE_KPIS), per_row):
        names = HEADLINE_KPIS[start : start + per_row]
        for column, name in zip(st.columns(per_row), names, strict=False):
            column.metric(t(f"kpi.{name}", locale), texts[name], help=t(f"formula.{name}", locale))

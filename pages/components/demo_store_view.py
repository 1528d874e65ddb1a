"""The synthetic demo store: monthly GMV, spend and ROAS by channel, and channel totals."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.text.catalog import Locale, t
from core.text.formatting import format_count, format_money, format_percent, format_ratio
from pages.components.cache import demo_channel_summary, demo_monthly_kpis
from pages.components.charts import demo_channel_figure
from pages.components.paint import plotly


def demo_store_view(locale: Locale) -> None:
    """Charts of the demo store's monthly KPIs and a table of channel totals."""
    st.markdown(f"### {t('demo.title', locale)}")
    st.caption(t("demo.caption", locale))
    kpis = demo_monthly_kpis()
    paid = kpis[kpis["channel"] != "organic"]
    left, right = st.columns(2)
    with left:
        plotly(demo_channel_figure(kpis, "gmv", "demo.gmv", locale))
    with right:
        plotly(demo_channel_figure(paid, "spend", "demo.spend", locale))
    plotly(demo_channel_figure(paid, "roas", "demo.roas", locale))
    summary = demo_channel_summary()
    st.markdown(f"**{t('demo.summary', locale)}**")
    table = {
        t("bench.filter.strategy", locale): [t(f"channel.{c}", locale) for c in summary["channel"]],
        t("kpi.orders", locale): [format_count(o, locale) for o in summary["orders"]],
        t("kpi.gmv", locale): [format_money(g, locale) for g in summary["gmv"]],
        t("demo.roas_short", locale): [
            format_ratio(r if pd.notna(r) else None) for r in summary["roas"]
        ],
        t("demo.refund_rate", locale): [format_percent(r) for r in summary["refund_rate"]],
    }
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")

"""Monetization Studio (变现策略决策台): page routing and the language switch only."""

import streamlit as st

from core.text.catalog import t
from pages.components.session import language_switch, locale, mark_shell

st.set_page_config(page_title=t("app.title", locale()), page_icon="📊", layout="wide")
mark_shell()
lang = language_switch()
st.navigation(
    [
        st.Page("pages/summary.py", title=t("nav.summary", lang), default=True),
        st.Page("pages/strategy_lab.py", title=t("nav.strategy_lab", lang)),
        st.Page("pages/mix_planner.py", title=t("nav.mix_planner", lang)),
        st.Page("pages/compare.py", title=t("nav.compare", lang)),
        st.Page("pages/risk.py", title=t("nav.risk", lang)),
        st.Page("pages/customers.py", title=t("nav.customers", lang)),
        st.Page("pages/benchmarks.py", title=t("nav.benchmarks", lang)),
    ]
).run()

"""Monetization Studio (变现策略决策台): page routing and the language switch only."""

import streamlit as st

from core.i18n import LOCALES, t
from pages.state import LOCALE_WIDGET_KEY, locale, mark_shell, remember_locale

st.set_page_config(page_title="Monetization Studio · 变现策略决策台", page_icon="📊", layout="wide")

mark_shell()

with st.sidebar:
    st.segmented_control(
        t("language.label", locale()),
        LOCALES,
        format_func=lambda code: t(f"language.{code}", code),
        key=LOCALE_WIDGET_KEY,
        default=locale(),
        required=True,
        on_change=remember_locale,
    )

st.navigation(
    [
        st.Page("pages/strategy_lab.py", title=t("nav.strategy_lab", locale()), default=True),
        st.Page("pages/benchmarks.py", title=t("nav.benchmarks", locale())),
    ]
).run()

"""Cached access to the shipped data for the pages (one DataStore per server process)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.datastore import DataStore
from core.presets import PresetAssumptions, load_presets, preset_assumptions


@st.cache_resource(show_spinner=False)
def store() -> DataStore:
    """The shared read-only DataStore (queries use their own cursor: thread-safe)."""
    return DataStore()


@st.cache_data(show_spinner=False)
def demo_monthly_kpis() -> pd.DataFrame:
    """Demo-store KPIs by month and channel (see ``DataStore.demo_monthly_kpis``)."""
    return store().demo_monthly_kpis()


@st.cache_data(show_spinner=False)
def demo_channel_summary() -> pd.DataFrame:
    """Demo-store totals by channel."""
    return store().demo_channel_summary()


@st.cache_data(show_spinner=False)
def preset_values(key: str) -> PresetAssumptions:
    """The benchmark-backed values of preset ``key``."""
    preset = next(p for p in load_presets() if p.key == key)
    return preset_assumptions(preset, store())

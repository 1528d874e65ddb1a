"""Reference sections: how each KPI is computed, and where every default comes from."""

from __future__ import annotations

import streamlit as st

from core.model.paths import driver_spec_map
from core.text.catalog import Locale, t
from core.text.formatting import format_driver
from core.text.kpis import HEADLINE_KPIS


def formulas_section(locale: Locale) -> None:
    """One "how is this computed" expander per headline KPI."""
    st.markdown(f"#### {t('formula.title', locale)}")
    columns = st.columns(3)
    for i, name in enumerate(HEADLINE_KPIS):
        with columns[i % 3].expander(t(f"kpi.{name}", locale)):
            st.write(t(f"formula.{name}", locale))


def sources_section(locale: Locale) -> None:
    """Every driver's default value with its source, year and quality tag."""
    with st.expander(t("lab.sources", locale)):
        rows = [
            {
                t("lab.sources.field", locale): t(f"field.{path}", locale),
                t("lab.sources.default", locale): format_driver(spec.default, spec, locale),
                t("lab.sources.source", locale): t(f"source.{path}", locale),
                t("lab.sources.year", locale): spec.provenance.year,
                t("lab.sources.quality", locale): t(f"quality.{spec.provenance.quality}", locale),
            }
            for path, spec in driver_spec_map().items()
        ]
        st.dataframe(rows, hide_index=True, width="stretch")

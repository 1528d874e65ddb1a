"""The Risk page's simulation views: settings, the run with progress, the statistics, NPV
distributions, the stress test, risk against return, and how it is all computed."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from core.analysis.risk import BASES, TOTAL, Basis, StressRow, band, mitigation_balance
from core.analysis.uncertainty import (
    ADDITIVE_SPREAD,
    CORRELATED,
    DEFAULT_WIDTH,
    MAX_DRAWS,
    Simulation,
    SimulationSetup,
    Statistics,
)
from core.data.scenario_store import MAX_NAME_CHARS, StoreError
from core.model.risks import LIKELIHOOD_BANDS, LIKELIHOOD_PROBABILITY
from core.model.scenario import ScenarioBase
from core.model.shocks import COMBINATIONS, SHOCK_IDS, ShockId
from core.text.catalog import Locale, t
from core.text.formatting import format_money, format_percent
from core.text.kpis import payback_text
from core.text.mix import store_problem
from core.text.risk import median_gap_line, mitigation_line, shock_help, shock_label
from core.text.safe import markdown_literal, plot_literal
from pages.components.cache import assessed_risks, evaluated, scenario_store, simulation, stress
from pages.components.charts import TOTAL_COLOR, strategy_color
from pages.components.inputs import select_all
from pages.components.paint import plotly
from pages.components.risk_charts import (
    RiskReturnPoint,
    npv_distribution_figure,
    risk_return_figure,
)
from pages.components.scenario_state import ScenarioState
from pages.components.store_views import saved_picker
from pages.components.uncertainty_view import ranges_for, uncertainty_ranges

NS = "risk"
PICK_KEY = f"{NS}:mix_pick"
PROBLEM_KEY = f"{NS}:mix_problem"
MAX_KEPT_MIXES = 6
DRAW_CHOICES: tuple[int, ...] = (1_000, 5_000, 20_000, 50_000)
SUMMARY_STATS: tuple[str, ...] = ("p_loss", "p5", "p50", "p95", "expected_shortfall")


def key_label(key: str, locale: Locale) -> str:
    """A strategy's name, or "plan total"."""
    return t("kpi.total" if key == TOTAL else f"strategy.{key}", locale)


def settings(locale: Locale) -> SimulationSetup:
    """Draws, seed, inherent / residual basis and whether risk events are drawn."""
    draws_col, seed_col, basis_col = st.columns([1, 1, 3])
    draws = draws_col.selectbox(
        t("risk.setup.draws", locale),
        DRAW_CHOICES,
        index=1,
        format_func=lambda n: f"{n:,}",
        key=f"{NS}:draws",
    )
    seed = seed_col.number_input(
        t("risk.setup.seed", locale), 0, 2**31 - 1, SimulationSetup.seed, key=f"{NS}:seed"
    )
    basis = basis_col.segmented_control(
        t("risk.setup.basis", locale),
        BASES,
        format_func=lambda b: t(f"risk.basis.{b}", locale),
        default="inherent",
        required=True,
        key=f"{NS}:basis",
    )
    # On a line of its own: beside the basis its label was cut at 1280 px.
    events = st.toggle(t("risk.setup.events", locale), value=True, key=f"{NS}:events")
    chosen: Basis = "residual" if basis == "residual" else "inherent"
    return SimulationSetup(min(int(draws), MAX_DRAWS), int(seed), chosen, bool(events))


def run(state: ScenarioState, setup: SimulationSetup, locale: Locale) -> Simulation:
    """The Monte Carlo of the scenario being edited, over the ranges shown (and edited)
    above it, with a progress bar (cached chunks pass at once)."""
    scenario = state.scenario()
    ranges = uncertainty_ranges(state, locale)
    bar = st.empty()

    def progress(share: float) -> None:
        bar.progress(share, text=t("risk.progress", locale, share=format_percent(share, 0)))

    result = simulation(scenario, ranges, setup, progress)
    bar.empty()
    return result


def _stat_text(stats: Statistics, name: str, locale: Locale) -> str:
    value = getattr(stats, name)
    if name in ("p_loss", "p_paid_back") or name.startswith("roi"):
        return format_percent(value)
    if name == "payback_p50":
        return payback_text(value, locale)
    return format_money(value, locale)


def summary(result: Simulation, scenario: ScenarioBase, locale: Locale) -> None:
    """The plan's headline risk numbers as tiles (and why the median differs from the plan's
    NPV at today's values), then every statistic per strategy."""
    plan = result.stats(TOTAL)
    for column, name in zip(st.columns(len(SUMMARY_STATS)), SUMMARY_STATS, strict=True):
        column.metric(
            t(f"risk.stat.{name}", locale),
            _stat_text(plan, name, locale),
            help=t(f"risk.help.{name}", locale),
        )
    npv = evaluated(scenario).total.metrics.npv
    if (gap := median_gap_line(plan, npv, result.setup.events, locale)) is not None:
        st.caption(gap)
    if result.setup.basis == "residual":
        balance = mitigation_balance(scenario, assessed_risks(scenario))
        if (line := mitigation_line(balance, locale)) is not None:
            st.caption(line)
    names = (
        *SUMMARY_STATS,
        "mean",
        "roi_p50",
        "p_paid_back",
        "payback_p50",
        "peak_cash_p95",
    )
    table = {
        t("risk.stat.name", locale): [t(f"risk.stat.{n}", locale) for n in names],
        **{
            key_label(key, locale): [_stat_text(result.stats(key), n, locale) for n in names]
            for key in result.keys
        },
    }
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")


def distribution(result: Simulation, locale: Locale) -> None:
    """The NPV histogram of the plan or a chosen strategy."""
    keys = list(result.keys)
    choice = st.segmented_control(
        t("risk.distribution.choose", locale),
        keys,
        format_func=lambda k: key_label(k, locale),
        default=TOTAL,
        required=True,
        key=f"{NS}:distribution",
    )
    key = choice if choice in keys else TOTAL
    figure = npv_distribution_figure(
        result.outcomes[key].npv, result.stats(key), key_label(key, locale), locale
    )
    plotly(figure)


def _stress_cases(locale: Locale, size: str) -> list[tuple[str, tuple[ShockId, ...]]]:
    cases = [(shock, (shock,)) for shock in SHOCK_IDS]
    cases += [(name, tuple(ids)) for name, ids in COMBINATIONS.items()]
    own = st.multiselect(
        t("risk.stress.own", locale),
        SHOCK_IDS,
        format_func=lambda s: shock_label(s, locale, size),
        help="\n".join(
            f"- **{shock_label(s, locale, size)}**: {shock_help(s, locale, size)}"
            for s in SHOCK_IDS
        ),
        placeholder=t("risk.stress.own_placeholder", locale),
        key=f"{NS}:stress_own@{locale}",
        select_all=select_all(locale),
    )
    if own:
        cases.append(("own", tuple(own)))
    return cases


def stress_table(rows: Sequence[StressRow], locale: Locale, size: str) -> pd.DataFrame:
    """One line per case and strategy: NPV change, payback and peak cash before → after."""
    records = []
    for row in rows:
        own = row.label == "own"
        case = t("risk.stress.own_case", locale) if own else shock_label(row.label, locale, size)
        for key in row.base:
            base, hit = row.base[key], row.shocked[key]
            payback = (payback_text(o.payback_month, locale) for o in (base, hit))
            peak = (format_money(o.peak_cash_need, locale) for o in (base, hit))
            records.append(
                {
                    t("risk.stress.case", locale): case,
                    t("cli.strategy", locale): key_label(key, locale),
                    t("risk.stress.npv_change", locale): format_money(row.npv_change(key), locale),
                    t("risk.stress.payback", locale): " → ".join(payback),
                    t("risk.stress.peak_cash", locale): " → ".join(peak),
                }
            )
    return pd.DataFrame(records)


def stress_section(scenario: ScenarioBase, locale: Locale) -> None:
    """Each shock, the named combinations and the user's own combination, for certain."""
    st.markdown(f"### {t('risk.stress.title', locale)}")
    st.caption(t("risk.stress.caption", locale))
    left, right = st.columns([3, 1])
    with left:
        cases = _stress_cases(locale, scenario.business.size)
    start = right.number_input(
        t("risk.stress.start", locale),
        1,
        scenario.horizon_months,
        1,
        key=f"{NS}:stress_start",
    )
    rows = stress(scenario, cases, int(min(start, scenario.horizon_months)))
    table = stress_table(rows, locale, scenario.business.size)
    st.dataframe(table, hide_index=True, width="stretch", height=420)


def risk_return(
    current: Simulation,
    mixes: Sequence[tuple[str, ScenarioBase]],
    setup: SimulationSetup,
    locale: Locale,
) -> None:
    """Expected NPV against expected shortfall: each strategy of the scenario being
    edited, then the plan of every (label, scenario) in ``mixes`` — the scenario itself
    first, saved mixes after it — each simulated with the same settings (cached)."""
    points = [
        RiskReturnPoint(
            key_label(key, locale),
            current.stats(key).mean,
            current.stats(key).expected_shortfall,
            current.stats(key).p_loss,
            strategy_color(key, i),
        )
        for i, key in enumerate(current.keys)
        if key != TOTAL
    ]
    for label, mix in mixes:
        plan = simulation(mix, ranges_for(mix), setup, lambda _: None).stats()
        points.append(
            RiskReturnPoint(
                plot_literal(label), plan.mean, plan.expected_shortfall, plan.p_loss, TOTAL_COLOR
            )
        )
    plotly(risk_return_figure(points, locale))
    st.caption(t("risk.return.caption", locale))


def _unused_name(locale: Locale) -> str:
    taken = {saved.name for saved in scenario_store().saved()}
    number = 1
    while t("risk.mixes.unnamed", locale, number=number) in taken:
        number += 1
    return t("risk.mixes.unnamed", locale, number=number)


def _keep(scenario: ScenarioBase, name_key: str, locale: Locale) -> None:
    """Save the plan as it is now (under the name typed, else "Mix N") and add it to the
    chart; a failure is kept for the next run."""
    name = " ".join(str(st.session_state.get(name_key) or "").split()) or _unused_name(locale)
    try:
        saved = scenario_store().save(name, scenario)
    except StoreError as exc:
        st.session_state[PROBLEM_KEY] = exc
        return
    picked = [i for i in st.session_state.get(PICK_KEY) or [] if i != saved.id]
    st.session_state[PICK_KEY] = [*picked, saved.id][-MAX_KEPT_MIXES:]


def mixes(scenario: ScenarioBase, locale: Locale) -> list[tuple[str, ScenarioBase]]:
    """This plan, then the saved scenarios picked for the chart, as (label, scenario).
    "Keep" saves the plan as it is now in the scenario library (the Mix Planner's and
    Compare's: it outlives the session) and picks it."""
    name_col, keep_col = st.columns([2, 1], vertical_alignment="bottom")
    name_key = f"{NS}:mix_name@{locale}"
    name_col.text_input(
        t("risk.mixes.name", locale),
        max_chars=MAX_NAME_CHARS,
        placeholder=t("risk.mixes.placeholder", locale),
        help=t("risk.mixes.help", locale, limit=MAX_KEPT_MIXES),
        key=name_key,
    )
    keep_col.button(
        t("risk.mixes.keep", locale),
        key=f"{NS}:keep_mix",
        on_click=_keep,
        args=(scenario, name_key, locale),
        width="stretch",
    )
    problem: StoreError | None = st.session_state.pop(PROBLEM_KEY, None)
    if problem is not None:
        st.error(markdown_literal(store_problem(problem, locale)))
    plans = [(t("risk.return.this_plan", locale), scenario)]
    plans += saved_picker(
        t("risk.mixes.pick", locale),
        key=PICK_KEY,
        limit=MAX_KEPT_MIXES,
        placeholder=t("risk.mixes.pick_placeholder", locale),
        lang=locale,
    )
    return plans


def method_notes(locale: Locale) -> None:
    """How the page computes: scales, bands, distributions, correlations."""
    with st.expander(t("risk.method.title", locale)):
        st.markdown(
            t(
                "risk.method.ranges",
                locale,
                width=format_percent(DEFAULT_WIDTH, 0),
                spread=format_percent(ADDITIVE_SPREAD, 0),
            )
        )
        st.markdown(t("risk.method.correlation", locale, groups=_groups(locale)))
        scale = [
            {
                t("risk.col.likelihood", locale): score,
                t("risk.method.band", locale): " – ".join(
                    format_percent(p, 0) for p in (low, high)
                ),
                t("risk.method.drawn", locale): format_percent(LIKELIHOOD_PROBABILITY[score], 0),
            }
            for score, (low, high) in LIKELIHOOD_BANDS.items()
        ]
        st.dataframe(scale, hide_index=True)
        st.markdown(t("risk.method.impact", locale))
        st.markdown(t("risk.method.matrix", locale, examples=_band_examples(locale)))
        st.markdown(t("risk.method.events", locale))


def _groups(locale: Locale) -> str:
    separator = "；" if locale == "zh-CN" else "; "
    return separator.join(
        t("risk.method.group", locale, name=t(f"risk.group.{g.name}", locale), rho=f"{g.rho:.1f}")
        for g in CORRELATED
    )


def _band_examples(locale: Locale) -> str:
    cells = ((2, 2), (3, 3), (4, 4), (5, 5))
    return " · ".join(f"{t(f'risk.band.{band(lk, im)}', locale)} {lk}×{im}" for lk, im in cells)

"""The decision in words: verdict, recommendations, score explanations (both languages).

Every sentence of the executive summary, the exports and ``recommend`` comes from here;
pages and exports never assemble one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from core.analysis.decision import Decision
from core.analysis.plausibility import Finding
from core.analysis.recommendations import SOURCE_SEPARATOR, Number, Recommendation
from core.analysis.risk import RiskAssessment
from core.analysis.risk_figures import DECISION_DRAWS
from core.analysis.scores import TOTAL, Component, Score, explain
from core.analysis.uncertainty import uncertain_paths
from core.model.paths import driver_spec
from core.model.plausible import PlausibleRange
from core.text.catalog import Locale, t
from core.text.findings import finding_text
from core.text.formatting import (
    format_driver,
    format_money,
    format_percent,
    join_list,
    join_sentences,
    mid_sentence,
)
from core.text.kpis import kpi_texts, payback_text, relapse_line, tile_texts
from core.text.labels import field_label
from core.text.risk import risk_text
from core.text.sources import source_text


def signed_money(value: float, locale: Locale) -> str:
    """Money with an explicit sign: +¥1.20万, −¥800."""
    text = format_money(value, locale)
    return text if text.startswith(("−", "—")) or round(value) == 0 else f"+{text}"


def strategy_name(key: str, locale: Locale) -> str:
    """A strategy's name, or "Plan total" for ``total``."""
    return t("kpi.total" if key == TOTAL else f"strategy.{key}", locale)


def component_name(name: Component, locale: Locale) -> str:
    """The label of a score component."""
    return t(f"score.{name}", locale)


def score_text(value: float) -> str:
    """A 0–100 score as shown: whole points ("43")."""
    return f"{value:.0f}"


def points(value: float) -> str:
    """Score points with a sign and one decimal: +9.1, −6.0."""
    text = f"{abs(value):.1f}"
    return text if text == "0.0" else f"{'+' if value > 0 else '−'}{text}"


def score_change(before: float, after: float) -> str:
    """The change between two scores as they are shown (whole points): 41 → 43 reads +2,
    never +1.9; ±0 when the shown scores are equal, as other changes read."""
    change = int(score_text(after)) - int(score_text(before))
    return "±0" if change == 0 else f"{'+' if change > 0 else '−'}{abs(change)}"


def explanation(score: Score, locale: Locale, against: Score | None = None, top: int = 2) -> str:
    """ "Moved by: return +9.1 pts, cash −6.0 pts" — the ``top`` largest pulls."""
    parts = [
        t("summary.points", locale, name=component_name(name, locale), points=points(pull))
        for name, pull in explain(score, against)[:top]
    ]
    return t(
        "summary.moved_by",
        locale,
        parts=join_list(parts, locale),
    )


def _payback(before: Number, after: Number, locale: Locale) -> str:
    """ ", payback <before> → <after>"; empty when the move leaves payback as it was."""
    if before == after:
        return ""

    return t(
        "rec.payback_change",
        locale,
        before=mid_sentence(payback_text(before, locale), locale),
        after=mid_sentence(payback_text(after, locale), locale),
    )


def _driver(path: str, value: Number, locale: Locale) -> str:
    return format_driver(None if value is None else float(value), driver_spec(path), locale)


def _money(n: Mapping[str, Number], name: str, locale: Locale) -> str:
    return format_money(float(n[name] or 0.0), locale)


def _signed(n: Mapping[str, Number], name: str, locale: Locale) -> str:
    return signed_money(float(n[name] or 0.0), locale)


def _score(n: Mapping[str, Number]) -> str:
    return f"{float(n['score'] or 0.0):.0f}"


def _move(item: Recommendation, locale: Locale) -> str:
    n = item.numbers
    return t(
        "rec.move_budget",
        locale,
        amount=_money(n, "amount", locale),
        source=strategy_name(str(n["source"]), locale),
        target=strategy_name(str(n["target"]), locale),
        npv_change=_signed(n, "npv_change", locale),
        payback=_payback(n["payback_before"], n["payback_after"], locale),
    )


def _switch_off(item: Recommendation, locale: Locale) -> str:
    n = item.numbers
    return t(
        "rec.switch_off",
        locale,
        strategy=strategy_name(str(n["strategy"]), locale),
        npv_change=_signed(n, "npv_change", locale),
    )


def _fragile(item: Recommendation, locale: Locale) -> str:
    n = item.numbers
    path = str(n["path"])
    text = t(
        "rec.fragile",
        locale,
        strategy=strategy_name(str(n["strategy"]), locale),
        driver=mid_sentence(field_label(path, locale), locale),
        current=_driver(path, n["current"], locale),
        break_even=_driver(path, n["break_even"], locale),
        distance=format_percent(float(n["distance"] or 0.0)),
        npv=format_money(item.value or 0.0, locale),
    )
    others = int(n["others"] or 0)
    if not others:
        return text
    return join_sentences((text, t("rec.fragile.others", locale, count=others)), locale)


def _optimiser(item: Recommendation, locale: Locale) -> str:
    n = item.numbers
    shares = [
        f"{strategy_name(name.partition('.')[2], locale)} {format_money(float(v or 0), locale)}"
        for name, v in n.items()
        if name.startswith("allocation.")
    ]
    return t(
        "rec.optimiser",
        locale,
        budget=_money(n, "budget", locale),
        allocation=join_list(shares, locale),
        npv_change=_signed(n, "npv_change", locale),
    )


def _focus(item: Recommendation, locale: Locale) -> str:
    n = item.numbers
    change = float(n["npv_change"] or 0.0)
    return t(
        "rec.seed.focus.drop" if change >= 0 else "rec.seed.focus.keep",
        locale,
        source=_source(item, locale),
        weakest=strategy_name(str(n["weakest"]), locale),
        score=_score(n),
        npv_change=signed_money(change, locale) if change >= 0 else format_money(-change, locale),
    )


def _category(item: Recommendation, locale: Locale) -> str:
    if item.key.endswith(".off"):
        return t(f"rec.{item.key}", locale, source=_source(item, locale))
    return t(f"rec.{item.key}", locale, source=_source(item, locale), score=_score(item.numbers))


def _alliance(item: Recommendation, locale: Locale) -> str:
    n = item.numbers
    return t(
        "rec.seed.alliance_cpc",
        locale,
        cut=format_percent(float(n["cut"] or 0.0), 0),
        source=_source(item, locale),
        npv_change=_signed(n, "npv_change", locale),
    )


def _cash(item: Recommendation, locale: Locale) -> str:
    n = item.numbers
    return t(
        "rec.guard.cash",
        locale,
        peak=_money(n, "peak", locale),
        fundable=_money(n, "fundable", locale),
        gap=format_money(item.value or 0.0, locale),
    )


def _horizon(item: Recommendation, locale: Locale) -> str:
    n = item.numbers
    if item.key == "guard.horizon.never":
        return t("rec.guard.horizon.never", locale, horizon=n["horizon"], longest=n["longest"])
    return t("rec.guard.horizon", locale, payback=n["payback"], horizon=n["horizon"])


def _one_fragile(item: Recommendation, locale: Locale) -> str:
    n = item.numbers
    return t(
        "rec.guard.one_fragile",
        locale,
        driver=mid_sentence(field_label(str(n["path"]), locale), locale),
        npv=_money(n, "npv", locale),
    )


def _assumption(item: Recommendation, locale: Locale) -> str:
    n = item.numbers
    path = str(n["path"])
    return t(
        "rec.guard.assumption",
        locale,
        driver=field_label(path, locale),
        value=_driver(path, n["value"], locale),
        low=_driver(path, n["low"], locale),
        high=_driver(path, n["high"], locale),
    )


def _output(item: Recommendation, locale: Locale) -> str:
    n = item.numbers
    value = n["value"]
    bounds = PlausibleRange(
        str(n["check"]),
        float(n["low"] or 0.0),
        float(n["high"] or 0.0),
        tuple(str(n["rows"]).split()),
        "",
        vague_only=bool(n.get("vague_only")),
        sources=tuple(s for s in str(n.get("sources") or "").split(SOURCE_SEPARATOR) if s),
    )
    return finding_text(
        Finding(str(n["check"]), None if value is None else float(value), bounds), locale
    )


def _source(item: Recommendation, locale: Locale) -> str:
    """The seed section an item cites, as the reader knows it: the report's title and
    section in either language ("Seed 000" is the project's own shorthand)."""
    if not item.source:
        return ""
    if locale == "en":
        return _SEED_SHORT.sub(lambda m: t(f"source.seed.{m[1]}", "en"), item.source)
    return source_text(item.source, locale)


_SEED_SHORT = re.compile(r"Seed (\d{3})")
"""A seed document's shorthand in a recommendation's source ("Seed 000 §7.1.1")."""

_WRITERS: Mapping[str, Callable[[Recommendation, Locale], str]] = {
    "move_budget": _move,
    "switch_off": _switch_off,
    "fragile": _fragile,
    "optimiser": _optimiser,
    "seed.focus": _focus,
    "seed.agri_content": _category,
    "seed.agri_content.off": _category,
    "seed.fmcg_private": _category,
    "seed.fmcg_private.off": _category,
    "seed.alliance_cpc": _alliance,
    "guard.cash": _cash,
    "guard.horizon": _horizon,
    "guard.horizon.never": _horizon,
    "guard.one_fragile": _one_fragile,
    "guard.assumption": _assumption,
    "guard.output": _output,
}
"""Recommendation key → its sentence writer."""


def recommendation_text(item: Recommendation, locale: Locale) -> str:
    """The item's sentence with its reason and numbers; ``KeyError`` for an unknown key."""
    return _WRITERS[item.key](item, locale)


def value_text(item: Recommendation, locale: Locale) -> str:
    """What the item is worth (signed money), or "" when it has no money value."""
    return "" if item.value is None else signed_money(item.value, locale)


def verdict_text(decision: Decision, locale: Locale) -> str:
    """The verdict in one sentence, with the recommended mix's headline figures."""
    m = decision.recommended_result.total.metrics
    if decision.verdict in ("empty", "idle"):
        return t(f"summary.verdict.{decision.verdict}", locale)
    texts = kpi_texts(m, locale, ("npv", "roi", "payback_month", "peak_cash_need"))
    if decision.verdict == "stop":
        return t("summary.verdict.stop", locale, npv=texts["npv"])
    if decision.verdict == "go":
        return t(
            "summary.verdict.go",
            locale,
            npv=texts["npv"],
            roi=texts["roi"],
            payback=mid_sentence(payback_text(m.payback_month, locale), locale),
            peak=texts["peak_cash_need"],
        )
    return t("summary.verdict.caution", locale, npv=texts["npv"], reason=_reason(decision, locale))


def _reason(decision: Decision, locale: Locale) -> str:
    urgent = [r for r in decision.warnings() if r.tier == 0]
    if urgent:
        item = urgent[0]
        key = "guard.horizon" if item.key.startswith("guard.horizon") else item.key
        if key == "guard.cash":
            return t(
                "summary.reason.guard.cash",
                locale,
                peak=_money(item.numbers, "peak", locale),
                fundable=_money(item.numbers, "fundable", locale),
            )
        return t(f"summary.reason.{key}", locale)
    p_loss = decision.recommended_scores[TOTAL].risk.p_loss
    return t("summary.reason.p_loss", locale, p_loss=format_percent(p_loss, 0))


def change_text(decision: Decision, locale: Locale) -> str:
    """How the recommended mix differs from the current plan, in one sentence."""
    if not decision.changed or TOTAL not in decision.scores:
        return t("summary.recommended.same", locale)
    before, after = decision.scores[TOTAL], decision.recommended_scores[TOTAL]
    name, pull = explain(after, before)[0]
    mover = t("summary.points", locale, name=component_name(name, locale), points=points(pull))
    return t(
        "summary.recommended.changed",
        locale,
        before=score_text(before.score),
        after=score_text(after.score),
        mover=mover,
    )


def risk_basis_text(decision: Decision, locale: Locale) -> str:
    """Where the recommended mix's P(loss) comes from: the Monte Carlo (its draws, the
    driver ranges — saying how many are ranges saved with the scenario — and the
    register's events) or, without it, the one-at-a-time benchmark ranges."""
    if TOTAL not in decision.recommended_scores:
        return ""
    if decision.recommended_scores[TOTAL].risk.basis != "simulation":
        return t("summary.p_loss.ranges", locale)
    scenario = decision.recommended
    saved = len(set(scenario.ranges) & set(uncertain_paths(scenario)))
    return t(
        "summary.p_loss.simulation_saved" if saved else "summary.p_loss.simulation",
        locale,
        draws=f"{DECISION_DRAWS:,}",
        saved=saved,
    )


def headline_notes(decision: Decision, locale: Locale) -> list[str]:
    """Sentences that explain headline figures which seem to contradict each other
    (:func:`horizon_gap_text`, :func:`outlook_gap_text`) and a payback tile that hides a
    relapse (:func:`core.text.kpis.relapse_line`); empty when they agree."""
    if TOTAL not in decision.recommended_scores:
        return []
    relapse = relapse_line(decision.recommended_result.total.metrics, locale)
    notes = (horizon_gap_text(decision, locale), outlook_gap_text(decision, locale), relapse)
    return [note for note in notes if note]


def horizon_gap_text(decision: Decision, locale: Locale) -> str:
    """Why a positive NPV sits beside a loss within the horizon (negative ROI, no
    payback): the NPV includes the terminal value, the profit the customers and members
    left at the end still bring. Quotes both parts; "" when NPV < 0, the horizon alone is
    ≥ 0, or there is no terminal value."""
    m = decision.recommended_result.total.metrics
    if not (m.npv >= 0 > m.npv_horizon and m.terminal_value > 0):
        return ""
    return t(
        "summary.npv.gap",
        locale,
        npv=format_money(m.npv, locale),
        **kpi_texts(m, locale, ("npv_horizon", "terminal_value")),
    )


def outlook_gap_text(decision: Decision, locale: Locale) -> str:
    """Why the NPV and P(loss) tiles seem to disagree, when they do: the NPV (at the
    plan's own values) is ≥ 0 while most simulated cases lose money, or the NPV is < 0
    while most make money. The sentence quotes the simulation's median NPV; "" otherwise."""
    risk = decision.recommended_scores[TOTAL].risk
    npv = decision.recommended_result.total.metrics.npv
    if risk.median_npv is None:
        return ""
    if npv >= 0 and risk.p_loss > 0.5:
        key = "summary.p_loss.gap.down"
    elif npv < 0 and risk.p_loss < 0.5:
        key = "summary.p_loss.gap.up"
    else:
        return ""
    return t(
        key,
        locale,
        npv=format_money(npv, locale),
        median=format_money(risk.median_npv, locale),
        p_loss=format_percent(risk.p_loss, 0),
    )


def headline_texts(decision: Decision, locale: Locale) -> list[tuple[str, str]]:
    """(label, value) of the recommended mix's headline figures: NPV, ROI, payback, peak
    cash and P(loss)."""
    m = decision.recommended_result.total.metrics
    names = ("npv", "roi", "payback_month", "peak_cash_need")
    texts = tile_texts(m, locale)
    rows = [(t(f"kpi.{name}", locale), texts[name]) for name in names]
    p_loss = (
        format_percent(decision.recommended_scores[TOTAL].risk.p_loss, 0)
        if TOTAL in decision.recommended_scores
        else t("value.na", locale)
    )
    rows.append((t("summary.p_loss", locale), p_loss))
    return rows


def register_risk_text(assessment: RiskAssessment, locale: Locale) -> str:
    """One register risk for the summary: its name, residual expected loss (yuan) and
    residual likelihood × impact scores."""
    loss = assessment.expected_loss("residual")
    scores = {
        "likelihood": assessment.likelihood["residual"],
        "impact": assessment.impact["residual"],
    }
    name = risk_text(assessment.risk, "name", locale)
    if loss is None:
        return t("summary.register_risk.unquantified", locale, name=name, **scores)
    return t("summary.register_risk", locale, name=name, loss=format_money(loss, locale), **scores)

"""Scores 0–100 of each strategy and of a whole plan, from five named components.

score = Σ_i w_i · c_i over the components i, each c_i in 0..100, weights w_i ≥ 0 scaled
to Σ w_i = 1 (all zero: equal weights). Components (money in yuan; F = the business's
fundable cash, ``business.fundable_cash``; s(x) = 0.5 + 0.5 · x / (1 + |x|), an
increasing squash of any real number into (0, 1) with s(0) = 0.5):

* ``return`` = 100 · (s(NPV / F) + s(ROI)) / 2: an NPV as large as the cash the business
  can put in gives s = 0.75, so does an ROI of 100 %; a loss gives less than 50. With
  F = 0 the NPV term is s(sign(NPV)). No ROI (nothing invested) counts as 0 %.
* ``speed`` = 100 · T / (T + p − 1) for payback month p, T = :data:`PAYBACK_YARDSTICK`
  (24 months: the programme payback the seed documents quote, 000 §5.3.3): month 1 → 100,
  month 25 → 50; not paid back within the horizon → 0.
* ``cash`` = 100 · max(0, 1 − C / (2F)) for the peak cash need C: no cash need → 100,
  C = F → 50, C ≥ 2F → 0 (F = 0: 100 without a cash need, else 0).
* ``risk`` = 100 · (1 − mean of the available penalties): P(loss); the expected
  shortfall's loss against F, min(1, max(0, −ES) / F); the risk register's expected loss
  against F, min(1, exposure / F). The figures come from the Monte Carlo and the register
  when given (:class:`RiskFigures`); otherwise :func:`fallback_risk` computes a
  deterministic stand-in from one-at-a-time driver ranges.
* ``fit`` = 100 · mean of five sub-scores in 0..1 (:data:`SIZE_FIT`, :data:`CATEGORY_FIT`,
  :data:`TEAM_FIT`, :data:`DATA_FIT` and the budget fit B / (B + O_k), where B is the
  plan's monthly spend on the strategies' levers and O_k the strategy's average monthly
  cost besides its marketing and per-order costs, setup spread over the horizon). A plan's
  fit is the investment-weighted mean of its strategies' fits.

The explanation of a score (:func:`explain`) lists each component's pull w_i · (c_i − 50)
against a neutral 50, or w_i · (c_i − c'_i) against another score: which component moved
it and by how many points.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal, get_args

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from core.analysis.sensitivity import SENSITIVITY_STEP, drivers_for
from core.model.economics import PER_ORDER_LINES
from core.model.engine import Projection, ScenarioResult, evaluate_batch, lever_path
from core.model.paths import driver_spec, value_at
from core.model.scenario import ScenarioBase

Component = Literal["return", "speed", "cash", "risk", "fit"]
COMPONENTS: tuple[Component, ...] = get_args(Component)
TOTAL = "total"
"""Key of the whole plan among the scored keys."""
PAYBACK_YARDSTICK = 24.0
"""Months: the payback that scores 50 + (month 25); the seeds' programme payback."""
NEUTRAL = 50.0

Range = tuple[float, float]

DEFAULT_WEIGHTS: Mapping[Component, float] = {
    "return": 0.30,
    "speed": 0.15,
    "cash": 0.20,
    "risk": 0.20,
    "fit": 0.15,
}
"""Default weights and why:

* return 0.30 — what the money earns is the reason to spend it, so it weighs most;
* cash 0.20 and risk 0.20 — a small seller fails by running out of cash or by a loss it
  cannot carry before by a lower return (SME acquisition cost +15 % a year, 000 §2.2.2);
* speed 0.15 — slow payback is already discounted in NPV; it counts apart because the
  seeds judge a programme by its payback (about two years, 000 §5.3.3);
* fit 0.15 — no mode fits every firm (000 §7.1.1), but fit is a judgement, not money.
"""

SIZE_FIT: Mapping[str, Mapping[str, float]] = {
    "sme": {"ads": 0.6, "content": 0.8, "private_domain": 0.7},
    "mid": {"ads": 0.8, "content": 0.8, "private_domain": 0.8},
    "large": {"ads": 1.0, "content": 1.0, "private_domain": 1.0},
}
"""Size × strategy (design, 000 §7.1.1): large platforms run all three; an SME pays 28 % of
revenue for ads against 12 % for head firms (000 §2.2.2) and leans on content and its own
customers."""
CATEGORY_FIT: Mapping[str, Mapping[str, float]] = {
    "agri": {"ads": 0.6, "content": 1.0, "private_domain": 0.7},
    "fmcg": {"ads": 0.7, "content": 0.7, "private_domain": 1.0},
    "fresh": {"ads": 0.6, "content": 0.8, "private_domain": 1.0},
    "food": {"ads": 0.7, "content": 0.8, "private_domain": 0.9},
}
"""Category × strategy (000 §7.2.1: agricultural products → content; fast-moving goods →
private domain, repurchase). Categories not listed: :data:`OTHER_CATEGORY_FIT`."""
OTHER_CATEGORY_FIT = 0.8
TEAM_FIT: Mapping[str, Mapping[str, float]] = {
    "solo": {"ads": 0.8, "content": 0.4, "private_domain": 0.4},
    "small": {"ads": 0.9, "content": 0.7, "private_domain": 0.7},
    "dedicated": {"ads": 1.0, "content": 1.0, "private_domain": 1.0},
}
"""Team × strategy (design): content and community need people to run them (talent
shortage is a named risk of both, 000 §6); ads can be bought with an agency."""
DATA_FIT: Mapping[str, Mapping[str, float]] = {
    "basic": {"ads": 0.5, "content": 0.8, "private_domain": 0.5},
    "some": {"ads": 0.8, "content": 0.9, "private_domain": 0.8},
    "advanced": {"ads": 1.0, "content": 1.0, "private_domain": 1.0},
}
"""Data maturity × strategy (design): SMEs lacking data for targeting is the ads failure
mode (000 §2.2.2); the private domain needs data and operating skill (000 §3.3)."""
UNKNOWN_STRATEGY_FIT = 0.8
"""A strategy the tables do not name (a new module) fits neutrally."""


class Weights(BaseModel):
    """Component weights (any non-negative numbers; used scaled to sum 1)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    return_: float = Field(DEFAULT_WEIGHTS["return"], ge=0, le=100, alias="return")
    speed: float = Field(DEFAULT_WEIGHTS["speed"], ge=0, le=100)
    cash: float = Field(DEFAULT_WEIGHTS["cash"], ge=0, le=100)
    risk: float = Field(DEFAULT_WEIGHTS["risk"], ge=0, le=100)
    fit: float = Field(DEFAULT_WEIGHTS["fit"], ge=0, le=100)

    def _raw(self) -> dict[Component, float]:
        return {
            "return": self.return_,
            "speed": self.speed,
            "cash": self.cash,
            "risk": self.risk,
            "fit": self.fit,
        }

    @property
    def all_zero(self) -> bool:
        """Every weight 0: nothing to scale, so :meth:`normalised` falls back to equal."""
        return sum(self._raw().values()) <= 0

    def normalised(self) -> dict[Component, float]:
        """Weights scaled to sum 1 (equal weights when all are zero)."""
        if self.all_zero:
            return dict.fromkeys(COMPONENTS, 1.0 / len(COMPONENTS))
        raw = self._raw()
        total = sum(raw.values())
        return {name: value / total for name, value in raw.items()}


class RiskFigures(BaseModel):
    """What the risk component reads for one strategy or the plan.

    ``p_loss``: P(NPV < 0), 0..1; ``expected_shortfall``: mean NPV of the worst tail
    (yuan, negative for a loss); ``register_exposure``: Σ expected loss of the register's
    risks on it (yuan), ``None`` without a register; ``basis``: ``simulation`` (Monte
    Carlo) or ``ranges`` (the deterministic fallback, :func:`fallback_risk`);
    ``median_npv``: the median NPV of the same cases (yuan), ``None`` when not known.
    """

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    p_loss: float = Field(ge=0.0, le=1.0)
    expected_shortfall: float
    register_exposure: float | None = Field(None, ge=0.0)
    basis: Literal["simulation", "ranges"]
    median_npv: float | None = None


class Score(BaseModel):
    """The score of one strategy (``key``) or of the plan (``total``)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    key: str
    score: float = Field(ge=0.0, le=100.0)
    components: dict[Component, float]
    weights: dict[Component, float]
    risk: RiskFigures

    def pull(self, name: Component, against: Score | None = None) -> float:
        """Points component ``name`` adds: w · (c − 50), or w · (c − c') against a score."""
        base = NEUTRAL if against is None else against.components[name]
        return self.weights[name] * (self.components[name] - base)


def squash(x: float) -> float:
    """s(x) = 0.5 + 0.5 · x / (1 + |x|): increasing, (0, 1), s(0) = 0.5; s(±∞) = 1, 0 (an
    NPV over a near-zero fundable cash overflows to infinity)."""
    if math.isinf(x):
        return 1.0 if x > 0 else 0.0
    return 0.5 + 0.5 * x / (1.0 + abs(x))


def return_component(npv: float, roi: float | None, fundable_cash: float) -> float:
    """100 · (s(NPV / F) + s(ROI)) / 2 (module docstring)."""
    scaled = npv / fundable_cash if fundable_cash > 0 else float(np.sign(npv))
    return 100.0 * (squash(scaled) + squash(roi or 0.0)) / 2.0


def speed_component(payback_month: int | None) -> float:
    """100 · T / (T + p − 1); 0 when not paid back (module docstring)."""
    if payback_month is None:
        return 0.0
    return 100.0 * PAYBACK_YARDSTICK / (PAYBACK_YARDSTICK + max(payback_month, 1) - 1)


def cash_component(peak_cash_need: float, fundable_cash: float) -> float:
    """100 · max(0, 1 − C / (2F)) (module docstring)."""
    if fundable_cash <= 0:
        return 100.0 if peak_cash_need <= 0 else 0.0
    return 100.0 * max(0.0, 1.0 - peak_cash_need / (2.0 * fundable_cash))


def risk_component(risk: RiskFigures, fundable_cash: float) -> float:
    """100 · (1 − mean penalty) over P(loss), shortfall and exposure (module docstring)."""

    def against_cash(loss: float) -> float:
        if fundable_cash <= 0:
            return 1.0 if loss > 0 else 0.0
        return min(1.0, loss / fundable_cash)

    penalties = [risk.p_loss, against_cash(max(0.0, -risk.expected_shortfall))]
    if risk.register_exposure is not None:
        penalties.append(against_cash(risk.register_exposure))
    return 100.0 * (1.0 - sum(penalties) / len(penalties))


def _table(table: Mapping[str, Mapping[str, float]], row: str, key: str, other: float) -> float:
    return table.get(row, {}).get(key, other if row not in table else UNKNOWN_STRATEGY_FIT)


def monthly_overhead(projection: Projection) -> float:
    """O_k: average monthly cost besides marketing and per-order costs, setup spread over
    the horizon (yuan per month)."""
    per_order = sum(
        float(projection.cost_lines[n].sum()) for n in PER_ORDER_LINES if n in projection.cost_lines
    )
    m = projection.metrics
    other = m.investment - m.marketing_spend - per_order
    return max(0.0, other) / projection.horizon


def plan_budget(scenario: ScenarioBase) -> float:
    """B: the plan's monthly spend on the enabled strategies' levers (yuan per month)."""
    return sum(float(value_at(scenario, lever_path(k))) for k in scenario.enabled_keys())


def fit_parts(scenario: ScenarioBase, key: str, projection: Projection) -> dict[str, float]:
    """The five fit sub-scores (0..1) of strategy ``key`` (module docstring)."""
    b = scenario.business
    budget = plan_budget(scenario)
    overhead = monthly_overhead(projection)
    return {
        "size": _table(SIZE_FIT, b.size, key, UNKNOWN_STRATEGY_FIT),
        "category": _table(CATEGORY_FIT, b.category, key, OTHER_CATEGORY_FIT),
        "budget": budget / (budget + overhead) if budget + overhead > 0 else 1.0,
        "team": _table(TEAM_FIT, b.team, key, UNKNOWN_STRATEGY_FIT),
        "data": _table(DATA_FIT, b.data_maturity, key, UNKNOWN_STRATEGY_FIT),
    }


def fallback_risk(
    scenario: ScenarioBase, ranges: Mapping[str, Range] | None = None
) -> dict[str, RiskFigures]:
    """Deterministic risk figures per enabled strategy and for the plan (``total``).

    Every active driver of the enabled strategies (and the business drivers) is moved on
    its own to the low and the high end of its benchmark range (``ranges``: path → (low,
    high)), else to ±20 %, in one engine batch. Over those 2k one-at-a-time cases:
    P(loss) ≈ the share with NPV < 0; expected shortfall ≈ the worst NPV among them. A
    stand-in until the Monte Carlo (branch ``risk``) gives real figures; no register.
    """
    ranges = ranges or {}
    paths: list[str] = []
    for key in scenario.enabled_keys():
        paths += [p for p in drivers_for(scenario, key) if p not in paths]
    cases: list[tuple[str, float, float]] = []
    for path in paths:
        base = value_at(scenario, path)
        if base is None:
            continue
        spec = driver_spec(path)
        low, high = ranges.get(path, (base * (1 - SENSITIVITY_STEP), base * (1 + SENSITIVITY_STEP)))
        cases.append((path, float(base), spec.clip(low)))
        cases.append((path, float(base), spec.clip(high)))
    overrides = {}
    for path, base, _ in cases:
        overrides[path] = np.array([v if p == path else base for p, _, v in cases])
    batch = evaluate_batch(scenario, overrides) if cases else evaluate_batch(scenario)
    out: dict[str, RiskFigures] = {}
    for key in (*scenario.enabled_keys(), TOTAL):
        npv = batch.npv(None if key == TOTAL else key)
        out[key] = RiskFigures(
            p_loss=float((npv < 0).mean()),
            expected_shortfall=float(npv.min()),
            basis="ranges",
            median_npv=float(np.median(npv)),
        )
    return out


def _score(
    key: str, components: dict[Component, float], w: dict[Component, float], risk: RiskFigures
) -> Score:
    total = sum(w[name] * components[name] for name in COMPONENTS)
    return Score(
        key=key,
        score=min(100.0, max(0.0, total)),
        components=components,
        weights=w,
        risk=risk,
    )


def score_all(
    scenario: ScenarioBase,
    result: ScenarioResult,
    weights: Weights,
    risk: Mapping[str, RiskFigures],
) -> dict[str, Score]:
    """Scores of every enabled strategy and of the plan (``total``), in registry order.

    ``risk`` holds figures per key and for ``total`` (:func:`fallback_risk`, or the Monte
    Carlo and the register after the risk merge).
    """
    w = weights.normalised()
    f = scenario.business.fundable_cash
    scores: dict[str, Score] = {}
    fits: dict[str, float] = {}
    for key, p in result.strategies.items():
        m = p.metrics
        fits[key] = 100.0 * float(np.mean(list(fit_parts(scenario, key, p).values())))
        components: dict[Component, float] = {
            "return": return_component(m.npv, m.roi, f),
            "speed": speed_component(m.payback_month),
            "cash": cash_component(m.peak_cash_need, f),
            "risk": risk_component(risk[key], f),
            "fit": fits[key],
        }
        scores[key] = _score(key, components, w, risk[key])
    if result.strategies:
        m = result.total.metrics
        invest = {k: max(p.metrics.investment, 0.0) for k, p in result.strategies.items()}
        spent = sum(invest.values())
        fit = (
            sum(fits[k] * invest[k] for k in fits) / spent
            if spent > 0
            else float(np.mean(list(fits.values())))
        )
        scores[TOTAL] = _score(
            TOTAL,
            {
                "return": return_component(m.npv, m.roi, f),
                "speed": speed_component(m.payback_month),
                "cash": cash_component(m.peak_cash_need, f),
                "risk": risk_component(risk[TOTAL], f),
                "fit": fit,
            },
            w,
            risk[TOTAL],
        )
    return scores


def explain(score: Score, against: Score | None = None) -> list[tuple[Component, float]]:
    """Each component's pull in points (:meth:`Score.pull`), largest |pull| first; ties
    in :data:`COMPONENTS` order. The first entry is what moved the score most."""
    pulls = [(name, score.pull(name, against)) for name in COMPONENTS]
    return sorted(pulls, key=lambda item: (-round(abs(item[1]), 9), COMPONENTS.index(item[0])))


def ranked(scores: Mapping[str, Score]) -> Sequence[Score]:
    """The strategies' scores (not the plan's), best first; ties by key."""
    return sorted((s for k, s in scores.items() if k != TOTAL), key=lambda s: (-s.score, s.key))

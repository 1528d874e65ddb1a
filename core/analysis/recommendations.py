"""Recommendations: a deterministic, ranked list of what to do and what to watch.

Every item has a ``key`` (what kind of advice), the ``numbers`` behind it (yuan, months,
fractions, driver paths, strategy keys), ``value`` (yuan, what it is worth or what is at
stake, ``None`` when it has no money value) and, for the seed documents' guidance, the
``source`` section. Sentences come from :mod:`core.text.recommendations`.

**From the model** (:func:`model_facts`, engine re-evaluations, weights-free):

* ``move_budget`` — every ordered pair of enabled strategies (a, b): move
  X_a = :func:`move_step` (a third of a's lever, rounded down to 1/2/5 × 10^k, at least
  ¥1,000) per month from a's spend lever to b's, all pairs in one engine batch; the pair
  with the largest plan-NPV gain is recommended when the gain exceeds
  max(¥1,000, 1 % of |plan NPV|). Numbers: the amount, ΔNPV and the change of the payback
  month.
* ``switch_off`` — with two or more strategies on: the one whose removal raises the plan
  NPV most (plan NPV without it, every knock-on through the public → private flow
  included), when the gain exceeds the threshold above. Value: ΔNPV. A plan can lose
  money in every strategy so that no budget move helps while dropping one does.
* ``fragile`` — per strategy, its key driver closest to break-even, when the break-even
  value (NPV of the strategy = 0, :func:`core.analysis.sensitivity.break_evens`) lies
  within :data:`FRAGILE_SHARE` (10 %) of its current value (``others``: how many more of
  its drivers are). Value: the strategy's NPV at stake.
* ``optimiser`` — given an optimiser answer (branch ``mix-planner``,
  :class:`OptimiserAnswer`): its feasible split of the same budget, when its plan NPV
  beats the current one by the threshold above.

**From the seed documents** (weights enter through the scores):

* ``seed.focus`` (000 §7.1.1) — an SME running three strategies: focus on the best two;
  value = Δ plan NPV of switching the lowest-scored one off (left out when ``switch_off``
  already names that strategy);
* ``seed.agri_content`` / ``seed.fmcg_private`` (000 §7.2.1) — agricultural products →
  content; fast-moving consumer goods → private domain (repurchase);
* ``seed.alliance_cpc`` (000 §2.2.2) — an SME buying ads: joint buying with other SME
  brands cuts CPC (CPM when buying per mille) by 10 %; value = Δ plan NPV (left out when
  below the materiality floor: with no ad spend a cheaper click is worth nothing).

**Guardrails**: ``guard.cash`` (peak cash need above the fundable cash; value = the gap),
``guard.horizon`` (the plan pays back after the horizon, found on a 120-month run, or
not within 120 months), ``guard.one_fragile`` (the plan's NPV is ≤ 0 with one fragile
driver at its break-even; value = the plan NPV at stake), ``guard.assumption`` (a driver
outside a benchmark low–high that rests on solid or medium rows, ``checked`` of
:func:`core.analysis.decision.decide`), ``guard.output`` (a headline output outside its
plausible range, :func:`core.analysis.plausibility.findings`).

**Ranking** (:func:`rank`): tier 0 cash, horizon and one-fragile warnings first; then
model actions and fragile drivers (tier 1) together with seed guidance (tier 2), so that
a list read from the top never puts a smaller gain above a larger one; tier 3 benchmark
warnings last. Within a group: gains (value > 0) largest first, then values at stake
(≤ 0) by size, then items without a value; then tier, key and numbers — the same
scenario always gives the same list.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from core.analysis.plausibility import Finding
from core.analysis.scores import TOTAL, Score, ranked
from core.analysis.sensitivity import BreakEven, break_evens, drivers_for
from core.model.engine import (
    BatchProjection,
    ScenarioResult,
    evaluate,
    evaluate_batch,
    lever_path,
    paid_back,
)
from core.model.paths import driver_spec, value_at, with_values
from core.model.scenario import ScenarioBase

FRAGILE_SHARE = 0.10
"""A driver within 10 % of its break-even value makes its strategy fragile."""
MIN_MOVE = 1_000.0
"""Smallest monthly amount worth moving (yuan)."""
MATERIAL_SHARE = 0.01
"""A gain below max(¥1,000, 1 % of |plan NPV|) is not worth a recommendation."""
SOURCE_SEPARATOR = "\n"
"""Joins the sources of a plausibility finding in a recommendation's numbers."""
ALLIANCE_CUT = 0.10
"""Joint buying by several SME brands lowers CPC by 10 % (000 §2.2.2)."""
LONG_HORIZON = 120
"""Months of the longest horizon a scenario allows: where payback is looked for."""
SEED_FOCUS = "Seed 000 §7.1.1"
SEED_CATEGORY = "Seed 000 §7.2.1"
SEED_ALLIANCE = "Seed 000 §2.2.2"

Kind = Literal["action", "guidance", "warning"]
Number = float | int | str | None


class Recommendation(BaseModel):
    """One ranked item (module docstring). ``numbers`` fill the sentence's placeholders."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    key: str
    kind: Kind
    tier: int = Field(ge=0, le=3)
    value: float | None = Field(None, description="Yuan: worth or at stake; None if none.")
    numbers: dict[str, Number] = Field(default_factory=dict)
    source: str | None = Field(None, description="Seed section the guidance cites.")


class OptimiserAnswer(Protocol):
    """What the recommendations read of an optimiser result (``OptimizationResult``)."""

    @property
    def budget(self) -> float: ...
    @property
    def allocation(self) -> Mapping[str, float]: ...
    @property
    def feasible(self) -> bool: ...
    @property
    def scenario(self) -> ScenarioBase: ...


@dataclass(frozen=True)
class Move:
    """``amount`` yuan a month from ``source``'s lever to ``target``'s: plan NPV change
    (yuan) and payback months before and after (``None``: not paid back)."""

    source: str
    target: str
    amount: float
    npv_change: float
    payback_before: int | None
    payback_after: int | None


@dataclass(frozen=True)
class ModelFacts:
    """What the engine says about a scenario, independent of score weights.

    ``best_move``: the best budget move or ``None``; ``fragile``: break-evens within
    10 %; ``plan_at_break_even``: plan NPV with each fragile driver at its break-even
    value; ``without``: plan NPV with each strategy switched off; ``alliance``: Δ plan
    NPV with the ad price 10 % lower (``None``: ads off); ``long_payback``: the plan's
    payback month on a 120-month horizon.
    """

    result: ScenarioResult
    best_move: Move | None
    fragile: tuple[BreakEven, ...]
    plan_at_break_even: Mapping[str, float]
    without: Mapping[str, float]
    alliance: float | None
    long_payback: int | None


def move_step(lever: float) -> float:
    """A third of ``lever`` rounded down to 1, 2 or 5 × 10^k yuan (0 below ¥1,000)."""
    third = lever / 3.0
    if third < MIN_MOVE:
        return 0.0
    power = 10.0 ** math.floor(math.log10(third))
    return max(m * power for m in (1.0, 2.0, 5.0) if m * power <= third)


def _payback(plan: BatchProjection) -> list[int | None]:
    months, _ = paid_back(plan)
    return [int(m) if m > 0 else None for m in months]


def best_move(scenario: ScenarioBase) -> Move | None:
    """The budget move with the largest plan-NPV gain, if material (module docstring)."""
    keys = scenario.enabled_keys()
    levers = {k: float(value_at(scenario, lever_path(k))) for k in keys}
    upper = {k: driver_spec(lever_path(k)).upper for k in keys}
    pairs = [
        (a, b)
        for a in keys
        for b in keys
        if a != b and move_step(levers[a]) > 0 and levers[b] + move_step(levers[a]) <= upper[b]
    ]
    if not pairs:
        return None
    overrides = {}
    for k in keys:
        column = np.full(len(pairs) + 1, levers[k])
        for i, (a, b) in enumerate(pairs, start=1):
            step = move_step(levers[a])
            column[i] += -step if k == a else step if k == b else 0.0
        overrides[lever_path(k)] = column
    batch = evaluate_batch(scenario, overrides)
    npv = batch.npv()
    gains = npv[1:] - npv[0]
    i = int(np.argmax(gains))
    if not _material(float(gains[i]), float(npv[0])):
        return None
    paybacks = _payback(batch.total)
    a, b = pairs[i]
    return Move(a, b, move_step(levers[a]), float(gains[i]), paybacks[0], paybacks[i + 1])


def with_move(scenario: ScenarioBase, move: Move) -> ScenarioBase:
    """``scenario`` with ``move`` applied."""
    source, target = lever_path(move.source), lever_path(move.target)
    return with_values(
        scenario,
        {
            source: float(value_at(scenario, source)) - move.amount,
            target: float(value_at(scenario, target)) + move.amount,
        },
    )


def fragile_drivers(scenario: ScenarioBase) -> tuple[BreakEven, ...]:
    """Key drivers within :data:`FRAGILE_SHARE` of their break-even, closest first."""
    found = [
        be
        for key in scenario.enabled_keys()
        for be in break_evens(scenario, key)
        if be.value is not None and abs(be.current - be.value) <= FRAGILE_SHARE * abs(be.current)
    ]
    return tuple(sorted(found, key=lambda b: (_distance(b), b.path)))


def _distance(be: BreakEven) -> float:
    """|current − break-even| / |current| (0 when both are 0)."""
    assert be.value is not None
    return abs(be.current - be.value) / abs(be.current) if be.current else 0.0


def _plan_npv(scenario: ScenarioBase) -> float:
    return float(evaluate_batch(scenario).npv()[0])


def model_facts(scenario: ScenarioBase) -> ModelFacts:
    """Everything the engine says that the recommendations need (module docstring)."""
    result = evaluate(scenario)
    fragile = fragile_drivers(scenario)
    at_break_even: dict[str, float] = {}
    if fragile:
        values = {be.path: np.full(len(fragile), be.current) for be in fragile}
        for i, be in enumerate(fragile):
            values[be.path][i] = be.value
        npv = evaluate_batch(scenario, values).npv()
        at_break_even = {be.path: float(npv[i]) for i, be in enumerate(fragile)}
    without = {
        key: _plan_npv(with_values(scenario, {f"{key}.enabled": False}))
        for key in scenario.enabled_keys()
    }
    alliance = None
    if "ads" in scenario.enabled_keys():
        price = next(p for p in ("ads.cpc", "ads.cpm") if p in drivers_for(scenario, "ads"))
        cut = driver_spec(price).clip(float(value_at(scenario, price)) * (1 - ALLIANCE_CUT))
        npv = evaluate_batch(scenario, {price: [float(value_at(scenario, price)), cut]}).npv()
        alliance = float(npv[1] - npv[0])
    long_payback = None
    if result.strategies:
        longer = scenario.model_copy(update={"horizon_months": LONG_HORIZON})
        long_payback = _payback(evaluate_batch(longer).total)[0]
    return ModelFacts(
        result=result,
        best_move=best_move(scenario),
        fragile=fragile,
        plan_at_break_even=at_break_even,
        without=without,
        alliance=alliance,
        long_payback=long_payback,
    )


def switch_off(facts: ModelFacts) -> tuple[str, float] | None:
    """The strategy whose removal raises the plan NPV most and that gain (yuan), when two
    or more strategies are on and the gain is material (module docstring); else None."""
    if len(facts.without) < 2:
        return None
    plan = facts.result.total.metrics.npv
    key = max(facts.without, key=lambda k: (facts.without[k], k))
    gain = facts.without[key] - plan
    return (key, gain) if _material(gain, plan) else None


def _model_items(facts: ModelFacts) -> list[Recommendation]:
    items = []
    move = facts.best_move
    if move is not None:
        items.append(
            Recommendation(
                key="move_budget",
                kind="action",
                tier=1,
                value=move.npv_change,
                numbers={
                    "source": move.source,
                    "target": move.target,
                    "amount": move.amount,
                    "npv_change": move.npv_change,
                    "payback_before": move.payback_before,
                    "payback_after": move.payback_after,
                },
            )
        )
    off = switch_off(facts)
    if off is not None:
        key, gain = off
        items.append(
            Recommendation(
                key="switch_off",
                kind="action",
                tier=1,
                value=gain,
                numbers={"strategy": key, "npv_change": gain},
            )
        )
    closest: dict[str, BreakEven] = {}
    for be in facts.fragile:
        closest.setdefault(be.path.partition(".")[0], be)
    for key, be in closest.items():
        items.append(
            Recommendation(
                key="fragile",
                kind="warning",
                tier=1,
                value=facts.result.strategies[key].metrics.npv,
                numbers={
                    "strategy": key,
                    "path": be.path,
                    "current": be.current,
                    "break_even": be.value,
                    "distance": _distance(be),
                    "others": sum(f.path.startswith(f"{key}.") for f in facts.fragile) - 1,
                },
            )
        )
    return items


def _optimiser_item(facts: ModelFacts, answer: OptimiserAnswer) -> Recommendation | None:
    if not answer.feasible:
        return None
    current = facts.result.total.metrics.npv
    gain = _plan_npv(answer.scenario) - current
    if not _material(gain, current):
        return None
    numbers: dict[str, Number] = {"budget": answer.budget, "npv_change": gain}
    numbers.update({f"allocation.{k}": float(v) for k, v in answer.allocation.items()})
    return Recommendation(key="optimiser", kind="action", tier=1, value=gain, numbers=numbers)


def _seed_items(
    scenario: ScenarioBase, facts: ModelFacts, scores: Mapping[str, Score]
) -> list[Recommendation]:
    items = []
    business = scenario.business
    keys = scenario.enabled_keys()
    plan = facts.result.total.metrics.npv
    off = switch_off(facts)
    weakest = ranked(scores)[-1] if scores else None
    said = off is not None and weakest is not None and off[0] == weakest.key  # switch_off
    if business.size == "sme" and len(keys) >= 3 and weakest is not None and not said:
        items.append(
            Recommendation(
                key="seed.focus",
                kind="guidance",
                tier=2,
                value=facts.without[weakest.key] - plan,
                numbers={
                    "count": len(keys),
                    "weakest": weakest.key,
                    "score": weakest.score,
                    "npv_change": facts.without[weakest.key] - plan,
                },
                source=SEED_FOCUS,
            )
        )
    guidance = {
        "agri": ("seed.agri_content", "content"),
        "fmcg": ("seed.fmcg_private", "private_domain"),
    }
    if business.category in guidance:
        key, strategy = guidance[business.category]
        score = scores.get(strategy)
        items.append(
            Recommendation(
                key=key if score is not None else f"{key}.off",
                kind="guidance",
                tier=2,
                numbers={"strategy": strategy, "score": score.score if score else None},
                source=SEED_CATEGORY,
            )
        )
    plan = facts.result.total.metrics.npv
    if business.size == "sme" and facts.alliance is not None and _material(facts.alliance, plan):
        items.append(
            Recommendation(
                key="seed.alliance_cpc",
                kind="guidance",
                tier=2,
                value=facts.alliance,
                numbers={"cut": ALLIANCE_CUT, "npv_change": facts.alliance},
                source=SEED_ALLIANCE,
            )
        )
    return items


def _material(gain: float, plan_npv: float) -> bool:
    """Whether a gain in plan NPV (yuan) is worth a line: above max(¥1,000, 1 % of
    |plan NPV|) (:data:`MATERIAL_SHARE`)."""
    return gain > max(MIN_MOVE, MATERIAL_SHARE * abs(plan_npv))


def _outside_and_material(
    scenario: ScenarioBase, ranges: Mapping[str, tuple[float, float]]
) -> list[str]:
    """Active drivers outside their benchmark range whose value moves the plan's NPV.

    Moving each such driver to the middle of its range in one engine batch tells which
    matter: a click-through rate when buying per click only sizes the impressions shown in
    the funnel, so warning about it would send the reader after a number without effect.
    """
    active = {p for key in scenario.enabled_keys() for p in drivers_for(scenario, key)}
    outside = []
    for path in sorted(p for p in ranges if p in active):
        value = value_at(scenario, path)
        low, high = ranges[path]
        if value is not None and not low <= value <= high:
            outside.append(path)
    if not outside:
        return []
    overrides = {}
    for i, path in enumerate(outside):
        column = np.full(len(outside), float(value_at(scenario, path)))
        low, high = ranges[path]
        column[i] = driver_spec(path).clip((low + high) / 2.0)
        overrides[path] = column
    npv = evaluate_batch(scenario, overrides).npv(None)
    now = evaluate(scenario).total.metrics.npv
    tolerance = 1e-9 * max(1.0, abs(now))
    return [path for path, moved in zip(outside, npv, strict=True) if abs(moved - now) > tolerance]


def _guardrails(
    scenario: ScenarioBase,
    facts: ModelFacts,
    ranges: Mapping[str, tuple[float, float]],
    found: Sequence[Finding],
) -> list[Recommendation]:
    items = []
    total = facts.result.total.metrics
    fundable = scenario.business.fundable_cash
    if facts.result.strategies and total.peak_cash_need > fundable:
        items.append(
            Recommendation(
                key="guard.cash",
                kind="warning",
                tier=0,
                value=total.peak_cash_need - fundable,
                numbers={"peak": total.peak_cash_need, "fundable": fundable},
            )
        )
    if facts.result.strategies and total.active and total.payback_month is None:
        horizon = scenario.horizon_months
        late = facts.long_payback
        items.append(
            Recommendation(
                key="guard.horizon" if late is not None else "guard.horizon.never",
                kind="warning",
                tier=0,
                numbers={"horizon": horizon, "payback": late, "longest": LONG_HORIZON},
            )
        )
    for path, npv in facts.plan_at_break_even.items():
        if npv <= 0 < total.npv:
            items.append(
                Recommendation(
                    key="guard.one_fragile",
                    kind="warning",
                    tier=0,
                    value=total.npv,
                    numbers={"path": path, "npv": total.npv},
                )
            )
    for path in _outside_and_material(scenario, ranges):
        low, high = ranges[path]
        value = value_at(scenario, path)
        if value is not None:
            items.append(
                Recommendation(
                    key="guard.assumption",
                    kind="warning",
                    tier=3,
                    numbers={"path": path, "value": float(value), "low": low, "high": high},
                )
            )
    for finding in found:
        items.append(
            Recommendation(
                key="guard.output",
                kind="warning",
                tier=3,
                numbers={
                    "check": finding.check,
                    "value": finding.value,
                    "low": finding.range.low,
                    "high": finding.range.high,
                    "rows": " ".join(finding.range.row_ids),
                    "vague_only": int(finding.range.vague_only),
                    "sources": SOURCE_SEPARATOR.join(finding.range.sources),
                },
            )
        )
    return items


def rank(items: Sequence[Recommendation]) -> list[Recommendation]:
    """Warnings, then actions and guidance by gain, then benchmark warnings (module
    docstring); stable for the same items."""

    def order(item: Recommendation) -> tuple[int, int, float, int, str, str]:
        value = item.value
        group = 1 if item.tier == 2 else item.tier
        rank_in_group = 2 if value is None else 0 if value > 0 else 1
        return (
            group,
            rank_in_group,
            -abs(value) if value is not None else 0.0,
            item.tier,
            item.key,
            repr(sorted(item.numbers.items())),
        )

    return sorted(items, key=order)


def recommend(
    scenario: ScenarioBase,
    facts: ModelFacts,
    scores: Mapping[str, Score],
    *,
    ranges: Mapping[str, tuple[float, float]] | None = None,
    findings: Sequence[Finding] = (),
    optimiser: OptimiserAnswer | None = None,
) -> list[Recommendation]:
    """The ranked list for ``scenario`` (module docstring).

    ``facts`` from :func:`model_facts`; ``scores`` from
    :func:`core.analysis.scores.score_all`; ``ranges`` the benchmark low–high per driver
    path; ``findings`` the plausibility findings; ``optimiser`` an optimiser answer.
    A plan where nothing happens (no cost, no order) gets none: there is nothing to improve.
    """
    if not facts.result.total.metrics.active:
        return []
    items = _model_items(facts)
    if optimiser is not None:
        item = _optimiser_item(facts, optimiser)
        if item is not None:
            items.append(item)
    items += _seed_items(scenario, facts, {k: s for k, s in scores.items() if k != TOTAL})
    items += _guardrails(scenario, facts, ranges or {}, findings)
    return rank(items)

"""The risk register on the page: the quantified 5×5 matrix with the money beside it, one
risk in focus (its likelihoods set with one click), and the editable register.

Edits go through the scenario contract (:func:`core.model.paths.unflatten`): a register
the contract accepts replaces the scenario's (``ScenarioState.load``, so it is saved and
shared with it); one it refuses changes nothing and the reasons are shown in the user's
language. Shipped texts stay in the catalog: a text cell equal to the shipped text in
the reader's language is stored empty, so the other language still reads its own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from core.analysis.risk import Basis, RiskAssessment, live_risks
from core.model.paths import unflatten
from core.model.risks import RISK_CATEGORIES, RISK_STATUSES, Risk
from core.model.scenario import ScenarioBase
from core.model.shocks import SHOCK_IDS
from core.model.strategies import STRATEGY_KEYS
from core.text.catalog import Locale, t
from core.text.formatting import format_money, format_percent
from core.text.risk import (
    TEXT_FIELDS,
    category_label,
    describe_register_errors,
    risk_text,
    shipped_text,
    shock_label,
    status_label,
)
from core.text.safe import markdown_literal
from pages.components.paint import plotly
from pages.components.risk_charts import risk_matrix_figure
from pages.components.scenario_state import ScenarioState

NS = "risk:register"
PROBLEMS_KEY = f"{NS}:problems"
REVISION_KEY = f"{NS}:revision"
COLUMNS: tuple[str, ...] = (
    "name",
    "likelihood",
    "impact",
    "residual_likelihood",
    "residual_impact",
    "shock",
    "mitigation_effect",
    "mitigation_cost",
    "category",
    "strategies",
    "owner",
    "status",
    "source",
    "mitigation",
    "description",
    "id",
)
NEW_ROW: dict[str, Any] = {
    "category": "operations",
    "strategies": list(STRATEGY_KEYS),
    "likelihood": 3,
    "impact": 3,
    "residual_likelihood": 3,
    "residual_impact": 3,
    "mitigation_effect": 0.0,
    "mitigation_cost": 0.0,
    "status": "open",
}


def register_rows(risks: Sequence[Risk], locale: Locale) -> list[dict[str, Any]]:
    """The register as the editor shows it: texts in ``locale``, the effect in percent."""
    rows = []
    for risk in risks:
        row = risk.model_dump(mode="python")
        row |= {field: risk_text(risk, field, locale) for field in TEXT_FIELDS}
        row["strategies"] = list(risk.strategies)
        row["mitigation_effect"] = risk.mitigation_effect * 100.0
        rows.append({column: row[column] for column in COLUMNS})
    return rows


def _score(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value) if isinstance(value, float) and value.is_integer() else value


def register_data(rows: Sequence[dict[str, Any]], locale: Locale) -> list[dict[str, Any]]:
    """Shown rows back to register data (model units) for the scenario contract."""
    taken = {str(row.get("id") or "") for row in rows}
    data = []
    for number, row in enumerate(rows, start=1):
        item = {**NEW_ROW, **{k: v for k, v in row.items() if v is not None}}
        risk_id = str(item.get("id") or "")
        if not risk_id:
            risk_id = next(f"risk_{n}" for n in range(number, 10_000) if f"risk_{n}" not in taken)
            taken.add(risk_id)
        item["id"] = risk_id
        for field in TEXT_FIELDS:
            text = str(row.get(field) or "")
            item[field] = "" if text == shipped_text(risk_id, field, locale) else text
        for field in ("likelihood", "impact", "residual_likelihood", "residual_impact"):
            item[field] = _score(row.get(field, NEW_ROW.get(field)))
        effect = row.get("mitigation_effect")
        item["mitigation_effect"] = float(effect) / 100.0 if _score(effect) is not None else 0.0
        item["shock"] = row.get("shock") or None
        item["source"] = str(row.get("source") or "")
        data.append(item)
    return data


def _edited_rows(base: list[dict[str, Any]], deltas: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [dict(row) for row in base]
    for index, changes in deltas.get("edited_rows", {}).items():
        rows[int(index)].update(changes)
    rows += [dict(added) for added in deltas.get("added_rows", [])]
    for index in sorted(deltas.get("deleted_rows", []), reverse=True):
        del rows[int(index)]
    return rows


def _bump() -> None:
    st.session_state[REVISION_KEY] = st.session_state.get(REVISION_KEY, 0) + 1


def register_problems(locale: Locale) -> list[str]:
    """Why the last register edit was refused (none: []), each line naming its risk in
    ``locale``: the error is kept, not its text, so a language switch retells it."""
    refused = st.session_state.get(PROBLEMS_KEY)
    if refused is None:
        return []
    error, data = refused
    names = [
        str(row["name"] or shipped_text(row["id"], "name", locale) or row["id"])
        or t("risk.row", locale, number=i + 1)
        for i, row in enumerate(data)
    ]
    return describe_register_errors(error, names, locale)


def save_register(state: ScenarioState, data: list[dict[str, Any]]) -> bool:
    """Make ``data`` the scenario's register if the contract accepts it; else keep the
    scenario and remember why not."""
    try:
        scenario = unflatten({**state.values, "risks": data})
    except ValidationError as exc:  # described in the language of the run that shows it
        st.session_state[PROBLEMS_KEY] = (exc, data)
        return False
    st.session_state.pop(PROBLEMS_KEY, None)
    state.load(scenario, preset=state.preset, origin="risk")
    return True


def _apply(state: ScenarioState, base: list[dict[str, Any]], key: str, locale: Locale) -> None:
    rows = _edited_rows(base, st.session_state.get(key, {}))
    save_register(state, register_data(rows, locale))
    _bump()


def _config(locale: Locale, size: str) -> dict[str, Any]:
    score = {"min_value": 1, "max_value": 5, "step": 1, "format": "%d"}
    config: dict[str, Any] = {
        c: st.column_config.TextColumn(t(f"risk.col.{c}", locale)) for c in COLUMNS
    }
    config["name"] = st.column_config.TextColumn(
        t("risk.col.name", locale), width="medium", pinned=True
    )
    for column in ("likelihood", "impact", "residual_likelihood", "residual_impact"):
        config[column] = st.column_config.NumberColumn(
            t(f"risk.col.{column}", locale), help=t("risk.col.score.help", locale), **score
        )
    config["mitigation_effect"] = st.column_config.NumberColumn(
        t("risk.col.mitigation_effect", locale), min_value=0, max_value=100, format="%.0f%%"
    )
    config["mitigation_cost"] = st.column_config.NumberColumn(
        t("risk.col.mitigation_cost", locale), min_value=0, format="¥%,.0f"
    )
    config["shock"] = st.column_config.SelectboxColumn(
        t("risk.col.shock", locale),
        width="medium",
        options=SHOCK_IDS,
        format_func=lambda s: shock_label(s, locale, size),
    )
    config["category"] = st.column_config.SelectboxColumn(
        t("risk.col.category", locale),
        options=RISK_CATEGORIES,
        format_func=lambda c: category_label(c, locale),
        required=True,
    )
    config["status"] = st.column_config.SelectboxColumn(
        t("risk.col.status", locale),
        options=RISK_STATUSES,
        format_func=lambda s: status_label(s, locale),
        required=True,
    )
    config["strategies"] = st.column_config.MultiselectColumn(
        t("risk.col.strategies", locale),
        options=STRATEGY_KEYS,
        format_func=lambda k: t(f"strategy.{k}", locale),
    )
    return config


def register_editor(state: ScenarioState, locale: Locale) -> None:
    """The register as an editable table (rows can be added and deleted)."""
    st.markdown(f"### {t('field.risks', locale)}")
    st.caption(t("risk.register.caption", locale))
    base = register_rows(state.scenario().risks, locale)
    revision = st.session_state.get(REVISION_KEY, 0)
    key = f"{NS}:editor@{locale}#{state.generation}.{revision}"
    st.data_editor(
        pd.DataFrame(base, columns=list(COLUMNS)),
        hide_index=True,
        width="stretch",
        num_rows="dynamic",
        placeholder="—",
        column_order=[c for c in COLUMNS if c != "id"],  # ids are codes: kept, not shown
        column_config=_config(locale, state.scenario().business.size),
        key=key,
        on_change=_apply,
        args=(state, base, key, locale),
    )
    if problems := register_problems(locale):
        lines = "\n".join(f"- {markdown_literal(line)}" for line in problems)
        st.error(f"{t('risk.register.refused', locale)}\n\n{lines}", icon="⚠️")


def _set_score(state: ScenarioState, risk_id: str, field: str, key: str, locale: Locale) -> None:
    value = st.session_state.get(key)
    if value is None:
        return
    rows = register_rows(state.scenario().risks, locale)
    for row in rows:
        if row["id"] == risk_id:
            row[field] = int(value)
            # mitigation never makes a risk likelier: the residual stays at most the inherent
            row["residual_likelihood"] = min(row["residual_likelihood"], row["likelihood"])
    save_register(state, register_data(rows, locale))
    _bump()


def risk_focus(state: ScenarioState, locale: Locale) -> None:
    """One risk: its texts, and its likelihood before and after mitigation in one click."""
    risks = state.scenario().risks
    if not risks:
        return
    ids = [risk.id for risk in risks]
    chosen = st.selectbox(
        t("risk.focus.choose", locale),
        ids,
        format_func=lambda i: risk_text(risks[ids.index(i)], "name", locale),
        key=f"{NS}:focus@{locale}",
    )
    risk = risks[ids.index(chosen if chosen in ids else ids[0])]
    st.markdown(markdown_literal(risk_text(risk, "description", locale)))
    mitigation = markdown_literal(risk_text(risk, "mitigation", locale))
    owner = markdown_literal(risk_text(risk, "owner", locale))
    st.caption(t("risk.focus.mitigation", locale, mitigation=mitigation, owner=owner))
    revision = st.session_state.get(REVISION_KEY, 0)
    for field in ("likelihood", "residual_likelihood"):
        key = f"{NS}:focus:{field}:{risk.id}@{locale}#{state.generation}.{revision}"
        st.segmented_control(
            t(f"risk.col.{field}", locale),
            [1, 2, 3, 4, 5],
            default=getattr(risk, field),
            key=key,
            on_change=_set_score,
            args=(state, risk.id, field, key, locale),
        )


def loss_table(assessed: Sequence[RiskAssessment], basis: Basis, locale: Locale) -> pd.DataFrame:
    """The matrix's risks by expected loss, with the money beside the scores."""
    records = []
    for number, a in enumerate(assessed, start=1):
        expected = a.expected_loss(basis)
        records.append(
            {
                "#": number,
                t("risk.col.name", locale): risk_text(a.risk, "name", locale),
                t("risk.table.scores", locale): f"{a.likelihood[basis]} × {a.impact[basis]}",
                t("risk.table.probability", locale): format_percent(a.probability[basis]),
                t("risk.table.loss", locale): "—"
                if a.loss is None
                else format_money(a.loss[basis], locale),
                t("risk.expected_loss", locale): "—"
                if expected is None
                else format_money(expected, locale),
                t("risk.table.impact_from", locale): t(
                    "risk.table.model" if a.modelled[basis] else "risk.table.judged", locale
                ),
                "_order": -(expected or 0.0),
            }
        )
    frame = pd.DataFrame(records)
    return frame.sort_values("_order", kind="stable").drop(columns="_order") if records else frame


def matrix_section(scenario: ScenarioBase, assessed: Sequence[RiskAssessment], basis: Basis,
                   locale: Locale) -> None:  # fmt: skip
    """The quantified matrix and, beside it, the risks ranked by expected loss."""
    st.markdown(f"### {t('risk.matrix.heading', locale)}")
    st.caption(t("risk.matrix.caption", locale, count=len(live_risks(scenario))))
    figure = risk_matrix_figure(assessed, basis, scenario.business.size, locale)
    plotly(figure, key=f"{NS}:matrix")
    name = t("risk.col.name", locale)  # pinned: at 1280 px the money columns scroll past it
    config = {name: st.column_config.TextColumn(name, width="medium", pinned=True)}
    table = loss_table(assessed, basis, locale)
    st.dataframe(table, hide_index=True, width="stretch", column_config=config)

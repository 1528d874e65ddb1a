"""The executive summary as one self-contained HTML page: no script, no external URL.

Charts are inline SVG drawn here (cumulative cash of the current plan and the
recommended mix; scores as bars), so the file opens offline and prints as it shows;
``@page`` sets A4 portrait with 12 mm margins and blocks avoid page breaks inside.
Every text comes from :mod:`core.text`; user text (the scenario name) is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import numpy as np

from core.analysis.decision import Decision
from core.analysis.scores import COMPONENTS, TOTAL
from core.data.presets import load_presets
from core.text.catalog import Locale, t
from core.text.decision import (
    change_text,
    component_name,
    explanation,
    headline_notes,
    headline_texts,
    recommendation_text,
    register_risk_text,
    strategy_name,
    value_text,
    verdict_text,
)
from core.text.formatting import format_money
from core.text.labels import scenario_title

TOP = 3
WIDTH, HEIGHT, PAD = 640.0, 220.0, 44.0
COLORS = ("#8a8f98", "#1f6feb")
"""Current plan grey, recommended mix blue."""

CSS = """
@page { size: A4 portrait; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", Arial, sans-serif;
       color: #1b1f24; font-size: 10.5pt; line-height: 1.45; margin: 0 auto; max-width: 186mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 4mm 0 1.5mm; }
.verdict { border-left: 4px solid #1f6feb; padding: 2mm 3mm; background: #f3f6fb; }
.verdict.stop { border-color: #cf222e; } .verdict.caution { border-color: #bf8700; }
table { border-collapse: collapse; width: 100%; } td, th { padding: 1mm 2mm;
  border-bottom: 1px solid #d0d7de; text-align: right; } th:first-child, td:first-child {
  text-align: left; } .muted { color: #57606a; font-size: 9pt; }
section, table, svg { page-break-inside: avoid; break-inside: avoid; }
ol, ul { margin: 0; padding-left: 5mm; } svg { width: 100%; height: auto; }
"""


def _path(values: np.ndarray, low: float, high: float) -> str:
    span = high - low or 1.0
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)
    points = [
        f"{PAD + i * step:.1f},{HEIGHT - PAD - (v - low) / span * (HEIGHT - 2 * PAD):.1f}"
        for i, v in enumerate(values)
    ]
    return " ".join(points)


def cash_svg(decision: Decision, lang: Locale) -> str:
    """Cumulative cash (yuan, months 0..H) of the current plan and the recommended mix."""
    lines = [
        (t("summary.current", lang), decision.result.total.cumulative_cash),
        (t("summary.recommended", lang), decision.recommended_result.total.cumulative_cash),
    ]
    low = min(0.0, *(float(v.min()) for _, v in lines))
    high = max(0.0, *(float(v.max()) for _, v in lines))
    zero = HEIGHT - PAD - (0.0 - low) / ((high - low) or 1.0) * (HEIGHT - 2 * PAD)
    parts = [
        f'<svg viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" role="img" '
        f'aria-label="{escape(t("summary.cash_chart", lang))}">',
        f'<line x1="{PAD}" y1="{zero:.1f}" x2="{WIDTH - PAD}" y2="{zero:.1f}" stroke="#d0d7de"/>',
        f'<text x="4" y="{PAD - 8:.0f}" font-size="11">{escape(format_money(high, lang))}</text>',
        f'<text x="4" y="{HEIGHT - PAD + 14:.0f}" font-size="11">'
        f"{escape(format_money(low, lang))}</text>",
    ]
    for (name, values), color, y in zip(lines, COLORS, (14, 30), strict=True):
        parts.append(
            f'<polyline fill="none" stroke="{color}" stroke-width="2" '
            f'points="{_path(values, low, high)}"/>'
        )
        parts.append(
            f'<text x="{WIDTH - PAD - 150:.0f}" y="{y}" font-size="11" fill="{color}">'
            f"{escape(name)}</text>"
        )
    months = len(lines[0][1]) - 1
    parts.append(
        f'<text x="{WIDTH - PAD:.0f}" y="{HEIGHT - 8:.0f}" font-size="11" text-anchor="end">'
        f"{escape(t('payback.month', lang, month=months))}</text></svg>"
    )
    return "".join(parts)


def scores_svg(decision: Decision, lang: Locale) -> str:
    """Horizontal bars: each strategy's score out of 100."""
    keys = [k for k in decision.scores if k != TOTAL]
    row, label = 26.0, 150.0
    height = row * len(keys) + 10
    parts = [f'<svg viewBox="0 0 {WIDTH:.0f} {height:.0f}" role="img">']
    for i, key in enumerate(keys):
        score = decision.scores[key].score
        y = 5 + i * row
        width = (WIDTH - label - 60) * score / 100.0
        parts.append(
            f'<text x="0" y="{y + 15:.0f}" font-size="12">{escape(strategy_name(key, lang))}</text>'
            f'<rect x="{label}" y="{y + 3:.0f}" width="{width:.1f}" height="16" '
            f'fill="{COLORS[1]}"/>'
            f'<text x="{label + width + 6:.1f}" y="{y + 15:.0f}" font-size="12">{score:.0f}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _list(items: Sequence[str], empty: str) -> str:
    if not items:
        return f'<p class="muted">{escape(empty)}</p>'
    return "<ol>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ol>"


def _scores_table(decision: Decision, lang: Locale) -> str:
    keys = list(decision.scores)
    head = "".join(f"<th>{escape(strategy_name(k, lang))}</th>" for k in keys)
    rows = [f"<tr><th>{escape(t('export.col.component', lang))}</th>{head}</tr>"]
    for name in COMPONENTS:
        cells = "".join(f"<td>{decision.scores[k].components[name]:.0f}</td>" for k in keys)
        rows.append(f"<tr><td>{escape(component_name(name, lang))}</td>{cells}</tr>")
    cells = "".join(f"<td><b>{decision.scores[k].score:.0f}</b></td>" for k in keys)
    rows.append(f"<tr><td><b>{escape(t('score.score', lang))}</b></td>{cells}</tr>")
    return "<table>" + "".join(rows) + "</table>"


def summary_html(decision: Decision, lang: Locale) -> str:
    """The one-page summary (module docstring) as an HTML document."""
    scenario = decision.scenario
    name = scenario_title(scenario.name, (p.key for p in load_presets()), lang)
    headline = headline_texts(decision, lang)
    metrics = "".join(
        f"<tr><td>{escape(label)}</td><td>{escape(value)}</td></tr>" for label, value in headline
    )
    actions = [
        f"{recommendation_text(r, lang)} {value_text(r, lang)}".strip()
        for r in decision.actions()[:TOP]
    ]
    risks = [recommendation_text(r, lang) for r in decision.warnings()[:TOP]]
    risks += [register_risk_text(a, lang) for a in decision.register]
    generated = t("summary.generated", lang, name=name, horizon=scenario.horizon_months)
    body = [
        f"<h1>{escape(t('summary.title', lang))}</h1>",
        f'<p class="muted">{escape(generated)}</p>',
        f'<p class="verdict {decision.verdict}">{escape(verdict_text(decision, lang))}</p>',
        f"<section><h2>{escape(t('summary.recommended', lang))}</h2>",
        f"<table>{metrics}</table>",
        f'<p class="muted">{escape(change_text(decision, lang))}</p>',
        *(f'<p class="muted">{escape(note)}</p>' for note in headline_notes(decision, lang)),
        "</section>",
        f"<section><h2>{escape(t('summary.scores', lang))}</h2>",
        scores_svg(decision, lang),
        _scores_table(decision, lang),
    ]
    if TOTAL in decision.scores:
        body.append(f'<p class="muted">{escape(explanation(decision.scores[TOTAL], lang))}</p>')
    body += [
        "</section>",
        f"<section><h2>{escape(t('summary.top_recommendations', lang))}</h2>",
        _list(actions, t("summary.no_recommendations", lang)),
        f"</section><section><h2>{escape(t('summary.top_risks', lang))}</h2>",
        _list(risks, t("summary.no_risks", lang)),
        f"</section><section><h2>{escape(t('summary.cash_chart', lang))}</h2>",
        cash_svg(decision, lang) if decision.result.strategies else "",
        "</section>",
    ]
    title = escape(t("export.html.title", lang))
    html_lang = "zh-CN" if lang == "zh-CN" else "en"
    return (
        f'<!DOCTYPE html><html lang="{html_lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{CSS}</style></head><body>{''.join(body)}</body></html>"
    )

"""Plausibility findings as sentences: the value, the range the table supports, its rows."""

from __future__ import annotations

from core.analysis.plausibility import Finding
from core.text.catalog import Locale, t
from core.text.formatting import format_money, format_ratio, join_list, join_sentences
from core.text.sources import cited_source

_FORMAT = {
    "ads_gmv_roas": format_ratio,
    "content_gmv_roas": format_ratio,
}


def _number(check: str, value: float, locale: Locale) -> str:
    if check in _FORMAT:
        return _FORMAT[check](value)
    if check == "member_gmv_month":
        return format_money(value, locale) if value >= 1_000 else f"¥{value:,.0f}"
    if check == "payback_month":
        return t("payback.month", locale, month=int(value))
    return f"{value:,.2f}"


def finding_text(finding: Finding, locale: Locale) -> str:
    """ "<what> is <value>, outside the <low>–<high> the benchmark table supports. Basis:
    <what the range rests on> (sources: …)";
    a plan with no payback at all gets its own sentence (there is no value to quote); a
    range resting only on vague rows says so (a prompt to check, not a standard)."""
    check = finding.check
    cited = [cited_source(s, locale) for s in finding.range.sources[:3]]
    rows = t("plausibility.sources", locale, sources=join_list(cited, locale), count=len(cited))
    basis = t(f"plausibility.basis.{check}", locale)
    low = _number(check, finding.range.low, locale)
    high = _number(check, finding.range.high, locale)
    if finding.value is None:
        text = t("plausibility.no_payback", locale, low=low, high=high, basis=basis, rows=rows)
    else:
        text = t(
            "plausibility.finding",
            locale,
            what=t(f"plausibility.{check}", locale),
            value=_number(check, finding.value, locale),
            low=low,
            high=high,
            basis=basis,
            rows=rows,
        )
    if finding.range.vague_only:
        text = join_sentences((text, t("plausibility.vague_only", locale)), locale)
    return text

"""Problems with a scenario file as one-line messages in the user's language.

Validation errors name the field (dotted path and label); a file that cannot be decoded
or parsed says so; a long list of problems is cut to the first few plus "and N more".
"""

from __future__ import annotations

import re

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from core.model.paths import driver_spec_map
from core.model.scenario import ScenarioFileError
from core.text.catalog import Locale, has, t
from core.text.formatting import format_driver, join_list
from core.text.labels import field_label

MAX_LISTED_PROBLEMS = 5
"""How many problems a message lists before "and N more"."""

_BOUND_CONTEXT = {
    "greater_than_equal": "ge",
    "greater_than": "gt",
    "less_than_equal": "le",
    "less_than": "lt",
}
_KEY_BY_KIND: dict[str, str] = {
    **{kind: f"error.{kind}" for kind in _BOUND_CONTEXT},
    "finite_number": "error.finite_number",
    "extra_forbidden": "error.extra_forbidden",
    "missing": "error.missing",
    **{
        kind: f"error.{kind}"
        for kind in ("range_unknown_driver", "range_outside_bounds", "range_order", "range_dates")
    },
    **dict.fromkeys(("bool_type", "bool_parsing"), "error.boolean"),
    **dict.fromkeys(("string_type", "string_too_long"), "error.text"),
    **dict.fromkeys(
        ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"),
        "error.number",
    ),
    **dict.fromkeys(("model_type", "dict_type", "model_attributes_type"), "error.not_object"),
    **dict.fromkeys(("literal_error", "enum"), "error.choice"),
    **{
        kind: f"risk.error.{kind}"
        for kind in (
            "risk_residual_above",
            "risk_impact_needed",
            "risk_duplicate_id",
            "risk_strategy",
        )
    },
}


MAX_NAME_CHARS = 60
"""Longest field name (from a file's keys) quoted in a message."""


def printable(text: str, limit: int = MAX_NAME_CHARS) -> str:
    """``text`` safe to print: control characters escaped (``\\x1b``), cut to ``limit``."""
    safe = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
    return safe if len(safe) <= limit else f"{safe[: limit - 1]}…"


def field_name(loc: tuple[int | str, ...], locale: Locale, *, with_path: bool = True) -> str:
    """Dotted path of a field plus its label where the catalog has one: ``ads.cvr (CVR)``;
    a saved range names its driver: ``ranges.ads.cpc (假设的区间 · CPC)``. Without the
    path (a problem with what was typed on a page, where paths mean nothing) the label
    alone, naming the strategy where labels are shared: ``广告投放 · 月预算``."""
    path = ".".join(str(part) for part in loc)
    if not path:
        return t("error.whole_file", locale)
    key = f"field.{path}"
    if len(loc) > 1 and loc[0] == "ranges" and has(f"field.{loc[1]}"):
        label = f"{t('field.ranges', locale)} · {t(f'field.{loc[1]}', locale)}"
        return f"{printable(path)} ({label})" if with_path else label
    if not has(key):
        return printable(path)
    return f"{path} ({t(key, locale)})" if with_path else field_label(path, locale)


def _limit_text(value: object, loc: tuple[int | str, ...], locale: Locale) -> str:
    """A bound as people read it: money in the field's own terms (¥1亿 / ¥100M, so a
    limit beside an input in 万元 is not read as 100,000,000 万), else 100,000,000 rather
    than 1e+08 and 0.5 rather than 0.50."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return str(value)
    spec = driver_spec_map().get(".".join(str(part) for part in loc))
    if spec is not None and spec.unit.startswith("yuan"):
        return format_driver(float(value), spec, locale)
    return f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:g}"


def _choices_text(expected: str, field: str, locale: Locale) -> str:
    """pydantic's "'a', 'b' or 'c'" as a list in ``locale``, each with its label when the
    catalog has one (``中小企业 (sme)``)."""
    values = re.findall(r"'([^']*)'", expected) or [expected]
    shown = [f"{t(f'{field}.{v}', locale)} ({v})" if has(f"{field}.{v}") else v for v in values]
    return join_list(shown, locale)


def describe_error(
    error: ErrorDetails, locale: Locale, field: str | None = None, *, with_path: bool = True
) -> str:
    """One error of a ``ValidationError`` as a sentence in ``locale``; ``field`` names
    the field instead of its path (e.g. a register row and column); ``with_path=False``
    names it by its label alone (see :func:`field_name`)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    bound = _BOUND_CONTEXT.get(kind)
    loc = tuple(error["loc"])
    if isinstance(ctx.get("path"), str):  # a check over a whole mapping names the entry
        loc = (*loc, ctx["path"])
    return t(
        _KEY_BY_KIND.get(kind, "error.other"),
        locale,
        field=field if field is not None else field_name(loc, locale, with_path=with_path),
        limit=_limit_text(ctx[bound], loc, locale) if bound else "",
        choices=_choices_text(
            str(ctx.get("expected", "")), str(error["loc"][-1]) if error["loc"] else "", locale
        ),
    )


def describe_errors(
    errors: list[ErrorDetails], locale: Locale, *, with_path: bool = True
) -> list[str]:
    """The first :data:`MAX_LISTED_PROBLEMS` problems, one sentence each, then "and N more"
    (``with_path`` as in :func:`describe_error`)."""
    shown = errors[:MAX_LISTED_PROBLEMS]
    lines = [describe_error(item, locale, with_path=with_path) for item in shown]
    hidden = len(errors) - MAX_LISTED_PROBLEMS
    if hidden > 0:
        lines.append(t("error.more", locale, count=hidden))
    return lines


def describe_validation_error(
    error: ValidationError, locale: Locale, *, with_path: bool = True
) -> list[str]:
    """The problems in ``error`` in the order pydantic found them (see describe_errors)."""
    return describe_errors(error.errors(), locale, with_path=with_path)


def describe_file_error(error: ScenarioFileError, locale: Locale) -> str:
    """A file that is not readable JSON text, as one sentence."""
    keys = {"encoding": "error.encoding", "link": "error.link", "structure": "error.json_structure"}
    key = keys.get(error.kind, "error.json_invalid")
    return t(key, locale, **error.where)

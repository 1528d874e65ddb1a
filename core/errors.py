"""Validation errors as one-line messages in the user's language, naming the field."""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from core.i18n import Locale, has, t

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
    "json_invalid": "error.json_invalid",
    **dict.fromkeys(
        ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"),
        "error.number",
    ),
    **dict.fromkeys(("model_type", "dict_type", "model_attributes_type"), "error.not_object"),
    **dict.fromkeys(("literal_error", "enum"), "error.choice"),
}


def field_name(loc: tuple[int | str, ...], locale: Locale) -> str:
    """Dotted path of a field plus its label where the catalog has one: ``ads.cvr (CVR)``."""
    path = ".".join(str(part) for part in loc) or "(file)"
    key = f"field.{path}"
    return f"{path} ({t(key, locale)})" if has(key) else path


def _limit_text(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def describe_error(error: ErrorDetails, locale: Locale) -> str:
    """One error of a ``ValidationError`` as a sentence in ``locale``."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    bound = _BOUND_CONTEXT.get(kind)
    return t(
        _KEY_BY_KIND.get(kind, "error.other"),
        locale,
        field=field_name(tuple(error["loc"]), locale),
        limit=_limit_text(ctx[bound]) if bound else "",
        choices=ctx.get("expected", ""),
        detail=ctx.get("error", error["msg"]),
    )


def describe_validation_error(error: ValidationError, locale: Locale) -> list[str]:
    """Every problem in ``error``, one sentence each, in the order pydantic found them."""
    return [describe_error(item, locale) for item in error.errors()]

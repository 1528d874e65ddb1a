"""A scenario as a short URL-safe token, so that a link carries the scenario being edited.

Token = base64url(zlib(JSON of the values that differ from the model's defaults, plus
``schema_version``)), without padding. Reading a token decompresses (with a size cap),
parses JSON and validates it through the scenario contract, migrations included, exactly
like a scenario file (omitted fields take their defaults). Never pickle.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from typing import Any

from core.model.scenario import (
    ScenarioBase,
    ScenarioFileError,
    default_scenario,
    scenario_from_dict,
)

MAX_TOKEN_CHARS = 8_000
MAX_JSON_BYTES = 100_000


def _diff(value: dict[str, Any], default: dict[str, Any]) -> dict[str, Any]:
    """The entries of ``value`` that differ from ``default`` (nested objects recursively)."""
    changed: dict[str, Any] = {}
    for key, item in value.items():
        base = default.get(key)
        if isinstance(item, dict) and isinstance(base, dict):
            inner = _diff(item, base)
            if inner:
                changed[key] = inner
        elif item != base:
            changed[key] = item
    return changed


def scenario_to_token(scenario: ScenarioBase) -> str:
    """The scenario's differences from the default as a compact URL-safe token."""
    changes = _diff(scenario.model_dump(mode="json"), default_scenario().model_dump(mode="json"))
    changes["schema_version"] = scenario.schema_version
    raw = json.dumps(changes, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")


def scenario_from_token(token: str) -> ScenarioBase:
    """The scenario a token describes.

    Raises :class:`ScenarioFileError` (``link``) for a token that is not one of ours and
    ``pydantic.ValidationError`` for one whose values the scenario contract rejects.
    """
    if len(token) > MAX_TOKEN_CHARS:
        raise ScenarioFileError("link")
    try:
        packed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_JSON_BYTES)
        if inflater.unconsumed_tail:
            raise ScenarioFileError("link")
        changes = json.loads(raw.decode("utf-8"))
    except (binascii.Error, zlib.error, ValueError, RecursionError) as exc:
        raise ScenarioFileError("link") from exc
    if not isinstance(changes, dict):
        raise ScenarioFileError("link")
    return scenario_from_dict(changes)

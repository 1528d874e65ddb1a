"""Scenario-file migrations: files saved by an older schema version still load.

Each entry of :data:`MIGRATIONS` turns the JSON object of version ``v`` into version
``v + 1`` (pure, on plain dicts, before validation). :func:`migrate` applies them in
order up to :data:`core.model.scenario.SCHEMA_VERSION`. A file without
``schema_version`` is version 1 (the first public format).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Migration = Callable[[dict[str, Any]], dict[str, Any]]

MIGRATIONS: dict[int, Migration] = {}
"""Version v → the function that turns a version-v object into version v + 1."""


def file_version(data: dict[str, Any]) -> int | None:
    """The schema version a scenario object declares (1 when absent; None if not an int)."""
    version = data.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        return None
    return version


def migrate(data: Any, target: int) -> Any:
    """``data`` converted to schema version ``target``.

    Anything that is not an object with a known older version is returned unchanged, so
    that validation reports the problem (wrong type, unknown or future version).
    """
    if not isinstance(data, dict):
        return data
    version = file_version(data)
    if version is None or version >= target or version < 1:
        return data
    migrated = dict(data)
    for step in range(version, target):
        migrated = MIGRATIONS[step](migrated)
        migrated["schema_version"] = step + 1
    return migrated

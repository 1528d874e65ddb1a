"""Named scenarios: a SQLite file in the user's data directory.

Where: ``$MONETIZATION_STUDIO_HOME`` when set, else the platform's per-user data directory
plus ``monetization-studio`` — ``$XDG_DATA_HOME`` or ``~/.local/share`` on Linux and other
Unix systems, ``~/Library/Application Support`` on macOS, ``%LOCALAPPDATA%`` on Windows —
never the repository's ``data/``. The directory (mode 0700) and the file are created on
first use.

One table, ``scenarios``: ``id``, a unique ``name`` (1..200 characters after trimming
spaces), ``body`` (the scenario file as saved: JSON text), ``created_at`` and
``updated_at`` (ISO 8601, UTC). A scenario is checked by the contract when it is read
(:func:`core.model.scenario.scenario_from_json`), so one saved by an older schema version
loads through the migrations; one that no longer validates is reported, the others stay
usable.

Safety:

* every change is one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``): a process killed in
  the middle of a save (kill -9) leaves that save undone and every committed scenario
  intact — SQLite's write-ahead log (``journal_mode=WAL``) is rolled back on the next open;
  ``synchronous=FULL`` makes a commit durable before ``save`` returns;
* many sessions at once: a connection per operation (threads never share one), WAL lets
  readers go on while one writer commits, and a writer waits up to
  :data:`BUSY_TIMEOUT_S` for another one instead of failing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from core.model.scenario import (
    ScenarioBase,
    ScenarioFileError,
    scenario_from_json,
    scenario_to_json,
)

HOME_VARIABLE = "MONETIZATION_STUDIO_HOME"
APP_FOLDER = "monetization-studio"
STORE_FILE = "scenarios.sqlite3"
BUSY_TIMEOUT_S = 10.0
MAX_NAME_CHARS = 200
STORE_VERSION = 1
"""``PRAGMA user_version`` of the store's own layout."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS scenarios (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""


def data_home(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    home: Path | None = None,
) -> Path:
    """The per-user data directory of the app (see the module docstring); the arguments
    default to ``os.environ``, ``sys.platform`` and ``Path.home()``."""
    env = os.environ if environ is None else environ
    if env.get(HOME_VARIABLE):
        return Path(env[HOME_VARIABLE])
    system = sys.platform if platform is None else platform
    user = Path.home() if home is None else home
    if system == "win32":
        base = Path(env["LOCALAPPDATA"]) if env.get("LOCALAPPDATA") else user / "AppData/Local"
    elif system == "darwin":
        base = user / "Library" / "Application Support"
    else:
        base = Path(env["XDG_DATA_HOME"]) if env.get("XDG_DATA_HOME") else user / ".local/share"
    return base / APP_FOLDER


StoreProblem = Literal["bad_name", "name_taken", "not_found", "unreadable"]


class StoreError(Exception):
    """A store operation that cannot be done: ``problem`` says why (a code the text layer
    words), ``name`` is the scenario name involved."""

    def __init__(self, problem: StoreProblem, name: str = "") -> None:
        self.problem = problem
        self.name = name
        super().__init__(f"{problem}: {name!r}")


@dataclass(frozen=True)
class SavedScenario:
    """One saved scenario: id, name and timestamps (UTC)."""

    id: int
    name: str
    created_at: datetime
    updated_at: datetime


def clean_name(name: str) -> str:
    """``name`` with outer spaces trimmed; ``StoreError`` (``bad_name``) when it is empty
    or longer than :data:`MAX_NAME_CHARS`."""
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > MAX_NAME_CHARS:
        raise StoreError("bad_name", name[:MAX_NAME_CHARS])
    return cleaned


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _saved(row: tuple[int, str, str, str]) -> SavedScenario:
    return SavedScenario(
        row[0], row[1], datetime.fromisoformat(row[2]), datetime.fromisoformat(row[3])
    )


def _renamed(body: str, name: str) -> str:
    """The scenario file ``body`` with its ``name`` set (any schema version)."""
    data = json.loads(body)
    data["name"] = name
    return json.dumps(data, ensure_ascii=False, indent=2)


class ScenarioStore:
    """The named-scenario store at ``path`` (default: :func:`data_home` / ``STORE_FILE``)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else data_home() / STORE_FILE
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with self._connection() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)
            db.execute(f"PRAGMA user_version={STORE_VERSION}")

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """A fresh connection in autocommit mode (transactions are explicit)."""
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        with closing(db):
            db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            db.execute("PRAGMA synchronous=FULL")
            yield db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on any error)."""
        with self._connection() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def saved(self) -> list[SavedScenario]:
        """Every saved scenario, most recently saved first."""
        with self._connection() as db:
            rows = db.execute(
                "SELECT id, name, created_at, updated_at FROM scenarios "
                "ORDER BY updated_at DESC, id DESC"
            ).fetchall()
        return [_saved(row) for row in rows]

    def save(self, name: str, scenario: ScenarioBase) -> SavedScenario:
        """Save ``scenario`` under ``name`` (its ``name`` field set to it); a scenario
        already saved under that name is replaced (its creation time kept)."""
        name = clean_name(name)
        body = scenario_to_json(scenario.model_copy(update={"name": name}))
        now = _now()
        with self._transaction() as db:
            row = db.execute(
                "INSERT INTO scenarios (name, body, created_at, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
                "body = excluded.body, updated_at = excluded.updated_at "
                "RETURNING id, name, created_at, updated_at",
                (name, body, now, now),
            ).fetchone()
        return _saved(row)

    def load(self, scenario_id: int) -> ScenarioBase:
        """The saved scenario, migrated and validated; ``StoreError`` (``not_found``,
        ``unreadable``) when there is none or it no longer validates."""
        with self._connection() as db:
            row = db.execute(
                "SELECT name, body FROM scenarios WHERE id = ?", (scenario_id,)
            ).fetchone()
        if row is None:
            raise StoreError("not_found")
        try:
            return scenario_from_json(row[1])
        except (ScenarioFileError, ValidationError) as exc:
            raise StoreError("unreadable", row[0]) from exc

    def rename(self, scenario_id: int, name: str) -> SavedScenario:
        """Give a saved scenario another name (``name_taken`` when another one has it)."""
        name = clean_name(name)
        with self._transaction() as db:
            found = db.execute("SELECT body FROM scenarios WHERE id = ?", (scenario_id,))
            row = found.fetchone()
            if row is None:
                raise StoreError("not_found", name)
            try:
                updated = db.execute(
                    "UPDATE scenarios SET name = ?, body = ?, updated_at = ? WHERE id = ? "
                    "RETURNING id, name, created_at, updated_at",
                    (name, _renamed(row[0], name), _now(), scenario_id),
                ).fetchone()
            except sqlite3.IntegrityError as exc:
                raise StoreError("name_taken", name) from exc
        return _saved(updated)

    def duplicate(self, scenario_id: int, name: str) -> SavedScenario:
        """A copy of a saved scenario under a new name (``name_taken`` when it is used)."""
        name = clean_name(name)
        now = _now()
        with self._transaction() as db:
            row = db.execute("SELECT body FROM scenarios WHERE id = ?", (scenario_id,)).fetchone()
            if row is None:
                raise StoreError("not_found", name)
            try:
                copied = db.execute(
                    "INSERT INTO scenarios (name, body, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?) RETURNING id, name, created_at, updated_at",
                    (name, _renamed(row[0], name), now, now),
                ).fetchone()
            except sqlite3.IntegrityError as exc:
                raise StoreError("name_taken", name) from exc
        return _saved(copied)

    def delete(self, scenario_id: int) -> None:
        """Remove a saved scenario (nothing happens when it is already gone)."""
        with self._transaction() as db:
            db.execute("DELETE FROM scenarios WHERE id = ?", (scenario_id,))

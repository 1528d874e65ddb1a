"""The named-scenario store: round trip, names, migration, threads, and kill -9 mid-save."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from core.data.scenario_store import (
    HOME_VARIABLE,
    STORE_FILE,
    ScenarioStore,
    StoreError,
    data_home,
)
from core.model.paths import with_values
from core.model.scenario import SCHEMA_VERSION, default_scenario, scenario_from_json

ROOT = Path(__file__).resolve().parents[3]
V1_FIXTURE = ROOT / "tests" / "fixtures" / "scenarios_v1" / "default.json"


@pytest.fixture
def store(tmp_path, monkeypatch) -> ScenarioStore:
    monkeypatch.setenv(HOME_VARIABLE, str(tmp_path / "home"))
    return ScenarioStore()


def test_the_store_lives_in_the_data_home_and_is_created_on_first_use(tmp_path, monkeypatch):
    home = tmp_path / "nested" / "home"
    monkeypatch.setenv(HOME_VARIABLE, str(home))
    assert not home.exists()
    store = ScenarioStore()
    assert store.path == home / STORE_FILE
    assert store.path.is_file()
    assert store.saved() == []
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_per_platform_data_directories(tmp_path):
    user = Path("/home/u")
    assert data_home({HOME_VARIABLE: str(tmp_path)}, "linux", user) == tmp_path
    assert data_home({}, "linux", user) == user / ".local/share/monetization-studio"
    assert data_home({"XDG_DATA_HOME": "/x"}, "linux", user) == Path("/x/monetization-studio")
    mac = data_home({}, "darwin", user)
    assert mac == user / "Library/Application Support/monetization-studio"
    win = data_home({"LOCALAPPDATA": "C:/Local"}, "win32", user)
    assert win == Path("C:/Local/monetization-studio")


def test_round_trip_keeps_every_value(store):
    scenario = with_values(default_scenario(), {"ads.cpc": 3.5, "content.enabled": False})
    saved = store.save("  春季 方案  ", scenario)
    assert saved.name == "春季 方案"
    assert saved.created_at == saved.updated_at
    loaded = store.load(saved.id)
    assert loaded == scenario.model_copy(update={"name": "春季 方案"})
    assert [s.name for s in store.saved()] == ["春季 方案"]


def test_saving_under_a_used_name_replaces_it_and_keeps_its_creation_time(store):
    first = store.save("plan", default_scenario())
    time.sleep(0.002)
    second = store.save("plan", with_values(default_scenario(), {"ads.cpc": 4.0}))
    assert second.id == first.id
    assert second.created_at == first.created_at
    assert second.updated_at > first.updated_at
    assert store.load(first.id).ads.cpc == 4.0
    assert len(store.saved()) == 1


def test_rename_duplicate_delete(store):
    a = store.save("A", default_scenario())
    b = store.save("B", default_scenario())
    assert [s.name for s in store.saved()] == ["B", "A"]  # most recent first
    renamed = store.rename(a.id, "A2")
    assert renamed.id == a.id
    assert store.load(a.id).name == "A2"
    with pytest.raises(StoreError) as taken:
        store.rename(a.id, "B")
    assert taken.value.problem == "name_taken"
    copy = store.duplicate(b.id, "B copy")
    assert copy.id != b.id
    assert store.load(copy.id) == store.load(b.id).model_copy(update={"name": "B copy"})
    with pytest.raises(StoreError, match="name_taken"):
        store.duplicate(b.id, "A2")
    store.delete(b.id)
    store.delete(b.id)  # already gone: nothing happens
    assert {s.name for s in store.saved()} == {"A2", "B copy"}
    with pytest.raises(StoreError, match="not_found"):
        store.load(b.id)


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_names_must_be_one_to_two_hundred_characters(store, name):
    with pytest.raises(StoreError, match="bad_name"):
        store.save(name, default_scenario())


def test_a_scenario_saved_by_the_previous_schema_version_loads_through_the_migration(store):
    body = V1_FIXTURE.read_text(encoding="utf-8")
    assert json.loads(body)["schema_version"] < SCHEMA_VERSION
    with sqlite3.connect(store.path) as db:
        db.execute(
            "INSERT INTO scenarios (name, body, created_at, updated_at) VALUES (?, ?, ?, ?)",
            ("old", body, "2025-01-01T00:00:00+00:00", "2025-01-01T00:00:00+00:00"),
        )
    [old] = store.saved()
    loaded = store.load(old.id)
    assert loaded.schema_version == SCHEMA_VERSION
    assert loaded == scenario_from_json(body)
    renamed = store.rename(old.id, "older")  # renaming does not need to migrate
    assert store.load(renamed.id).name == "older"


def test_a_broken_row_is_reported_and_the_others_stay_usable(store):
    good = store.save("good", default_scenario())
    with sqlite3.connect(store.path) as db:
        db.execute(
            "INSERT INTO scenarios (name, body, created_at, updated_at) VALUES (?, ?, ?, ?)",
            ("broken", '{"ads": {"cvr": 7}}', "2025-01-01T00:00:00+00:00", "2025-01-01"),
        )
    broken = next(s for s in store.saved() if s.name == "broken")
    with pytest.raises(StoreError) as unreadable:
        store.load(broken.id)
    assert (unreadable.value.problem, unreadable.value.name) == ("unreadable", "broken")
    assert store.load(good.id).name == "good"


def test_threads_saving_at_once_lose_nothing(store):
    threads, saves = 8, 25

    def work(t: int) -> list[int]:
        mine = ScenarioStore(store.path)  # each session opens the store itself
        ids = []
        for i in range(saves):
            scenario = with_values(default_scenario(), {"ads.monthly_budget": 1_000.0 * i})
            ids.append(mine.save(f"t{t}-{i}", scenario).id)
            mine.save("shared", scenario)  # everyone also overwrites one name
        return ids

    with ThreadPoolExecutor(threads) as pool:
        ids = [i for chunk in pool.map(work, range(threads)) for i in chunk]
    names = {s.name for s in store.saved()}
    assert names == {f"t{t}-{i}" for t in range(threads) for i in range(saves)} | {"shared"}
    assert len(set(ids)) == threads * saves
    for t in range(threads):
        saved = next(s for s in store.saved() if s.name == f"t{t}-{saves - 1}")
        assert store.load(saved.id).ads.monthly_budget == 1_000.0 * (saves - 1)


SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from core.data.scenario_store import ScenarioStore
    from core.model.paths import with_values
    from core.model.scenario import default_scenario

    store = ScenarioStore(Path(sys.argv[1]))
    start = int(sys.argv[2])
    base = default_scenario()
    for i in range(start, start + 100_000):
        store.save(f"s{i}", with_values(base, {"ads.monthly_budget": float(i)}))
        print(i, flush=True)  # printed only once the save is committed
    """
)


def test_kill_9_during_saves_loses_no_committed_scenario(tmp_path):
    path = tmp_path / STORE_FILE
    ScenarioStore(path)
    committed: list[int] = []
    rng = random.Random(9)
    for _ in range(5):
        start = committed[-1] + 1 if committed else 0
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), str(start)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # it is saving now
        assert first.strip() == str(start)
        time.sleep(rng.uniform(0.05, 0.4))
        os.kill(child.pid, signal.SIGKILL)
        rest = child.stdout.read()
        child.wait()
        assert child.returncode == -signal.SIGKILL
        committed += [int(line) for line in [first, *rest.splitlines()] if line.strip()]
        store = ScenarioStore(path)  # the next session opens the store after the crash
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        by_name = {s.name: s for s in store.saved()}
        for i in committed:
            assert store.load(by_name[f"s{i}"].id).ads.monthly_budget == float(i)
    assert len(committed) > 5

"""Where the order analytics run: embedded DuckDB (default) or Apache Spark, via Ibis.

:class:`EngineSettings` chooses the engine. :func:`connect` returns an :class:`Engine`:
an Ibis backend plus the means to open order sources on it and run expressions into
small pandas DataFrames. Spark starts lazily (only when chosen), once per process: every
``Engine`` with the same Spark settings shares one ``SparkSession``.

Sources (:data:`Source`): a Parquet file, a directory of Parquet files (searched
recursively; ``key=value`` folder names such as ``month=2024-01`` become columns, the
usual hive layout), or, on Spark only, a catalog table name (:class:`TableName`).

Session time zone: both engines run with ``time_zone`` as their session zone. Naive
timestamps (the canonical ``order_time``) are wall-clock times and are never shifted;
tz-aware timestamps are converted to wall-clock time in that zone when canonicalised.

DuckDB safety: once a source is opened, the database may read only that file or
directory (``allowed_paths`` / ``allowed_directories``), external access is off and the
configuration is locked; queries are built by Ibis, never from user strings.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import ibis
import pandas as pd
from ibis.expr import types as ir
from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

EngineName = Literal["duckdb", "spark"]


class TableName(BaseModel):
    """A table of the Spark catalog (``database.table`` or ``table``) as an order source."""

    model_config = ConfigDict(frozen=True)

    name: str


Source = Path | TableName
"""A Parquet file, a directory of Parquet files, or (Spark only) a catalog table."""


class EngineSettings(BaseModel):
    """Engine choice and its knobs.

    * ``engine`` — ``duckdb`` (embedded, in-memory, nothing to start) or ``spark``;
    * ``time_zone`` — IANA zone of the store; session zone of both engines;
    * ``duckdb_memory_limit`` (e.g. ``"4GB"``) and ``duckdb_temp_directory`` (spill
      directory) bound DuckDB's memory; ``duckdb_threads`` = worker threads (None: all
      cores);
    * ``spark_master`` — ``local[2]`` (default), ``spark://…`` / ``yarn`` for a cluster,
      or ``sc://host:port`` for Spark Connect (needs ``pyspark[connect]``);
    * ``spark_driver_memory`` — JVM heap of a local driver; ``spark_shuffle_partitions``;
    * ``spark_vectorized_parquet`` — Spark 4.0's vectorized Parquet reader cannot decode
      the BYTE_STREAM_SPLIT float encoding (used by the shipped demo store); off by
      default so every Parquet file reads; switch on for speed on files without it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    engine: EngineName = "duckdb"
    time_zone: str = "Asia/Shanghai"
    duckdb_memory_limit: str | None = None
    duckdb_temp_directory: Path | None = None
    duckdb_threads: int | None = None
    spark_master: str = "local[2]"
    spark_driver_memory: str = "4g"
    spark_shuffle_partitions: int = 8
    spark_vectorized_parquet: bool = False


class Engine:
    """An Ibis backend with its settings; use :func:`connect` (a context manager)."""

    def __init__(self, settings: EngineSettings, backend: ibis.BaseBackend) -> None:
        self.settings = settings
        self.backend = backend
        self._locked = False

    @property
    def name(self) -> EngineName:
        """``duckdb`` or ``spark``."""
        return self.settings.engine

    def open(self, source: Source) -> ir.Table:
        """The raw table of ``source`` (all its columns, as stored)."""
        if isinstance(source, TableName):
            if self.name != "spark":
                raise ValueError("a catalog table name is a Spark source only")
            return self.backend.table(source.name)
        path = Path(source).resolve()
        if not path.exists():
            raise FileNotFoundError(path)
        if self.name == "spark":
            return self.backend.read_parquet(str(path))
        return self._open_duckdb(path)

    def _open_duckdb(self, path: Path) -> ir.Table:
        if self._locked:
            raise RuntimeError("a DuckDB engine opens one source; connect() again")
        pattern = str(path / "**" / "*.parquet") if path.is_dir() else str(path)
        table = self.backend.read_parquet(pattern, hive_partitioning=path.is_dir())
        raw = self.backend.con
        if path.is_dir():
            raw.execute("SET allowed_directories = $dirs", {"dirs": [str(path)]})
        else:
            raw.execute("SET allowed_paths = $paths", {"paths": [str(path)]})
        raw.execute("SET enable_external_access = false")
        raw.execute("SET lock_configuration = true")
        self._locked = True
        return table

    def frame(self, expr: ir.Table) -> pd.DataFrame:
        """Run ``expr`` and return its (small) result as a pandas DataFrame."""
        return self.backend.execute(expr)

    def scalar(self, expr: ir.Scalar) -> Any:
        """Run a scalar expression."""
        return self.backend.execute(expr)


_SPARK_LOCK = threading.Lock()
_SPARK: dict[tuple[str, str], SparkSession] = {}


def spark_session(settings: EngineSettings) -> SparkSession:
    """The process's SparkSession for ``settings`` (created on first use, then shared)."""
    from pyspark.sql import SparkSession

    key = (settings.spark_master, settings.spark_driver_memory)
    with _SPARK_LOCK:
        session = _SPARK.get(key)
        if session is None:
            builder = SparkSession.builder.appName("monetization-studio-orders")
            if settings.spark_master.startswith("sc://"):
                builder = builder.remote(settings.spark_master)
            else:
                builder = (
                    builder.master(settings.spark_master)
                    .config("spark.driver.memory", settings.spark_driver_memory)
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                )
            session = builder.getOrCreate()
            _SPARK[key] = session
        return session


def stop_spark() -> None:
    """Stop every SparkSession this module started (tests and benchmarks call it)."""
    with _SPARK_LOCK:
        for session in _SPARK.values():
            session.stop()
        _SPARK.clear()


def _spark_backend(settings: EngineSettings) -> ibis.BaseBackend:
    session = spark_session(settings)
    conf = {
        "spark.sql.session.timeZone": settings.time_zone,
        "spark.sql.shuffle.partitions": str(settings.spark_shuffle_partitions),
        "spark.sql.parquet.enableVectorizedReader": str(settings.spark_vectorized_parquet).lower(),
    }
    return ibis.pyspark.connect(session, **conf)


def _duckdb_backend(settings: EngineSettings) -> ibis.BaseBackend:
    config: dict[str, Any] = {}
    if settings.duckdb_memory_limit is not None:
        config["memory_limit"] = settings.duckdb_memory_limit
    if settings.duckdb_temp_directory is not None:
        config["temp_directory"] = str(settings.duckdb_temp_directory)
    if settings.duckdb_threads is not None:
        config["threads"] = settings.duckdb_threads
    backend = ibis.duckdb.connect(":memory:", **config)
    backend.con.execute("SET TimeZone = $tz", {"tz": settings.time_zone})
    return backend


@contextmanager
def connect(settings: EngineSettings | None = None) -> Iterator[Engine]:
    """An :class:`Engine` for ``settings`` (default: DuckDB), closed on exit.

    DuckDB: a fresh in-memory database, closed on exit. Spark: the shared session (see
    :func:`spark_session`) stays up for the next call; :func:`stop_spark` ends it.
    """
    settings = settings or EngineSettings()
    backend = _spark_backend(settings) if settings.engine == "spark" else _duckdb_backend(settings)
    try:
        yield Engine(settings, backend)
    finally:
        if settings.engine == "duckdb":
            backend.disconnect()

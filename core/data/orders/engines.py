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
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import ibis
import pandas as pd
from ibis.expr import types as ir
from pydantic import BaseModel, ConfigDict, Field

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
    * ``spark_conf`` — further Spark SQL settings, applied to the session last;
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
    spark_conf: dict[str, str] = Field(default_factory=dict)


class Engine:
    """An Ibis backend with its settings; use :func:`connect` (a context manager)."""

    def __init__(self, settings: EngineSettings, backend: ibis.BaseBackend) -> None:
        self.settings = settings
        self.backend = backend
        self._locked = False
        self._job_group = uuid.uuid4().hex
        if settings.engine == "spark":
            # Jobs started from this thread carry the group, so that interrupt() cancels
            # this analysis only, not the other sessions sharing the Spark context.
            self.backend._session.sparkContext.setJobGroup(
                self._job_group, "monetization-studio", interruptOnCancel=True
            )

    @property
    def name(self) -> EngineName:
        """``duckdb`` or ``spark``."""
        return self.settings.engine

    def interrupt(self) -> None:
        """Stop the running query from another thread: DuckDB's ``interrupt()``, Spark
        cancels this engine's job group (the query then raises in the thread running it)."""
        if self.name == "duckdb":
            self.backend.con.interrupt()
        else:
            self.backend._session.sparkContext.cancelJobGroup(self._job_group)

    def open(self, source: Source) -> ir.Table:
        """The raw table of ``source`` (all its columns, as stored)."""
        (table,) = self.open_many([source])
        return table

    def open_many(
        self, sources: Sequence[Source], *, output_dir: Path | None = None
    ) -> list[ir.Table]:
        """The raw tables of several sources (e.g. orders and campaigns), in order.

        On DuckDB a connection opens its sources once: file access is then locked to
        exactly these files and directories, plus ``output_dir`` if given (where
        :meth:`write_parquet` may write).
        """
        if self.name == "duckdb":
            return self._open_duckdb([_local_path(s) for s in sources], output_dir)
        tables = []
        for source in sources:
            if isinstance(source, TableName):
                tables.append(self.backend.table(source.name))
            else:
                tables.append(self.backend.read_parquet(str(_local_path(source))))
        return tables

    def _open_duckdb(self, paths: list[Path], output_dir: Path | None) -> list[ir.Table]:
        if self._locked:
            raise RuntimeError("a DuckDB engine opens its sources once; connect() again")
        tables = []
        for path in paths:
            pattern = str(path / "**" / "*.parquet") if path.is_dir() else str(path)
            tables.append(self.backend.read_parquet(pattern, hive_partitioning=path.is_dir()))
        raw = self.backend.con
        dirs = [str(p) for p in paths if p.is_dir()]
        if output_dir is not None:
            dirs.append(str(output_dir.resolve()))
        files = [str(p) for p in paths if not p.is_dir()]
        raw.execute("SET allowed_directories = $dirs", {"dirs": dirs})
        raw.execute("SET allowed_paths = $paths", {"paths": files})
        raw.execute("SET enable_external_access = false")
        raw.execute("SET lock_configuration = true")
        self._locked = True
        return tables

    def frame(self, expr: ir.Table) -> pd.DataFrame:
        """Run ``expr`` and return its (small) result as a pandas DataFrame."""
        return self.backend.execute(expr)

    def write_parquet(self, expr: ir.Table, path: Path) -> None:
        """Write the result of ``expr`` as Parquet from the engine, without collecting it
        (Spark writes a directory of part files at ``path``)."""
        self.backend.to_parquet(expr, str(path))


def _local_path(source: Source) -> Path:
    """An existing file or directory (``TableName`` is for Spark only)."""
    if isinstance(source, TableName):
        raise ValueError("a catalog table name is a Spark source only")
    path = Path(source).resolve()
    if not path.exists():
        raise FileNotFoundError(path)
    return path


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


ENGINE_ENV = "MONETIZATION_STUDIO_ENGINE"
SPARK_MASTER_ENV = "MONETIZATION_STUDIO_SPARK_MASTER"


def settings_from_env(environ: Mapping[str, str]) -> EngineSettings:
    """The app's engine: ``MONETIZATION_STUDIO_ENGINE`` = ``duckdb`` (default) or ``spark``,
    ``MONETIZATION_STUDIO_SPARK_MASTER`` (default ``local[2]``); anything else → DuckDB."""
    engine = environ.get(ENGINE_ENV, "duckdb").strip().lower()
    if engine != "spark":
        return EngineSettings()
    return EngineSettings(engine="spark", spark_master=environ.get(SPARK_MASTER_ENV, "local[2]"))

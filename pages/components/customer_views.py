"""The Customers page's parts: choosing orders (sample or upload with the mapping step),
the results (exclusions, RFM, cohorts, CLV) and the calibration buttons. Keys: ``cust:…``."""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from core.text.catalog import Locale, t
from core.text.formatting import (
    format_count,
    format_money,
    format_number,
    format_percent,
    money_axis_for,
)
from core.text.labels import field_label
from pages.components.cache import customer_analysis
from pages.components.change_notice import value_text
from pages.components.inputs import lingual_selectbox
from pages.components.paint import plotly
from pages.components.scenario_state import ScenarioState
from pages.components.session import CALIBRATED_KEY
from pages.components.uploader import file_uploader

if TYPE_CHECKING:
    from streamlit.runtime.uploaded_file_manager import UploadedFile

    from core.analysis.customer_value.valuation import CustomerValue
    from core.data.orders.calibration import CalibratedValue
    from core.data.orders.ingest import UploadPreview
    from core.data.orders.report import CustomerReport

NS = "cust"
SOURCES = ("cdnow", "demo", "upload")
FIELDS = ("customer_id", "order_time", "amount", "order_id", "channel", "platform", "status")
UPLOAD_TYPES = ["csv", "txt", "xlsx", "parquet"]
MAX_ORDERS_MB = 200
"""Largest order or campaign file the page takes (``server.maxUploadSize`` is the same);
bigger histories go through ``python -m core customers`` (DuckDB or Spark)."""
CANCELLED_KEY = f"{NS}:cancelled"
STEP_SHARE = {"read": 0.1, "days": 0.3, "summary": 0.5, "segments": 0.7, "fit": 0.9}
"""How far along the progress bar each step starts."""
POLL_SECONDS = 0.25
RAW_GRACE_S = 600.0
"""A raw upload older than this (seconds) is a leftover: reads take seconds, not minutes."""
SESSION_GRACE_S = 24 * 3600.0
"""A session folder untouched this long (seconds) is a leftover: its canonical copy goes."""


def _cancel(signature: str) -> None:
    st.session_state[CANCELLED_KEY] = signature


def _run_again() -> None:
    st.session_state.pop(CANCELLED_KEY, None)


def run_analysis(
    chosen: tuple[str, str, str], unit: str, lang: Locale
) -> tuple[CustomerReport, CustomerValue | None] | None:
    """The report and customer value of the chosen orders (cached), computed in a worker
    thread while the page shows the step under way and a cancel button. Cancelling (or
    leaving the page) interrupts the running query; the page then offers to run it again
    and returns None. Other sessions never wait: each runs its own script thread, and the
    engines release Python's lock while they work."""
    from core.data.orders.cancel import Cancellation

    signature = json.dumps([*chosen, unit])
    if st.session_state.get(CANCELLED_KEY) == signature:
        st.info(t("cust.cancelled", lang))
        st.button(t("cust.run_again", lang), on_click=_run_again, key=f"{NS}:run_again")
        return None
    cancellation = Cancellation()
    step = {"name": "read"}
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["value"] = customer_analysis(
                *chosen, unit, cancellation, lambda name: step.update(name=name)
            )
        except BaseException as exc:  # handed to the script thread below
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="customer-analysis", daemon=True)
    add_script_run_ctx(worker, get_script_run_ctx())
    worker.start()
    bar = st.progress(STEP_SHARE["read"], text=t("cust.progress.read", lang))
    slot = st.empty()
    slot.button(t("cust.cancel", lang), on_click=_cancel, args=(signature,), key=f"{NS}:cancel")
    try:
        while worker.is_alive():
            worker.join(POLL_SECONDS)
            name = step["name"]
            bar.progress(STEP_SHARE.get(name, 0.9), text=t(f"cust.progress.{name}", lang))
    finally:
        if worker.is_alive():  # the script was stopped (cancel pressed, page left)
            cancellation.cancel()
    bar.empty()
    slot.empty()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@st.cache_resource(show_spinner=False)
def _samples_dir() -> str:
    return tempfile.mkdtemp(prefix="monetization-samples-")


def _session_dir() -> Path:
    """A private folder per session for the canonical copies of its uploads."""
    folder = st.session_state.get(f"{NS}:dir")
    if folder is None or not Path(folder).is_dir():
        folder = tempfile.mkdtemp(prefix="monetization-orders-")
        st.session_state[f"{NS}:dir"] = folder
        remove_stale_raw_files(Path(folder).parent)
        remove_stale_sessions(Path(folder).parent)
    return Path(folder)


def remove_stale_raw_files(temp_root: Path, older_than_s: float = RAW_GRACE_S) -> int:
    """Delete raw uploads that earlier sessions (or versions of the app that kept them)
    left in ``monetization-orders-*`` folders under ``temp_root``; returns how many.
    A raw copy lives only while it is being read, so one older than ``older_than_s``
    seconds is left over."""
    now = time.time()
    removed = 0
    for pattern in ("upload.*", "campaigns.*"):
        for path in temp_root.glob(f"monetization-orders-*/{pattern}"):
            with contextlib.suppress(OSError):
                if now - path.stat().st_mtime > older_than_s:
                    path.unlink()
                    removed += 1
    return removed


def remove_stale_sessions(temp_root: Path, older_than_s: float = SESSION_GRACE_S) -> int:
    """Delete ``monetization-orders-*`` folders under ``temp_root`` in which nothing has
    changed for ``older_than_s`` seconds, canonical copies included; returns how many.
    Pseudonymised orders are still a person's data: kept no longer than a working day
    needs them (a session that comes back later reads its upload again)."""
    now = time.time()
    removed = 0
    for folder in temp_root.glob("monetization-orders-*"):
        with contextlib.suppress(OSError):
            touched = [folder, *folder.rglob("*")]
            if folder.is_dir() and now - max(p.stat().st_mtime for p in touched) > older_than_s:
                shutil.rmtree(folder)
                removed += 1
    return removed


@contextlib.contextmanager
def raw_copy(upload: UploadedFile, name: str) -> Iterator[Path]:
    """The upload as a file the readers can open, deleted as soon as it has been read:
    platform exports carry columns the app never maps (phones, names, addresses), so only
    the canonical copy of the mapped columns (pseudonymised ids) stays on disk."""
    path = _session_dir() / f"{name}{Path(upload.name).suffix.lower()}"
    path.write_bytes(upload.getvalue())
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def choose_orders(lang: Locale) -> tuple[str, str, str] | None:
    """(canonical Parquet path, mapping JSON, sample name or the upload's identity) of the
    chosen orders, or None. The third item also keys the analysis cache, so a new upload or
    mapping is analysed afresh."""
    from core.data.orders.samples import DEMO_EVERY, sample_source

    choice = st.segmented_control(
        t("cust.source", lang),
        SOURCES,
        format_func=lambda key: t(f"cust.source.{key}", lang),
        key=f"{NS}:source",
    )
    if choice is None:
        st.info(t("cust.pick", lang))
        return None
    if choice == "cdnow":
        st.caption(t("cust.cdnow_currency", lang))
    if choice == "demo":
        st.caption(t("cust.demo_sample", lang, every=DEMO_EVERY))
    if choice != "upload":
        setup = sample_source(choice, Path(_samples_dir()))
        return str(setup.path), setup.mapping.model_dump_json(), choice
    return _upload_step(lang)


def _preview(upload: UploadedFile) -> UploadPreview:
    """Format, encoding, headers and proposed mapping of the upload, read once per file."""
    from core.data.orders.ingest import preview_upload

    cached = st.session_state.get(f"{NS}:preview")
    if cached is not None and cached[0] == upload.file_id:
        return cached[1]
    with raw_copy(upload, "upload") as raw:
        preview = preview_upload(raw)
    st.session_state[f"{NS}:preview"] = (upload.file_id, preview)
    return preview


def _upload_step(lang: Locale) -> tuple[str, str, str] | None:
    """Upload, detected mapping (editable), ingestion into the session folder."""
    from core.data.orders.errors import OrdersFileError
    from core.data.orders.ingest import OUTPUT_NAME, ingest_orders
    from core.data.orders.pseudonym import load_or_create_secret
    from core.data.orders.schema import ColumnMapping
    from core.text.orders import describe_orders_error, exclusion_lines

    st.caption(t("cust.privacy", lang))
    upload = file_uploader(
        t("cust.upload", lang),
        key=f"{NS}:upload",
        types=UPLOAD_TYPES,
        max_mb=MAX_ORDERS_MB,
        locale=lang,
    )
    if upload is None:
        return None
    try:
        preview = _preview(upload)
    except OrdersFileError as exc:
        st.error(describe_orders_error(exc, lang))
        return None
    st.caption(t("cust.detected", lang, format=preview.format, encoding=preview.encoding or "—"))
    options = [None, *preview.headers]
    chosen: dict[str, str | None] = {}
    with st.expander(t("cust.mapping", lang), expanded=True):
        columns = st.columns(4)
        for i, field in enumerate(FIELDS):
            default = getattr(preview.proposal, field)
            with columns[i % 4]:
                chosen[field] = lingual_selectbox(
                    st,
                    t(f"cust.field.{field}", lang),
                    options,
                    format_func=lambda c: t("cust.unmapped", lang) if c is None else str(c),
                    name=f"{NS}:map:{field}:{upload.file_id}",
                    locale=lang,
                    default=default,
                )
    mapping = ColumnMapping(**chosen)
    read = (upload.file_id, mapping.model_dump_json())
    folder = _session_dir()
    output = folder / "canonical" / OUTPUT_NAME
    done = st.session_state.get(f"{NS}:ingested", (None,))[0] == read and output.exists()
    if not done:  # once per mapping, again if the copy was swept
        try:
            with raw_copy(upload, "upload") as raw:
                ingested = ingest_orders(
                    raw, mapping, folder / "canonical", secret=load_or_create_secret()
                )
        except OrdersFileError as exc:
            st.session_state.pop(f"{NS}:ingested", None)
            st.error(describe_orders_error(exc, lang))
            return None
        st.session_state[f"{NS}:ingested"] = (read, ingested.included_orders, ingested.excluded)
    _, included, excluded = st.session_state[f"{NS}:ingested"]
    if included == 0:
        st.error("\n\n".join([t("cust.nothing_left", lang), *exclusion_lines(excluded, lang)]))
        return None
    return str(output), ColumnMapping.identity().model_dump_json(), f"upload:{read}"


def run_line(report: CustomerReport, lang: Locale) -> None:
    """Which engine answered, how many orders it read, how long it took; exclusions."""
    from core.text.orders import exclusion_lines

    end = report.calibration_end.isoformat() if report.calibration_end else "—"
    st.caption(
        t(
            "cust.run",
            lang,
            engine=t(f"cust.engine.{report.run.engine}", lang),
            orders=format_count(report.orders_read, lang),
            seconds=f"{report.run.elapsed_seconds:.1f}",
            end=end,
        )
    )
    after = report.orders_after_calibration_end
    if after:
        st.caption(t("cust.after_end", lang, count=format_count(after, lang), end=end))
    lines = exclusion_lines(report.excluded, lang)
    st.caption(t("list.group_separator", lang).join(lines) or t("cust.no_exclusions", lang))


def headline(report: CustomerReport, lang: Locale) -> None:
    """Customers, revenue, repurchase rate and cycle; the top-x % sentence."""
    rep = report.repurchase
    cells = [
        (t("cust.kpi.customers", lang), format_count(report.customers, lang)),
        (t("cust.kpi.revenue", lang), format_money(report.revenue, lang)),
        (t("cust.kpi.repurchase", lang), format_percent(rep.repurchase_rate if rep else None)),
        (
            t("cust.kpi.cycle", lang),
            t("cust.days", lang, days=f"{rep.cycle_median_days:.0f}")
            if rep and rep.cycle_median_days is not None
            else "—",
        ),
    ]
    for column, (label, value) in zip(st.columns(len(cells)), cells, strict=True):
        column.metric(label, value)
    for top in report.top_shares:
        share = format_percent(top.revenue_share)
        st.markdown(t("cust.top_share", lang, percent=top.percent, share=share))


def segments_view(report: CustomerReport, lang: Locale) -> None:
    """RFM segments: table (counts, revenue and shares) and a revenue-share chart."""
    from core.text.orders import segment_label

    st.subheader(t("cust.rfm", lang))
    st.caption(t("cust.rfm.help", lang))
    rows = [r for r in report.segments if r.customers]
    table = pd.DataFrame(
        {
            t("cust.col.segment", lang): [segment_label(r.segment, lang) for r in rows],
            t("cust.col.customers", lang): [format_count(r.customers, lang) for r in rows],
            t("cust.col.customer_share", lang): [format_percent(r.customer_share) for r in rows],
            t("cust.col.revenue", lang): [format_money(r.revenue, lang) for r in rows],
            t("cust.col.revenue_share", lang): [format_percent(r.revenue_share) for r in rows],
        }
    )
    st.dataframe(table, hide_index=True, key=f"{NS}:segments")
    labels = [segment_label(r.segment, lang) for r in rows]
    figure = go.Figure(
        [
            go.Bar(
                name=t("cust.col.customer_share", lang),
                x=labels,
                y=[r.customer_share * 100 for r in rows],
            ),
            go.Bar(
                name=t("cust.col.revenue_share", lang),
                x=labels,
                y=[r.revenue_share * 100 for r in rows],
            ),
        ]
    )
    figure.update_layout(barmode="group", yaxis_ticksuffix="%", height=340, margin={"t": 20})
    plotly(figure, key=f"{NS}:segments_chart")


def cohort_view(report: CustomerReport, lang: Locale) -> None:
    """Retention and revenue heatmaps of the monthly acquisition cohorts."""
    if not report.cohorts:
        return
    st.subheader(t("cust.cohorts", lang))
    cells = pd.DataFrame([c.model_dump() for c in report.cohorts])
    cells["cohort"] = pd.to_datetime(cells["cohort_month"]).dt.strftime("%Y-%m")
    for column, measure, scale in zip(
        st.columns(2), ("retention", "revenue"), (100.0, 1.0), strict=True
    ):
        grid = cells.pivot(index="cohort", columns="months_since", values=measure) * scale
        values = grid.to_numpy()
        if measure == "revenue":
            divisor, colorbar = money_axis_for(float(np.nanmax(values)), lang)
        else:
            divisor, colorbar = 1.0, {"ticksuffix": "%"}
        heat = go.Heatmap(
            z=values / divisor,
            x=list(grid.columns),
            y=list(grid.index),
            colorscale="Blues",
            colorbar=colorbar,
        )
        figure = go.Figure(heat)
        figure.update_layout(
            height=360,
            margin={"t": 30},
            title=t(f"cust.cohort.{measure}", lang),
            xaxis_title=t("cust.cohort.since", lang),
            # "2024-01" as written: as dates plotly labels them "Jan 2024" in any language
            yaxis={
                "title": t("cust.cohort.month", lang),
                "type": "category",
                "autorange": "reversed",
            },
        )
        with column:
            plotly(figure, key=f"{NS}:cohort:{measure}")


def clv_view(value: CustomerValue | None, lang: Locale) -> None:
    """Fitted parameters, the CLV distribution and the per-segment table."""
    from core.analysis.customer_value.valuation import value_by_segment
    from core.data.orders.queries import SEGMENTS
    from core.text.orders import segment_label

    st.subheader(t("cust.clv", lang))
    st.caption(t("cust.clv.help", lang))
    if value is None:
        st.warning(t("cust.clv.failed", lang))
        return
    b, g = value.bgnbd, value.gamma_gamma
    if g is None:
        st.warning(t("cust.clv.no_spend", lang))
        return
    st.caption(
        t(
            "cust.clv.params", lang,
            r=f"{b.r:.3f}", alpha=f"{b.alpha:.3f}", a=f"{b.a:.3f}", b=f"{b.b:.3f}",
            ll=format_number(b.log_likelihood, 1), p=f"{g.p:.2f}", q=f"{g.q:.2f}", v=f"{g.v:.2f}",
        )
    )  # fmt: skip
    clv = value.customers["clv"]
    repeat = value.customers["frequency"] > 0
    st.markdown(
        t(
            "cust.clv.summary", lang,
            mean=format_money(clv.mean(), lang), median=format_money(clv.median(), lang),
            alive=format_percent(value.customers["p_alive"][repeat].mean()),
            one_time=format_percent(1.0 - repeat.mean()),
        )
    )  # fmt: skip
    cap = float(clv.quantile(0.99))
    scale, ticks = money_axis_for(cap, lang)
    figure = go.Figure(go.Histogram(x=clv.clip(upper=cap) / scale, nbinsx=40))
    figure.update_layout(
        height=300,
        margin={"t": 20},
        xaxis={"title": t("cust.clv.axis", lang), **ticks},
        yaxis={"title": t("cust.clv.count", lang), "tickformat": ",d"},  # 25,000, not 25k
    )
    plotly(figure, key=f"{NS}:clv_chart")
    table = value_by_segment(value.customers, SEGMENTS)
    st.dataframe(
        pd.DataFrame(
            {
                t("cust.col.segment", lang): [segment_label(s, lang) for s in table.segment],
                t("cust.col.customers", lang): [format_count(n, lang) for n in table.customers],
                t("cust.col.one_time", lang): [format_percent(s) for s in table.one_time_share],
                t("cust.col.p_alive", lang): [format_percent(p) for p in table.p_alive],
                t("cust.col.expected_purchases", lang): [
                    f"{e:.2f}" for e in table.expected_purchases
                ],
                t("cust.col.clv_mean", lang): [format_money(c, lang) for c in table.clv_mean],
                t("cust.col.clv_share", lang): [format_percent(c) for c in table.clv_share],
            }
        ),
        hide_index=True,
        key=f"{NS}:clv_segments",
    )


def _apply(state: ScenarioState, values: list[CalibratedValue]) -> None:
    from core.data.orders.calibration import apply_calibration

    state.load(apply_calibration(state.scenario(), values), origin="data")
    st.session_state[CALIBRATED_KEY] = values


def calibration_box(state: ScenarioState, report: CustomerReport, lang: Locale) -> None:
    """Buttons that set drivers from the orders (and an uploaded campaign file)."""
    from core.analysis.ads_response import response_drivers
    from core.data.orders.calibration import calibrate_campaign_file, calibrate_orders
    from core.data.orders.errors import OrdersFileError
    from core.text.orders import describe_orders_error

    st.subheader(t("cust.calibrate", lang))
    st.caption(t("cust.calibrate.help", lang))
    values = calibrate_orders(report)
    if values:
        st.button(
            t("cust.calibrate.orders", lang),
            on_click=_apply,
            args=(state, values),
            key=f"{NS}:cal_orders",
        )
    else:
        st.info(t("cust.calibrate.none", lang))
    campaigns = file_uploader(
        t("cust.calibrate.campaigns", lang),
        key=f"{NS}:campaigns",
        types=["csv", "xlsx", "parquet"],
        max_mb=MAX_ORDERS_MB,
        locale=lang,
    )
    if campaigns is not None:
        try:
            with raw_copy(campaigns, "campaigns") as path:
                ads = calibrate_campaign_file(path, response_drivers)
        except OrdersFileError as exc:
            st.error(describe_orders_error(exc, lang))
        else:
            st.button(
                t("cust.calibrate.ads", lang),
                on_click=_apply,
                args=(state, ads),
                key=f"{NS}:cal_ads",
            )
    applied = st.session_state.get(CALIBRATED_KEY)
    if applied and state.origin == "data":
        _applied_table(applied, lang)


def _applied_table(values: list[CalibratedValue], lang: Locale) -> None:
    first, last = min(v.first for v in values), max(v.last for v in values)
    st.success(t("cust.calibrate.applied", lang, count=len(values), first=first, last=last))
    st.dataframe(
        [
            {
                t("cust.col.field", lang): field_label(v.path, lang),
                t("cust.col.value", lang): value_text(v.path, v.value, lang),
                t(
                    "cust.col.range", lang
                ): f"{value_text(v.path, v.low, lang)} – {value_text(v.path, v.high, lang)}",
                t("cust.col.source", lang): t(
                    "cust.source_label", lang, first=v.first, last=v.last
                ),
            }
            for v in values
        ],
        hide_index=True,
        key=f"{NS}:applied",
    )

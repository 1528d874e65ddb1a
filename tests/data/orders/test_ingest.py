"""Uploads → canonical Parquet: encodings, formats, mapping, dates, errors, personal data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import stat
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from core.data.orders.engines import connect
from core.data.orders.errors import ORDERS_ERROR_KEYS, OrdersFileError
from core.data.orders.ingest import ingest_orders, preview_upload
from core.data.orders.pseudonym import load_or_create_secret, pseudonym
from core.data.orders.schema import CANONICAL_FIELDS, EXCLUSION_REASONS, ColumnMapping
from core.text.catalog import has
from core.text.orders import describe_orders_error, exclusion_lines
from tests.data.orders.conftest import SECRET

HEADER = [
    "订单编号",
    "买家会员名",
    "手机号",
    "收货人姓名",
    "下单时间",
    "实付金额",
    "订单状态",
    "收货地址",
]
PII = {"13800000001", "13900000002", "张三", "李四", "北京市朝阳区某路1号", "上海市某路2号"}
ROWS = [
    ["T1", "buyer_a", "13800000001", "张三", "2024-01-05 13:00:00", "128.50", "交易成功",
     "北京市朝阳区某路1号"],
    ["T2", "buyer_b", "13900000002", "李四", "2024/01/06 09:30", "￥1,024.00", "已退款",
     "上海市某路2号"],
    ["T3", "buyer_a", "13800000001", "张三", "20240110", "64", "交易关闭", "北京市朝阳区某路1号"],
    ["T4", "buyer_c", "13800000001", "张三", "45296.5", "0", "交易成功", "北京市朝阳区某路1号"],
    ["T5", "buyer_c", "13800000001", "张三", "2024-01-07T01:00:00Z", "10", "交易成功",
     "北京市朝阳区某路1号"],
    ["T6", "", "13800000001", "张三", "2024-01-08 10:00", "5", "交易成功", "北京市朝阳区某路1号"],
    ["T7", "buyer_b", "13900000002", "李四", "2024-01-09 10:00", "-3", "交易成功", "上海市某路2号"],
    ["T8", "buyer_b", "13900000002", "李四", "2024-01-09 11:00", "7", "等待买家付款",
     "上海市某路2号"],
]  # fmt: skip
EXPECTED_TIMES = [
    "2024-01-05 13:00:00",
    "2024-01-06 09:30:00",
    "2024-01-10 00:00:00",
    "2024-01-05 12:00:00",  # Excel serial 45296.5
    "2024-01-07 09:00:00",  # 01:00 UTC in Asia/Shanghai
    "2024-01-08 10:00:00",
    "2024-01-09 10:00:00",
    "2024-01-09 11:00:00",
]


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([header, *rows])
    return buffer.getvalue()


def write_csv(path: Path, encoding: str, header: list[str] = HEADER, rows=ROWS) -> Path:
    path.write_bytes(csv_text(header, rows).encode(encoding))
    return path


def ingest(path: Path, out: Path, mapping: ColumnMapping | None = None):
    return ingest_orders(path, mapping or preview_upload(path).proposal, out, secret=SECRET)


@pytest.mark.parametrize(
    ("encoding", "detected"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030")]
)
def test_csv_encodings(tmp_path: Path, encoding: str, detected: str) -> None:
    path = write_csv(tmp_path / "orders.csv", encoding)
    preview = preview_upload(path)
    assert preview.encoding == detected
    assert preview.headers == HEADER
    report = ingest(path, tmp_path / "out")
    assert report.encoding == detected
    frame = pd.read_parquet(report.output)
    assert list(frame.columns) == list(CANONICAL_FIELDS)
    assert list(frame.order_id) == [f"T{i}" for i in range(1, 9)]
    assert list(frame.status)[:3] == ["交易成功", "已退款", "交易关闭"]


def test_mapping_proposal_for_platform_and_english_headers() -> None:
    from core.data.orders.schema import propose_mapping

    chinese = propose_mapping(
        ["订单号", "买家ID", "付款时间", "买家实付金额", "订单状态", "渠道", "平台"]
    )
    assert chinese == ColumnMapping(
        order_id="订单号", customer_id="买家ID", order_time="付款时间", amount="买家实付金额",
        status="订单状态", channel="渠道", platform="平台",
    )  # fmt: skip
    english = propose_mapping(["Order ID", "User_ID", "Created At", "Total", "Status", "phone"])
    assert english == ColumnMapping(
        order_id="Order ID", customer_id="User_ID", order_time="Created At", amount="Total",
        status="Status",
    )  # fmt: skip
    assert propose_mapping(["a", "b"]).missing_required() == ["customer_id", "order_time", "amount"]


def test_dates_amounts_and_exclusions_are_parsed_and_reported(tmp_path: Path) -> None:
    report = ingest(write_csv(tmp_path / "o.csv", "utf-8"), tmp_path / "out")
    frame = pd.read_parquet(report.output)
    assert [str(t) for t in frame.order_time] == EXPECTED_TIMES
    assert list(frame.amount) == [128.5, 1024.0, 64.0, 0.0, 10.0, 5.0, -3.0, 7.0]
    assert report.rows_read == 8
    assert report.excluded == {
        **dict.fromkeys(EXCLUSION_REASONS, 0),
        "missing_customer_id": 1,
        "refunded": 1,
        "cancelled": 1,
        "unpaid": 1,
        "zero_amount": 1,
        "negative_amount": 1,
    }
    assert report.included_orders == 2
    assert report.customers == 2  # buyer_a (T1) and buyer_c (T5)
    assert (report.first_order, report.last_order) == (dt.date(2024, 1, 5), dt.date(2024, 1, 7))
    assert "1 cancelled or closed order excluded" in exclusion_lines(report.excluded, "en")


def test_personal_data_never_reaches_the_output(tmp_path: Path) -> None:
    report = ingest(write_csv(tmp_path / "o.csv", "gbk"), tmp_path / "out")
    table = pq.read_table(report.output)
    assert table.column_names == list(CANONICAL_FIELDS)
    cells = {str(v) for column in table.columns for v in column.to_pylist()}
    assert not cells & PII
    assert not cells & {"buyer_a", "buyer_b", "buyer_c"}
    ids = table["customer_id"].to_pylist()
    assert ids[0] == pseudonym("buyer_a", SECRET)
    assert ids[5] is None  # empty id stays empty
    assert all(v is None or re.fullmatch(r"[0-9a-f]{20}", v) for v in ids)
    assert sorted(p.name for p in report.output.parent.iterdir()) == ["orders.parquet"]


def test_excel_upload(tmp_path: Path) -> None:
    frame = pd.DataFrame(ROWS, columns=HEADER)
    frame["实付金额"] = [128.5, 1024.0, 64, 0, 10, 5, -3, 7]
    frame["下单时间"] = [dt.datetime(2024, 1, 5, 13), *EXPECTED_TIMES[1:]]
    path = tmp_path / "orders.xlsx"
    frame.to_excel(path, index=False)
    report = ingest(path, tmp_path / "out")
    assert (report.format, report.encoding) == ("xlsx", None)
    out = pd.read_parquet(report.output)
    assert [str(t) for t in out.order_time] == EXPECTED_TIMES
    assert list(out.amount) == [128.5, 1024.0, 64.0, 0.0, 10.0, 5.0, -3.0, 7.0]


def test_parquet_upload_with_boolean_refunds_and_utc_times(tmp_path: Path) -> None:
    table = pa.table(
        {
            "user_id": [1, 2, 2],
            "created_at": pa.array(
                [dt.datetime(2024, 1, 1, 20, tzinfo=dt.UTC)] * 3, pa.timestamp("us", tz="UTC")
            ),
            "amount": [10.0, 20.0, 30.0],
            "is_refunded": [False, True, False],
            "phone": ["13800000001"] * 3,
        }
    )
    pq.write_table(table, tmp_path / "lake.parquet")
    preview = preview_upload(tmp_path / "lake.parquet")
    assert preview.proposal.status == "is_refunded"
    report = ingest(tmp_path / "lake.parquet", tmp_path / "out")
    out = pd.read_parquet(report.output)
    assert [str(t) for t in out.order_time] == ["2024-01-02 04:00:00"] * 3
    assert list(out.status.fillna("-")) == ["-", "refunded", "-"]
    assert report.excluded["refunded"] == 1
    assert "phone" not in out.columns


@pytest.mark.parametrize(
    ("value", "key"),
    [("abc", "orders.error.amount_not_number"), ("12,5元x", "orders.error.amount_not_number")],
)
def test_text_in_amount(tmp_path: Path, value: str, key: str) -> None:
    rows = [list(r) for r in ROWS]
    rows[2][5] = value
    path = write_csv(tmp_path / "o.csv", "utf-8", rows=rows)
    with pytest.raises(OrdersFileError) as error:
        ingest(path, tmp_path / "out")
    assert error.value.key == key
    assert error.value.params == {"column": "实付金额", "row": 4, "value": value}


def test_unparseable_and_out_of_range_dates(tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[6][4] = "05/01/2024 10:00"
    with pytest.raises(OrdersFileError) as error:
        ingest(write_csv(tmp_path / "a.csv", "utf-8", rows=rows), tmp_path / "out")
    assert error.value.key == "orders.error.date_unparseable"
    assert error.value.params == {"column": "下单时间", "row": 8, "value": "05/01/2024 10:00"}
    rows[6][4] = "1899-01-01"
    with pytest.raises(OrdersFileError) as error:
        ingest(write_csv(tmp_path / "b.csv", "utf-8", rows=rows), tmp_path / "out")
    assert error.value.key == "orders.error.date_out_of_range"


def test_missing_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "o.csv", "utf-8")
    proposal = preview_upload(path).proposal
    with pytest.raises(OrdersFileError) as error:
        ingest(path, tmp_path / "out", proposal.model_copy(update={"amount": None}))
    assert (error.value.key, error.value.params) == (
        "orders.error.missing_field",
        {"field": "amount"},
    )
    with pytest.raises(OrdersFileError) as error:
        ingest(path, tmp_path / "out", proposal.model_copy(update={"amount": "金额"}))
    assert (error.value.key, error.value.params) == (
        "orders.error.column_not_found", {"column": "金额"}
    )  # fmt: skip
    no_amount = write_csv(tmp_path / "n.csv", "utf-8", HEADER[:5], [r[:5] for r in ROWS])
    assert preview_upload(no_amount).proposal.amount is None


def test_empty_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(OrdersFileError) as error:
        preview_upload(empty)
    assert error.value.key == "orders.error.empty_file"
    header_only = write_csv(tmp_path / "header.csv", "utf-8", rows=[])
    with pytest.raises(OrdersFileError) as error:
        ingest(header_only, tmp_path / "out")
    assert error.value.key == "orders.error.no_rows"
    blank = tmp_path / "blank.csv"
    blank.write_text("\n\n", encoding="utf-8")
    with pytest.raises(OrdersFileError) as error:
        preview_upload(blank)
    assert error.value.key == "orders.error.empty_file"


def test_malformed_csv_and_unknown_formats(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(csv_text(HEADER, ROWS[:2]) + "T9,x,1,2,2024-01-01,5,ok,addr,EXTRA\r\n")
    with pytest.raises(OrdersFileError) as error:
        ingest(bad, tmp_path / "out")
    assert error.value.key == "orders.error.csv_malformed"
    assert "EXTRA" not in str(error.value)  # DuckDB's text quotes the line: not passed on
    with pytest.raises(OrdersFileError) as error:
        preview_upload(write_csv(tmp_path / "orders.json", "utf-8"))
    assert error.value.params == {"suffix": ".json"}
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"\xff\xfe\x00" * 10)
    with pytest.raises(OrdersFileError) as error:
        preview_upload(latin)
    assert error.value.key == "orders.error.encoding"


def test_engine_reads_only_its_source(tmp_path: Path) -> None:
    report = ingest(write_csv(tmp_path / "o.csv", "utf-8"), tmp_path / "out")
    with connect() as engine:
        engine.open(report.output)
        with pytest.raises(duckdb.PermissionException):
            engine.backend.con.execute("SELECT * FROM read_csv($p)", {"p": str(tmp_path / "o.csv")})
        with pytest.raises(duckdb.Error):
            engine.backend.con.execute("SET enable_external_access = true")


def test_secret_file_is_created_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "home" / "pseudonym.key"
    secret = load_or_create_secret(path)
    assert len(secret) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_secret(path) == secret
    assert pseudonym(" buyer_a ", secret) == pseudonym("buyer_a", secret)
    assert pseudonym("buyer_a", secret) != pseudonym("buyer_a", SECRET)


def test_every_error_and_exclusion_has_a_catalog_text() -> None:
    for key in ORDERS_ERROR_KEYS:
        assert has(key), key
    for reason in EXCLUSION_REASONS:
        assert has(f"orders.excluded.{reason}"), reason
    with pytest.raises(KeyError):
        OrdersFileError("orders.error.no_such_key")  # type: ignore[arg-type]
    error = OrdersFileError("orders.error.amount_not_number", column="实付金额", row=4, value="abc")
    assert describe_orders_error(error, "zh-CN") == "「实付金额」列第 4 行的金额「abc」不是数字。"


def test_files_that_are_not_what_their_name_says(tmp_path: Path) -> None:
    """Text renamed to .xlsx, a zip that is no workbook, garbage named .parquet: one
    translated message, without the reader's text (it may quote the file)."""
    import zipfile

    text = tmp_path / "orders.xlsx"
    text.write_text("订单号,实付金额\n1,13800001234\n", encoding="utf-8")
    not_a_book = tmp_path / "zipped.xlsx"
    with zipfile.ZipFile(not_a_book, "w") as archive:
        archive.writestr("orders.csv", "phone\n13800001234\n")
    garbage = tmp_path / "orders.parquet"
    garbage.write_bytes(b"13800001234 not parquet at all")
    excel = "Excel (.xlsx)"
    for path, name in ((text, excel), (not_a_book, excel), (garbage, "Parquet")):
        with pytest.raises(OrdersFileError) as error:
            preview_upload(path)
        assert error.value.key == "orders.error.unreadable"
        assert error.value.params == {"format": name}
        assert "13800001234" not in str(error.value)
        assert describe_orders_error(error.value, "zh-CN").startswith("无法读取该文件")

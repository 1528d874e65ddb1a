"""Campaign result files: Chinese headers, encodings and Excel, bad cells, the fitted curve."""

import datetime as dt

import pytest
from openpyxl import Workbook

from core.data.orders.calibration import calibrate_campaign_file, campaign_column
from core.data.orders.errors import OrdersFileError

HEADER_ZH = "日期,平台,花费(元),展现量,点击量,成交订单数,成交金额\n"
ROWS = [
    ("2024-03-01", "抖音", "1,000", "50000", "800", "20", "4000"),
    ("2024/03/02", "抖音", "￥2000", "90000", "1200", "30", "6600"),
]


def no_curve(spend, clicks):
    return None


def test_headers_are_recognised_in_english_and_chinese():
    assert campaign_column("花费（元）") == "spend"
    assert campaign_column(" Clicks ") == "clicks"
    assert campaign_column("成交金额") == "gmv"
    assert campaign_column("手机号") is None


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_a_chinese_csv_gives_the_ads_drivers(tmp_path, encoding):
    path = tmp_path / "campaigns.csv"
    path.write_text(HEADER_ZH + "".join(",".join(f'"{c}"' for c in r) + "\n" for r in ROWS),
                    encoding=encoding)  # fmt: skip
    values = {v.path: v for v in calibrate_campaign_file(path, no_curve)}
    # CPC = (1,000 + 2,000) / (800 + 1,200) = 1.5; CTR = 2,000 / 140,000; CVR = 50 / 2,000;
    # AOV = 10,600 / 50 = 212. No strategy column: every row is ads.
    assert values["ads.cpc"].value == pytest.approx(1.5)
    assert values["ads.ctr"].value == pytest.approx(2_000 / 140_000)
    assert values["ads.cvr"].value == pytest.approx(0.025)
    assert values["ads.aov"].value == pytest.approx(212.0)
    assert (values["ads.cpc"].first, values["ads.cpc"].last) == (
        dt.date(2024, 3, 1),
        dt.date(2024, 3, 2),
    )


def test_an_excel_file_and_a_fitted_curve(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["投放日期", "平台", "消耗", "曝光量", "点击数", "订单数", "成交额"])
    sheet.append([dt.datetime(2024, 3, 1), "抖音", 1000, 50000, 800, 20, 4000])
    sheet.append([dt.datetime(2024, 3, 2), "抖音", 2000, 90000, 1200, 30, 6600])
    path = tmp_path / "campaigns.xlsx"
    book.save(path)
    seen = {}

    def curve(spend, clicks):
        seen["days"] = (list(spend), list(clicks))
        return {"ads.cpc": (1.2, 1.1, 1.3), "ads.saturation_clicks": (9_000.0, 8_000.0, 10_000.0)}

    values = {v.path: v for v in calibrate_campaign_file(path, curve)}
    assert seen["days"] == ([1000.0, 2000.0], [800.0, 1200.0])
    # The curve's list price replaces the average CPC; its ceiling is added.
    assert (values["ads.cpc"].value, values["ads.cpc"].low) == (1.2, 1.1)
    assert values["ads.saturation_clicks"].value == 9_000.0
    assert values["ads.cvr"].value == pytest.approx(0.025)


def test_text_in_a_number_column_names_the_column_and_row(tmp_path):
    path = tmp_path / "campaigns.csv"
    path.write_text(HEADER_ZH + "2024-03-01,抖音,abc,1,1,1,1\n", encoding="utf-8")
    with pytest.raises(OrdersFileError) as error:
        calibrate_campaign_file(path, no_curve)
    assert error.value.key == "orders.error.amount_not_number"
    assert error.value.params == {"column": "花费(元)", "row": 2, "value": "abc"}


def test_a_missing_column_is_named(tmp_path):
    path = tmp_path / "campaigns.csv"
    path.write_text("日期,平台,花费\n2024-03-01,抖音,1\n", encoding="utf-8")
    with pytest.raises(OrdersFileError) as error:
        calibrate_campaign_file(path, no_curve)
    assert error.value.key == "orders.error.column_not_found"
    assert error.value.params == {"column": "impressions"}

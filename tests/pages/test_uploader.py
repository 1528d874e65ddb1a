"""Uploaders whose button and limit texts follow the user's language."""

from dataclasses import dataclass

import pytest
from streamlit.testing.v1 import AppTest

from pages.components.uploader import key_class, refusal_text, refused, uploader_css


def test_key_class_matches_streamlits_element_class():
    # Streamlit names the element of key "file:upload" st-key-file-upload.
    assert key_class("file:upload") == "st-key-file-upload"
    assert key_class("cust:cal_orders@zh-CN") == "st-key-cust-cal_orders-zh-CN"


@pytest.mark.parametrize(
    ("lang", "button", "limit"),
    [("zh-CN", '"上传"', '"单个文件不超过 200 MB · CSV, PARQUET"'),
     ("en", '"Upload"', '"Up to 200 MB per file · CSV, PARQUET"')],
)  # fmt: skip
def test_the_css_shows_the_button_and_limit_in_the_users_language(lang, button, limit):
    css = uploader_css("cust:campaigns", ["csv", "parquet"], 200, lang)
    assert css.startswith("<style>")
    assert css.endswith("</style>")
    assert f"content: {button}" in css
    assert f"content: {limit}" in css
    assert ".st-key-cust-campaigns [data-testid=stFileUploaderDropzone]" in css


def _sidebar_uploader() -> None:
    import streamlit as st

    from pages.components.uploader import file_uploader

    file_uploader("x", key="file:upload", types=["json"], max_mb=1, locale="zh-CN")
    st.write("done")


def test_the_widget_takes_any_file_so_that_refusals_are_ours():
    """Streamlit refuses a wrong type or size with an English tooltip only."""
    at = AppTest.from_function(_sidebar_uploader).run()
    assert not at.exception
    (uploader,) = at.get("file_uploader")
    assert not uploader.proto.type  # any type
    assert uploader.proto.max_upload_size_mb != 1  # the server's limit, not the box's
    assert "上传" in at.get("html")[0].proto.body


@dataclass
class Upload:
    name: str
    size: int


@pytest.mark.parametrize(
    ("upload", "zh", "en"),
    [
        (Upload("plan.txt", 10), "「plan.txt」不是可接受的文件类型：请上传 JSON 文件。",
         '"plan.txt" is not a file type this box takes: upload a JSON file.'),
        (Upload("big.JSON", 1_200_000), "「big.JSON」超过了 1 MB 的上限。",
         '"big.JSON" is larger than the 1 MB limit.'),
    ],
)  # fmt: skip
def test_a_refused_file_is_named_in_the_users_language(upload, zh, en):
    assert refusal_text(upload, ["json"], 1, "zh-CN") == zh
    assert refusal_text(upload, ["json"], 1, "en") == en


def test_a_file_of_the_right_type_and_size_is_taken():
    assert refused(Upload("方案.Json", 999_999), ["json"], 1) is None
    assert refused(None, ["json"], 1) is None

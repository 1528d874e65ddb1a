"""Uploaders whose button and limit texts follow the user's language."""

import pytest
from streamlit.testing.v1 import AppTest

from pages.components.uploader import key_class, uploader_css


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


def test_the_uploader_enforces_the_limit_it_states():
    at = AppTest.from_function(_sidebar_uploader).run()
    assert not at.exception
    (uploader,) = at.get("file_uploader")
    assert uploader.proto.max_upload_size_mb == 1
    assert "上传" in at.get("html")[0].proto.body

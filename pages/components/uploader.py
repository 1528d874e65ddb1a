"""File uploaders whose own texts follow the user's language.

Streamlit draws the dropzone's button ("Upload") and its limit line ("1MB per file •
JSON") in English and offers no parameter for them (streamlit/streamlit#13500). Each
uploader here gets a few lines of CSS, scoped to its key's ``st-key-…`` class, that
hide those two texts and show the catalog's instead (``upload.button``,
``upload.limit``). The limit shown is the one the widget enforces (``max_upload_size``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import streamlit as st

from core.text.catalog import Locale, t


def key_class(key: str) -> str:
    """The CSS class Streamlit gives the element of widget ``key``: ``st-key-`` and the key
    with every character other than letters, digits, ``-`` and ``_`` turned into ``-``."""
    return "st-key-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def uploader_css(key: str, types: Sequence[str], max_mb: int, locale: Locale) -> str:
    """The ``<style>`` that puts the button and limit texts of uploader ``key`` in
    ``locale``."""
    scope = f".{key_class(key)} [data-testid=stFileUploaderDropzone]"
    limit = t("upload.limit", locale, mb=max_mb, types=", ".join(x.upper() for x in types))
    return (
        "<style>"
        f"{scope} button p {{ font-size: 0; }}"
        f"{scope} button p::after {{ content: {_css_string(t('upload.button', locale))};"
        " font-size: 0.875rem; }"
        f"{scope} [data-testid=stFileUploaderDropzoneInstructions] span {{ font-size: 0; }}"
        f"{scope} [data-testid=stFileUploaderDropzoneInstructions] span::after"
        f" {{ content: {_css_string(limit)}; font-size: 0.875rem; }}"
        "</style>"
    )


def file_uploader(
    label: str,
    *,
    key: str,
    types: Sequence[str],
    max_mb: int,
    locale: Locale,
    **options: Any,
) -> Any:
    """``st.file_uploader`` for ``types`` up to ``max_mb`` MB with its texts in ``locale``."""
    st.html(uploader_css(key, types, max_mb, locale))
    return st.file_uploader(label, type=list(types), key=key, max_upload_size=max_mb, **options)

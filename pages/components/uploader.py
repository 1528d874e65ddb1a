"""File uploaders whose own texts follow the user's language.

Streamlit draws the dropzone's button ("Upload") and its limit line ("1MB per file •
JSON") in English and offers no parameter for them (streamlit/streamlit#13500). Each
uploader here gets a few lines of CSS, scoped to its key's ``st-key-…`` class, that
hide those two texts and show the catalog's instead (``upload.button``,
``upload.limit``).

The widget's own refusals (a wrong type, a file over ``max_upload_size``) appear only as
an English tooltip on a red icon. So the widget takes any file up to the server's
``maxUploadSize`` and :func:`refused` checks type and size here, with a message in the
user's language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

import streamlit as st

from core.text.catalog import Locale, t
from core.text.errors import printable


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


def refused(upload: Any, types: Sequence[str], max_mb: int) -> str | None:
    """Why ``upload`` (an uploaded file, or None) is not taken: ``upload.wrong_type`` when
    its name does not end in one of ``types``, ``upload.too_large`` above ``max_mb`` MB
    (10^6 bytes); None when it is taken or there is none."""
    if upload is None:
        return None
    if PurePath(upload.name).suffix.lower().lstrip(".") not in {x.lower() for x in types}:
        return "upload.wrong_type"
    if upload.size > max_mb * 1_000_000:
        return "upload.too_large"
    return None


def refusal_text(upload: Any, types: Sequence[str], max_mb: int, locale: Locale) -> str | None:
    """:func:`refused` as a sentence in ``locale`` naming the file (None when taken)."""
    key = refused(upload, types, max_mb)
    if key is None:
        return None
    name = printable(str(upload.name))
    return t(key, locale, name=name, mb=max_mb, types=", ".join(x.upper() for x in types))


def file_uploader(
    label: str,
    *,
    key: str,
    types: Sequence[str],
    max_mb: int,
    locale: Locale,
    **options: Any,
) -> Any:
    """``st.file_uploader`` for ``types`` up to ``max_mb`` MB with its texts in ``locale``;
    a file of another type or over the limit gets a message and is not returned."""
    st.html(uploader_css(key, types, max_mb, locale))
    upload = st.file_uploader(label, key=key, **options)
    problem = refusal_text(upload, types, max_mb, locale)
    if problem is not None:
        st.error(problem)
        return None
    return upload

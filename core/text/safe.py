"""Text a user controls (scenario names, file keys, uploaded headers) made safe to show.

Streamlit renders labels, alerts and headers as Markdown. :func:`markdown_literal`
backslash-escapes every Markdown and HTML control character, so a name such as
``![x](http://example.com/a.png)`` is shown as those characters and fetches nothing.
Plotly reads a subset of HTML in its labels: :func:`plot_literal` escapes it.
"""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=$:&\"'])")


def markdown_literal(text: str) -> str:
    """``text`` with Markdown / HTML specials escaped and line breaks turned into spaces."""
    flat = " ".join(text.split())
    return _MARKDOWN_SPECIALS.sub(r"\\\1", flat)


def plot_literal(text: str) -> str:
    """``text`` for a Plotly label: ``& < >`` as entities, line breaks turned into spaces."""
    return html.escape(" ".join(text.split()), quote=False)

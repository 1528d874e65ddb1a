"""Monetization Studio's domain core: pure, typed, no Streamlit.

Modules: ``scenario`` (the scenario file), ``strategies`` (the registry and one module per
strategy), ``evaluate`` (the engine), ``finance`` (NPV, payback, metrics), ``sensitivity``
(tornado, break-even), ``report`` (JSON output), ``i18n`` / ``formatting`` / ``errors``
(what people read), ``cli``.
"""

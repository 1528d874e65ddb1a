"""Thin Streamlit views: read widgets, call ``core``, draw."""

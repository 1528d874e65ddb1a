"""Streamlit components the pages compose. Each owns its session-state keys under a
namespace and is tested on its own with ``AppTest.from_function``."""

"""Monetization Studio (变现策略决策台): page routing and the language switch only.

``streamlit run app.py`` imports this file and serves ``app`` (an ``st.App`` whose
start-up prepares the landing page: :mod:`pages.components.warm_up`); every visit then
runs this file as the app's script (``__name__ == "__main__"``), which routes to a page.
"""

import streamlit as st

if __name__ == "__main__":
    from pages.components.shell import navigation

    navigation().run()
else:
    from pages.components.warm_up import warm_up

    app = st.App(__file__, lifespan=warm_up)

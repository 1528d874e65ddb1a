"""A shared link to a page opens that page, even as the first visit of a fresh server.

Before any session has run app.py, Streamlit treats ``pages/`` as an old-style pages
folder and runs a deep-linked page file on its own; the shell then runs it inside the
app's navigation (pages/components/session.py ``require_shell``). Own server: the shared
one has had visitors already.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import ARTIFACTS, VIEWPORT, _start_server, _stop

pytestmark = pytest.mark.browser


def test_a_deep_link_on_a_fresh_server_opens_its_page(browser: Browser) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS / "streamlit-fresh-server.log").open("wb") as log:
        started = _start_server(log)
        assert started is not None
        process, url = started
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(f"{url}/risk?lang=en")
            expect(page.get_by_role("heading", name="Risk", level=1)).to_be_visible(timeout=90_000)
            assert page.url.startswith(f"{url}/risk")
            nav = page.get_by_test_id("stSidebarNav")
            expect(nav.get_by_text("Strategy Lab")).to_be_visible()
            expect(page.locator('[data-testid="stException"]')).to_have_count(0)
            page.close()
        finally:
            _stop(process)

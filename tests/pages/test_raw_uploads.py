"""Raw uploads are not kept: the sweep removes what earlier sessions left behind."""

from __future__ import annotations

import os
import time
from pathlib import Path

from pages.components.customer_views import remove_stale_raw_files, remove_stale_sessions


def test_leftover_raw_uploads_are_removed_and_canonical_copies_kept(tmp_path: Path) -> None:
    old_session = tmp_path / "monetization-orders-old"
    (old_session / "canonical").mkdir(parents=True)
    leftovers = [old_session / "upload.csv", old_session / "campaigns.xlsx"]
    canonical = old_session / "canonical" / "orders.parquet"
    reading = tmp_path / "monetization-orders-now" / "upload.csv"
    reading.parent.mkdir()
    other = tmp_path / "someone-else" / "upload.csv"
    other.parent.mkdir()
    for path in (*leftovers, canonical, reading, other):
        path.write_text("手机号\n13800001234\n", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    for path in (*leftovers, canonical, other):
        os.utime(path, (an_hour_ago, an_hour_ago))
    assert remove_stale_raw_files(tmp_path) == 2
    assert not any(path.exists() for path in leftovers)
    assert canonical.exists()  # mapped columns, pseudonymised ids
    assert reading.exists()  # another session is reading it now
    assert other.exists()  # not the app's folder


def test_a_session_folder_untouched_for_a_day_goes_with_its_canonical_copy(tmp_path: Path) -> None:
    old, recent = tmp_path / "monetization-orders-old", tmp_path / "monetization-orders-now"
    for folder in (old, recent):
        (folder / "canonical").mkdir(parents=True)
        (folder / "canonical" / "orders.parquet").write_bytes(b"PAR1")
    two_days_ago = time.time() - 2 * 24 * 3600
    for path in (old, old / "canonical", old / "canonical" / "orders.parquet"):
        os.utime(path, (two_days_ago, two_days_ago))
    os.utime(recent, (two_days_ago, two_days_ago))  # its copy was written just now
    assert remove_stale_sessions(tmp_path) == 1
    assert not old.exists()
    assert (recent / "canonical" / "orders.parquet").exists()

"""Debian's Chromium for the tests that look at pages: where it is, and how it is started
here (headless, no sandbox as root, no background connections on a closed network)."""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def headless(profile: Path) -> list[str]:
    """The command line before the page's own flags and address."""
    assert CHROMIUM is not None
    return [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
    ]

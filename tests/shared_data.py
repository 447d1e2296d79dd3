"""Files from ``../shared/data`` (never copied into the repository).

Outside CI a missing file skips the test; in CI (``CI=true``) it fails it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SEED_PAGE = "seed/000_7a5cd6c446a82e29.txt"
DEV_SET = "dev/articles.jsonl"


def shared_path(relative: str) -> Path:
    """The path of a shared data file; skip (fail under CI) when it is missing."""
    path = SHARED_DATA / relative
    if not path.is_file():
        message = f"missing shared data file {path}"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return path

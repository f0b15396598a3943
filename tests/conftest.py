from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT

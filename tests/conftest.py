from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def deep_tree(base: Path, depth: int) -> Path:
    """`depth` nested folders under `base`, made one by one: mkdir(parents=True) recurses and
    fails near a thousand levels. Returns the deepest folder."""
    folder = base
    for _ in range(depth):
        folder = folder / "d"
        folder.mkdir()
    return folder


def remove_deep_tree(base: Path, deepest: Path) -> None:
    """Empty folders removed from the bottom up (shutil.rmtree recurses)."""
    folder = deepest
    while folder != base:
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()
        folder = folder.parent


def as_a_user(command: list[str]) -> list[str]:
    """The command without root's power to read any folder, so that file modes are obeyed:
    root keeps its uid but loses CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (setpriv)."""
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("running as root needs setpriv (util-linux) to test folder permissions")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--", *command]


# A phrasing of each way a question's base is stated (the guard and offset tests try each).
BASE_PHRASINGS = [
    "Base: 135 Social Workers",
    "Base: All naming a candidate (812)",
    "97 answered this question",
    "T ot als: 199",
    "Number of responses: 47",
    "\n40 responses\n",
    "(n=212)",
    "(n = 212)",
    "meaning the total is 180",
    "also the total was 180",
    "All 186 participants provided an answer",
    "received responses from all 135 social workers",
    "(32%) of the 5,400 members surveyed",
    "among the 720 nurses who took part",
]


def drawn_pdf(path: Path, *pages: Callable[[Any], None]) -> Path:
    """A PDF of A4 pages, each drawn on a reportlab canvas by one of `pages`: the PDF tests'
    own fixtures, drawn at test time."""
    from reportlab.pdfgen import canvas

    drawing = canvas.Canvas(str(path), pagesize=(595, 842))
    for draw in pages:
        draw(drawing)
        drawing.showPage()
    drawing.save()
    return path

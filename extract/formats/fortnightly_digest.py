"""Placeholder: detection and rules for this format are being written."""

from __future__ import annotations

from extract.document import Document
from extract.formats import Draft, generic

NAME = "fortnightly_digest"


def detect(text: str) -> float:
    return 0.0


def parse(doc: Document) -> Draft:
    return generic.parse(doc)

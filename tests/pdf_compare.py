"""What a PDF's record must share with its text twin: everything but spans, pages and source."""

from __future__ import annotations

from typing import Any


def essentials(record: dict[str, Any]) -> dict[str, Any]:
    def value(part: dict[str, Any] | None, *keys: str) -> Any:
        return None if part is None else tuple(part[k] for k in keys)

    return {
        "format": record["format"],
        "title": record["title"],
        "published": value(record["published"], "date"),
        "fieldwork": value(record["fieldwork"], "start", "end"),
        "respondents": value(record["respondents"], "n"),
        "invited": value(record["invited"], "n"),
        "series": value(record["series"], "number"),
        "questions": [
            {
                "text": q["text"],
                "figure": q["figure"],
                "kind": q["kind"],
                "base": value(q["base"], "n"),
                "options": [
                    (o["label"], o["percent"], o["qualifier"])
                    for o in q["options"]
                    if o["source"] == "text"
                ],
                "free_text_responses": value(q["free_text_responses"], "n"),
            }
            for q in record["questions"]
        ],
        "quotes": [(q["text"], q["speaker"], q["question"]) for q in record["quotes"]],
    }

"""Plain-text and Markdown reports: bytes to text, honest about encodings."""

from __future__ import annotations

import codecs

from extract.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> str:
    """Decode report bytes: a BOM decides, else UTF-8, else Windows-1252 (which UK reports use).

    Line endings become "\\n" so that line numbers and offsets agree on every platform.
    """
    if not data.strip():
        raise InputError("the file is empty", code="empty_file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding)
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"the text is neither UTF-8 nor Windows-1252 (byte {exc.start})",
                    code="undecodable_text",
                ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")

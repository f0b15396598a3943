"""The one place where text from outside (file names, report text, records) meets a terminal.

A file name or a record can hold anything: an escape sequence that recolours the screen, sets its
title or writes a link (ESC, OSC), a newline that forges a second `path: error …` line, a bidi
override that reverses what follows, bytes that are not UTF-8. Every line extract prints goes
through `escape`, which writes such characters as visible escapes (`\\x1b`, `\\n`, `\\u202e`)
instead; ordinary text, including every printable non-ASCII letter, is left as it is.
"""

from __future__ import annotations

import re

import typer

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)  # C0 and C1 controls, DEL, line and paragraph separators, bidi controls, lone surrogates
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(char: str) -> str:
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def escape(text: str) -> str:
    """`text` with every character that could control a terminal written as a visible escape."""
    return _UNSAFE.sub(lambda match: _visible(match.group()), text)


def escape_json(text: str) -> str:
    """JSON text (from json.dumps, which escapes C0 controls in strings itself) with the
    controls it leaves raw (DEL, C1, bidi, separators) as \\u escapes: they only occur inside
    strings, so the result is the same JSON value."""
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def echo(line: str, *, err: bool = False) -> None:
    """Print one line of extract's, escaped."""
    typer.echo(escape(line), err=err)

"""Tables a loader hands on as structure (`extract.document.Table`) to the blocks readers read.

A table's cells already say which words stand in which row and column, so nothing here parses
its text back; what is left is what its header words mean:

    header_rows -> column_roles -> (grid | answer table) -> table block

- a column headed "%", "Percent" gives shares, "Count", "N", "Responses" counts (in a grid,
  each row's base), "Total" each row's total (a Total of 100 is not an answer: it says the
  row's numbers are percentages);
- two or more columns headed otherwise are answers (a pollster's topline: items down the side,
  answers across): a grid, one question per row; a number without % is a percentage only when
  a header says so, the Total column reads 100, or the row adds up to a whole;
- a row with words but no numbers groups the rows under it (a region over its countries): not
  an item; nor is a cell of a group column beside the item's label;
- a row labelled as an earlier wave ("2019", "Previous wave") gives the row above it again:
  its numbers are that question's statistics;
- footnote markers glued to a label or header ("Thailand^", "Kenya*") are not part of it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

import regex

from extract import patterns
from extract.layout import WHOLE, Block, Cell, GridRow, Number, Row
from extract.vocab import words

if TYPE_CHECKING:
    from collections.abc import Sequence

    from extract.document import Table, TableCell

_NUMBER = patterns.compile(r"^(?P<value>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(?P<pct>%)?$")
_YEAR = patterns.compile(r"^(?:[A-Za-z]{3,9}\.?\s+)?(?:19|20)\d{2}(?:\s+(?:wave|survey))?$")
_MIN_ANSWER_COLUMNS = 2

Role = Literal["percent", "count", "total", "answer"]


def _key(text: str) -> str:
    return " ".join(text.lower().split())


_ROLES: dict[str, Role] = {
    **{_key(w): "percent" for w in words("tables", "percent")},
    **{_key(w): "count" for w in words("tables", "count")},
    **{_key(w): "total" for w in words("tables", "total")},
}
_EARLIER = frozenset(_key(w) for w in words("tables", "earlier"))


# A footnote marker glued before or after a cell's words, or a label's closing colon.
_LEADING_MARKER = patterns.compile(r"^[*^†‡§]+\s*")
_TRAILING_MARKER = patterns.compile(r"\s*[*^†‡§]+$|:$")
_PERCENT_WORD = patterns.compile(r"%|\bper\s?cent", regex.IGNORECASE)


def without_markers(cell: TableCell) -> Cell:
    """The cell's words less a footnote marker glued before or after them, offsets with them."""
    text, start = cell.text, cell.start
    lead = _LEADING_MARKER.match(text)
    if lead:
        text, start = text[lead.end() :], start + lead.end()
    text = _TRAILING_MARKER.sub("", text)
    return Cell(text, start, start + len(text))


def _number(cell: TableCell) -> tuple[float, bool] | None:
    """The cell's number and whether it carries its % sign; None for words."""
    match = _NUMBER.match(without_markers(cell).text)
    if match is None:
        return None
    return float(match.group("value").replace(",", "")), match.group("pct") is not None


def header_rows(table: Table) -> int:
    """How many rows head the table: those above the first row holding a number."""
    for index, row in enumerate(table.rows):
        if any(_number(cell) is not None for cell in row):
            return index
    return len(table.rows)


def number_columns(body: tuple[tuple[TableCell, ...], ...]) -> list[int]:
    """The columns of numbers: those where most cells with words are numbers (a trend row's
    "2021" in the label column does not make it one)."""
    cells: dict[int, list[bool]] = {}
    for row in body:
        for cell in row:
            cells.setdefault(cell.column, []).append(_number(cell) is not None)
    return sorted(c for c, numeric in cells.items() if sum(numeric) * 2 > len(numeric))


def column_names(table: Table, heading: int, columns: list[int]) -> list[str]:
    """Each column's name: the header cells over it read top down (a wrapped or stacked
    header), less footnote markers."""
    names = []
    for column in columns:
        parts = [
            without_markers(cell).text
            for row in table.rows[:heading]
            for cell in row
            if cell.column <= column < cell.column + cell.columns
        ]
        names.append(" ".join(p for p in parts if p))
    return names


def column_roles(names: list[str]) -> list[Role]:
    """What each column gives, by its header's words."""
    return [_ROLES.get(_key(name), "answer") for name in names]


def is_earlier(label: str) -> bool:
    """A row label naming an earlier wave or a comparison: "2021", "Previous wave"."""
    return _key(label) in _EARLIER or bool(_YEAR.match(label.strip()))


def _cells_at(
    row: tuple[TableCell, ...], first_number: int
) -> tuple[Cell | None, dict[int, Number]]:
    """A row's label (the last cell of words left of the numbers; a group column's cell before
    it is not the item) and its numbers by column."""
    label = None
    numbers: dict[int, Number] = {}
    for cell in row:
        read = _number(cell)
        if cell.column < first_number:
            label = without_markers(cell)
        elif read is not None:
            value, sign = read
            numbers[cell.column] = Number(
                cell.text, cell.start, cell.end, value, "percent" if sign else "bare"
            )
    return label, numbers


def table_to_block(table: Table) -> Block | None:
    """The table as a grid or an answer table, or None when its header names no answers and
    no share or count column (its text is then read as any other)."""
    heading = header_rows(table)
    body = table.rows[heading:]
    columns = number_columns(body)
    if not body or not columns:
        return None
    names = column_names(table, heading, columns)
    roles = column_roles(names)
    header_text = " ".join(c.text for row in table.rows[:heading] for c in row)
    rows = [_cells_at(row, columns[0]) for row in body]
    answers = [c for c, role in zip(columns, roles, strict=True) if role == "answer"]
    if len(answers) >= _MIN_ANSWER_COLUMNS and all(names[columns.index(c)] for c in answers):
        totals = [c for c, role in zip(columns, roles, strict=True) if role == "total"]
        counts = [c for c, role in zip(columns, roles, strict=True) if role == "count"]
        return _grid_block(table, names, columns, answers, totals, counts, rows, header_text)
    return _answer_block(table, names, columns, roles, rows)


def _grid_block(
    table: Table,
    names: list[str],
    columns: list[int],
    answers: list[int],
    totals: list[int],
    counts: list[int],
    rows: list[tuple[Cell | None, dict[int, Number]]],
    header_text: str,
) -> Block | None:
    """Rows of shares under the answer columns; a Total column reading 100 says they are
    shares, a count column ("N", "Base") gives each row's base."""
    points = tuple(names[columns.index(c)] for c in answers)
    said = bool(_PERCENT_WORD.search(header_text))
    grid_rows: list[GridRow] = []
    for label, numbers in rows:
        if label is None or not label.text or not all(c in numbers for c in answers):
            continue  # a group's heading row, or a row missing an answer's number
        cells = [numbers[c] for c in answers]
        total = next((numbers[c].value for c in totals if c in numbers), None)
        base = next(
            (numbers[c] for c in counts if c in numbers and numbers[c].value.is_integer()), None
        )
        whole = WHOLE[0] <= sum(n.value for n in cells) <= WHOLE[1]
        if not (said or total == 100 or whole or all(n.unit == "percent" for n in cells)):
            continue  # counts, or numbers of another kind: not shares of the row's answers
        shares = tuple(
            Number(n.text, n.start, n.end, n.value, "percent") for n in cells if n.value <= 100
        )
        if len(shares) != len(cells):
            continue
        grid_rows.append(
            GridRow(
                label,
                shares,
                label.start,
                max(n.end for n in numbers.values()),
                points,
                earlier=bool(grid_rows) and is_earlier(label.text),
                base=base,
            )
        )
    return _table_block(table, grid_rows, header=("", *points), grid=points)


def _answer_block(
    table: Table,
    names: list[str],
    columns: list[int],
    roles: list[Role],
    rows: list[tuple[Cell | None, dict[int, Number]]],
) -> Block | None:
    units: dict[int, Literal["percent", "count", "bare"]] = {
        c: ("percent" if r == "percent" else "count" if r in {"count", "total"} else "bare")
        for c, r in zip(columns, roles, strict=True)
    }
    if set(units.values()) == {"bare"}:
        return None  # no header names what the numbers are
    answer_rows = []
    for label, numbers in rows:
        if label is None or not label.text or not numbers:
            continue
        cells = tuple(
            Number(n.text, n.start, n.end, n.value, "percent" if n.unit == "percent" else units[c])
            for c, n in sorted(numbers.items())
        )
        answer_rows.append(Row(label, cells, label.start, max(n.end for n in cells)))
    return _table_block(
        table, answer_rows, percent_header="percent" in units.values(), header=tuple(names)
    )


def _table_block(table: Table, rows: Sequence[Row], **details: Any) -> Block | None:
    """The table block of `rows` read from a loader's table, its text their labels; None
    without rows."""
    if not rows:
        return None
    return Block(
        "table",
        table.start,
        table.end,
        "\n".join(row.label.text for row in rows),
        rows=tuple(rows),
        **details,
    )


def with_tables(blocks: tuple[Block, ...], tables: tuple[Table, ...]) -> tuple[Block, ...]:
    """The text's blocks with each table the loader found read from its structure instead: the
    blocks over its lines give way to the table's own block."""
    previous: Table | None = None
    for table in tables:
        if previous is not None and header_rows(table) == 0 and previous.columns == table.columns:
            # a table going on over a page break: its columns are the ones headed before
            table = replace(table, rows=(*previous.rows[: header_rows(previous)], *table.rows))
        previous = table
        block = table_to_block(table)
        if block is None:
            continue
        kept = [b for b in blocks if b.end <= table.start or b.start >= table.end]
        blocks = tuple(sorted([*kept, block], key=lambda b: b.start))
    return blocks

"""Pie charts in a PDF: each slice's value matched to its legend label by fill colour.

A pie's text layer holds its legend labels ("Yes", "No", "Don't know") and its slice values
("45%", "12 (30%)") as unrelated lines: the values stand inside or beside their slices, the
labels apart, beside small coloured swatches. What ties them is colour: a swatch is filled with
its slice's colour, and a value stands inside (or just outside) its slice's angle. So:

    shapes_to_keys -> shapes_to_pies -> shapes_to_slices -> words_to_values -> pie_entries

pdfium is asked for fill colours and outlines only in a chart area whose text may be a pie's
(values standing alone and labels standing alone), and for outlines only of the shapes whose
colour a legend swatch has, so other pages pay nothing.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from extract.loaders.pdfgrid import Box, PdfWord, joined
from extract.loaders.pdfplace import PlacedObject, apply, c_function, compose, object_matrix

Colour = tuple[int, int, int]
Point = tuple[float, float]

# A legend swatch is a small filled shape (points a side), about as tall as it is wide.
_SWATCH_SIDES = (3.0, 16.0)
_SWATCH_RATIO = 2.5
# A swatch's label starts within this many swatch widths (plus a few points) right of it.
_LABEL_GAP = 2.0
# A slice is a filled shape at least this large (points a side).
_SLICE_SIDE = 15.0
# A slice's value stands inside its pie or beside it, up to this many radii from the centre.
_VALUE_REACH = 1.6
# The slices' apex stands within this share of the radius of their joint box's middle.
_APEX_NEAR = 0.15
# Shapes whose boxes come this close (points) are one drawing.
_TOUCH = 1.0
# Outline points this share of the radius from the centre are on the outer arc (not the
# apex, nor a ring's inner arc).
_ON_ARC = 0.8
_MIN_SLICES = 2
# A share printed on a slice is the slice's size to within this many points (rounding), or
# this share of it.
_SHARE_SLACK = 1.5
_SHARE_SLACK_RATIO = 0.05
# A pie's slices together turn through a full circle, to within this share of it.
_FULL_TURN = 0.05

# A slice's value as charts print it: a share, a share and its count, a count and its share,
# or a count alone.
_SHARE = r"\d{1,3}(?:\.\d+)?\s?%"
_COUNT = r"\d{1,3}(?:,\d{3})*"
VALUE = re.compile(
    rf"^(?:(?P<share>{_SHARE})(?:,?\s*\(?{_COUNT}\)?)?"
    rf"|{_COUNT}\s*\((?P<bracketed>{_SHARE})\)"
    rf"|{_COUNT})$"
)


@dataclass(frozen=True)
class Shape:
    """A filled path of a chart area (page points from the top-left) and its fill colour."""

    left: float
    top: float
    right: float
    bottom: float
    colour: Colour
    points: tuple[Point, ...] = ()
    """The outline's points, read only for a shape whose colour a legend swatch has."""

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class LegendKey:
    """A legend entry: its swatch's colour and the label set beside it."""

    colour: Colour
    label: str
    words: tuple[PdfWord, ...]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)


@dataclass(frozen=True)
class Slice:
    """One slice: its colour, its pie's centre, and the angles it covers (radians, counter-
    clockwise on the page as the eye sees it, from `start` through `sweep`)."""

    colour: Colour
    centre: Point
    radius: float
    start: float
    sweep: float

    @property
    def share(self) -> float:
        """The share of the circle the slice covers, in percent."""
        return abs(self.sweep) / math.tau * 100

    def holds(self, angle: float) -> bool:
        """The direction `angle` from the centre falls within the slice."""
        turned = angle - self.start if self.sweep >= 0 else self.start - angle
        return turned % math.tau <= abs(self.sweep)


@dataclass(frozen=True)
class PieChart:
    """A pie read from its drawing: (legend label, slice value) per slice that prints one,
    the legend's keys whose slice prints none, and every word the pie took."""

    entries: tuple[tuple[LegendKey, str], ...]
    unvalued: tuple[LegendKey, ...]
    used: frozenset[PdfWord]


def is_value(text: str) -> bool:
    return VALUE.match(text) is not None


def value_share(text: str) -> str | None:
    """The share a slice's value states ("30%" of "12 (30%)"), None for a count alone."""
    match = VALUE.match(text)
    if match is None:
        return None
    return match.group("share") or match.group("bracketed")


def _phrases(words: list[PdfWord]) -> list[PdfWord]:
    """Words on one line set close together (under half a line's height apart) joined into
    one: a legend label of several words, or a value and its count."""
    phrases: list[PdfWord] = []
    for word in sorted(words, key=lambda w: (round(w.centre), w.left)):
        last = phrases[-1] if phrases else None
        if (
            last is not None
            and abs(last.centre - word.centre) < (word.bottom - word.top) / 2
            and 0 <= word.left - last.right < (word.bottom - word.top) / 2
        ):
            phrases[-1] = joined(last, word)
        else:
            phrases.append(word)
    return phrases


def may_be_pie(words: list[PdfWord]) -> bool:
    """The area's text is a pie's, worth asking pdfium about: two or more values standing
    alone and two or more labels standing alone."""
    phrases = _phrases(words)
    values = sum(1 for p in phrases if is_value(p.text))
    labels = sum(1 for p in phrases if any(c.isalpha() for c in p.text) and not is_value(p.text))
    return values >= _MIN_SLICES and labels >= _MIN_SLICES


def is_swatch(shape: Box) -> bool:
    """A small filled shape, about as tall as it is wide: a legend's key."""
    low, high = _SWATCH_SIDES
    width, height = shape.right - shape.left, shape.bottom - shape.top
    return (
        low <= width <= high
        and low <= height <= high
        and max(width, height) <= _SWATCH_RATIO * min(width, height)
    )


def shapes_to_keys(swatches: list[Shape], words: list[PdfWord]) -> list[LegendKey]:
    """Each swatch's label: the phrase starting just right of it on its row, with a letter in
    it and not a value (a bar's "12 (30%)" beside a small bar is no legend)."""
    phrases = [p for p in _phrases(words) if any(c.isalpha() for c in p.text)]
    keys = []
    for swatch in swatches:
        middle = (swatch.top + swatch.bottom) / 2
        reach = swatch.right + _LABEL_GAP * swatch.width + 4
        beside = [
            p
            for p in phrases
            if swatch.right - 1 <= p.left <= reach and abs(p.centre - middle) <= swatch.height
        ]
        if beside:
            label = min(beside, key=lambda p: p.left)
            parts = tuple(
                w
                for w in words
                if label.left <= w.left
                and w.right <= label.right + 0.5
                and abs(w.centre - label.centre) < 1
            )
            keys.append(LegendKey(swatch.colour, label.text, parts))
    return keys


def pie_centre(shapes: list[Shape]) -> Point:
    """The centre of the circle the shapes fill: the middle of their joint box, or the point
    their outlines share (the slices' apex) where one stands close to it."""
    left, right = min(s.left for s in shapes), max(s.right for s in shapes)
    top, bottom = min(s.top for s in shapes), max(s.bottom for s in shapes)
    middle = ((left + right) / 2, (top + bottom) / 2)
    counts = Counter(
        point for shape in shapes for point in {(round(x), round(y)) for x, y in shape.points}
    )
    shared = [(float(x), float(y)) for (x, y), count in counts.items() if count >= _MIN_SLICES]
    apex = min(shared, key=lambda p: math.dist(p, middle), default=None)
    if apex is not None and math.dist(apex, middle) <= _APEX_NEAR * (right - left) / 2:
        return apex
    return middle


def _angle(centre: Point, point: Point) -> float:
    """The direction from `centre` to `point` as the eye sees it (y grows downwards)."""
    return math.atan2(centre[1] - point[1], point[0] - centre[0])


def _turn(a: float, b: float) -> float:
    """The signed turn from angle a to angle b, within half a circle."""
    return (b - a + math.pi) % math.tau - math.pi


def shape_to_slice(shape: Shape, centre: Point) -> Slice | None:
    """The slice a shape draws around `centre`: its outline's points on the outer arc, in
    drawing order, turn through the slice's angle. The outline passes through the apex (or,
    for a ring, along the inner arc) and closes back to where it started, so the arc is the
    longest run of points on it; None for a shape with too few points on an arc."""
    distances = [math.dist(centre, p) for p in shape.points]
    if not distances:
        return None
    radius = max(distances)
    if radius < _SLICE_SIDE / 2:
        return None
    runs: list[list[Point]] = [[]]
    for point, distance in zip(shape.points, distances, strict=True):
        if distance >= _ON_ARC * radius:
            runs[-1].append(point)
        elif runs[-1]:
            runs.append([])
    closed = math.dist(shape.points[0], shape.points[-1]) < 1
    if len(runs) > 1 and closed and runs[0] and runs[-1]:
        runs[0] = runs.pop()[:-1] + runs[0]  # an outline starting part way round the arc
    best: tuple[float, float] | None = None
    for run in runs:
        angles = [_angle(centre, p) for p in run]
        sweep = sum(_turn(a, b) for a, b in itertools.pairwise(angles))
        if len(run) >= 2 and (best is None or abs(sweep) > abs(best[1])):
            best = (angles[0], sweep)
    if best is None:
        return None
    return Slice(shape.colour, centre, radius, *best)


def shapes_to_slices(shapes: list[Shape]) -> list[Slice]:
    """The slices of one pie's shapes: those that turn about the pie's centre, and only if
    together they go round the circle once, as a pie's slices do (bars of the legend's
    colours do not)."""
    centre = pie_centre(shapes)
    found = [s for s in (shape_to_slice(shape, centre) for shape in shapes) if s is not None]
    turned = sum(abs(s.sweep) for s in found)
    return found if abs(turned - math.tau) <= _FULL_TURN * math.tau else []


def _touch(a: Box, b: Box) -> bool:
    return not (
        b.left > a.right + _TOUCH
        or b.right < a.left - _TOUCH
        or b.top > a.bottom + _TOUCH
        or b.bottom < a.top - _TOUCH
    )


def shapes_to_pies(shapes: list[Shape]) -> list[list[Slice]]:
    """The pies among the shapes: shapes whose boxes touch, one another or through others,
    are one drawing; each drawing whose shapes are two or more slices of one circle, a pie."""
    groups: list[list[Shape]] = []
    for shape in shapes:
        joined = [g for g in groups if any(_touch(shape, other) for other in g)]
        merged = [shape, *(s for g in joined for s in g)]
        groups = [g for g in groups if g not in joined] + [merged]
    pies = [shapes_to_slices(group) for group in groups]
    return [pie for pie in pies if len(pie) >= _MIN_SLICES]


def _slice_for(pie: list[Slice], angle: float, share: float | None) -> list[Slice]:
    """The slices a value may name: for a share, those drawn that large, nearest in angle
    first (a label set apart with a leader line still names the slice of its size); for a
    count, the slice whose angle holds it."""
    if share is None:
        return [s for s in pie if s.holds(angle)]
    fitting = [
        s for s in pie if abs(s.share - share) <= max(_SHARE_SLACK, _SHARE_SLACK_RATIO * share)
    ]
    return sorted(fitting, key=lambda s: abs(_turn(angle, s.start + s.sweep / 2)))


def words_to_values(
    words: list[PdfWord], pie: list[Slice], taken: set[PdfWord]
) -> dict[Colour, PdfWord]:
    """Each slice's value: a value phrase inside the pie or beside it, given to the slice it
    names (`_slice_for`) that has none yet."""
    centre, radius = pie[0].centre, max(s.radius for s in pie)
    found: dict[Colour, PdfWord] = {}
    for phrase in _phrases([w for w in words if w not in taken]):
        if not is_value(phrase.text):
            continue
        point = (phrase.middle, phrase.centre)
        if math.dist(centre, point) > _VALUE_REACH * radius:
            continue
        share = value_share(phrase.text)
        number = float(share.rstrip("% ")) if share is not None else None
        holder = next(
            (s for s in _slice_for(pie, _angle(centre, point), number) if s.colour not in found),
            None,
        )
        if holder is not None:
            found[holder.colour] = phrase
    return found


def pie_entries(
    keys: list[LegendKey], pies: list[list[Slice]], words: list[PdfWord]
) -> PieChart | None:
    """(label, value) per slice, each pie with the legend keys of its colours nearest to it;
    None when no slice's colour has a key."""
    entries: list[tuple[LegendKey, str]] = []
    unvalued: list[LegendKey] = []
    used: set[PdfWord] = set()
    for pie in pies:
        centre = pie[0].centre
        colours = {s.colour for s in pie}
        nearest: dict[Colour, LegendKey] = {}
        for key in keys:
            if key.colour not in colours:
                continue
            held = nearest.get(key.colour)
            if held is None or _reach(centre, key) < _reach(centre, held):
                nearest[key.colour] = key
        if len(nearest) < _MIN_SLICES:
            continue
        legend_words = {w for key in nearest.values() for w in key.words}
        values = words_to_values(words, pie, used | legend_words)
        for key in sorted(nearest.values(), key=lambda k: (k.top, min(w.left for w in k.words))):
            value = values.get(key.colour)
            used.update(key.words)
            if value is None:
                unvalued.append(key)
                continue
            entries.append((key, value.text))
            used.update(w for w in words if _within(w, value))
    if not entries:
        return None
    return PieChart(tuple(entries), tuple(unvalued), frozenset(used))


def _reach(centre: Point, key: LegendKey) -> float:
    return min(math.dist(centre, (w.middle, w.centre)) for w in key.words)


def _within(word: PdfWord, phrase: PdfWord) -> bool:
    return (
        phrase.left <= word.left
        and word.right <= phrase.right + 0.5
        and phrase.top <= word.top + 0.5
        and word.bottom <= phrase.bottom + 0.5
    )


def find_pie(shapes: list[Shape], words: list[PdfWord]) -> PieChart | None:
    """The pies the area's shapes and words draw: legend swatches' labels, the slices of the
    swatches' colours, and each slice's value."""
    keys = shapes_to_keys([s for s in shapes if is_swatch(s)], words)
    colours = {key.colour for key in keys}
    pies = shapes_to_pies(
        [s for s in shapes if not is_swatch(s) and s.colour in colours and s.points]
    )
    return pie_entries(keys, pies, words)


# --- reading the shapes from pdfium (only for an area `may_be_pie` passed) ---


def read_shapes(objects: list[PlacedObject], height: float) -> list[Shape] | None:
    """The filled shapes among a chart area's path objects (`pdfplace.page_objects`), each with
    its fill colour; the outline's points only for large shapes whose colour a small one (a
    swatch) also has, the slices a pie may have. None, the outlines unread, when no two of
    those touch: no pie can then be found (`may_hold_slices`)."""
    get_draw_mode, get_fill = (
        c_function("FPDFPath_GetDrawMode"),
        c_function("FPDFPageObj_GetFillColor"),
    )
    modes = (ctypes.c_int * 2)()  # pdfium writes the fill mode and the stroke flag here
    fill, stroke = ctypes.addressof(modes), ctypes.addressof(modes) + 4
    rgba = (ctypes.c_uint * 4)()  # and the fill colour here
    channels = tuple(ctypes.addressof(rgba) + 4 * i for i in range(4))
    shapes: list[tuple[Shape, PlacedObject]] = []
    for placed in objects:
        modes[0] = 0
        get_draw_mode(placed.handle, fill, stroke)
        if not modes[0]:
            continue
        if not get_fill(placed.handle, *channels):
            continue
        left, bottom, right, top = placed.bounds
        colour = (rgba[0], rgba[1], rgba[2])
        shapes.append((Shape(left, height - top, right, height - bottom, colour), placed))
    swatch_colours = {shape.colour for shape, _ in shapes if is_swatch(shape)}
    slices = {
        index
        for index, (shape, _) in enumerate(shapes)
        if shape.colour in swatch_colours and _slice_sized(shape)
    }
    if not may_hold_slices([shapes[index][0] for index in sorted(slices)]):
        return None
    return [
        replace(shape, points=_outline(placed, height)) if index in slices else shape
        for index, (shape, placed) in enumerate(shapes)
    ]


def _outline(placed: PlacedObject, height: float) -> tuple[Point, ...]:
    """A path's points on the page (from the top-left): each segment's point through the
    object's matrix and the forms' around it."""
    matrix = compose(placed.place, object_matrix(placed.handle))
    get_segment, get_point = (
        c_function("FPDFPath_GetPathSegment"),
        c_function("FPDFPathSegment_GetPoint"),
    )
    xy = (ctypes.c_float * 2)()  # pdfium writes each point here
    x_ref = ctypes.addressof(xy)
    y_ref = x_ref + 4
    points = []
    for index in range(c_function("FPDFPath_CountSegments")(placed.handle)):
        if get_point(get_segment(placed.handle, index), x_ref, y_ref):
            page_x, page_y = apply(matrix, xy[0], xy[1])
            points.append((page_x, height - page_y))
    return tuple(points)


def _slice_sized(box: Box) -> bool:
    """Large enough to be a pie's slice, and not a legend's swatch."""
    return not is_swatch(box) and max(box.right - box.left, box.bottom - box.top) >= _SLICE_SIDE


def may_hold_slices(boxes: Sequence[Box]) -> bool:
    """Two shapes large enough to be slices (and not swatches) whose boxes touch: a pie's
    slices do (`shapes_to_pies` groups only shapes that touch, and a pie has two slices or
    more); a bar chart's bars set apart do not. Told from the boxes alone: of an area's paths
    before pdfium is asked for their colours, of its filled shapes before their outlines."""
    large = sorted(filter(_slice_sized, boxes), key=lambda b: b.left)
    for index, one in enumerate(large):
        for other in large[index + 1 :]:
            if other.left > one.right + 2 * _TOUCH:
                break  # nor any further right (a margin over `_touch`'s either way round)
            if _touch(one, other) or _touch(other, one):
                return True
    return False


def area_pie(
    words: Iterable[PdfWord], objects: list[tuple[Box, PlacedObject]], height: float
) -> PieChart | None:
    """The pies of a chart area (its words, its path objects with their boxes on the page),
    reading the words only when a shape may be a legend's swatch, and asking pdfium about the
    paths only when the words may also be a pie's."""
    if not any(is_swatch(box) for box, _ in objects):
        return None
    if not may_hold_slices([box for box, _ in objects]):
        return None
    read = list(words)
    if not may_be_pie(read):
        return None
    shapes = read_shapes([placed for _, placed in objects], height)
    return None if shapes is None else find_pie(shapes, read)

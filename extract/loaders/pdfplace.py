"""Where a page's drawn objects stand on the page, objects inside form XObjects included.

pdfium gives an object's bounds (and a path's points) in the space it is drawn in: for an
object inside a form XObject (charts exported by R, LaTeX and many plotting libraries are
drawn as forms), that is the form's own space, which the form's matrix scales and moves onto
the page. So each object comes with the matrix that places its space on the page: the
product of the matrices of the forms around it.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable
from typing import Any, NamedTuple

Affine = tuple[float, float, float, float, float, float]
"""A PDF matrix (a, b, c, d, e, f): x' = a·x + c·y + e, y' = b·x + d·y + f."""
IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# Forms inside forms are followed this deep, as pdfium's own walk does by default.
_MAX_DEPTH = 4


@functools.cache
def c_function(name: str) -> Callable[..., Any]:
    """pdfium's C function `name` (as `pypdfium2.raw` declares it) taking and returning its
    handles and pointers as plain addresses (ints): pypdfium2's prototype checks the type of
    every pointer passed and wraps every pointer returned in a new ctypes object, two to three
    times the cost of the call itself, and the loader calls some functions for every segment
    of every path and every line of every page. The same function of the same library, called
    holding the GIL (a `PYFUNCTYPE`): these are short queries, and releasing and taking the
    lock back was a tenth of each call's cost."""
    declared, at = _declared(name)

    def plain(kind: Any) -> Any:
        is_pointer = isinstance(kind, type) and issubclass(kind, ctypes._Pointer)
        return ctypes.c_void_p if is_pointer else kind

    prototype = ctypes.PYFUNCTYPE(plain(declared.restype), *map(plain, declared.argtypes))
    return prototype(at)


@functools.cache
def text_function(name: str) -> Callable[..., Any]:
    """pdfium's C function `name` declared by its return type alone (an int or a float), its
    arguments passed as ctypes passes them without a prototype: a Python int as a C `int`, a
    ctypes object as its own type (a handle or pointer as a `c_void_p` object, a length as a
    `c_ulong`). A call costs a third less than a `c_function`'s, whose prototype converts every
    argument: for the text layer's queries, called for every line and word with a page's
    handle, a character's index and buffers made once a page. Callers pass Python ints only
    for `int` parameters."""
    declared, at = _declared(name)
    if not issubclass(declared.restype, ctypes.c_int | ctypes.c_ulong | ctypes.c_double):
        raise TypeError(f"{name} returns {declared.restype.__name__}, not a number")
    return ctypes.PYFUNCTYPE(declared.restype)(at)


def _declared(name: str) -> tuple[Any, int | None]:
    """pdfium's C function `name` as `pypdfium2.raw` declares it, and its address."""
    import pypdfium2.raw as pdfium_c

    declared = getattr(pdfium_c, name)
    return declared, ctypes.cast(declared, ctypes.c_void_p).value


def address(handle: Any) -> int:
    """The address a pypdfium2 handle (`page.raw`, `textpage.raw`) points to, for `c_function`s."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def compose(outer: Affine, inner: Affine) -> Affine:
    """The matrix applying `inner`, then `outer`."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        A * a + C * b,
        B * a + D * b,
        A * c + C * d,
        B * c + D * d,
        A * e + C * f + E,
        B * e + D * f + F,
    )


def apply(matrix: Affine, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def placed_bounds(
    matrix: Affine, bounds: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) on the page of bounds in an object's space."""
    if matrix == IDENTITY:
        return bounds
    left, bottom, right, top = bounds
    corners = [apply(matrix, x, y) for x in (left, right) for y in (bottom, top)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return min(xs), min(ys), max(xs), max(ys)


class PlacedObject(NamedTuple):
    """A path or image drawn on the page, as pdfium's handle (valid while its page is open)."""

    handle: int
    """The object's address, for `c_function`s."""
    kind: int
    """Its FPDF_PAGEOBJ_* type."""
    place: Affine
    """The matrix placing its space on the page (the forms' around it)."""
    bounds: tuple[float, float, float, float]
    """(left, bottom, right, top) on the page."""


def object_matrix(handle: int) -> Affine:
    """The object's own matrix (a form's places the form's objects; a path's, its points)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    matrix = pdfium_c.FS_MATRIX()
    if not c_function("FPDFPageObj_GetMatrix")(handle, ctypes.addressof(matrix)):
        raise pdfium.PdfiumError("Failed to get matrix of pageobject.")
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def page_objects(page) -> list[PlacedObject]:  # type: ignore[no-untyped-def]
    """The page's paths and images, forms' objects included, in drawing order: one walk over
    pdfium's objects, shared by the charts, the tables' rules and the pies (pypdfium2's own
    walk builds a Python object with a finalizer for each, several times a page's cost)."""
    found: list[PlacedObject] = []
    corners = (ctypes.c_float * 4)()  # pdfium writes each object's bounds here
    _walk(address(page.raw), None, IDENTITY, 0, found, corners)
    return found


def _walk(
    page: int,
    form: int | None,
    place: Affine,
    depth: int,
    found: list[PlacedObject],
    corners: ctypes.Array[ctypes.c_float],
) -> None:
    """Add the paths and images of the page (or of `form`, placed by `place`) to `found`."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if form is None:
        count, get, parent = "FPDFPage_CountObjects", "FPDFPage_GetObject", page
    else:
        count, get, parent = "FPDFFormObj_CountObjects", "FPDFFormObj_GetObject", form
    get_object, get_type = c_function(get), c_function("FPDFPageObj_GetType")
    get_bounds = c_function("FPDFPageObj_GetBounds")
    total = c_function(count)(parent)
    if total < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    at = ctypes.addressof(corners)
    refs = (at, at + 4, at + 8, at + 12)  # left, bottom, right, top
    drawn = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE)
    for index in range(total):
        handle = get_object(parent, index)
        if not handle:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = get_type(handle)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < _MAX_DEPTH:
                inner = compose(place, object_matrix(handle))
                _walk(page, handle, inner, depth + 1, found, corners)
        elif kind in drawn:
            if not get_bounds(handle, *refs):
                raise pdfium.PdfiumError("Failed to locate pageobject.")
            bounds = (corners[0], corners[1], corners[2], corners[3])
            found.append(PlacedObject(handle, kind, place, placed_bounds(place, bounds)))

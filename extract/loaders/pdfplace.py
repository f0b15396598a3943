"""Where a page's drawn objects stand on the page, objects inside form XObjects included.

pdfium gives an object's bounds (and a path's points) in the space it is drawn in: for an
object inside a form XObject (charts exported by R, LaTeX and many plotting libraries are
drawn as forms), that is the form's own space, which the form's matrix scales and moves onto
the page. So each object comes with the matrix that places its space on the page: the
product of the matrices of the forms around it.
"""

from __future__ import annotations

import ctypes
from typing import Any, NamedTuple

Affine = tuple[float, float, float, float, float, float]
"""A PDF matrix (a, b, c, d, e, f): x' = a·x + c·y + e, y' = b·x + d·y + f."""
IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# Forms inside forms are followed this deep, as pdfium's own walk does by default.
_MAX_DEPTH = 4


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

    handle: Any
    kind: int
    """Its FPDF_PAGEOBJ_* type."""
    place: Affine
    """The matrix placing its space on the page (the forms' around it)."""
    bounds: tuple[float, float, float, float]
    """(left, bottom, right, top) on the page."""


def object_matrix(handle: Any) -> Affine:
    """The object's own matrix (a form's places the form's objects; a path's, its points)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(handle, ctypes.byref(matrix)):
        raise pdfium.PdfiumError("Failed to get matrix of pageobject.")
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def page_objects(page) -> list[PlacedObject]:  # type: ignore[no-untyped-def]
    """The page's paths and images, forms' objects included, in drawing order: one walk over
    pdfium's objects, shared by the charts, the tables' rules and the pies (pypdfium2's own
    walk builds a Python object with a finalizer for each, several times a page's cost)."""
    found: list[PlacedObject] = []
    corners = tuple(ctypes.c_float() for _ in range(4))  # pdfium writes each object's bounds here
    _walk(page.raw, None, IDENTITY, 0, found, corners)
    return found


def _walk(  # type: ignore[no-untyped-def]
    page, form, place: Affine, depth: int, found: list[PlacedObject], corners
) -> None:
    """Add the paths and images of the page (or of `form`, placed by `place`) to `found`."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if form is None:
        count, get, parent = pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, page
    else:
        count, get, parent = pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, form
    total = count(parent)
    if total < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    left, bottom, right, top = corners
    refs = [ctypes.byref(value) for value in corners]
    for index in range(total):
        handle = get(parent, index)
        if not handle:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = pdfium_c.FPDFPageObj_GetType(handle)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < _MAX_DEPTH:
                inner = compose(place, object_matrix(handle))
                _walk(page, handle, inner, depth + 1, found, corners)
        elif kind in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE):
            if not pdfium_c.FPDFPageObj_GetBounds(handle, *refs):
                raise pdfium.PdfiumError("Failed to locate pageobject.")
            bounds = (left.value, bottom.value, right.value, top.value)
            found.append(PlacedObject(handle, kind, place, placed_bounds(place, bounds)))

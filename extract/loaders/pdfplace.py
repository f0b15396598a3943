"""Where a page's drawn objects stand on the page, objects inside form XObjects included.

pdfium gives an object's bounds (and a path's points) in the space it is drawn in: for an
object inside a form XObject (charts exported by R, LaTeX and many plotting libraries are
drawn as forms), that is the form's own space, which the form's matrix scales and moves onto
the page. So each object comes with the matrix that places its space on the page: the
product of the matrices of the forms around it.
"""

from __future__ import annotations

from collections.abc import Iterator

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


def placed_bounds(matrix: Affine, bounds: tuple[float, float, float, float]) -> tuple[float, ...]:
    """(left, bottom, right, top) on the page of bounds in an object's space."""
    if matrix == IDENTITY:
        return bounds
    left, bottom, right, top = bounds
    corners = [apply(matrix, x, y) for x in (left, right) for y in (bottom, top)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return min(xs), min(ys), max(xs), max(ys)


def placed_objects(  # type: ignore[no-untyped-def]
    page, kinds: tuple[int, ...], form=None, place: Affine = IDENTITY, depth: int = 0
) -> Iterator[tuple[object, Affine]]:
    """Each object of `kinds` on the page (or in `form`), with the matrix placing its space
    on the page; a form's objects are walked with its matrix composed onto `place`."""
    import pypdfium2.raw as pdfium_c

    walked = (*kinds, pdfium_c.FPDF_PAGEOBJ_FORM)
    for obj in page.get_objects(filter=walked, max_depth=0, form=form, level=depth):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_DEPTH:
            inner = compose(place, tuple(obj.get_matrix().get()))  # type: ignore[arg-type]
            yield from placed_objects(page, kinds, obj, inner, depth + 1)
        elif obj.type in kinds:
            yield obj, place

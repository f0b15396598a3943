"""Saved web pages: the main content only, as Markdown text the layout reads like any report.

trafilatura (a maintained boilerplate remover on lxml) keeps the article and drops navigation,
cookie banners, "Most read" lists, share buttons and footers; it writes headings as `#`, tables
as pipe rows and lists as `- ` items, so a page and its plain-text copy give the same blocks.
A figure's caption (`<figcaption>`, which trafilatura drops with the figure's image) is kept as
a line of its own where the figure stood, and a `<blockquote>` is written as a Markdown block
quote ("> "), so that captions and pull quotes reach the layout as they do from a text copy.
The page's own headline (`og:title`, else `<title>`) and its stated publication time
(`article:published_time`, else the first `<time datetime>`) open the text as a heading and a
"Published:" line when the body does not already state them: the text `extract text` prints is
the text every span indexes. No date is guessed from the address or the page's wording.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract import patterns
from extract.errors import InputError

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_OPTIONS = {
    "output_format": "markdown",
    "include_tables": True,
    "include_comments": False,
    "include_formatting": True,
    "include_links": False,
    "include_images": False,
    "favor_recall": True,
    "deduplicate": False,
}
_ISO_DAY = patterns.compile(r"^\d{4}-\d{2}-\d{2}")
# trafilatura escapes a ">" that opens a paragraph (and drops private-use characters): a block
# quote's paragraphs are opened with this mark instead, turned into "> " in its output.
_QUOTE_MARK = "\u27e6quote\u27e7 "


def html_to_text(html: str) -> str:
    """The page's main content as Markdown, headed by its title and publication date."""
    import trafilatura
    from trafilatura.utils import load_html

    # parsed once, by trafilatura's own loader (it also takes XHTML with an XML declaration,
    # which lxml.html.fromstring refuses); the page's own facts are read before extraction
    tree = load_html(html)
    if tree is None:
        tree = _fragment(html)
    if tree is None:
        raise InputError(
            "the page's HTML could not be parsed (malformed, or nested too deeply)",
            code="too_complex",
        )
    title = _first(tree, '//meta[@property="og:title"]/@content', "//title/text()")
    published = _first(
        tree, '//meta[@property="article:published_time"]/@content', "//time/@datetime"
    )
    _captions_kept(tree)
    _quotes_marked(tree)
    body = trafilatura.extract(tree, **_OPTIONS)
    if body:
        body = body.replace(_QUOTE_MARK, "> ")
    if not body or not body.strip():
        raise InputError(
            "the page has no main text (only navigation or scripts)", code="empty_file"
        )
    headline, _, rest = body.strip().partition("\n")
    parts = [headline, rest.strip()]
    if title and title.strip() and title.strip() not in headline:
        parts.insert(0, f"# {' '.join(title.split())}")
    day = _ISO_DAY.match(published.strip()) if published else None
    if day and day.group(0) not in body:
        parts.insert(len(parts) - 1, f"Published: {day.group(0)}")  # under the headline
    return "\n\n".join(p for p in parts if p) + "\n"


def _words(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _paragraph(text: str) -> HtmlElement:
    import lxml.html

    paragraph = lxml.html.Element("p")
    paragraph.text = text
    return paragraph


def _captions_kept(tree: HtmlElement) -> None:
    """Each `<figcaption>` as a paragraph right after its figure (the figure itself, an image,
    is dropped by the extraction and its caption with it)."""
    for caption in tree.xpath("//figcaption"):
        words = _words(caption)
        figure = next((a for a in caption.iterancestors() if a.tag == "figure"), None)
        if words:  # placed before the caption goes: a caption outside a figure anchors it
            (figure if figure is not None else caption).addnext(_paragraph(words))
        caption.getparent().remove(caption)


def _quotes_marked(tree: HtmlElement) -> None:
    """Each `<blockquote>` as paragraphs opened by the quote mark, one per paragraph of it."""
    for quote in tree.xpath("//blockquote[not(ancestor::blockquote)]"):
        parts = [_words(p) for p in quote.xpath(".//p")] or [_words(quote)]
        anchor = quote
        for words in filter(None, parts):
            paragraph = _paragraph(_QUOTE_MARK + words)
            anchor.addnext(paragraph)
            anchor = paragraph
        quote.getparent().remove(quote)


def _fragment(html: str) -> HtmlElement | None:
    """A page trafilatura's loader turns down (a bare fragment such as "<p>…</p>"), as lxml
    parses it; None when lxml cannot either."""
    import lxml.etree
    import lxml.html

    try:
        return lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def _first(tree: HtmlElement, *paths: str) -> str | None:
    """The first value any of `paths` finds in the page, or None."""
    for path in paths:
        found = tree.xpath(path)
        if found:
            return str(found[0])
    return None

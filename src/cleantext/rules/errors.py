"""Error and "page not found" pages (ER): no article at all."""

from __future__ import annotations

from collections.abc import Iterator

from ..page import Page
from ._util import hit
from .base import rule

# An error page has no long text; a story about a 404 error does.
MAX_WORDS = 60


@rule("ER001", "error-page", kind="error-page")
def error_page(page: Page) -> Iterator[int]:
    """A "Page not found" page: its heading and message, with no article text.

    The whole page goes when an error heading and an error message are both
    printed and no block is longer than a short paragraph.

    Example:
        >>> demo("ER001", "Menu\\n\\nPage not found\\n\\nSorry, the page you are looking for "
        ...      "does not exist.")
        ['Menu', 'Page not found', 'Sorry, the page you are looking for does not exist.']
    """
    blocks = page.blocks
    if any(b.nwords > MAX_WORDS for b in blocks):
        return
    heading = any(b.nwords <= 8 and hit(b, "errors:line") for b in blocks)
    message = any(hit(b, "errors:contains") for b in blocks)
    if heading and message:
        yield from range(len(blocks))

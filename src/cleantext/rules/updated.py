"""Reading-time and bare "updated" lines (UP)."""

from __future__ import annotations

from collections.abc import Iterator

from ..page import Page
from ._util import hit
from .base import rule


@rule("UP001", "reading-time-and-updated", kind="updated")
def reading_time(page: Page) -> Iterator[int]:
    """Reading time and "Updated ..." lines: "5 min read", "Last updated 3 May".

    Example:
        >>> demo("UP001", "4 min read\\n\\nThe library reopened on Friday after a two-year "
        ...      "renovation, its director said.")
        ['4 min read']
    """
    for b in page.tagged("updated:line", "updated:start", "updated:contains"):
        if b.nwords > 14:
            continue
        if (
            hit(b, "updated:line")
            or hit(b, "updated:start")
            or (b.nwords <= 8 and hit(b, "updated:contains"))
        ):
            yield b.index

"""Related, read-more and recommended link lists (RL)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Block
from ..page import Page
from ._util import ends_sentence, hit
from .base import rule

# A section never runs longer than this many blocks.
MAX_SECTION = 60


def teaser_like(b: Block) -> bool:
    """A link teaser: a headline, a date, a short blurb, not a paragraph."""
    if b.nwords > 40:
        return False
    return b.nwords <= 12 or not ends_sentence(b.text)


@rule("RL001", "read-more-link", kind="related")
def read_more_link(page: Page) -> Iterator[int]:
    """Inline teasers: "Read more: ...", "See also: ...", "Also read: ...".

    Example:
        >>> demo("RL001", "The plant will close in March.\\n\\nREAD MORE: Workers fear for "
        ...      "their jobs\\n\\nThe company employs 400 people in the town, a spokesman said.")
        ['READ MORE: Workers fear for their jobs']
    """
    for b in page.tagged("related:start"):
        if b.nwords <= 30:
            yield b.index


@rule("RL002", "related-section", kind="related")
def related_section(page: Page) -> Iterator[int]:
    """A "Related articles" / "Most popular" heading and the teasers under it.

    The section ends at the first block that reads like a paragraph.

    Example:
        >>> demo("RL002", "The vote is on Sunday, officials said on Monday after the meeting.\\n\\n"
        ...      "Related articles\\nMayor opens new library\\nFerry fares to rise in June")
        ['Related articles', 'Mayor opens new library', 'Ferry fares to rise in June']
    """
    blocks = page.blocks
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.nwords <= 8 and hit(b, "related:header line"):
            yield i
            j = i + 1
            while j < len(blocks) and j - i <= MAX_SECTION and teaser_like(blocks[j]):
                yield j
                j += 1
            i = j
        else:
            i += 1

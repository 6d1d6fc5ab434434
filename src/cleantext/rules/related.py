"""Related, read-more and recommended link lists (RL)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from ..model import Block
from ..page import Page
from ._util import ends_sentence, hit
from .base import rule

# A section never runs longer than this many blocks.
MAX_SECTION = 60


def _same_box(header: Block, b: Block) -> bool:
    """HTML: the item shares a class with the heading's box; text dumps: always."""
    if not header.classes:
        return True
    return bool(set(header.classes.split()) & set(b.classes.split()))


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
            while (
                j < len(blocks)
                and j - i <= MAX_SECTION
                and teaser_like(blocks[j])
                and _same_box(b, blocks[j])
            ):
                yield j
                j += 1
            i = j
        else:
            i += 1


# A listing repeats the same date line for every teaser ("Published 14/11/2018").
MIN_ITEMS = 3
ITEM_SPAN = 6  # blocks from one date line to the next
ITEM_WORDS = 40


def _date_shape(b: Block, lang: str | None) -> str | None:
    """The shape of a short date line: its words with numbers as 0, or None."""
    if b.nwords > 8 or "0" not in b.toks:
        return None
    from ..fields.dates import block_dates

    ds = block_dates(b, lang)
    if not ds or ds[0].relative:
        return None
    return " ".join(b.toks)


@rule("RL003", "teaser-list", kind="related")
def teaser_list(page: Page) -> Iterator[int]:
    """A list of article teasers, each with the same kind of date line.

    Tag and section index pages ("Published 14/11/2018" under every
    headline) hold no article; their teasers all go.

    Example:
        >>> demo("RL003", "Bridge closes\\nPublished 14/11/2018\\nTraffic uses the ring road.\\n\\n"
        ...      "Zone 30 arrives\\nPublished 12/11/2018\\nSpeed limits change in January.\\n\\n"
        ...      "Bus lines change\\nPublished 02/11/2018\\nThree routes are merged.")[:3]
        ['Bridge closes', 'Published 14/11/2018', 'Traffic uses the ring road.']
    """
    blocks = page.blocks
    shapes: dict[str, list[int]] = {}
    for b in blocks:
        if b.label is None:
            shape = _date_shape(b, page.lang)
            if shape:
                shapes.setdefault(shape, []).append(b.index)
    for idx in shapes.values():
        if len(idx) < MIN_ITEMS:
            continue
        gaps = [b - a for a, b in itertools.pairwise(idx)]
        if max(gaps) > ITEM_SPAN:
            continue
        lo, hi = idx[0] - min(gaps) + 1, idx[-1] + min(gaps) - 1
        unit = blocks[max(0, lo) : min(len(blocks), hi + 1)]
        if any(b.nwords > ITEM_WORDS for b in unit):
            continue
        yield from (b.index for b in unit)

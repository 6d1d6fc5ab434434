"""Photo captions and image credits (CP): removed from the body, kept apart."""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz

from ..model import Block
from ..page import Page
from ._util import ends_sentence, hit
from .base import rule

# How far apart two printed copies of one caption may be (in blocks).
WINDOW = 6
# Near-duplicate threshold (rapidfuzz ratio, 0-100).
SIMILAR = 90.0
# Shorter repeated lines are list items or headings, not captions; longer
# ones are paragraphs printed twice (the repeated-block rule's business).
MIN_WORDS = 6
MAX_WORDS = 45
# Between two copies of a caption only short lines (a photo credit) may sit.
CREDIT_WORDS = 10
# A caption above its credit line is at most this long.
CAPTION_WORDS = 30
# "Photo: Jane Doe/Agency" is short; "Photos: the first storm hits the coast" is a gallery link.
CREDIT_START_WORDS = 8


def _near_copy(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    # A copy with an agency or credit tail appended: "... 2014 [Xinhua]".
    if long_.startswith(short) and len(long_) - len(short) <= max(40, len(short) // 2):
        return True
    return len(short) >= 0.8 * len(long_) and fuzz.ratio(a, b) >= SIMILAR


def _date_like(b: Block) -> bool:
    """A timestamp line ("October 8, 2014 at 9:05 am"): repeated, but no caption."""
    return b.nwords <= 10 and sum(t == "0" for t in b.toks) >= 2


def _headline_like(a: str, b: str) -> bool:
    """A headline printed twice: no full stop and no credit tail on either copy."""
    return not any(t[-1] in ".)]" or "photo" in t.casefold() for t in (a, b))


@rule("CP001", "repeated-caption", kind="caption")
def repeated_caption(page: Page) -> Iterator[int]:
    """A caption printed twice near each other (exact or near copy).

    Both copies leave the body; the first goes to ``captions``.

    Example:
        >>> text = ("Big storm hits coast\\n\\nWaves break on the pier at Dunmore on "
        ...         "Sunday.\\n\\nWaves break on the pier at Dunmore on Sunday. [Agency]\\n\\nThe "
        ...         "storm cut power to 2,000 homes overnight, the utility said on Monday.")
        >>> for line in demo("CP001", text):
        ...     print(line)
        Waves break on the pier at Dunmore on Sunday.
        Waves break on the pier at Dunmore on Sunday. [Agency]
    """
    blocks = page.blocks
    for i, b in enumerate(blocks):
        if b.label or b.nwords < MIN_WORDS or b.nwords > MAX_WORDS or _date_like(b):
            continue
        if b.tag == "p":
            continue  # HTML: a paragraph printed twice is not a figure caption
        for j in range(i + 1, min(len(blocks), i + WINDOW + 1)):
            c = blocks[j]
            paragraph = c.nwords > CREDIT_WORDS or (c.nwords >= 5 and ends_sentence(c.text))
            if c.label is None and paragraph and not _near_copy(b.norm, c.norm):
                break  # a paragraph between the copies: not one caption printed twice
            if c.label or c.nwords < MIN_WORDS:
                continue
            if _near_copy(b.norm, c.norm) and not _headline_like(b.text, c.text):
                page.captions.append((b.index, b.text))
                yield i
                yield j
                break


@rule("CP002", "photo-credit", kind="caption")
def photo_credit(page: Page) -> Iterator[int]:
    """Photo and image credit lines: "Photo: Jane Doe/Agency", "Image credit: X".

    Example:
        >>> demo("CP002", "Image Credit: Northwind Media\\n\\nThe festival opened on Friday with "
        ...      "a parade through the old town, organisers said in a statement.")
        ['Image Credit: Northwind Media']
    """
    blocks = page.blocks
    for b in page.tagged("captions:start", "captions:contains"):
        if b.label or b.nwords > 40:
            continue
        if (b.nwords <= CREDIT_START_WORDS and hit(b, "captions:start")) or hit(
            b, "captions:contains"
        ):
            # A credit line printed right under a caption (one figure): both go.
            prev = blocks[b.index - 1] if b.index else None
            if (
                prev is not None
                and not b.gap_before
                and prev.label is None
                and 4 <= prev.nwords <= CAPTION_WORDS
                and hit(b, "captions:start")
            ):
                page.captions.append((prev.index, prev.text))
                yield prev.index
            page.captions.append((b.index, b.text))
            yield b.index


# A lead caption is short; the paragraph after it is clearly longer.
LEAD_MAX_WORDS = 25
LEAD_MIN_SCORE = 0.1
LEAD_NEXT_WORDS = 30


@rule("CP003", "lead-caption", kind="caption", stage="final")
def lead_caption(page: Page) -> Iterator[int]:
    """A one-sentence caption between the headline area and the first paragraph.

    The photo at the top of a story leaves its caption as the first short
    line above a much longer opening paragraph, right below the byline,
    date or share bar.

    Example:
        >>> demo("CP003", "Canoe back on the water\\nJune 3, 2017\\n\\nShare this:\\nTwitter\\n\\n"
        ...      "The canoe on its trestles in March.\\n\\nWhen my uncle died he left me three "
        ...      "things: a box of fishing flies, a set of chisels and a sixteen-foot cedar canoe "
        ...      "that had not been in the water since the summer of 1971.")
        ['The canoe on its trestles in March.']
    """
    if page.span is None or page.input_format == "html":
        return  # HTML: captions come from the markup (figcaption)
    blocks = page.blocks
    start, end = page.span
    title = blocks[page.title_index].key if page.title_index is not None else None
    kept = [
        b
        for b in blocks[start : end + 1]
        if b.label is None and b.score >= page.threshold and not (title and title in b.key)
    ]
    if kept and kept[0].index:
        # The caption often scores just under the threshold (it is removed
        # either way): the line right above the first kept one counts too.
        above = blocks[kept[0].index - 1]
        if (
            above.label is None
            and LEAD_MIN_SCORE <= above.score < page.threshold
            and not (title and title in above.key)
        ):
            kept.insert(0, above)
    if len(kept) < 2:
        return
    first, nxt = kept[0], kept[1]
    if not (4 <= first.nwords <= LEAD_MAX_WORDS) or first.text[-1:] not in ".!)]":
        return
    if nxt.nwords < max(LEAD_NEXT_WORDS, 2 * first.nwords) or nxt.index - first.index > 2:
        return
    if first.text.count(". ") or first.text[0] in "\"“«„'‘":
        return  # two sentences, or a quote: the opening paragraph
    prev = blocks[first.index - 1] if first.index else None
    if prev is None or (prev.label is None and prev.score >= page.threshold):
        return  # not right after the byline, date or share bar
    page.captions.append((first.index, first.text))
    yield first.index

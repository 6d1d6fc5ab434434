"""Advertising and sponsored-content labels (AD)."""

from __future__ import annotations

from collections.abc import Iterator

from ..page import Page
from ._util import ends_sentence, hit
from .base import rule


@rule("AD001", "ad-label", kind="ads")
def ad_label(page: Page) -> Iterator[int]:
    """Ad slots, sponsor labels and shop widgets: "Advertisement", "Check prices".

    A "Promoted by X" line takes the teaser printed right above it; affiliate
    disclosures ("we may earn a commission") go too.

    Example:
        >>> demo("AD001", "Prices rose again in May.\\n\\nAdvertisement\\n\\nThe central bank "
        ...      "meets next week to discuss interest rates, analysts said.")
        ['Advertisement']
    """
    blocks = page.blocks
    for b in page.tagged("ads:line", "ads:start", "ads:contains"):
        if b.nwords <= 15 and (hit(b, "ads:line") or (b.nwords <= 8 and hit(b, "ads:start"))):
            yield b.index
            # "Promoted by X" labels the teaser printed right above it, a
            # "Sponsored content" heading the one right below it.
            prev = blocks[b.index - 1] if b.index else None
            if hit(b, "ads:start") and prev is not None and not b.gap_before and prev.nwords <= 20:
                yield prev.index
            nxt = blocks[b.index + 1] if b.index + 1 < len(blocks) else None
            if (
                hit(b, "ads:line")
                and nxt is not None
                and not nxt.gap_before
                and nxt.nwords <= 20
                and not ends_sentence(nxt.text)
            ):
                yield nxt.index
        elif b.nwords <= 50 and hit(b, "ads:contains"):
            yield b.index  # affiliate disclosures

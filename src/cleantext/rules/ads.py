"""Advertising and sponsored-content labels (AD)."""

from __future__ import annotations

from collections.abc import Iterator

from ..page import Page
from ._util import hit
from .base import rule


@rule("AD001", "ad-label", kind="ads")
def ad_label(page: Page) -> Iterator[int]:
    """Ad slots and sponsor labels: "Advertisement", "Story continues below".

    Example:
        >>> demo("AD001", "Prices rose again in May.\\n\\nAdvertisement\\n\\nThe central bank "
        ...      "meets next week to discuss interest rates, analysts said.")
        ['Advertisement']
    """
    for b in page.tagged("ads:line", "ads:start"):
        if b.nwords <= 15 and (hit(b, "ads:line") or (b.nwords <= 8 and hit(b, "ads:start"))):
            yield b.index

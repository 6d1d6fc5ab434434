"""Blocks with no words: counters, separators, stray symbols (SY)."""

from __future__ import annotations

from collections.abc import Iterator

from ..page import Page
from ._util import LETTER_RE
from .base import rule


@rule("SY001", "no-letters", kind="symbols")
def no_letters(page: Page) -> Iterator[int]:
    """Blocks without a letter: "0", "|", "•••", "(12)".

    Number-only table rows stay when they have three or more numbers.

    Example:
        >>> demo("SY001", "0\\n|\\n\\nThe harbour reopened on Monday, the port authority said.")
        ['0', '|']
    """
    for b in page.blocks:
        if len(b.text) <= 40 and b.nwords <= 2 and not LETTER_RE.search(b.text):
            yield b.index

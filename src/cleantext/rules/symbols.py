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


# Longest word an article prints (C4 drops lines with a longer one).
MAX_WORD = 1000
JUNK_MIN_CHARS = 200
JUNK_LETTERS = 0.3


@rule("SY002", "junk-line", kind="symbols")
def junk_line(page: Page) -> Iterator[int]:
    """Machine text: a "word" over 1,000 characters, or a long line of mostly non-letters.

    Example:
        >>> demo("SY002", "1/2/3/" * 60 + "\\n\\nThe harbour reopened on Monday.")[0][:12]
        '1/2/3/1/2/3/'
    """
    for b in page.blocks:
        text = b.text
        if len(text) < JUNK_MIN_CHARS:
            continue
        sample = text[:JUNK_MIN_CHARS]  # the head tells machine text from prose
        few_letters = len(LETTER_RE.findall(sample)) < JUNK_LETTERS * len(sample)
        if few_letters or (len(text) > MAX_WORD and max(map(len, text.split())) > MAX_WORD):
            yield b.index

"""CAPTCHA, anti-spam and "enable JavaScript" text (CA)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..page import Page
from ..phrases import phrases
from ._util import n_hits
from .base import rule


@functools.lru_cache(maxsize=4)
def _sum_regex(langs: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(sorted({w for ln in phrases("captcha", "numbers", langs) for w in ln.split()}))
    term = rf"(?:\d+|{words})"
    return re.compile(rf"(?<!\w){term}\s*(?:[+×x*−-]|{words})?\s*{term}\s*=")


@rule("CA001", "captcha", kind="captcha")
def captcha(page: Page) -> Iterator[int]:
    """CAPTCHA and anti-spam text: "Please reload the CAPTCHA", "enable JavaScript".

    Paragraphs over 25 words need two hits, so an article about CAPTCHAs stays.

    Example:
        >>> demo("CA001", "Anti-Spam * Time limit is exhausted. Please reload the CAPTCHA.")
        ['Anti-Spam * Time limit is exhausted. Please reload the CAPTCHA.']
    """
    for b in page.tagged("captcha:contains"):
        if b.nwords > 80:
            continue
        n = n_hits(b, "captcha:contains")
        if n and (b.nwords <= 25 or n >= 2):
            yield b.index
    # Arithmetic questions ("two + 5 =") only where an equals sign is printed.
    sums = _sum_regex(page.langs)
    for b in page.blocks:
        if b.nwords <= 25 and "=" in b.norm and not b.label and sums.search(b.norm):
            yield b.index

"""CAPTCHA, anti-spam and "enable JavaScript" text (CA)."""

from __future__ import annotations

from collections.abc import Iterator

from ..page import Page
from ._util import n_hits
from .base import rule


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

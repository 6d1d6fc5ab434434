"""Copyright and legal footers (LG)."""

from __future__ import annotations

from collections.abc import Iterator

from ..page import Page
from ._util import lone_word
from .base import rule


@rule("LG001", "copyright", kind="legal")
def copyright_line(page: Page) -> Iterator[int]:
    """Copyright and rights lines: "© 2024 Example Media. All rights reserved."

    Example:
        >>> demo("LG001", "The match ended 2-1.\\n\\n© 2024 Harbour Media. All rights reserved.")
        ['© 2024 Harbour Media. All rights reserved.']
    """
    for b in page.tagged("legal:contains"):
        if b.nwords <= 40:
            yield b.index


@rule("LG002", "legal-links", kind="legal")
def legal_links(page: Page) -> Iterator[int]:
    """Footer links: "Privacy Policy", "Terms of Use", "Contact us", "Imprint".

    Example:
        >>> demo("LG002", "The match ended 2-1.\\n\\nPrivacy Policy\\nTerms of Use\\nContact")
        ['Privacy Policy', 'Terms of Use', 'Contact']
    """
    for b in page.tagged("legal:line"):
        if b.nwords <= 6:
            if lone_word(b):
                page.defer(b.index, "LG002", "legal")
            else:
                yield b.index

"""Cookie and consent notices (CK)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ..model import Block
from ..page import Page
from ._util import FIRST_PERSON_RE, n_hits
from .base import rule

# Purposes and buttons of a consent dialog: short lines between two of its texts.
DIALOG_SPAN = 10
DIALOG_WORDS = 15
_COOKIE_RE = re.compile(
    r"cooki|consent|einwilligung|zustimm|consentement|consentimiento|rgpd|gdpr|dsgvo"
    r"|consenso|toestemming|lgpd"
)


def is_notice(b: Block) -> bool:
    """A cookie word, a second cue, and words that speak to the reader."""
    if b.nwords > 120 or not _COOKIE_RE.search(b.norm):
        return False
    # A notice speaks to the reader ("we use cookies", "your consent"); an
    # article about cookie law does not.
    return n_hits(b, "cookies:cue contains") >= 2 and bool(FIRST_PERSON_RE.search(b.norm))


@rule("CK001", "cookie-notice", kind="cookies")
def cookie_notice(page: Page) -> Iterator[int]:
    """Cookie banners and consent buttons ("We use cookies...", "Accept all").

    Button labels go when a notice is near or they name cookies themselves.

    Example:
        >>> text = ("We use cookies to improve your experience. By continuing you agree."
        ...         "\\nAccept all\\nCookie settings")
        >>> for line in demo("CK001", text):
        ...     print(line)
        We use cookies to improve your experience. By continuing you agree.
        Accept all
        Cookie settings
    """
    notices = [b.index for b in page.tagged("cookies:cue contains") if is_notice(b)]
    yield from notices
    for b in page.tagged("cookies:line"):
        near = "cooki" in b.norm or any(abs(b.index - n) <= 6 for n in notices)
        if b.nwords <= 6 and near:
            yield b.index
    # A consent dialog lists its purposes and buttons between and under its texts.
    blocks = page.blocks
    for a, z in itertools.pairwise(notices):
        if z - a <= DIALOG_SPAN:
            yield from (i for i in range(a + 1, z) if blocks[i].nwords <= DIALOG_WORDS)
    for n in notices:
        j = n + 1
        while j < len(blocks) and not blocks[j].gap_before and blocks[j].nwords <= 6:
            yield j
            j += 1

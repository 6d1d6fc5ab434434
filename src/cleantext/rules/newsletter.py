"""Newsletter, subscription, login and paywall boxes (NL)."""

from __future__ import annotations

from collections.abc import Iterator

from ..page import Page
from ._util import hit, lone_word, n_hits
from .base import rule

_STRONG_WORDS = frozenset(
    {"subscribe", "newsletter", "newsletters", "login", "abonnieren", "assine", "abonneren"}
)


@rule("NL001", "subscribe-box", kind="newsletter")
def subscribe_box(page: Page) -> Iterator[int]:
    """Newsletter sign-ups, subscribe and login prompts, paywall notices.

    Blocks over 25 words need two hits, so a story about subscriptions stays.

    Example:
        >>> demo("NL001", "The town lost 300 newspaper subscribers last year, the publisher "
        ...      "said.\\n\\nSign up for our newsletter\\nEnter your email address\\nSubscribe")
        ['Sign up for our newsletter', 'Enter your email address', 'Subscribe']
    """
    for b in page.tagged("newsletter:line", "newsletter:start", "newsletter:contains"):
        if b.nwords > 80:
            continue
        if b.nwords <= 8 and hit(b, "newsletter:line"):
            if lone_word(b) and b.toks[0] not in _STRONG_WORDS:
                page.defer(b.index, "NL001", "newsletter")
            else:
                yield b.index
            continue
        if b.nwords <= 15 and hit(b, "newsletter:start"):
            yield b.index
            continue
        n = n_hits(b, "newsletter:contains")
        if n and (b.nwords <= 25 or n >= 2):
            yield b.index

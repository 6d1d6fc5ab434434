"""Social share and follow bars (SH)."""

from __future__ import annotations

from collections.abc import Iterator

from ..page import Page
from ._util import hit, lone_word, word_set
from .base import rule

# Words that by themselves do not make a share bar ("on", "this").
_FILLER = frozenset(
    {
        "on",
        "via",
        "this",
        "article",
        "story",
        "link",
        "0",
        "auf",
        "per",
        "bei",
        "diesen",
        "sur",
        "par",
        "cet",
        "en",
        "por",
        "este",
        "artikel",
        "artículo",
        "no",
        "na",
        "em",
        "esta",
        "artigo",
        "notícia",
        "su",
        "questo",
        "articolo",
        "op",
        "dit",
        "bericht",
    }
)
_STRONG_WORDS = frozenset({"share", "shares", "tweet"})


@rule("SH001", "share-bar", kind="share")
def share_bar(page: Page) -> Iterator[int]:
    """Share and follow bars: "Share this:", "Facebook", "Click to share on X".

    A block that is a share phrase, or only network names and share words,
    is removed; a lone word such as "Email" only next to other boilerplate.

    Example:
        >>> demo("SH001", "Share this:\\nFacebook\\nTwitter\\n\\nThe mayor said on Monday that "
        ...      "the council would share the cost of the new bridge with the county.")
        ['Share this:', 'Facebook', 'Twitter']
    """
    tokens = word_set("share", "tokens", page.langs)
    for b in page.blocks:
        if b.nwords > 20:
            continue
        if hit(b, "share:line"):
            if lone_word(b) and b.toks[0] not in _STRONG_WORDS:
                page.defer(b.index, "SH001", "share")
            else:
                yield b.index
        elif (
            len(b.toks) >= 2
            and all(t in tokens for t in b.toks)
            and any(t not in _FILLER for t in b.toks)
        ) or hit(b, "share:contains"):
            yield b.index

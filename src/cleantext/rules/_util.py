"""Helpers shared by rule modules."""

from __future__ import annotations

import functools
import re

from ..model import Block
from ..phrases import phrases

TERMINAL = frozenset(".!?。！？…\"”’»)'」』")
LETTER_RE = re.compile(r"[^\W\d_]")
FIRST_PERSON_RE = re.compile(
    r"\b(?:we|our|us|you|your|wir|unsere?[mnrs]?|uns|ihnen|nous|notre|nos|vous|votre|vos"
    r"|nosotros|nuestr[oa]s?|usted(?:es)?|tu|tus|usamos|utilizamos|puedes|utilisons|pouvez"
    r"|verwenden wir|nutzen wir"
    r"|você|vocês|voce|nós|nosso|nossa|nossos|nossas|o seu|a sua|os seus|as suas"
    r"|noi|nostro|nostra|nostri|nostre|tuo|tua|tuoi|vostro|vostra|utilizziamo|usiamo"
    r"|acconsenti|wij|onze|ons|uw|jouw|gebruiken wij)\b"
)


def ends_sentence(text: str) -> bool:
    """True when the block ends like a sentence."""
    return bool(text) and text[-1] in TERMINAL


def hit(b: Block, tag: str) -> bool:
    """True when the block matched the phrase-list section ``tag`` ("family:section")."""
    return tag in b.hits


def n_hits(b: Block, tag: str) -> int:
    """Distinct phrases of ``tag`` found in the block."""
    return len(b.hits.get(tag, ()))


def lone_word(b: Block) -> bool:
    """Single words ("Home", "Email") are weak evidence on their own."""
    return len(b.toks) == 1


@functools.lru_cache(maxsize=64)
def word_set(family: str, section: str, langs: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for line in phrases(family, section, langs) for w in line.split())

"""Pick the headline: a heading-like block just above the article text."""

from __future__ import annotations

import regex

from ..model import Block
from ..page import Page
from ..textutil import key
from .dates import block_dates

# How far above the start of the main text a headline may sit (in blocks).
LOOKBACK = 40
# Labels a headline may carry from earlier rules (teaser lists and caption
# pairs sometimes swallow it; the title extractor takes it back).
_STEALABLE = frozenset({"RL", "CP", "NV", "DU"})
_AFFIX_SEP = regex.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")
_BYLINE_START = regex.compile(
    r"^(?:by|written by|posted by|von|par|por|texto|text|autor|auteur|author)\b", regex.IGNORECASE
)


def _is_candidate(b: Block) -> bool:
    if not (2 <= b.nwords <= 40) or len(b.text) > 300:
        return False
    if b.text.endswith((":", ",")) or _BYLINE_START.match(b.text):
        return False
    return b.label is None or b.label[:2] in _STEALABLE


def _date_or_byline_near(page: Page, i: int) -> bool:
    for b in page.blocks[i + 1 : i + 5]:
        if b.nwords <= 30 and (_BYLINE_START.match(b.text) or block_dates(b, page.lang)):
            return True
    return False


def _candidate_score(page: Page, i: int, start: int, keys: dict[str, int], texts: str) -> float:
    b = page.blocks[i]
    dist = start - i
    score = -0.06 * dist if dist >= 0 else -0.8 * (-dist)
    if _date_or_byline_near(page, i):
        score += 1.5
    if b.gap_before and b.gap_after:
        score += 0.5
    if b.text.endswith("."):
        score -= 1.0
    if 4 <= b.nwords <= 25:
        score += 0.5
    elif b.nwords <= 2:
        score -= 1.0
    score -= 1.5 * b.score
    k = b.key
    if b.nwords >= 3 and (keys.get(k, 0) > 1 or texts.count(k) > 1):
        score += 1.0
    if b.label:
        score -= 0.5
    return score


def find_title(page: Page) -> int | None:
    """Index of the headline block, or None when no block looks like one."""
    blocks = page.blocks
    if not blocks:
        return None
    start = page.span[0] if page.span else 0
    keys: dict[str, int] = {}
    for b in blocks:
        k = b.key
        keys[k] = keys.get(k, 0) + 1
    lo = max(0, start - LOOKBACK)
    hi = min(len(blocks), start + 3)
    window_text = "\n".join(b.key for b in blocks[max(0, lo - 20) : hi + 5])
    best: tuple[float, int] | None = None
    for i in range(lo, hi):
        if not _is_candidate(blocks[i]):
            continue
        s = _candidate_score(page, i, start, keys, window_text)
        if best is None or s > best[0]:
            best = (s, i)
    if best is None or best[0] < -2.0:
        return None
    return best[1]


def _site_like(part: str, page: Page, own: int | None) -> bool:
    """A short affix that names the site: printed elsewhere on the page or a domain."""
    words = part.split()
    if not 1 <= len(words) <= 5:
        return False
    if regex.search(r"\.\w{2,4}$", part):
        return True
    k = key(part)
    return any(k in b.norm for b in page.blocks if b.index != own and b.nwords <= 30)


def strip_affix(title: str, page: Page, own: int | None = None) -> str:
    """Cut a site-name affix: "Headline | Site" -> "Headline".

    The affix goes when it is short and names the site (printed elsewhere on
    the page, or a domain); "Brexit - what it means" stays whole.

    >>> from cleantext.page import Page
    >>> strip_affix("Harbour plan approved | Dunmore.net", Page(blocks=[]))
    'Harbour plan approved'
    >>> strip_affix("Brexit - what it means for you", Page(blocks=[]))
    'Brexit - what it means for you'
    """
    parts = _AFFIX_SEP.split(title)
    if len(parts) < 2:
        return title
    last, first = parts[-1], parts[0]
    if len(title) - len(last) > len(last) and _site_like(last, page, own):
        head = title[: title.rfind(last)].rstrip(" |-–—:·•»")
        if len(head.split()) >= 2:
            return head
    if len(title) - len(first) > len(first) and _site_like(first, page, own):
        tail = title[len(first) :].lstrip(" |-–—:·•»")
        if len(tail.split()) >= 2:
            return tail
    return title

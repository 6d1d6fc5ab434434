"""Pick the publication dateline: the printed date next to the headline."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from ..page import Page
from ..phrases import alternation, phrases
from .dates import DATE_LANGS, DateMatch, block_dates

# Blocks searched below and above the headline.
AFTER = 16
BEFORE = 6
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Dateline:
    """The chosen date, the block it sits in and whether that block is only a date line."""

    index: int
    match: DateMatch
    whole_block: bool


@functools.lru_cache(maxsize=2)
def _cue(section: str) -> re.Pattern[str]:
    """Words printed before a date: "Published", "Updated", "Mis à jour le"."""
    return re.compile(rf"(?<!\w)(?:{alternation(phrases('dates', section, DATE_LANGS))})(?!\w)")


def leftover_words(text: str, m: DateMatch) -> int:
    """Words in the block besides the date itself."""
    return len(_WORD.findall(text[: m.start] + " " + text[m.end :]))


def find_dateline(page: Page, anchor: int | None, today: dt.date | None = None) -> Dateline | None:
    """The publication date nearest the headline (or the top of the article).

    "Published ... Updated ..." gives the published date; a relative date
    ("3 hours ago") counts only when nothing absolute is near.
    """
    blocks = page.blocks
    if not blocks:
        return None
    if anchor is None:
        anchor = max(0, (page.span[0] if page.span else 0) - 3)
    published, updated = _cue("published"), _cue("updated")
    best: tuple[float, int, DateMatch] | None = None
    lo, hi = max(0, anchor - BEFORE), min(len(blocks), anchor + AFTER + 1)
    for i in range(lo, hi):
        b = blocks[i]
        if b.nwords > 60 or b.label == "RL003":
            continue
        for m in block_dates(b, page.lang, today):
            d = i - anchor
            cost = float(d) if d >= 0 else 2.0 * -d + 1.0
            before = b.norm[: m.start]
            # The cue is the last words before the date ("Updated 19 Nov").
            tail = before[-40:]
            if updated.search(tail):
                cost += 3.0
            elif published.search(tail):
                cost -= 1.0
            if m.relative:
                cost += 8.0
            if b.nwords > 25:
                cost += 4.0
            if today and m.date and m.date > today:
                continue
            if best is None or cost < best[0]:
                best = (cost, i, m)
    if best is None:
        return None
    _, i, m = best
    whole = leftover_words(blocks[i].text, m) <= 8 and blocks[i].nwords <= 20
    return Dateline(index=i, match=m, whole_block=whole)

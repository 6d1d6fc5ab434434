"""Pick the source credit: the byline near the headline or an agency line.

Forms: "By Jane Doe", "Jane Doe | Staff Writer", "(Reporting by Jane Doe;
Editing by John Roe)", "— AFP", "Source: Xinhua", "Desk and Agencies",
"Von ...", "Par ...", "Por ...", a name alone next to the dateline.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from ..page import Page
from ..phrases import phrases
from .dateline import Dateline

_PARTICLE = r"(?:de|da|del|della|di|do|dos|das|van|von|der|den|la|le|du|des|bin|ibn|al|el|y|ter|zu|mc)"
_NAME_WORD = r"(?:\p{Lu}[\p{L}\p{M}'’.-]*|\p{Lu}\.)"
NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{0,4}}"
_JOIN = r"(?:\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&|und|et|y|e)\s+)"
NAMES = rf"{NAME}(?:{_JOIN}{NAME}){{0,5}}"
_NAMES_RE = regex.compile(rf"^{NAMES}$")
_SEPS = regex.compile(r"\s*(?:\||•|·|—|–|\s-\s|/|,\s*(?=\d)|\bon\b|\bupdated\b|\bpublished\b)\s*", regex.I)

# How far below and above the headline a byline may sit.
AFTER = 10
BEFORE = 3
# How many blocks at the end of the article may hold an agency credit.
TAIL = 4


@dataclass(frozen=True)
class Credit:
    """The credit text and the block it came from."""

    text: str
    index: int
    whole_block: bool


def _alt(section: str, langs: tuple[str, ...]) -> str:
    items = sorted(phrases("byline", section, langs), key=len, reverse=True)
    alt = "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in items) or "(?!)"
    # Cue words in any case; the names after them keep their capitals.
    return f"(?i:{alt})"


@functools.lru_cache(maxsize=8)
def _patterns(langs: tuple[str, ...]) -> dict[str, regex.Pattern[str]]:
    prefix = _alt("prefix", langs)
    role = _alt("role", langs)
    editing = _alt("editing", langs)
    agency = _alt("agency-suffix", langs)
    source = _alt("source-prefix", langs)
    return {
        "by": regex.compile(rf"^(?:{prefix})\s*:?\s+(?P<names>{NAMES})"),
        "by_inline": regex.compile(rf"(?:^|[|•·,]\s*)(?:{prefix})\s*:?\s+(?P<names>{NAMES})"),
        "role": regex.compile(
            rf"^(?P<names>{NAMES})\s*(?:\||,|–|—|-|/)\s*(?:\p{{L}}+\s+){{0,3}}?(?:{role})\b"
        ),
        "agency": regex.compile(rf"^(?P<names>.{{2,60}}?\s+(?:{agency}))\.?$", regex.I),
        "dash": regex.compile(r"^[—–-]+\s*(?P<names>\p{Lu}[\p{L}\p{M} .&'/-]{1,40}?)\.?$"),
        "source": regex.compile(rf"^(?:{source})\s*:?\s*(?P<names>\p{{Lu}}.{{1,60}}?)\.?$"),
        "reporting": regex.compile(
            rf"^\(?(?i:reporting|reported|written)\s+(?i:by)\s+(?P<names>.+?)\s*(?:[;)]|(?:{editing})|$)",
        ),
    }


def _clean_names(raw: str) -> str:
    """Cut what follows the names: separators, dates, roles."""
    raw = _SEPS.split(raw, maxsplit=1)[0]
    return raw.strip(" ,.;:|-–—")


def _names_only(text: str) -> bool:
    t = text.strip(" ,.;:")
    return bool(_NAMES_RE.match(t)) and len(t.split()) <= 8


def _byline(page: Page, i: int, pats: dict[str, regex.Pattern[str]]) -> Credit | None:
    b = page.blocks[i]
    if b.nwords > 30:
        return None
    text = b.text
    m = pats["by"].match(text)
    if m:
        names = _clean_names(m.group("names"))
        rest = text[m.end() :].strip()
        return Credit(names, i, whole_block=len(rest.split()) <= 10)
    m = pats["role"].match(text)
    if m:
        return Credit(_clean_names(m.group("names")), i, whole_block=b.nwords <= 14)
    m = pats["by_inline"].search(text)
    if m and b.nwords <= 20:
        return Credit(_clean_names(m.group("names")), i, whole_block=True)
    return None


def _tail_credit(page: Page, i: int, pats: dict[str, regex.Pattern[str]]) -> Credit | None:
    b = page.blocks[i]
    if b.nwords > 40:
        return None
    text = b.text.strip()
    m = pats["reporting"].match(text)
    if m:
        return Credit(_clean_names(m.group("names")), i, whole_block=True)
    if b.nwords > 10:
        return None
    for name in ("agency", "dash", "source"):
        m = pats[name].match(text)
        if m:
            return Credit(m.group("names").strip(), i, whole_block=True)
    return None


def find_credit(page: Page, title: int | None, dateline: Dateline | None) -> Credit | None:
    """The byline near the headline, else a name beside the date, else an agency line."""
    blocks = page.blocks
    if not blocks:
        return None
    pats = _patterns(page.langs)
    anchor = title if title is not None else (page.span[0] if page.span else 0)
    lo, hi = max(0, anchor - BEFORE), min(len(blocks), anchor + AFTER + 1)
    order = list(range(anchor + 1, hi)) + list(range(anchor - 1, lo - 1, -1))
    for i in order:
        c = _byline(page, i, pats)
        if c:
            return c
    if dateline is not None:
        c = _beside_date(page, dateline)
        if c:
            return c
    if page.span is not None:
        _, end = page.span
        for i in range(min(len(blocks) - 1, end + TAIL), max(anchor, end - TAIL), -1):
            c = _tail_credit(page, i, pats)
            if c:
                return c
    return None


def _beside_date(page: Page, dl: Dateline) -> Credit | None:
    """A name printed with the date ("Reuters November 18, 2019") or on its own beside it."""
    b = page.blocks[dl.index]
    before = b.text[: dl.match.start].strip(" |,-–—·•")
    before = regex.sub(r"^(?:posted|published|updated)\b\s*(?:by\s+)?", "", before, flags=regex.I)
    if before and _names_only(before):
        return Credit(before.strip(" ,.;:"), dl.index, whole_block=dl.whole_block)
    for j in (dl.index - 1, dl.index + 1):
        if 0 <= j < len(page.blocks):
            c = page.blocks[j]
            if c.index != page.title_index and 2 <= c.nwords <= 4 and _names_only(c.text):
                return Credit(c.text.strip(" ,.;:"), j, whole_block=True)
    return None

"""Pick the source credit: the byline near the headline or an agency line.

Forms: "By Jane Doe", "Jane Doe | Staff Writer", "Posted on May 3 by Jane
Doe", "(Reporting by Jane Doe; Editing by John Roe)", "— AFP", "Source:
Xinhua", "Desk and Agencies", "Von ...", "Par ...", "Por ...", a name alone
next to the dateline.  Order of preference: a byline near the headline, an
explicit credit line at the end of the article, a name beside the date.
Cue words come from ``data/phrases/<lang>/byline.txt``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from ..page import Page
from ..phrases import LANGS, alternation, phrases
from .dateline import Dateline

_PARTICLE = r"(?:de|da|del|della|di|do|dos|das|van|von|der|den|la|le|du|des|bin|ibn|al|el|y|ter|zu)"
_NAME_WORD = r"(?:\p{Lu}[\p{L}\p{M}'’.-]*|\p{Lu}\.)"
NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{0,4}}"
_JOIN = r"(?:\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&|und|et|y|e)\s+)"
NAMES = rf"{NAME}(?:{_JOIN}{NAME}){{0,5}}"
_NAMES_RE = regex.compile(rf"^{NAMES}$")
_JOIN_RE = regex.compile(_JOIN)
_BIO = regex.compile(
    rf"^(?P<names>{NAME})\s+(?:\(@\w+\)\s+)?(?:is|was)\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?i:writer|reporter|editor|correspondent|columnist|journalist|contributor|producer)\b"
)
_CUT = regex.compile(r"\s*(?:\||•|·|—|–|\s-\s|/|\(|,\s*(?=\d))\s*")

# How far below and above the headline a byline may sit.
AFTER = 15
BEFORE = 3
# How many blocks at the end of the article may hold a credit line.
TAIL = 4
# How far below the article an author bio is looked for.
BIO_SEARCH = 40
# How far above the text a "By ..." line is looked for when none is near the headline.
WIDE_BEFORE = 30
# Headings that look like names ("Business News") but are sections.
_SECTION_WORDS = frozenset(
    [
        "news",
        "business",
        "world",
        "sport",
        "sports",
        "politics",
        "opinion",
        "home",
        "latest",
        "local",
        "national",
        "international",
        "health",
        "science",
        "tech",
        "technology",
        "entertainment",
        "lifestyle",
        "culture",
        "travel",
        "food",
        "money",
        "markets",
        "economy",
        "weather",
        "video",
        "videos",
        "photos",
        "photo",
        "breaking",
        "live",
        "update",
        "updates",
        "more",
        "top",
        "stories",
        "story",
        "blog",
        "featured",
        "trending",
        "related",
        "popular",
        "comments",
        "reviews",
        "review",
        "search",
        "menu",
        "image",
        "images",
        "enlarge",
        "gallery",
        "watch",
        "listen",
        "click",
        "here",
        "read",
        "report",
        "error",
        "sign",
        "log",
        "in",
        "out",
        "channel",
        "finder",
        "say",
        "your",
        "our",
        "my",
        "picks",
        "first",
        "last",
        "edition",
        "subscribe",
        "newsletter",
        "contact",
        "about",
    ]
)


# Blocks from these phrase lists are buttons and menus, not bylines.
_UI_TAGS = frozenset({"share:line", "share:contains", "navigation:line", "newsletter:line"})


@dataclass(frozen=True)
class Credit:
    """The credit text and the block it came from."""

    text: str
    index: int
    whole_block: bool


def _alt(section: str, langs: tuple[str, ...]) -> str:
    # A trailing colon is optional in the patterns ("Source:", "Source :").
    alt = alternation(p.rstrip(": ") for p in phrases("byline", section, langs)) or "(?!)"
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
        # "ByPhil Helsel": some pages glue "By" to the name.
        "by": regex.compile(rf"^(?:(?:{prefix})\s*:?\s+|By(?=\p{{Lu}}\p{{Ll}}))(?P<names>{NAMES})"),
        "handle": regex.compile(rf"^(?P<names>{NAMES})\s+@\w+"),
        "by_inline": regex.compile(rf"(?:^|[\s|•·,(])(?:{prefix})\s*:?\s+(?P<names>{NAMES})"),
        "role": regex.compile(
            rf"^(?P<names>{NAMES})\s*(?:\||,|–|—|-|/)\s*(?:\p{{L}}+\s+){{0,3}}?(?:{role})\b"
        ),
        "role_word": regex.compile(rf"\b(?:{role})\b"),
        "agency": regex.compile(rf"^(?P<names>.{{2,60}}?\s+(?:{agency}))\.?$"),
        "dash": regex.compile(r"^[—–-]+\s*(?P<names>\p{Lu}[\p{L}\p{M} .&'/-]{1,40}?)\.?$"),
        "source": regex.compile(rf"^(?:{source})\s*:?\s*(?P<names>\p{{Lu}}.{{1,60}}?)\.?$"),
        "reporting": regex.compile(
            rf"^\(?(?i:reporting|reported|written|writing)\s+(?i:by)\s+(?P<names>.+?)"
            rf"\s*(?:[;)]|(?:{editing})|$)"
        ),
        "editing": regex.compile(rf"^\(?(?:{editing})\b"),
    }


_DATE_STOPS = frozenset({"updated", "published", "posted", "on", "at", "am", "pm", "last"})


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """Capitalised words that end a name: months, weekdays, "Updated", "On"."""
    from .dates import DATE_LANGS

    words = set(_DATE_STOPS) | {"share", "follow"}
    for section in ("months", "weekdays"):
        for line in phrases("dates", section, DATE_LANGS):
            words.update(line.split())
    for line in phrases("byline", "role", LANGS):
        words.update(line.split())
    return frozenset(words)


def _cut_at_stop(raw: str) -> str:
    stop = _stop_words()
    out: list[regex.Match[str]] = []
    words = list(regex.finditer(r"\S+", raw))
    for n, m in enumerate(words):
        word = m.group().strip(".,;:").casefold()
        if word == "staff" and n == len(words) - 1:
            out.append(m)  # "HNN Staff", "Telegraph Staff": the credit itself
            break
        if word in stop:
            # "Jane Doe Business Columnist": the word before a role is part of it.
            if len(out) >= 3 and m.group().strip(".,;:").casefold() not in _DATE_STOPS:
                out.pop()
            break
        out.append(m)
    return raw[: out[-1].end()] if out else ""


def _clean_names(raw: str, pats: dict[str, regex.Pattern[str]]) -> str:
    """Cut what follows the names (separators, dates) and drop job titles.

    "Jane Doe, Senior Reviews Editor" -> "Jane Doe".
    """
    raw = _CUT.split(raw, maxsplit=1)[0].strip(" ,.;:|-–—")
    raw = _cut_at_stop(raw)
    parts = _JOIN_RE.split(raw)
    if len(parts) > 1 and any(pats["role_word"].search(p) for p in parts):
        joins = _JOIN_RE.findall(raw)
        kept = [parts[0]]
        for join, part in zip(joins, parts[1:]):
            if pats["role_word"].search(part):
                break
            kept += [join, part]
        raw = "".join(kept)
    return raw.strip(" ,.;:|-–—")


def _names_only(text: str) -> bool:
    t = text.strip(" ,.;:")
    if not _NAMES_RE.match(t) or len(t.split()) > 6:
        return False
    if t.isupper() and len(t) > 4:  # "OUR PICKS": a heading
        return False
    words = [w.casefold() for w in regex.findall(r"\w+", t)]
    return not any(w in _SECTION_WORDS for w in words)


def _byline(page: Page, i: int, pats: dict[str, regex.Pattern[str]]) -> Credit | None:
    """A byline with an explicit cue: "By X", "X | Staff Writer", "... by X"."""
    b = page.blocks[i]
    if b.nwords > 30:
        return None
    text = b.text
    m = pats["by"].match(text)
    if m:
        names = _clean_names(m.group("names"), pats)
        rest = text[m.end() :].strip()
        return Credit(names, i, whole_block=len(rest.split()) <= 10)
    m = pats["role"].match(text)
    if m and m.group("names"):
        return Credit(_clean_names(m.group("names"), pats), i, whole_block=b.nwords <= 14)
    # "Posted on May 3, 2017 by Jane Doe", "May 3 | By Jane Doe" (not "Share by WhatsApp").
    m = pats["by_inline"].search(text)
    if m and b.nwords <= 20 and not _UI_TAGS.intersection(b.hits):
        return Credit(_clean_names(m.group("names"), pats), i, whole_block=True)
    if b.nwords <= 10:
        for name in ("agency", "source"):
            m = pats[name].match(text)
            if m:
                return Credit(m.group("names").strip(), i, whole_block=True)
    return None


def _name_line(page: Page, i: int, pats: dict[str, regex.Pattern[str]]) -> Credit | None:
    """A name without a cue: alone on its line, with a @handle, or next to a date."""
    b = page.blocks[i]
    if b.nwords > 12 or i == page.title_index or b.hits:
        return None
    # A teaser list may have swallowed the byline right under the headline.
    near = page.title_index is not None and abs(i - page.title_index) <= 3
    if b.label is not None and not (near and b.label[:2] == "RL"):
        return None
    text = b.text
    m = pats["handle"].match(text)
    if m:
        return Credit(_clean_names(m.group("names"), pats), i, whole_block=True)
    if 2 <= b.nwords <= 4 and _names_only(text):
        return Credit(text.strip(" ,.;:"), i, whole_block=True)
    from .dates import block_dates

    for d in block_dates(b, page.lang):
        rest = (text[: d.start] + " " + text[d.end :]).strip(" |,-–—·•")
        if rest and _names_only(rest):
            return Credit(rest.strip(" ,.;:"), i, whole_block=True)
    return None


def tail_credit(page: Page, i: int) -> Credit | None:
    """An explicit credit line at the end of an article, or None."""
    pats = _patterns(LANGS)
    b = page.blocks[i]
    if b.nwords > 40:
        return None
    text = b.text.strip()
    m = pats["reporting"].match(text)
    if m:
        return Credit(_clean_names(m.group("names"), pats), i, whole_block=True)
    m = _BIO.match(text)
    if m and b.nwords >= 6:
        # "Jane Doe is a staff writer at ...": the bio names the author; the
        # block itself stays for the author-bio rule to judge.
        return Credit(m.group("names"), i, whole_block=False)
    if b.nwords > 10:
        return None
    for name in ("agency", "dash", "source"):
        m = pats[name].match(text)
        if m:
            return Credit(m.group("names").strip(), i, whole_block=True)
    return None


@functools.lru_cache(maxsize=1)
def credit_line_words() -> frozenset[str]:
    """First words of wire credit lines ("reporting", "editing", "redaktion")."""
    words = {"reporting", "reported", "written", "writing"}
    for p in phrases("byline", "editing", LANGS):
        found = regex.findall(r"\w+", p.casefold())
        if found:
            words.add(found[0])
    return frozenset(words)


def is_credit_line(text: str) -> bool:
    """A wire credit line: "(Reporting by ...; Editing by ...)", "Editing by ..."."""
    pats = _patterns(LANGS)
    return bool(pats["reporting"].match(text) or pats["editing"].match(text))


def find_credit(page: Page, title: int | None, dateline: Dateline | None) -> Credit | None:
    """The byline near the headline, else an end-of-article credit, else a bare name near it."""
    blocks = page.blocks
    if not blocks:
        return None
    pats = _patterns(page.langs)
    anchor = title if title is not None else (page.span[0] if page.span else 0)
    lo, hi = max(0, anchor - BEFORE), min(len(blocks), anchor + AFTER + 1)
    order = list(range(anchor + 1, hi)) + list(range(anchor - 1, lo - 1, -1))
    for i in order:
        c = _byline(page, i, pats)
        if c and c.text:
            return c
    for i in order:
        c = _name_line(page, i, pats)
        if c and c.text:
            return c
    if page.span is not None:
        # The headline may be wrong: a "By ..." line above the text still counts.
        start = page.span[0]
        for i in range(min(len(blocks) - 1, start + 3), max(-1, start - WIDE_BEFORE), -1):
            if lo <= i < hi:
                continue
            b = blocks[i]
            m = pats["by"].match(b.text) if b.nwords <= 12 else None
            if m:
                return Credit(_clean_names(m.group("names"), pats), i, whole_block=True)
    if page.span is not None:
        _, end = page.span
        for i in range(min(len(blocks) - 1, end + TAIL), max(anchor, end - TAIL), -1):
            c = tail_credit(page, i)
            if c and c.text:
                return c
    if dateline is not None:
        c = _beside_date(page, dateline)
        if c:
            return c
    if page.span is not None:
        # An author bio further down the page names the writer.
        for b in blocks[page.span[1] + 1 : page.span[1] + 1 + BIO_SEARCH]:
            m = _BIO.match(b.text) if 6 <= b.nwords <= 80 else None
            if m:
                return Credit(m.group("names"), b.index, whole_block=False)
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

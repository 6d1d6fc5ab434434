"""Find printed dates in text and turn them into calendar dates.

Month and weekday names come from ``data/phrases/<lang>/dates.txt``; the
matched span is the dateline as printed, with an adjacent weekday and time.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from ..model import Block
from ..phrases import LANGS, alternation, phrases

# Date languages: the phrase languages plus month names of a few more.
DATE_LANGS: tuple[str, ...] = (*LANGS, "it", "pt", "nl", "id", "ru")


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in a block."""

    start: int
    end: int
    text: str
    date: dt.date | None
    relative: bool = False


def _names(section: str) -> dict[str, int]:
    """Name -> 1-based index (month or weekday), over all date languages."""
    out: dict[str, int] = {}
    for lang in DATE_LANGS:
        for n, line in enumerate(phrases("dates", section, (lang,)), start=1):
            for name in line.split():
                out.setdefault(name, n)
    return out


@functools.lru_cache(maxsize=1)
def month_words() -> frozenset[str]:
    """Month names and their abbreviations in every date language, folded."""
    return frozenset(_names("months"))


@functools.lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], dict[str, int], re.Pattern[str]]:
    months = _names("months")
    weekdays = _names("weekdays")
    mon = rf"(?P<mon>{alternation(months)})\.?"
    mon2 = rf"(?P<mon2>{alternation(months)})\.?"
    wd = rf"(?:(?:{alternation(weekdays)})\.?,?\s+)"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°|\.)?"
    day2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d{2})"
    year2 = r"(?P<year2>(?:19|20)\d{2})"
    zone = r"(?:\s*\(?(?:[A-Z]{2,5}|GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?"
    clock = (
        r"(?:[0-2]?\d[:.h][0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?\s?m\.?)?(?:\s*(?:uhr|h))?"
        r"|[0-1]?\d\s*[ap]\.?\s?m\.?)"
    )
    time_after = rf"(?:,?\s*(?:at|um|à|a\s+las|a\s+la|alle|às|om|-|–|—|\||/|·)?\s*{clock}{zone})?"
    time_before = rf"(?:{clock}{zone},?\s+)?"
    forms = [
        # Nov. 18, 2014 / November 18th 2014
        rf"{wd}?{mon}\s+{day2},?\s+{year}",
        # 18 Nov 2014 / 18. November 2014 / 18 de noviembre de 2014 / 18 novembre 2014
        rf"{wd}?{day}\s*(?:de\s+)?{mon2}\s*,?\s*(?:de\s+|del\s+)?{year2}",
        # 2014-11-18T13:55:00Z
        r"(?P<iy>(?:19|20)\d{2})-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
        r"(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d)?(?:\.\d+)?(?:Z|[+-][0-2]\d:?[0-5]\d)?)?",
        # 18.11.2014 / 11/18/2014 / 18-11-2014 / 18.11.14
        rf"{wd}?(?P<na>[0-3]?\d)(?P<sep>[./-])(?P<nb>[0-3]?\d)(?P=sep)(?P<ny>(?:19|20)\d{{2}}|\d{{2}})(?!\d)",
        # 2014/11/18 or 2014.11.18
        r"(?P<ry>(?:19|20)\d{2})(?P<rsep>[./])(?P<rm>[01]?\d)(?P=rsep)(?P<rd>[0-3]?\d)(?!\d)",
        # 2014年11月18日
        r"(?P<cy>(?:19|20)\d{2})\s*年\s*(?P<cm>[01]?\d)\s*月\s*(?P<cd>[0-3]?\d)\s*日",
    ]
    full = rf"(?<![\w/.-]){time_before}(?:{'|'.join(forms)}){time_after}(?![\w/])"
    relative = re.compile(
        r"(?<!\w)(?:(?P<n>\d+|an?|one|ein(?:e[mnr]?)?|un[ea]?)\s+"
        r"(?P<unit>sec|second|min|minute|hour|hr|day|week|month|year|"
        r"sekunde|minute|stunde|tag|woche|monat|jahr|"
        r"seconde|heure|jour|semaine|mois|an|année|"
        r"segundo|minuto|hora|día|dia|semana|mes|año)\w*\.?\s+ago"
        r"|(?:vor|il\s+y\s+a|hace)\s+(?P<n2>\d+|einer?|einem|une?|un[ao]?)\s+"
        r"(?P<unit2>\w+))",
        re.IGNORECASE,
    )
    return re.compile(full, re.IGNORECASE), months, relative


_UNIT_DAYS = {
    "sec": 0, "second": 0, "min": 0, "minute": 0, "hour": 0, "hr": 0, "day": 1,
    "week": 7, "month": 30, "year": 365, "sekunde": 0, "stunde": 0, "tag": 1,
    "woche": 7, "monat": 30, "jahr": 365, "seconde": 0, "heure": 0, "jour": 1,
    "semaine": 7, "mois": 30, "an": 365, "année": 365, "segundo": 0, "minuto": 0,
    "hora": 0, "día": 1, "dia": 1, "semana": 7, "mes": 30, "año": 365,
}  # fmt: skip


_ANY_DIGIT = re.compile(r"\d")


@functools.lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    """Folded words that can start a printed date: month names and relative-date words."""
    return month_words() | {"ago", "vor", "hace", "il", "y", "a"}


_NUMERIC_DATE = re.compile(r"\d[./-]\d|年")


def block_dates(block: Block, lang: str | None, today: dt.date | None = None) -> list[DateMatch]:
    """Dates of a block, found once and kept on the block.

    Blocks with no month name, no relative-date word and no numeric date are
    skipped without running the full pattern.
    """
    if block.dates is None and (
        not _ANY_DIGIT.search(block.text)
        or (_date_words().isdisjoint(block.toks) and not _NUMERIC_DATE.search(block.text))
    ):
        block.dates = []
    if block.dates is None or today is not None:
        found = find_dates(block.text, lang=lang, today=today)
        if today is not None:
            return found
        block.dates = found
    return block.dates


def _make(year: int, month: int, day: int) -> dt.date | None:
    if not 1990 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _from_match(m: re.Match[str], months: dict[str, int], mdy: bool) -> dt.date | None:
    g = m.groupdict()
    if g.get("mon"):
        return _make(int(g["year"]), months[g["mon"].casefold()], int(g["day2"]))
    if g.get("mon2"):
        return _make(int(g["year2"]), months[g["mon2"].casefold()], int(g["day"]))
    if g.get("iy"):
        return _make(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g.get("na"):
        a, b, y = int(g["na"]), int(g["nb"]), g["ny"]
        year = int(y) if len(y) == 4 else 2000 + int(y)
        if g["sep"] == "/" and mdy and a <= 12:
            a, b = b, a  # US order: month/day/year
        # Day first, unless that is no date ("11.14.2019" is month first).
        return _make(year, b, a) or _make(year, a, b)
    if g.get("ry"):
        return _make(int(g["ry"]), int(g["rm"]), int(g["rd"]))
    if g.get("cy"):
        return _make(int(g["cy"]), int(g["cm"]), int(g["cd"]))
    return None


def find_dates(
    text: str, *, lang: str | None = None, today: dt.date | None = None
) -> list[DateMatch]:
    """All date expressions in ``text``, absolute and relative.

    Relative dates ("3 hours ago") get a date only when ``today`` is given.

    >>> [(d.text, d.date.isoformat()) for d in find_dates("Posted November 18, 2014, 1:55 pm")]
    [('November 18, 2014, 1:55 pm', '2014-11-18')]
    >>> [d.text for d in find_dates("le 18 novembre 2014 à 13h55")]
    ['18 novembre 2014 à 13h55']
    >>> find_dates("3 hours ago")[0].date is None
    True
    """
    out: list[DateMatch] = []
    if not _ANY_DIGIT.search(text):
        return out
    pat, months, relative = _compiled()
    mdy = lang in (None, "en")
    for m in pat.finditer(text[:2000]):
        d = _from_match(m, months, mdy)
        if d is not None:
            out.append(DateMatch(m.start(), m.end(), m.group(0).strip(" ,|-–—·"), d))
    for m in relative.finditer(text[:2000]):
        unit = (m.group("unit") or m.group("unit2") or "").casefold()
        base = next(
            (u for u in sorted(_UNIT_DAYS, key=len, reverse=True) if unit.startswith(u)), None
        )
        if base is None:
            continue
        n_raw = (m.group("n") or m.group("n2") or "1").casefold()
        n = int(n_raw) if n_raw.isdigit() else 1
        d = today - dt.timedelta(days=_UNIT_DAYS[base] * n) if today else None
        out.append(DateMatch(m.start(), m.end(), m.group(0), d, relative=True))
    out.sort(key=lambda d: d.start)
    return out

"""Phrase lists kept as data: one file per language and rule family.

``data/phrases/<lang>/<family>.txt`` holds sections.  A section whose name
ends in ``line`` lists phrases that make up a whole block, ``start`` phrases
a block begins with, ``contains`` phrases found anywhere in a block; other
sections are plain word lists read by the code that needs them.  Phrases are
written in lower case and matched word by word (punctuation is ignored,
except that a ``start`` phrase ending in a colon needs the colon: "photo:"
matches "Photo: Jane Doe", not "Photo shows..."); ``{n}`` stands for any
number.  A line starting with ``re:`` is a regular
expression (Python ``re``) matched against the folded block text of short
blocks.

All phrases of all languages go into one index, so a block is looked up once
whatever the number of rules: that keeps the lexical rules fast.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

LANGS: tuple[str, ...] = ("en", "de", "fr", "es", "it", "pt", "nl")
# "contains" regular expressions look at blocks up to this many characters
# (captions, credit tails, price lines are short; paragraphs need not be scanned).
CONTAINS_CHARS = 160
# Every "contains" pattern in the data needs one of these signs (a bracket, a
# bar, a colon, a slash, ©, a currency, @): other lines are not scanned.
_SIGN_RE = re.compile(r"[()\[\]|:/©$€£¥@]")
MODES = ("line", "start", "contains")

WORD_RE = re.compile(r"\w+")
# Digit runs are folded to one "0" before matching, so "{n}" is written "0".
NUMBER_RE = re.compile(r"\d[\d.,]*(?:[km]\b)?")


def _sections(lang: str, family: str) -> dict[str, list[str]]:
    path = (
        resources.files("cleantext")
        .joinpath("data")
        .joinpath("phrases")
        .joinpath(lang)
        .joinpath(f"{family}.txt")
    )
    if not path.is_file():
        return {}
    sections: dict[str, list[str]] = {}
    current = "line"
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line.startswith("re:"):
            line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            continue
        sections.setdefault(current, []).append(line)
    return sections


@functools.lru_cache(maxsize=512)
def phrases(family: str, section: str, langs: tuple[str, ...] = LANGS) -> tuple[str, ...]:
    """All entries of one section, in file order, for the given languages."""
    out: list[str] = []
    for lang in langs:
        out.extend(_sections(lang, family).get(section, []))
    return tuple(dict.fromkeys(out))


def families() -> list[str]:
    root = resources.files("cleantext").joinpath("data").joinpath("phrases")
    names: set[str] = set()
    for lang in root.iterdir():
        if lang.is_dir():
            names.update(p.name[:-4] for p in lang.iterdir() if p.name.endswith(".txt"))
    return sorted(names)


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """A phrase as the word tuple it matches.

    >>> phrase_tokens("Share this article:")
    ('share', 'this', 'article')
    >>> phrase_tokens("{n} shares")
    ('0', 'shares')
    """
    return tuple(WORD_RE.findall(NUMBER_RE.sub("0", phrase.replace("{n}", "0").casefold())))


def _one_line(pattern: str) -> str:
    """Keep a pattern inside one line of the joined page text.

    ``\\s`` outside a class becomes "space but not newline"; negated classes
    exclude the newline.

    >>> print(_one_line(r"a\\s+[^)]"))
    a[^\\S\\n]+[^\\n)]
    """
    out = []
    i = 0
    in_class = False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            pair = pattern[i : i + 2]
            out.append("[^\\S\\n]" if pair == "\\s" and not in_class else pair)
            i += 2
            continue
        if not in_class and c == "[":
            in_class = True
            if pattern.startswith("[^", i):
                out.append("[^\\n")
                i += 2
                continue
        elif in_class and c == "]" and out and out[-1] not in ("[", "[^\\n"):
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _colon_pattern(phrase: tuple[str, ...]) -> re.Pattern[str]:
    words = r"\W+".join(re.escape(w) for w in phrase).replace("0", r"\d[\d.,]*")
    return re.compile(rf"\W*{words}\s*:")


def _colon_after(norm: str, phrase: tuple[str, ...]) -> bool:
    """The words of ``phrase`` open ``norm`` and a colon follows them."""
    return _colon_pattern(phrase).match(norm) is not None


def alternation(items: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first; a space matches any run of spaces.

    >>> print(alternation(["by", "written by"]))
    written\\s+by|by
    """
    return "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(items), key=len, reverse=True)
    )


def mode_of(section: str) -> str | None:
    last = section.split()[-1]
    return last if last in MODES else None


@dataclass
class PhraseIndex:
    """Every ``line``/``start``/``contains`` phrase of every family, by first word."""

    lines: dict[tuple[str, ...], set[str]]
    starts: dict[str, list[tuple[tuple[str, ...], str, bool]]]
    contains: dict[str, list[tuple[tuple[str, ...], str]]]
    regexes: dict[str, re.Pattern[str]]

    def scan(self, norms: list[str], eligible: list[bool]) -> list[tuple[int, str, str]]:
        """Run every ``re:`` pattern once over the eligible blocks of a page.

        Returns (block index, tag, matched text).  One pass per pattern over
        the joined text is much cheaper than one search per block.
        """
        out = []
        for group, tags in self.regex_groups.items():
            if group == "contains":
                # Every "contains" pattern needs one of these signs: skip plain lines.
                ok_lines = [
                    ok and len(n) <= CONTAINS_CHARS and _SIGN_RE.search(n) is not None
                    for n, ok in zip(norms, eligible)
                ]
            else:
                ok_lines = eligible
            text = "\n".join(n if ok else "" for n, ok in zip(norms, ok_lines))
            starts = [0]
            for n, ok in zip(norms, ok_lines):
                starts.append(starts[-1] + (len(n) if ok else 0) + 1)
            for tag in tags:
                for m in self.regexes[tag].finditer(text):
                    out.append((bisect.bisect_right(starts, m.start()) - 1, tag, m.group(0)))
        return out

    @property
    def regex_groups(self) -> dict[str, list[str]]:
        """Tags with regular expressions, by mode ("contains" ones see short blocks only)."""
        groups: dict[str, list[str]] = {}
        for tag in self.regexes:
            mode = "contains" if mode_of(tag.split(":", 1)[1]) == "contains" else "anchored"
            groups.setdefault(mode, []).append(tag)
        return groups

    def match(self, toks: list[str], norm: str = "") -> dict[str, set[str]]:
        """Section tags ("family:section") hit by a block's words, with the phrases found."""
        hits: dict[str, set[str]] = {}
        if not toks:
            return hits
        n = len(toks)
        if n <= 12:
            for tag in self.lines.get(tuple(toks), ()):
                hits[tag] = {" ".join(toks)}
        for phrase, tag, colon in self.starts.get(toks[0], ()):
            if tuple(toks[: len(phrase)]) == phrase and (not colon or _colon_after(norm, phrase)):
                hits.setdefault(tag, set()).add(" ".join(phrase))
        if n > 80:
            return hits  # long paragraphs: only start phrases apply
        contains = self.contains
        for i, t in enumerate(toks):
            cands = contains.get(t)
            if cands:
                for phrase, tag in cands:
                    k = len(phrase)
                    if k == 1 or (i + k <= n and tuple(toks[i : i + k]) == phrase):
                        hits.setdefault(tag, set()).add(" ".join(phrase))
        return hits


@functools.lru_cache(maxsize=4)
def index(langs: tuple[str, ...] = LANGS) -> PhraseIndex:
    """The phrase index of all families for ``langs`` (built once, cached)."""
    lines: dict[tuple[str, ...], set[str]] = defaultdict(set)
    starts: dict[str, list[tuple[tuple[str, ...], str, bool]]] = defaultdict(list)
    contains: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    pats: dict[str, list[str]] = defaultdict(list)
    for family in families():
        for lang in langs:
            for section, items in _sections(lang, family).items():
                mode = mode_of(section)
                if mode is None:
                    continue
                tag = f"{family}:{section}"
                for item in items:
                    if item.startswith("re:"):
                        pats[tag].append(item[3:].strip().replace("{n}", r"\d[\d.,]*"))
                        continue
                    toks = phrase_tokens(item)
                    if not toks:
                        continue
                    if mode == "line":
                        lines[toks].add(tag)
                    elif mode == "start":
                        entry = (toks, tag, item.rstrip().endswith(":"))
                        if entry not in starts[toks[0]]:
                            starts[toks[0]].append(entry)
                    elif (toks, tag) not in contains[toks[0]]:
                        contains[toks[0]].append((toks, tag))
    regexes = {}
    for tag, items in pats.items():
        mode = mode_of(tag.split(":", 1)[1])
        body = "|".join(f"(?:{_one_line(p)})" for p in items)
        if mode == "line":
            body = rf"^(?:{body})$"
        elif mode == "start":
            body = rf"^(?:{body})"
        regexes[tag] = re.compile(body, re.MULTILINE)
    return PhraseIndex(dict(lines), dict(starts), dict(contains), regexes)

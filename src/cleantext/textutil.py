"""Small text helpers shared by the front ends, rules, fields and the scorer."""

from __future__ import annotations

import re
import unicodedata

WORD_RE = re.compile(r"\w+")
# Scripts written without spaces: their characters count as words.
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")

# Typographic variants folded to ASCII for matching.  str.translate with a
# dict is slow in CPython, so the few characters present are replaced one by one.
_FOLD_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u200b": "", "\u200e": "",
    "\u200f": "", "\ufeff": "",
}  # fmt: skip
_FOLD_RE = re.compile("[" + "".join(_FOLD_MAP) + "]")
_SPACES_RE = re.compile(r"[^\S\n ][^\S\n]*| {2,}")

EDGE_PUNCT = " \t\"'.,;:!?-|*•·>»«()[]{}…/\\"


def fold(text: str) -> str:
    """Case- and typography-folded text with collapsed spaces, for matching.

    Works line by line on a whole document too (newlines are kept).

    >>> fold("  Share\\u00a0this  “Story”! ")
    'share this "story"!'
    """
    text = unicodedata.normalize("NFKC", text)
    if _FOLD_RE.search(text):
        text = _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group()], text)
    text = _SPACES_RE.sub(" ", text.casefold())
    if "\n" not in text:
        return text.strip()
    return "\n".join(line.strip() for line in text.split("\n"))


def fold_lines(text: str) -> list[str]:
    """Fold a whole document at once and split it into lines (not stripped)."""
    text = unicodedata.normalize("NFKC", text)
    if _FOLD_RE.search(text):
        text = _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group()], text)
    return _SPACES_RE.sub(" ", text.casefold()).split("\n")


def key(text: str) -> str:
    """A comparison key: folded, edge punctuation stripped.

    >>> key("— Hello, World! —")
    'hello, world'
    """
    return fold(text).strip(EDGE_PUNCT)


def word_count(text: str) -> int:
    """Words, counting CJK characters as half a word each.

    >>> word_count("Hello big world")
    3
    """
    n = len(WORD_RE.findall(text))
    cjk = len(CJK_RE.findall(text))
    if cjk:
        n += cjk // 2
    return n

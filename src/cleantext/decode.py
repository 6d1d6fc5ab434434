"""Bytes to text in a fixed, documented order; never silent mojibake.

Order: byte-order mark, the caller's ``encoding=``, the page's own
declaration (``<meta charset>``, XML declaration), strict UTF-8, a detector
(beautifulsoup4's ``UnicodeDammit``, which uses charset-normalizer when it is
installed), then cp1252 with replacement characters.
"""

from __future__ import annotations

import codecs
import re

import regex

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = regex.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.:-]+)""",
    regex.IGNORECASE,
)
# WHATWG: labels that browsers treat as a wider encoding.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
}
_HTML_START = regex.compile(
    r"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml)",
    regex.IGNORECASE | regex.DOTALL,
)
_TAG = regex.compile(
    r"</?(?:p|div|span|a|br|li|ul|h[1-6]|table|td|tr|img|meta|script|section|article)\b", regex.I
)


_SINGLE_BYTE = frozenset({"cp1252", "iso8859-1", "iso8859-15", "latin-1", "cp1250"})
_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def _utf8_multibyte(data: bytes) -> bool:
    """Valid UTF-8 that uses multi-byte sequences (so it is not plain ASCII)."""
    if not _MULTIBYTE.search(data):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _normalise(name: str) -> str | None:
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the head mean this is not text."""
    head = data[:4096]
    if not head:
        return False
    if b"\x00" in head:
        return True
    ctrl = sum(1 for c in head if c < 9 or 13 < c < 32)
    return ctrl / len(head) > 0.1


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode page bytes; returns the text and the encoding used.

    >>> decode("Café".encode("utf-8"))
    ('Café', 'utf-8')
    >>> decode(b'<meta charset="iso-8859-1"><p>m\\xf6\\xf6se')[1]
    'cp1252'
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name
    if encoding:
        enc = _normalise(encoding)
        if enc is None:
            raise InputError(f"unknown encoding: {encoding}")
        return data.decode(enc, errors="replace"), enc
    if _binary(data):
        raise InputError("input looks binary (NUL or control bytes), not text or HTML")
    m = _DECLARED.search(data[:4096])
    if m:
        enc = _normalise((m.group(1) or m.group(2)).decode("ascii", "replace"))
        if enc in _SINGLE_BYTE and _utf8_multibyte(data):
            # Declared as a single-byte charset, but valid UTF-8 with accents:
            # the declaration is stale (decoding it would give mojibake).
            return data.decode("utf-8"), "utf-8"
        if enc and enc not in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                pass  # a wrong declaration: fall through to UTF-8 and detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from bs4.dammit import UnicodeDammit

    dammit = UnicodeDammit(data, is_html=True)
    if dammit.unicode_markup is not None and not dammit.contains_replacement_characters:
        return dammit.unicode_markup, str(dammit.original_encoding)
    return data.decode("cp1252", errors="replace"), "cp1252"


def looks_like_html(text: str) -> bool:
    """True for markup: a doctype or <html> start, or many tags in the head.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("Prices rose <5% in May.")
    False
    """
    head = text[:5000]
    if _HTML_START.match(head):
        return True
    return len(_TAG.findall(head)) >= 5

"""One pipeline for both front ends: blocks -> rules -> scorer -> fields -> Article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from . import rules as _rules  # noqa: F401  (registers the rules)
from .decode import decode, looks_like_html
from .errors import InputError
from .fields.credit import Credit, find_credit
from .fields.dateline import Dateline, find_dateline
from .fields.title import find_title, strip_affix
from .frontends.text import text_blocks
from .metadata import Metadata
from .model import Article, Block, Removed
from .page import Page
from .phrases import LANGS, index
from .rules.base import REGISTRY, run_stage
from .scorer import Model, bridge_gaps, detect_lang, load_model, score_page
from .textutil import key

# Inputs above this many characters are refused rather than cleaned slowly.
MAX_CHARS = 20_000_000

_WIRE_PREFIX = regex.compile(
    r"^(?:\p{Lu}[\p{L}\p{M}'.-]+(?:[ /-]\p{Lu}[\p{L}\p{M}'.-]+){0,3}"  # City, NEW YORK
    r"(?:,\s*[\p{L}\p{M}\d .'-]{2,30}){0,3}"  # , Country / , Nov 18 / , 2014
    r"\s*)?(?:\((?P<agency>\p{L}[\p{L} .&-]{1,30})\)|/(?P<wire>\p{Lu}[\p{L} .&-]{1,30})/)"
    r"\s*(?:[-–—]+|:)\s*"
)


@dataclass(frozen=True)
class Options:
    """How to clean: language hint, reference date, rules switched off."""

    lang: str | None = None
    today: dt.date | None = None
    disable: frozenset[str] = frozenset()
    input_format: str = "auto"  # "auto" | "text" | "html"
    encoding: str | None = None


def resolve_rules(disable: Iterable[str] = (), enable: Iterable[str] = ()) -> frozenset[str]:
    """Ids of the rules switched off.  Items are rule ids ("SH001") or families ("SH").

    ``enable`` wins over ``disable``; an unknown id raises ``ValueError`` so a
    typo is not silently ignored.

    >>> sorted(resolve_rules(["CM"], ["CM002"]))
    ['CM001']
    """
    families = {r.family for r in REGISTRY.values()}

    def norm(items: Iterable[str]) -> set[str]:
        out = set()
        for item in items:
            item = item.strip().upper()
            if not item:
                continue
            if item not in REGISTRY and item not in families:
                raise ValueError(f"unknown rule or family: {item}")
            out.add(item)
        return out

    off, on = norm(disable), norm(enable)
    return frozenset(
        r.id
        for r in REGISTRY.values()
        if (r.id in off or r.family in off) and r.id not in on and r.family not in on
    )


def prepare(text: str, *, lang: str | None = None, disabled: frozenset[str] = frozenset()) -> Page:
    """Blocks of a text dump with the lexical rules applied (the scorer's input)."""
    blocks = text_blocks(text)
    return prepare_blocks(blocks, lang=lang, disabled=disabled, input_format="text")


def prepare_blocks(
    blocks: list[Block],
    *,
    lang: str | None,
    disabled: frozenset[str],
    input_format: str,
    meta: Metadata | None = None,
) -> Page:
    detected = lang or detect_lang(blocks)
    page = Page(blocks=blocks, lang=detected, input_format=input_format, disabled=disabled)
    page.meta = meta
    # Phrase lists of every language apply (pages mix languages); the
    # detected one only orders date parsing.
    page.langs = LANGS
    idx = index(LANGS)
    for b in blocks:
        b.hits = idx.match(b.toks, b.norm)
    # Regular expressions: one pass over the short blocks of the page.
    for i, tag, found in idx.scan([b.norm for b in blocks], [b.nwords <= 40 for b in blocks]):
        blocks[i].hits.setdefault(tag, set()).add(found)
    tags = page.tags
    for b in blocks:
        for tag in b.hits:
            tags.setdefault(tag, []).append(b.index)
    run_stage(page, "lexical")
    return page


def _fields(
    page: Page, today: dt.date | None, model: Model
) -> tuple[str | None, Dateline | None, Credit | None]:
    t = _meta_title_block(page)
    if t is None:
        t = find_title(page, page.x1, model.title, model.title_trees)
    title: str | None = None
    if t is not None:
        page.title_index = t
        blk = page.blocks[t]
        blk.label = blk.kind = None  # the headline may have been taken by a list rule
        page.field_blocks["title"] = t
        title = strip_affix(blk.text, page, t)
    dl = find_dateline(page, t, today)
    if dl is not None and dl.whole_block and dl.index != t:
        page.field_blocks["dateline"] = dl.index
    credit = find_credit(page, t, dl)
    if credit is not None and credit.whole_block and credit.index != t:
        page.field_blocks.setdefault("credit", credit.index)
        if page.field_blocks.get("dateline") == credit.index:
            del page.field_blocks["credit"]
    return title, dl, credit


def _meta_title_block(page: Page) -> int | None:
    """The block that prints the headline the markup declares (JSON-LD, og:title, h1)."""
    if page.meta is None or not page.meta.title:
        return None
    mk = key(page.meta.title)
    if len(mk) < 8:
        return None
    for b in page.blocks:
        if b.key == mk and (b.label is None or b.label[:2] not in ("CM", "SH", "NL", "LG")):
            return b.index
    return None


def _assemble(page: Page) -> tuple[str, str | None]:
    """Join kept blocks: a blank line between paragraphs, one newline inside a run."""
    parts: list[str] = []
    agency: str | None = None
    prev: Block | None = None
    gap_since = True
    for b in page.blocks:
        if b.label is not None:
            gap_since = gap_since or b.gap_before or b.gap_after
            continue
        text = b.text
        if prev is None:
            m = _WIRE_PREFIX.match(text)
            if m and len(text) - m.end() > 40:
                agency = (m.group("agency") or m.group("wire")).strip()
                text = text[m.end() :]
        else:
            parts.append("\n\n" if (gap_since or b.gap_before) else "\n")
        parts.append(text)
        prev = b
        gap_since = b.gap_after
    return "".join(parts), agency


def _captions(page: Page) -> list[str]:
    out: list[str] = []
    seen: list[str] = []
    for _, c in sorted(page.captions):
        k = key(c)
        if any(k == s or k in s or s in k for s in seen):
            continue
        seen.append(k)
        out.append(c)
    return out


def clean_page(page: Page, *, today: dt.date | None = None, url: str | None = None) -> Article:
    """Run the stages after the lexical rules and build the Article."""
    model = load_model(kind=page.input_format)
    if model is None:
        raise RuntimeError("cleantext's scorer weights (data/scorer.json) are missing")
    score_page(page, model)
    run_stage(page, "structure")
    title, dl, credit = _fields(page, today, model)
    page.has_dateline = dl is not None
    run_stage(page, "fields")
    bridge_gaps(page)
    run_stage(page, "final")
    body, agency = _assemble(page)
    credit_text = credit.text if credit else agency
    date = dl.match.date if dl else None
    dateline = dl.match.text if dl and not dl.match.relative else None
    captions = _captions(page)
    meta = page.meta
    if meta is not None and body:
        # The markup's own data fills what the printed page does not show.
        date = date or meta.date
        credit_text = credit_text or (", ".join(meta.authors) if meta.authors else None)
        title = title or meta.title
        seen = {key(c) for c in captions}
        captions += [c for c in meta.captions if key(c) not in seen]
    if not body and dl is None:
        # No article and no dateline: a cookie wall, an index page, an error
        # page.  A heading found there is the site's, not a story's.
        title = credit_text = None
    removed = [
        Removed(text=b.text, rule=b.label, kind=b.kind or "", line=b.line_no)
        for b in page.blocks
        if b.label is not None
    ]
    return Article(
        title=title,
        dateline=dateline,
        date=date,
        body=body,
        credit=credit_text,
        captions=captions,
        removed=removed,
        lang=page.lang,
        url=url,
        input_format=page.input_format,
    )


class Cleaner:
    """A reusable, picklable cleaner with fixed options.

    >>> Cleaner().clean("Skip to content\\n\\nA short story about the harbour, told in full.").body
    'A short story about the harbour, told in full.'
    """

    def __init__(
        self,
        *,
        lang: str | None = None,
        today: dt.date | None = None,
        disable: Iterable[str] = (),
        enable: Iterable[str] = (),
        input_format: str = "auto",
        encoding: str | None = None,
    ) -> None:
        if input_format not in ("auto", "text", "html"):
            raise ValueError(f"input_format must be auto, text or html, not {input_format!r}")
        self.options = Options(
            lang=lang,
            today=today,
            disable=resolve_rules(disable, enable),
            input_format=input_format,
            encoding=encoding,
        )

    def clean(self, data: str | bytes, *, url: str | None = None) -> Article:
        """Clean one page given as text or HTML, str or bytes."""
        opts = self.options
        if isinstance(data, bytes | bytearray):
            text, _enc = decode(bytes(data), encoding=opts.encoding)
        elif isinstance(data, str):
            text = data
        else:
            raise TypeError(f"clean() takes str or bytes, not {type(data).__name__}")
        if len(text) > MAX_CHARS:
            raise InputError(f"input has {len(text):,} characters; the limit is {MAX_CHARS:,}")
        fmt = opts.input_format
        if fmt == "auto":
            fmt = "html" if looks_like_html(text) else "text"
        meta = None
        if fmt == "html":
            from .frontends.html import parse_html

            parsed = parse_html(text)
            blocks = parsed.blocks
            meta = parsed.metadata if parsed.tree is not None else None
        else:
            blocks = text_blocks(text)
        page = prepare_blocks(
            blocks, lang=opts.lang, disabled=opts.disable, input_format=fmt, meta=meta
        )
        return clean_page(page, today=opts.today, url=url or (meta.url if meta else None))


def clean(
    data: str | bytes,
    *,
    url: str | None = None,
    lang: str | None = None,
    today: dt.date | None = None,
    disable: Iterable[str] = (),
    enable: Iterable[str] = (),
    input_format: str = "auto",
    encoding: str | None = None,
) -> Article:
    """Clean one raw page (text dump or HTML) into an :class:`Article`.

    >>> art = clean("Menu\\nHome\\n\\nBridge reopens\\nMarch 3, 2024\\n\\n"
    ...             "The old bridge reopened on Monday after two years of repairs, the city said.")
    >>> art.title, art.date.isoformat()
    ('Bridge reopens', '2024-03-03')
    """
    return Cleaner(
        lang=lang,
        today=today,
        disable=disable,
        enable=enable,
        input_format=input_format,
        encoding=encoding,
    ).clean(data, url=url)


def demo(rule_id: str, text: str) -> list[str]:
    """Texts of the blocks that ``rule_id`` removes when cleaning ``text``.

    Used by the rules' docstring examples.
    """
    page = prepare(text)
    art = clean_page(page)
    return [r.text for r in art.removed if r.rule == rule_id]

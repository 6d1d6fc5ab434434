"""HTML front end: the page's visible text laid out as html-text does, one block per line.

The layout follows the rules the corpus dumps were made with (see the
corpus README, "How the dumps were made"), so an HTML page gives the same
lines as its text dump, plus DOM features on every block: ``tag``, ``path``,
``classes`` and ``link_density``.

Parsing is done once by :func:`parse_html`; its :class:`ParsedPage` carries
the tree, the blocks and (computed on first use, from the same tree) the
page's :class:`~cleantext.metadata.Metadata`.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, field
from html import unescape as html_unescape
from typing import TYPE_CHECKING, Any

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from ..model import Block
from .text import text_blocks

if TYPE_CHECKING:
    from ..metadata import Metadata

__all__ = [
    "BLOCK_TAGS",
    "DROP_TAGS",
    "ParsedPage",
    "element_text",
    "html_blocks",
    "html_to_text",
    "parse_html",
    "parse_tree",
]

# Elements whose content a browser never shows.
DROP_TAGS = frozenset(
    {
        "head", "script", "style", "noscript", "template", "svg", "math", "iframe",
        "object", "embed", "canvas", "audio", "video",
    }
)  # fmt: skip
# html-text's layout: a line break around these ...
NEWLINE_TAGS = frozenset(
    {
        "article", "aside", "br", "dd", "details", "div", "dt", "fieldset", "figcaption",
        "footer", "form", "header", "hr", "legend", "li", "main", "nav", "table", "tr",
    }
)  # fmt: skip
# ... and a blank line around these.
DOUBLE_NEWLINE_TAGS = frozenset(
    {
        "blockquote", "dl", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "p",
        "pre", "title", "ul",
    }
)  # fmt: skip
# Block-level elements: a block's ``tag`` is the nearest of these.
BLOCK_TAGS = (
    NEWLINE_TAGS
    | DOUBLE_NEWLINE_TAGS
    | frozenset(
        {
            "address", "body", "caption", "center", "dialog", "html", "hgroup", "menu",
            "section", "summary", "tbody", "td", "tfoot", "th", "thead",
        }
    )
)  # fmt: skip
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Landmarks kept in a capped ``path``.
_LANDMARKS = frozenset(
    {"article", "main", "nav", "aside", "header", "footer", "form", "section", "body"}
)

MAX_PATH = 24  # tags in a block's path before it is capped
MAX_CLASSES = 200  # characters of a block's class/id words
MAX_DEPTH = 1500  # deeper nesting is flattened before parsing (libxml2 stops near 2048)

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
NOSCRIPT_MIN_WORDS = 100  # below this many words, <noscript> text may be the page
_PUNCT_AFTER = re.compile(r'^[,:;.!?")]')
_XML_DECL = re.compile(r"^[\s\ufeff]*<\?xml[^>]{0,200}\?>", re.IGNORECASE)
# XML-illegal characters removed before parsing: C0 controls but tab, LF, CR
# (and U+FFFE/U+FFFF, removed from the UTF-8 bytes).
_CONTROL_BYTES = bytes(c for c in range(32) if c not in (9, 10, 13))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_NONSPACE = re.compile(r"\S")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ANY_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_RESOURCE_LIMIT = etree.ErrorTypes.ERR_RESOURCE_LIMIT
_TAG_TOKEN = re.compile(r"<(/?)([a-zA-Z][\w:.-]*)[^>]*?(/?)>")
_VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr",
    }
)  # fmt: skip

_local = threading.local()


def _parser() -> etree.HTMLParser:
    """The calling thread's HTML parser (lxml parsers must not be shared across threads).

    ``etree.HTMLParser`` with the settings of ``lxml.html.HTMLParser`` below,
    minus its element-class lookup: plain elements are faster to walk.
    """
    p: etree.HTMLParser | None = getattr(_local, "parser", None)
    if p is None:
        p = etree.HTMLParser(
            recover=True,
            remove_comments=True,
            remove_pis=True,
            no_network=True,
            huge_tree=True,
            collect_ids=False,
            default_doctype=False,
            encoding="utf-8",
        )
        _local.parser = p
    return p


def _flatten_deep(html: str, limit: int = MAX_DEPTH) -> str:
    """Drop the tags nested deeper than ``limit``; their text stays.

    libxml2 silently loses everything past 2048 levels, so a page that hits
    that limit is flattened and parsed again.
    """
    out: list[str] = []
    depth = 0
    skipped: dict[str, int] = {}
    pos = 0
    for m in _TAG_TOKEN.finditer(html):
        closing, name, selfclose = m.group(1), m.group(2).lower(), m.group(3)
        out.append(html[pos : m.start()])
        pos = m.end()
        if name in _VOID or selfclose:
            out.append(m.group(0))
        elif closing:
            if skipped.get(name):
                skipped[name] -= 1
                out.append("<br>" if name in BLOCK_TAGS else " ")
            else:
                depth = max(0, depth - 1)
                out.append(m.group(0))
        elif depth >= limit:
            skipped[name] = skipped.get(name, 0) + 1
            out.append("<br>" if name in BLOCK_TAGS else " ")  # a block still breaks the line
        else:
            depth += 1
            out.append(m.group(0))
    out.append(html[pos:])
    return "".join(out)


def _parse_bytes(data: bytes) -> tuple[Any | None, bool]:
    """Parse; the flag is true when libxml2 hit its depth limit (and lost text)."""
    parser = _parser()
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None, False
    too_deep = any(e.type == _RESOURCE_LIMIT for e in parser.error_log)
    return root, too_deep


def parse_tree(html: str) -> Any | None:
    """Parse HTML text with the safe parser settings; None when there is nothing to parse.

    An XML declaration and XML-illegal control characters are removed, and the
    text is given to lxml as UTF-8 bytes.

    >>> parse_tree("<?xml version='1.0' encoding='utf-8'?><p>Hi</p>").findtext(".//p")
    'Hi'
    >>> parse_tree("   ") is None
    True
    """
    m = _XML_DECL.match(html)
    if m:
        html = html[m.end() :]
    if not _NONSPACE.search(html):
        return None
    try:
        data = html.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        html = _SURROGATE.sub("\ufffd", html)
        data = html.encode("utf-8")
    clean = data.translate(None, _CONTROL_BYTES)
    if b"\xef\xbf\xbe" in clean or b"\xef\xbf\xbf" in clean:
        clean = clean.replace(b"\xef\xbf\xbe", b"").replace(b"\xef\xbf\xbf", b"")
    if len(clean) != len(data):
        html = clean.decode("utf-8")
        data = clean
    root, too_deep = _parse_bytes(data)
    if too_deep:
        root, _ = _parse_bytes(_flatten_deep(html).encode("utf-8"))
    if root is None:
        # e.g. a document of comments only: keep whatever text is outside tags
        text = html_unescape(_ANY_TAG.sub(" ", _COMMENT.sub(" ", html))).strip()
        if not text:
            return None
        root = etree.Element("html")
        etree.SubElement(root, "body").text = text
    return root


@dataclass(slots=True)
class _Line:
    parts: list[str]
    elems: list[Any]  # the nearest block element of each part
    gap: bool
    chars: int = 0
    link_chars: int = 0
    hidden_chars: int = 0  # characters inside aria-hidden elements


_Feats = dict[Any, tuple[tuple[str, ...], str]]


def _fill(feats: _Feats, stack: list[Any], pos: int) -> None:
    """Path and class words of ``stack[pos]`` and its ancestors not yet in ``feats``.

    Each element's come from its parent's: the tags from ``<body>`` (capped
    at MAX_PATH, landmarks kept) and its own class/id words before its
    ancestors' (capped at MAX_CLASSES characters).
    """
    i = pos
    while i >= 0 and stack[i] not in feats:
        i -= 1
    comps: tuple[str, ...] = ()
    classes = ""
    if i >= 0:
        comps, classes = feats[stack[i]]
    for j in range(i + 1, pos + 1):
        e = stack[j]
        tag = e.tag
        if tag == "body":
            comps, classes = ("body",), ""
        else:
            comps = (*comps, tag)
            if len(comps) > MAX_PATH:
                comps = _cap_path(comps)
        cls = e.get("class")
        ident = e.get("id")
        if cls or ident:
            mine = _own_words(cls, ident, tag in _HEADINGS)
            if mine:
                classes = f"{mine} {classes}" if classes else mine
                if len(classes) > MAX_CLASSES:
                    cut = classes.rfind(" ", 0, MAX_CLASSES + 1)
                    classes = classes[:cut] if cut > 0 else classes[:MAX_CLASSES]
        feats[e] = (comps, classes)


def _layout(
    root: Any, drop_aria: bool, keep_noscript: bool = False, feats: _Feats | None = None
) -> tuple[list[_Line], str | None]:
    """Walk the tree once, without recursion, and lay its visible text out in lines.

    Returns the lines and the text of the first ``<title>``.  ``feats``, when
    given, receives the path and class words of every element that holds
    text, and of its ancestors.
    """
    drop = DROP_TAGS - {"noscript"} if keep_noscript else DROP_TAGS
    newline_tags = NEWLINE_TAGS
    double_tags = DOUBLE_NEWLINE_TAGS
    block_tags = BLOCK_TAGS
    hidden_style = _HIDDEN_STYLE.search
    punct_after = _PUNCT_AFTER.match
    lines: list[_Line] = []
    line = _Line([], [], True)
    prev: str | None = None  # raw text last added; None right after a line break
    gap = True  # a blank line is due before the next text
    pending: list[str] = []  # raw text waiting to be added (merged across dropped elements)
    blocks: list[Any] = [root]  # open block-level elements
    block_pos = [0]  # their positions in ``stack``
    stack: list[Any] = []  # every open element
    in_link = 0
    in_aria: list[Any] = []  # open aria-hidden elements (kept unless drop_aria, and marked)
    skipping: Any = None  # the dropped element whose subtree is skipped
    title: str | None = None

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        if skipping is not None:
            if el is skipping:  # its "end" event
                skipping = None
                tail = el.tail
                if tail:
                    pending.append(tail)
            continue
        tag = el.tag
        start = event == "start"
        aria = False
        if start:
            aria_attr = el.get("aria-hidden")
            if aria_attr is not None:
                aria = aria_attr.strip().lower() == "true"
            style = el.get("style")
            if (
                tag in drop
                or el.get("hidden") is not None
                or (style and hidden_style(style))
                or type(tag) is not str
                or (aria and drop_aria)
            ):
                if title is None and (tag == "title" or tag == "head"):
                    t = el if tag == "title" else el.find(".//title")
                    if t is not None:
                        title = "".join(t.itertext())
                skipping = el
                walker.skip_subtree()
                continue
            stack.append(el)
        if pending:  # html-text's add_text
            raw = pending[0] if len(pending) == 1 else "".join(pending)
            pending.clear()
            text = " ".join(raw.split())
            if text:
                if feats is not None and blocks[-1] not in feats:
                    _fill(feats, stack, block_pos[-1])
                if prev is None:
                    line = _Line([text], [blocks[-1]], gap, len(text))
                    lines.append(line)
                else:
                    if prev[-1].isspace() or not (punct_after(text) or prev[-1] == "("):
                        line.parts.append(" ")
                        line.chars += 1
                    line.parts.append(text)
                    line.elems.append(blocks[-1])
                    line.chars += len(text)
                if in_link:
                    line.link_chars += len(text)
                if in_aria:
                    line.hidden_chars += len(text)
                prev = raw
        if tag in newline_tags:
            if prev is not None:
                prev = None
                gap = False
        elif tag in double_tags:
            prev = None
            gap = True
            if tag == "title" and title is None and start:
                title = "".join(el.itertext())
        if start:
            if tag in block_tags:
                blocks.append(el)
                block_pos.append(len(stack) - 1)
            elif tag == "a":
                in_link += 1
            if aria:
                in_aria.append(el)
            text = el.text
            if text:
                pending.append(text)
        else:
            stack.pop()
            if blocks[-1] is el:
                blocks.pop()
                block_pos.pop()
            elif tag == "a" and in_link:
                in_link -= 1
            if in_aria and in_aria[-1] is el:
                in_aria.pop()
            tail = el.tail
            if tail and el is not root:
                pending.append(tail)
    return lines, title


def element_text(el: Any) -> str:
    """Visible text of one element, laid out as in the blocks, its lines joined by spaces.

    >>> element_text(parse_tree("<figcaption>Rain.<span>Credit</span> AP</figcaption>")[0][0])
    'Rain. Credit AP'
    """
    return " ".join("".join(ln.parts) for ln in _layout(el, False)[0])


def _has_words(lines: list[_Line], n: int) -> bool:
    """True when the lines hold at least ``n`` words (stops counting there)."""
    count = 0
    for ln in lines:
        for part in ln.parts:
            for _ in _WORD.finditer(part):
                count += 1
                if count >= n:
                    return True
    return False


def _visible_lines(
    root: Any, drop_aria: bool, feats: _Feats | None = None
) -> tuple[list[_Line], str | None]:
    """The page's lines; ``<noscript>`` text is kept when the page shows almost nothing else.

    Pages that serve their whole content inside ``<noscript>`` (forum software
    does, for clients without JavaScript) give that text, as a scraper without
    JavaScript saves it.
    """
    lines, title = _layout(root, drop_aria, feats=feats)
    if not _has_words(lines, NOSCRIPT_MIN_WORDS) and root.find(".//noscript") is not None:
        words = sum(len(_WORD.findall(part)) for ln in lines for part in ln.parts)
        with_ns, _ = _layout(root, drop_aria, keep_noscript=True, feats=feats)
        if _has_words(with_ns, 2 * words + 50):
            return with_ns, title
    return lines, title


def _common_block(elems: list[Any]) -> Any:
    """The nearest element that contains every part of a line."""
    first = elems[0]
    if len(elems) == 1:
        return first
    others = {id(e): e for e in elems if e is not first}
    if not others:
        return first
    chain = [first, *first.iterancestors()]
    pos = {id(e): i for i, e in enumerate(chain)}
    best = 0
    for e in others.values():
        node = e
        while node is not None and id(node) not in pos:
            node = node.getparent()
        if node is None:
            return chain[-1]
        best = max(best, pos[id(node)])
    return chain[best]


@functools.lru_cache(maxsize=8192)
def _own_words(cls: str | None, ident: str | None, heading: bool) -> str:
    """Class and id words of one element, without anchor slugs and hashes, each once.

    Ids of headings and long hyphenated tokens ("h-how-to-use-social-shopping",
    UUIDs) are text or random, not structure, and are left out.
    """
    if heading:
        ident = None
    raw = f"{cls} {ident}" if cls and ident else cls or ident or ""
    cut = 3 if heading else 4
    words = [w for w in raw.lower().split() if len(w) <= 40 and w.count("-") < cut]
    return " ".join(dict.fromkeys(words)) if len(words) > 1 else "".join(words)


def _cap_path(comps: tuple[str, ...]) -> tuple[str, ...]:
    """Keep a long path short: its root, the landmarks above, the nearest tags."""
    if len(comps) <= MAX_PATH:
        return comps
    tail = MAX_PATH // 2
    mid = [t for t in comps[1:-tail] if t in _LANDMARKS][-(MAX_PATH - tail - 2) :]
    return (comps[0], "...", *mid, *comps[-tail:])


def _lines_text(lines: list[_Line]) -> str:
    out: list[str] = []
    for i, ln in enumerate(lines):
        if i:
            out.append("\n\n" if ln.gap else "\n")
        out.append("".join(ln.parts))
    return "".join(out)


def html_to_text(html: str, *, drop_aria_hidden: bool = False) -> str:
    """The page's visible text, laid out like the corpus text dumps.

    >>> html_to_text("<div>Menu</div><p>One <b>bold</b>, plain.</p><ul><li>a</li><li>b</li></ul>")
    'Menu\\n\\nOne bold, plain.\\n\\na\\nb'
    """
    root = parse_tree(html)
    if root is None:
        return ""
    return _lines_text(_visible_lines(root, drop_aria_hidden)[0])


def _blocks_from_lines(lines: list[_Line], feats: _Feats) -> tuple[list[Block], frozenset[int]]:
    """Blocks with DOM features, and the indices of the blocks inside aria-hidden elements."""
    blocks = text_blocks(_lines_text(lines))
    if len(blocks) != len(lines):  # cannot happen: every line has visible text
        raise AssertionError("html front end: lines and blocks differ")
    paths: dict[tuple[str, ...], str] = {}
    aria: list[int] = []
    for b, ln in zip(blocks, lines, strict=True):
        el = _common_block(ln.elems)
        comps, b.classes = feats[el]
        path = paths.get(comps)
        if path is None:
            path = paths[comps] = ">".join(comps)
        b.path = path
        b.tag = comps[-1] if comps else ""
        if ln.chars:
            b.link_density = round(ln.link_chars / ln.chars, 3)
            if ln.hidden_chars * 2 > ln.chars:
                aria.append(b.index)
    return blocks, frozenset(aria)


@dataclass
class ParsedPage:
    """One parse of an HTML page: the tree, its blocks, and metadata on demand.

    ``title`` is the text of the ``<title>`` element (never a block).
    ``aria_hidden`` holds the indices of blocks whose text is mostly inside
    ``aria-hidden="true"`` elements (visible, but marked as decoration).
    ``metadata`` is extracted from the same, unchanged tree the first time
    it is read.
    """

    tree: Any
    blocks: list[Block]
    title: str | None = None
    aria_hidden: frozenset[int] = frozenset()
    _metadata: Metadata | None = field(default=None, repr=False)

    @property
    def metadata(self) -> Metadata:
        if self._metadata is None:
            from ..metadata import extract_metadata

            self._metadata = extract_metadata(self.tree, title=self.title)
        return self._metadata


def parse_html(html: str, *, drop_aria_hidden: bool = False) -> ParsedPage:
    """Parse once and build the blocks; metadata comes lazily from the same tree.

    ``drop_aria_hidden=True`` also drops ``aria-hidden="true"`` elements.  Off
    by default: browsers show them, and the corpus dumps keep them.

    >>> page = parse_html("<title>T</title><h1>Big news</h1><p>It happened.</p>")
    >>> page.title, [b.text for b in page.blocks]
    ('T', ['Big news', 'It happened.'])
    """
    root = parse_tree(html)
    if root is None:
        return ParsedPage(tree=None, blocks=[])
    feats: _Feats = {}
    lines, title = _visible_lines(root, drop_aria_hidden, feats)
    if title is not None:
        title = _WS.sub(" ", title).strip() or None
    blocks, aria = _blocks_from_lines(lines, feats)
    return ParsedPage(tree=root, blocks=blocks, title=title, aria_hidden=aria)


def html_blocks(html: str, *, drop_aria_hidden: bool = False) -> list[Block]:
    """Blocks of an HTML page: one per line of its html-text layout, with DOM features.

    >>> bs = html_blocks('<nav><a href="/">Home</a></nav><article><p>Rain, then sun.</p></article>')
    >>> [(b.text, b.tag, b.path, b.link_density, b.gap_before) for b in bs]
    [('Home', 'nav', 'body>nav', 1.0, True), ('Rain, then sun.', 'p', 'body>article>p', 0.0, True)]
    """
    return parse_html(html, drop_aria_hidden=drop_aria_hidden).blocks

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

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import lxml.html
from lxml import etree

from ..model import Block
from .text import text_blocks

if TYPE_CHECKING:
    from ..metadata import Metadata

__all__ = [
    "BLOCK_TAGS",
    "DROP_TAGS",
    "ParsedPage",
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
_XML_DECL = re.compile(r"^\s*<\?xml[^>]{0,200}\?>", re.IGNORECASE)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HIDDEN_XPATH = etree.XPath(
    "//*[@hidden or @style[contains(., 'none') or contains(., 'hidden')"
    " or contains(., 'NONE') or contains(., 'HIDDEN')] or @aria-hidden]"
)
_TAG_TOKEN = re.compile(r"<(/?)([a-zA-Z][\w:.-]*)[^>]*?(/?)>")
_VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr",
    }
)  # fmt: skip

_local = threading.local()


def _parser() -> etree.HTMLParser:
    """The calling thread's HTML parser (lxml parsers must not be shared across threads)."""
    p: etree.HTMLParser | None = getattr(_local, "parser", None)
    if p is None:
        p = lxml.html.HTMLParser(
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
    """Drop the tags nested deeper than ``limit`` (their text stays).

    libxml2 silently loses everything past ~2048 levels, so pathological
    nesting is flattened first.  Only used when the raw depth is over the limit.
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
            else:
                depth = max(0, depth - 1)
                out.append(m.group(0))
        elif depth >= limit:
            skipped[name] = skipped.get(name, 0) + 1
            # a block-level tag still breaks the line
            out.append("<br>" if name in BLOCK_TAGS else " ")
        else:
            depth += 1
            out.append(m.group(0))
    out.append(html[pos:])
    return "".join(out)


def _too_deep(html: str, limit: int = MAX_DEPTH) -> bool:
    """Cheap pre-check: could the raw markup nest deeper than ``limit``?"""
    n_open = html.count("<") - html.count("</") * 2
    if n_open < limit:
        return False
    depth = peak = 0
    for m in _TAG_TOKEN.finditer(html):
        if m.group(1):
            depth -= 1
        elif m.group(2).lower() not in _VOID and not m.group(3):
            depth += 1
            if depth > peak:
                peak = depth
                if peak > limit:
                    return True
    return False


def parse_tree(html: str) -> Any | None:
    """Parse HTML text with the safe parser settings; None when there is nothing to parse.

    An XML declaration and XML-illegal control characters are removed, and the
    text is given to lxml as UTF-8 bytes.

    >>> parse_tree("<?xml version='1.0' encoding='utf-8'?><p>Hi</p>").findtext(".//p")
    'Hi'
    >>> parse_tree("   ") is None
    True
    """
    html = _XML_DECL.sub("", html, count=1)
    if _INVALID_XML.search(html):
        html = _INVALID_XML.sub("", html)
    if not html.strip():
        return None
    if _too_deep(html):
        html = _flatten_deep(html)
    data = html.encode("utf-8", "surrogatepass")
    try:
        root = etree.fromstring(data, _parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        # e.g. a document of comments only: keep whatever text it has
        from html import unescape

        text = unescape(re.sub(r"<[^>]*>", " ", html)).strip()
        if not text:
            return None
        root = lxml.html.Element("html")
        body = etree.SubElement(root, "body")
        body.text = text
    return root


def _hidden(tree: Any, aria: bool) -> set[Any]:
    """Elements hidden by the markup itself."""
    out = set()
    for el in _HIDDEN_XPATH(tree):
        if el.get("hidden") is not None:
            out.add(el)
            continue
        style = el.get("style")
        if style and _HIDDEN_STYLE.search(style):
            out.add(el)
            continue
        if aria and (el.get("aria-hidden") or "").strip().lower() == "true":
            out.add(el)
    return out


@dataclass(slots=True)
class _Line:
    parts: list[str] = field(default_factory=list)
    elems: list[Any] = field(default_factory=list)  # nearest block element of each part
    chars: int = 0
    link_chars: int = 0
    gap: bool = True


def _layout(
    root: Any, aria_hidden: bool, keep_noscript: bool = False
) -> tuple[list[_Line], str | None]:
    """Walk the tree once (iteratively) and lay its visible text out in lines.

    Returns the lines and the text of the first ``<title>`` (hidden or not).
    """
    hidden = _hidden(root, aria_hidden)
    drop = DROP_TAGS - {"noscript"} if keep_noscript else DROP_TAGS
    lines: list[_Line] = []
    line = _Line()
    prev: str | None = None  # raw text last added; None right after a line break
    gap = True  # a blank line is due before the next text
    pending: list[str] = []  # raw text waiting to be added (merged across dropped elements)
    blocks: list[Any] = [root]  # stack of open block-level elements
    in_link = 0
    skipping: Any = None  # the dropped element being skipped
    title: str | None = None

    def flush() -> None:
        nonlocal prev, line
        if not pending:
            return
        raw = pending[0] if len(pending) == 1 else "".join(pending)
        pending.clear()
        text = _WS.sub(" ", raw.strip())
        if not text:
            return
        if prev is None:
            if line.parts:
                lines.append(line)
            line = _Line(gap=gap)
        elif (
            raw
            and not prev[-1].isspace()
            and (_PUNCT_AFTER.match(text) or prev.endswith("("))
        ):
            pass
        else:
            line.parts.append(" ")
            line.chars += 1
        line.parts.append(text)
        line.elems.append(blocks[-1])
        line.chars += len(text)
        if in_link:
            line.link_chars += len(text)
        prev = raw

    def newline(double: bool) -> None:
        nonlocal prev, gap
        if prev is not None:
            prev = None
            gap = double
        elif double:
            gap = True

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if skipping is not None:
            if el is skipping and event == "end":
                skipping = None
                if el.tail:
                    pending.append(el.tail)
            continue
        if not isinstance(tag, str):  # comment or PI left by the parser
            if event == "end" and el.tail:
                pending.append(el.tail)
            continue
        if event == "start":
            if tag in drop or el in hidden:
                if tag == "title" and title is None:
                    title = el.text
                if tag == "head" and title is None:
                    t = el.find(".//title")
                    if t is not None:
                        title = t.text_content()
                skipping = el
                walker.skip_subtree()
                continue
            flush()
            if tag in NEWLINE_TAGS:
                newline(False)
            elif tag in DOUBLE_NEWLINE_TAGS:
                newline(True)
                if tag == "title" and title is None:
                    title = el.text_content()
            if tag in BLOCK_TAGS and el is not root:
                blocks.append(el)
            elif tag == "a":
                in_link += 1
            if el.text:
                pending.append(el.text)
        else:
            flush()
            if tag in NEWLINE_TAGS:
                newline(False)
            elif tag in DOUBLE_NEWLINE_TAGS:
                newline(True)
            if blocks[-1] is el:
                blocks.pop()
            elif tag == "a" and in_link:
                in_link -= 1
            if el.tail and el is not root:
                pending.append(el.tail)
    flush()
    if line.parts:
        lines.append(line)
    return lines, title


def _words(lines: list[_Line]) -> int:
    return sum(len(_WORD.findall(part)) for ln in lines for part in ln.parts)


def _visible_lines(root: Any, aria_hidden: bool) -> tuple[list[_Line], str | None]:
    """The page's lines; ``<noscript>`` text is kept when the page shows almost nothing else.

    Pages that serve their whole content inside ``<noscript>`` (e.g. forum
    software for clients without JavaScript) give that text, as a scraper
    without JavaScript saves it.
    """
    lines, title = _layout(root, aria_hidden)
    if len(lines) < 400:
        words = _words(lines)
        if words < NOSCRIPT_MIN_WORDS and root.find(".//noscript") is not None:
            with_ns, _ = _layout(root, aria_hidden, keep_noscript=True)
            if _words(with_ns) >= 2 * words + 50:
                return with_ns, title
    return lines, title


def _common_block(elems: list[Any]) -> Any:
    """The nearest element that contains every part of a line."""
    first = elems[0]
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


class _Features:
    """``path`` and ``classes`` of block elements, cached per element."""

    def __init__(self) -> None:
        self.cache: dict[int, tuple[str, str, Any]] = {}

    def get(self, el: Any) -> tuple[str, str]:
        hit = self.cache.get(id(el))
        if hit is not None:
            return hit[0], hit[1]
        tags: list[str] = []
        words: dict[str, None] = {}
        node = el
        while node is not None:
            tag = node.tag
            if isinstance(tag, str):
                tags.append(tag)
                if sum(len(w) + 1 for w in words) < MAX_CLASSES:
                    for attr in ("class", "id"):
                        value = node.get(attr)
                        if value:
                            for w in value.lower().split():
                                words.setdefault(w, None)
                if tag == "body":
                    break
            node = node.getparent()
        tags.reverse()
        if len(tags) > MAX_PATH:
            head = [t for t in tags[1 : -MAX_PATH // 2] if t in _LANDMARKS]
            tags = [tags[0], *head[-MAX_PATH // 2 :], "...", *tags[-MAX_PATH // 2 :]]
        path = ">".join(tags)
        classes = ""
        for w in words:
            if len(classes) + len(w) + 1 > MAX_CLASSES:
                break
            classes = f"{classes} {w}" if classes else w
        self.cache[id(el)] = (path, classes, el)  # keep el alive: ids stay unique
        return path, classes


def _lines_text(lines: list[_Line]) -> str:
    out: list[str] = []
    for i, ln in enumerate(lines):
        if i:
            out.append("\n\n" if ln.gap else "\n")
        out.append("".join(ln.parts))
    return "".join(out)


def html_to_text(html: str, *, aria_hidden: bool = False) -> str:
    """The page's visible text, laid out like the corpus text dumps.

    >>> html_to_text("<div>Menu</div><p>One <b>bold</b>, plain.</p><ul><li>a</li><li>b</li></ul>")
    'Menu\\n\\nOne bold, plain.\\n\\na\\nb'
    """
    root = parse_tree(html)
    if root is None:
        return ""
    return _lines_text(_visible_lines(root, aria_hidden)[0])


def _blocks_from_lines(lines: list[_Line]) -> list[Block]:
    blocks = text_blocks(_lines_text(lines))
    if len(blocks) != len(lines):  # a line that folds to nothing: match by position
        blocks = [b for ln in lines for b in text_blocks("".join(ln.parts))[:1]]
        blocks = blocks if len(blocks) == len(lines) else text_blocks(_lines_text(lines))
    feats = _Features()
    for b, ln in zip(blocks, lines):
        el = _common_block(ln.elems)
        b.tag = el.tag if isinstance(el.tag, str) else ""
        b.path, b.classes = feats.get(el)
        b.link_density = round(ln.link_chars / ln.chars, 4) if ln.chars else 0.0
    return blocks


@dataclass
class ParsedPage:
    """One parse of an HTML page: the tree, its blocks, and metadata on demand.

    ``title`` is the text of the ``<title>`` element (not part of the blocks).
    ``metadata`` is extracted from the same tree the first time it is read.
    """

    tree: Any
    blocks: list[Block]
    title: str | None = None
    _metadata: Metadata | None = field(default=None, repr=False)

    @property
    def metadata(self) -> Metadata:
        if self._metadata is None:
            from ..metadata import extract_metadata

            self._metadata = extract_metadata(self.tree, blocks=self.blocks)
        return self._metadata


def parse_html(html: str, *, aria_hidden: bool = False) -> ParsedPage:
    """Parse once; build the blocks; metadata comes lazily from the same tree.

    ``aria_hidden=True`` also drops ``aria-hidden="true"`` elements (the corpus
    dumps keep them, as browsers show them).

    >>> page = parse_html("<title>T</title><h1>Big news</h1><p>It happened.</p>")
    >>> page.title, [b.text for b in page.blocks]
    ('T', ['Big news', 'It happened.'])
    """
    root = parse_tree(html)
    if root is None:
        return ParsedPage(tree=None, blocks=[])
    lines, title = _visible_lines(root, aria_hidden)
    if title is not None:
        title = _WS.sub(" ", title).strip() or None
    return ParsedPage(tree=root, blocks=_blocks_from_lines(lines), title=title)


def html_blocks(html: str, *, aria_hidden: bool = False) -> list[Block]:
    """Blocks of an HTML page: one per line of its html-text layout, with DOM features.

    >>> bs = html_blocks('<nav><a href="/">Home</a></nav><article><p>Rain, then sun.</p></article>')
    >>> [(b.text, b.tag, b.path, b.link_density, b.gap_before) for b in bs]
    [('Home', 'nav', 'body>nav', 1.0, True), ('Rain, then sun.', 'p', 'body>article>p', 0.0, True)]
    """
    return parse_html(html, aria_hidden=aria_hidden).blocks


def iter_text(tree: Any) -> Iterator[str]:
    """Non-empty visible text lines of an already parsed tree."""
    if tree is None:
        return
    for ln in _visible_lines(tree, False)[0]:
        yield "".join(ln.parts)

"""DOM rules for HTML input: landmarks, boilerplate class names, link lists (DM).

They read the features the HTML front end puts on every block: ``path``
(tags from ``<body>``), ``classes`` (class and id words of the block's
element and its ancestors), ``tag`` and ``link_density``.  Text dumps have
none of these, so the rules do nothing there.

Every rule is conservative: prose inside ``<article>`` or ``<main>`` is never
removed by a class name, a class token that covers much of the page (a
layout wrapper such as ``has-sidebar``) is ignored, and the learned scorer
sees the same features afterwards.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator

from ..model import Block
from ..page import Page
from ._util import ends_sentence
from .base import rule

LANDMARKS = frozenset({"nav", "aside", "footer", "header", "form", "article", "main"})
# A class token that covers more than this share of the page's words is a
# layout wrapper ("site has-sidebar"), not a boilerplate container.
MAX_SHARE = 0.4
# A token on nearly every block wraps the whole page: its words say nothing.
WRAPPER_SHARE = 0.8
# Blocks longer than this are never taken by a class name or a landmark alone.
MAX_WORDS = 40
# Longer link-dense blocks are teasers, not menus.
LINK_LIST_WORDS = 12
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_SPLIT = re.compile(r"[^a-z]+")

# Class/id words (after splitting at "-", "_", digits...) that name a
# boilerplate container, by the kind of boilerplate.
CLASS_WORDS: dict[str, frozenset[str]] = {
    "navigation": frozenset(
        {"nav", "navbar", "navigation", "menu", "menus", "breadcrumb", "breadcrumbs", "topbar",
         "megamenu", "submenu", "skiplink", "pagination", "pager"}
    ),
    "sidebar": frozenset({"sidebar", "sidebars", "widget", "widgets", "footer", "rail"}),
    "comments": frozenset({"comment", "comments", "disqus", "respond", "replies"}),
    "share": frozenset(
        {"share", "sharing", "social", "sharethis", "addthis", "sharebar", "socialshare"}
    ),
    "related": frozenset(
        {"related", "recommended", "recommendations", "outbrain", "taboola", "trending",
         "popular", "recirculation", "recirc", "readmore", "morestories"}
    ),
    "newsletter": frozenset(
        {"newsletter", "newsletters", "subscribe", "subscription", "signup", "optin",
         "cookie", "cookies", "consent", "gdpr", "paywall"}
    ),
    "ads": frozenset(
        {"ad", "ads", "advert", "adverts", "advertisement", "advertising", "adslot",
         "adunit", "sponsored", "sponsor", "promo", "promos", "dfp"}
    ),
}  # fmt: skip
_WORD_KIND = {w: kind for kind, words in CLASS_WORDS.items() for w in words}
# Second halves of run-together class words: "socialshare", "relatedposts".
_SUFFIXES = frozenset(
    {"bar", "box", "links", "link", "list", "section", "container", "wrapper", "wrap",
     "widget", "area", "block", "posts", "articles", "stories", "icons", "buttons", "tools",
     "nav", "menu", "form", "module", "unit", "slot", "banner", "content", "items", "title",
     "header", "count"}
)  # fmt: skip

_COMPOUND = re.compile(
    "({})({})".format(
        "|".join(sorted(_WORD_KIND, key=len, reverse=True)),
        "|".join(sorted(_SUFFIXES, key=len, reverse=True)),
    )
)


@functools.lru_cache(maxsize=8192)
def token_words(token: str) -> frozenset[str]:
    """The boilerplate words named by one class/id token.

    Words are split at anything but letters, so "post-comments" names
    comments and "commentary-body" does not; a run-together word counts
    when it is a known word plus a container word ("sharebar", "relatedposts").

    >>> sorted(token_words("c-ad__slot")), sorted(token_words("commentary-body"))
    (['ad'], [])
    """
    out = set()
    for w in _SPLIT.split(token):
        if not w:
            continue
        if w in _WORD_KIND:
            out.add(w)
            continue
        for head in _heads(w):
            out.add(head)
    return frozenset(out)


@functools.lru_cache(maxsize=4096)
def class_tokens(classes: str) -> frozenset[str]:
    """The distinct class/id tokens of a block."""
    return frozenset(classes.split())


def class_words(classes: str, ignore: frozenset[str] = frozenset()) -> frozenset[str]:
    """The boilerplate words named by a block's class/id string, minus ``ignore``d tokens.

    >>> sorted(class_words("post-comments commentary-body relatedposts"))
    ['comments', 'related']
    """
    if not ignore:
        return _all_words(classes)
    out: frozenset[str] = frozenset()
    for token in class_tokens(classes):
        if token not in ignore:
            words = token_words(token)
            if words:
                out = out | words
    return out


@functools.lru_cache(maxsize=8192)
def _all_words(classes: str) -> frozenset[str]:
    out: frozenset[str] = frozenset()
    for token in class_tokens(classes):
        words = token_words(token)
        if words:
            out = out | words
    return out


def _heads(w: str) -> Iterator[str]:
    if len(w) >= 6:
        m = _COMPOUND.fullmatch(w)
        if m:
            yield m.group(1)


@functools.lru_cache(maxsize=4096)
def path_tags(path: str) -> tuple[str, ...]:
    """The tags of a block path, outermost first ("..." marks a cut)."""
    return tuple(path.split(">")) if path else ()


def nearest_landmark(b: Block) -> str | None:
    """The closest enclosing landmark element: nav, aside, footer, header, form, article, main."""
    return _nearest_landmark(b.path)


@functools.lru_cache(maxsize=4096)
def _nearest_landmark(path: str) -> str | None:
    for tag in reversed(path_tags(path)):
        if tag in LANDMARKS:
            return tag
    return None


def in_article(b: Block) -> bool:
    """Inside ``<article>`` or ``<main>``."""
    tags = path_tags(b.path)
    return "article" in tags or "main" in tags


def is_prose(b: Block) -> bool:
    """Reads like a paragraph of text."""
    return (b.nwords >= 10 and ends_sentence(b.text)) or b.nwords >= 25


_BYLINE_WORDS = frozenset(
    {"author", "authors", "byline", "bylines", "writer", "writers", "contributor", "contributors"}
)
# Blocks this close to the headline (an <h1>) may be its byline or date: kept.
_NEAR_BEFORE, _NEAR_AFTER = 2, 6


def names_author(b: Block) -> bool:
    """The block's element or an ancestor is named as a byline or author box."""
    return bool(b.classes) and _names_author(b.classes)


@functools.lru_cache(maxsize=4096)
def _names_author(classes: str) -> bool:
    return not _BYLINE_WORDS.isdisjoint(_SPLIT.split(classes))


def headline_zone(page: Page) -> frozenset[int]:
    """Blocks next to an ``<h1>`` of three words or more that could be a byline or date.

    Those are blocks of 2 to 12 words: lone words ("Share", "Email") are not.
    """
    out: set[int] = set()
    blocks = page.blocks
    n = len(blocks)
    for b in blocks:
        if b.tag == "h1" and b.nwords >= 3:
            for i in range(max(0, b.index - _NEAR_BEFORE), min(n, b.index + _NEAR_AFTER + 1)):
                if 2 <= blocks[i].nwords <= 12:
                    out.add(i)
    return frozenset(out)


def _is_html(page: Page) -> bool:
    return page.input_format == "html" and any(b.path for b in page.blocks[:50])


def _page_words(page: Page) -> int:
    return max(1, sum(b.nwords for b in page.blocks))


def _wide(page: Page) -> tuple[frozenset[str], frozenset[str]]:
    """Class tokens, then words, that cover too much of the page to mean a boilerplate container.

    A wrapper such as ``<div class="site has-sidebar">`` puts its token on
    every block, the real ``<div class="sidebar">`` does not: the token is
    ignored.  A word spread over much of the page by tokens other than such
    page wrappers (page builders name every element ``*-widget-*``) is
    ignored too.
    """
    by_classes: dict[str, int] = {}
    for b in page.blocks:
        if b.nwords and b.classes:
            by_classes[b.classes] = by_classes.get(b.classes, 0) + b.nwords
    token_cover: dict[str, int] = {}
    for classes, n in by_classes.items():
        if _all_words(classes):
            for t in class_tokens(classes):
                if token_words(t):
                    token_cover[t] = token_cover.get(t, 0) + n
    total = _page_words(page)
    # A comment thread may well be longer than the article it follows: its
    # class names only count as a wrapper's when they cover nearly everything.
    comments = CLASS_WORDS["comments"]

    def too_wide(n: int, words: frozenset[str]) -> bool:
        share = WRAPPER_SHARE if words & comments else MAX_SHARE
        return n > share * total

    tokens = frozenset(t for t, n in token_cover.items() if too_wide(n, token_words(t)))
    wrappers = frozenset(t for t, n in token_cover.items() if n > WRAPPER_SHARE * total)
    word_cover: dict[str, int] = {}
    for classes, n in by_classes.items():
        if _all_words(classes):
            for w in class_words(classes, wrappers):
                word_cover[w] = word_cover.get(w, 0) + n
    return tokens, frozenset(w for w, n in word_cover.items() if too_wide(n, frozenset({w})))


def _wide_landmarks(page: Page) -> frozenset[str]:
    """Landmarks (by path prefix) that hold too much of the page: an ASP.NET page-wide <form>."""
    by_path: dict[str, int] = {}
    for b in page.blocks:
        by_path[b.path] = by_path.get(b.path, 0) + b.nwords
    cover: dict[str, int] = {}
    for path, n in by_path.items():
        tags = path_tags(path)
        for i, tag in enumerate(tags):
            if tag in LANDMARKS:
                key = ">".join(tags[: i + 1])
                cover[key] = cover.get(key, 0) + n
    limit = MAX_SHARE * _page_words(page)
    return frozenset(k for k, n in cover.items() if n > limit)


def _landmark_key(b: Block, landmark: str) -> str:
    tags = path_tags(b.path)
    i = len(tags) - 1 - tags[::-1].index(landmark)
    return ">".join(tags[: i + 1])


_local = threading.local()


def _named_kinds(page: Page) -> dict[int, frozenset[str]]:
    """Block index -> the boilerplate kinds its class names say, for blocks a class rule may take.

    Computed once per page for all the class rules.
    """
    cached = getattr(_local, "kinds", None)
    if cached is not None and cached[0] is page and cached[1] == len(page.blocks):
        kinds: dict[int, frozenset[str]] = cached[2]
        return kinds
    kinds = {}
    wide: tuple[frozenset[str], frozenset[str]] | None = None
    for b in page.blocks:
        if not b.classes or not _all_words(b.classes) or names_author(b):
            continue
        # Long or article prose is taken only by a comment container outside
        # <article>: readers' comments are prose too, the article's own is not.
        only_comments = b.nwords > MAX_WORDS or (in_article(b) and is_prose(b))
        if only_comments and "article" in path_tags(b.path):
            continue
        if wide is None:
            wide = _wide(page)
        named = class_words(b.classes, wide[0]) - wide[1]
        if named:
            found = frozenset(_WORD_KIND[w] for w in named)
            if "blockquote" in path_tags(b.path):
                found -= {"share"}  # an embedded post ("twitter-tweet") quotes the article's source
            if only_comments:
                found &= {"comments"}
            if found:
                kinds[b.index] = found
    _local.kinds = (page, len(page.blocks), kinds)
    return kinds


def _class_rule(page: Page, kind: str) -> Iterator[int]:
    if not _is_html(page):
        return
    for i, kinds in _named_kinds(page).items():
        if kind in kinds:
            yield i


@rule("DM001", "landmark-container", kind="navigation")
def landmark_container(page: Page) -> Iterator[int]:
    """Short blocks in ``<nav>``, ``<aside>``, ``<footer>``, a page ``<header>`` or a ``<form>``.

    The nearest enclosing landmark decides: a ``<header>`` inside
    ``<article>``/``<main>`` (headline, byline) stays, and so does a landmark
    that holds a large share of the page (a page-wide ``<form>``).  Blocks
    next to the ``<h1>`` and author boxes stay too: bylines live there.

    Example:
        >>> removed_by("DM001", "<nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
        ...     "<article><h1>Dam opens</h1><p>" + "The new dam opened on Monday. " * 5
        ...     + "</p></article><footer><p>About us</p></footer>")
        ['Home World', 'About us']
    """
    if not _is_html(page):
        return
    wide: frozenset[str] | None = None
    zone = headline_zone(page)
    for b in page.blocks:
        mark = nearest_landmark(b)
        if mark is None or mark in ("article", "main"):
            continue
        if b.nwords > MAX_WORDS or is_prose(b) or b.index in zone or names_author(b):
            continue
        if mark == "header" and in_article(b):
            continue
        if wide is None:
            wide = _wide_landmarks(page)
        if _landmark_key(b, mark) in wide:
            continue
        yield b.index


@rule("DM002", "navigation-class", kind="navigation")
def navigation_class(page: Page) -> Iterator[int]:
    """Blocks in elements named as menus, breadcrumbs or pagers (``class="breadcrumbs"``).

    Example:
        >>> removed_by("DM002", "<div class='breadcrumbs'>Home / Science</div><p>"
        ...     + "A comet passed close to Earth on Sunday night. " * 4 + "</p>")
        ['Home / Science']
    """
    yield from _class_rule(page, "navigation")


@rule("DM003", "sidebar-class", kind="sidebar")
def sidebar_class(page: Page) -> Iterator[int]:
    """Blocks in sidebars, widgets and footers named by class or id.

    Example:
        >>> removed_by("DM003", "<p>" + "Snow closed the pass on Friday, police said. " * 4
        ...     + "</p><div class='sidebar'><div class='widget'>Most read today</div></div>")
        ['Most read today']
    """
    yield from _class_rule(page, "sidebar")


@rule("DM004", "comments-class", kind="comments")
def comments_class(page: Page) -> Iterator[int]:
    """Short blocks of comment sections (``id="comments"``, ``class="comment-meta"``).

    Word-level: ``commentary`` is not ``comment``.

    Example:
        >>> removed_by("DM004", "<article><p>" + "The ferry runs again from May, the port said. "
        ...     * 4 + "</p></article><div id='comments'><p>Anna K.</p><p>12 likes</p></div>"
        ...     "<div class='commentary'><p>Editor's note</p></div>")
        ['Anna K.', '12 likes']
    """
    yield from _class_rule(page, "comments")


@rule("DM005", "share-class", kind="share")
def share_class(page: Page) -> Iterator[int]:
    """Share and follow bars named by class (``class="social-share"``).

    Example:
        >>> removed_by("DM005", "<article><ul class='share-tools'><li>Facebook</li><li>Email</li>"
        ...     "</ul><p>" + "Rain is expected all week in the north, forecasters said. " * 3
        ...     + "</p></article>")
        ['Facebook', 'Email']
    """
    yield from _class_rule(page, "share")


@rule("DM006", "related-class", kind="related")
def related_class(page: Page) -> Iterator[int]:
    """Related, recommended and trending link lists named by class.

    Example:
        >>> removed_by("DM006", "<article><p>" + "The library will open on Sundays from June. "
        ...     * 3 + "</p></article><section class='related-stories'><h2>More news</h2>"
        ...     "<a href='/x'>Pool closes for repairs</a></section>")
        ['More news', 'Pool closes for repairs']
    """
    yield from _class_rule(page, "related")


@rule("DM007", "signup-consent-class", kind="newsletter")
def signup_class(page: Page) -> Iterator[int]:
    """Newsletter sign-ups, paywall prompts, cookie and consent banners named by class.

    Example:
        >>> removed_by("DM007", "<div id='cookie-banner'>We use cookies. OK</div><p>"
        ...     + "The orchestra plays its last concert of the season tonight. " * 3 + "</p>")
        ['We use cookies. OK']
    """
    yield from _class_rule(page, "newsletter")


@rule("DM008", "ad-class", kind="ads")
def ad_class(page: Page) -> Iterator[int]:
    """Advertisements and promotions named by class (``class="ad-slot"``, ``promo``).

    Example:
        >>> removed_by("DM008", "<p>" + "The market reopens after the storm, traders said. " * 3
        ...     + "</p><div class='ad-slot'>Advertisement</div>")
        ['Advertisement']
    """
    yield from _class_rule(page, "ads")


@rule("DM009", "link-list", kind="navigation")
def link_list(page: Page) -> Iterator[int]:
    """Short blocks that are mostly link text (link density 0.7 or more).

    Headings, blocks inside ``<article>``/``<main>`` (link lists in an article
    are often part of it), blocks next to the ``<h1>`` and author boxes (a
    byline is often a link) stay.

    Example:
        >>> removed_by("DM009", "<div><a href='/a'>Sport</a> | <a href='/b'>Weather</a></div><p>"
        ...     + "The council met on Monday to discuss the new bus routes. " * 3 + "</p>")
        ['Sport | Weather']
    """
    if not _is_html(page):
        return
    zone = headline_zone(page)
    for b in page.blocks:
        if b.link_density < 0.7 or b.nwords > LINK_LIST_WORDS or b.tag in _HEADINGS:
            continue
        if in_article(b):
            continue
        if b.index in zone or names_author(b):
            continue
        yield b.index


@rule("DM010", "figure-caption", kind="caption")
def figure_caption(page: Page) -> Iterator[int]:
    """Photo captions and credits in ``<figcaption>``: out of the body, into ``captions``.

    Example:
        >>> removed_by("DM010", "<figure><img src='p.jpg'><figcaption>The pier at dawn. "
        ...     "Photo: AP</figcaption></figure><p>" + "The pier reopened on Monday. " * 4 + "</p>")
        ['The pier at dawn. Photo: AP']
    """
    if not _is_html(page):
        return
    for b in page.blocks:
        if b.nwords > 80 or "figcaption" not in path_tags(b.path):
            continue
        page.captions.append((b.index, b.text))
        yield b.index


def removed_by(rule_id: str, html: str) -> list[str]:
    """Texts of the blocks that ``rule_id`` alone removes from the HTML page ``html``.

    Runs the lexical stage with every other rule switched off; used by the
    docstring examples of these rules.
    """
    from ..frontends.html import parse_html
    from ..pipeline import prepare_blocks
    from .base import REGISTRY

    others = frozenset(r for r in REGISTRY if r != rule_id)
    parsed = parse_html(html)
    page = prepare_blocks(
        parsed.blocks, lang=None, disabled=others, input_format="html", meta=parsed.metadata
    )
    return [b.text for b in page.blocks if b.label == rule_id]

"""Navigation: skip links, menus, breadcrumbs, pagers (NV)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..page import Page
from ._util import ends_sentence, hit, lone_word
from .base import rule

_CRUMB_SEP = re.compile(r"\s+(?:[>›»/|→•·]|::|>>)\s+|\s*[›»→]\s*")
_CRUMB_CHAR = re.compile(r"[>›»/|→•·]|::")
_HOMES = frozenset(
    {
        "home",
        "homepage",
        "startseite",
        "start",
        "accueil",
        "inicio",
        "portada",
        "início",
        "página inicial",
        "startpagina",
        "voorpagina",
    }
)


@rule("NV001", "skip-and-menu-links", kind="navigation")
def skip_links(page: Page) -> Iterator[int]:
    """Skip links and menu words: "Skip to content", "Back to top", "Menu".

    Lone words such as "Home" or "Next" go only next to other boilerplate.

    Example:
        >>> demo("NV001", "Skip to content\\nHome\\nNews\\nMenu\\n\\nThe museum reopens on Friday "
        ...      "after a two-year renovation, its director told reporters.")
        ['Skip to content', 'Home', 'Menu']
    """
    for b in page.tagged("navigation:line", "navigation:start"):
        if b.nwords > 8:
            continue
        if hit(b, "navigation:line"):
            if lone_word(b):
                page.defer(b.index, "NV001", "navigation")
            else:
                yield b.index
        elif hit(b, "navigation:start"):
            yield b.index


def is_breadcrumb(text: str) -> bool:
    """Three or more short segments joined by ›, », >, / or |.

    >>> is_breadcrumb("Home › World › Europe")
    True
    >>> is_breadcrumb("Either/or: a guide to choices.")
    False
    """
    parts = [p.strip() for p in _CRUMB_SEP.split(text) if p.strip()]
    if len(parts) < 3 or ends_sentence(text):
        return False
    if parts[0].casefold() in _HOMES:
        # The last crumb may be the page's own (long) headline.
        return all(len(p.split()) <= 8 for p in parts[:-1])
    return all(len(p.split()) <= 4 for p in parts)


@rule("NV002", "breadcrumb", kind="navigation")
def breadcrumb(page: Page) -> Iterator[int]:
    """Breadcrumb trails: "Home › World › Europe".

    Example:
        >>> demo("NV002", "Home › World › Europe\\n\\nFloods closed three bridges in the valley on "
        ...      "Sunday, police said, and more rain is forecast.")
        ['Home › World › Europe']
    """
    for b in page.blocks:
        if 2 <= b.nwords <= 30 and _CRUMB_CHAR.search(b.text) and is_breadcrumb(b.text):
            yield b.index

"""Last pass: title repeats, repeated blocks, low content score (TI, DU, CT)."""

from __future__ import annotations

from collections.abc import Iterator

from ..page import Page
from .base import rule

# Menu-like runs: this many short blocks with no blank line between them.
RUN = 3
SHORT = 5
# Repeated blocks shorter than this are list items or headings and stay.
DUP_MIN_WORDS = 10


_SEPARATORS = "|-–—:»›·•/>"


def _set_off(text: str, title: str) -> bool:
    """The title sits in ``text`` as one part, set off by separators ("Title | Site")."""
    at = text.find(title)
    if at < 0:
        return False
    before, after = text[:at].rstrip(), text[at + len(title) :].lstrip()
    return (not before or before[-1] in _SEPARATORS) and (not after or after[0] in _SEPARATORS)


@rule("TI001", "title-repeat", kind="title", stage="final")
def title_repeat(page: Page) -> Iterator[int]:
    """Other copies of the headline: "Headline | Site", a breadcrumb ending in it.

    Example:
        >>> demo("TI001", "Harbour plan approved | Dunmore Gazette\\nMenu\\nNews\\n\\n"
        ...      "Harbour plan approved\\nMarch 3, 2024\\n\\nThe council approved the harbour "
        ...      "plan on Monday after a debate that lasted six hours, with ten votes to three."
        ...      "\\n\\nWork on the quay starts in the spring, the harbour master said.")
        ['Harbour plan approved | Dunmore Gazette']
    """
    t = page.title_index
    if t is None:
        return
    title = page.blocks[t]
    tk = title.key
    if len(tk) < 8:
        return
    for b in page.blocks:
        if b.index == t or b.label:
            continue
        k = b.key
        if k == tk or (b.nwords <= title.nwords + 6 and _set_off(k, tk)):
            yield b.index


@rule("DU001", "repeated-block", kind="duplicate", stage="final")
def repeated_block(page: Page) -> Iterator[int]:
    """A later copy of a paragraph already in the body (pull quotes, repeated teasers).

    Short repeated lines (list items, table cells) stay.

    Example:
        >>> text = ("Harbour plan approved\\nMarch 3, 2024\\n\\n"
        ...         "The council approved the harbour plan on Monday after six hours of debate."
        ...         "\\n\\nWork starts in spring and should take two years, officials said.\\n\\n"
        ...         "The council approved the harbour plan on Monday after six hours of debate.")
        >>> demo("DU001", text)
        ['The council approved the harbour plan on Monday after six hours of debate.']
    """
    seen: set[str] = set()
    for b in page.blocks:
        if b.label:
            continue
        k = b.key
        if not k:
            continue
        if k in seen and b.nwords >= DUP_MIN_WORDS:
            yield b.index
        seen.add(k)


def _in_short_run(page: Page, i: int) -> bool:
    blocks = page.blocks
    lo = i
    while lo > 0 and not blocks[lo].gap_before:
        lo -= 1
    hi = i
    while hi < len(blocks) - 1 and not blocks[hi].gap_after:
        hi += 1
    run = blocks[lo : hi + 1]
    return len(run) >= RUN and sum(b.nwords <= SHORT for b in run) >= RUN


@rule("CT002", "menu-run", kind="navigation", stage="final")
def menu_run(page: Page) -> Iterator[int]:
    """Low-scoring blocks in a run of short lines: menus and link lists.

    Example:
        >>> demo("CT002", "News\\nSport\\nWeather\\nTravel\\nCulture\\n\\nThe harbour reopened "
        ...      "on Monday after a week of storms, the port authority said in a statement."
        ...      "\\n\\nShips were waiting outside the harbour for three days.")
        ['News', 'Sport', 'Weather', 'Travel', 'Culture']
    """
    for b in page.blocks:
        if not b.label and b.score < page.threshold and _in_short_run(page, b.index):
            yield b.index


@rule("CT001", "low-content-score", kind="low-content", stage="final")
def low_content(page: Page) -> Iterator[int]:
    """Blocks the content scorer does not see as article text.

    The scorer weighs length, punctuation, function words, position and the
    blocks around; see ``cleantext.scorer``.

    Example:
        >>> demo("CT001", "Harbour plan approved\\n\\nThe council approved the harbour plan on "
        ...      "Monday after a debate that lasted six hours, with ten votes to three.\\n\\n"
        ...      "Work starts in spring and should take two years, officials said.\\n\\n"
        ...      "Contact our newsroom team today")
        ['Contact our newsroom team today']
    """
    for b in page.blocks:
        if not b.label and b.score < page.threshold:
            yield b.index


# Without a dateline, fewer words than this are leftovers (a cookie wall's
# button, an index page's heading), not an article.
MIN_ARTICLE_WORDS = 12


@rule("CT003", "no-article", kind="low-content", stage="final")
def no_article(page: Page) -> Iterator[int]:
    """The few words left on a page of boilerplate with no article and no dateline.

    Example:
        >>> demo("CT003", "We and our 134 partners need your consent to use cookies and similar "
        ...      "technologies to show you content for free and to measure our audience.\\n"
        ...      "Store and access information on a device\\nPersonalised ads and content\\n\\n"
        ...      "You can withdraw your consent at any time under privacy settings at the "
        ...      "bottom of every page.\\nAccept all\\n\\n"
        ...      "Local news from the harbour town since 1881.")
        ['Local news from the harbour town since 1881.']
    """
    kept = [b for b in page.blocks if b.label is None and b.score >= page.threshold]
    words = sum(b.nwords for b in kept)
    removed = sum(b.nwords for b in page.blocks) - words
    # Only on a page that is mostly boilerplate: a short text on its own stays.
    if not page.has_dateline and words < MIN_ARTICLE_WORDS and removed >= 5 * words:
        yield from (b.index for b in kept)

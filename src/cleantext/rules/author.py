"""Author bio boxes (AU)."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

from ..page import Page
from ..phrases import phrases
from ._util import hit
from .base import rule

# A bio box under its heading: at most this many blocks and words.
MAX_BIO_BLOCKS = 4
MAX_BIO_WORDS = 150


@rule("AU001", "author-box", kind="author")
def author_box(page: Page) -> Iterator[int]:
    """An "About the author" heading with the bio under it, and "More by X" links.

    Example:
        >>> text = ("The ferry resumes on Monday.\\n\\nAbout the author\\n\\nJane Roe covers "
        ...         "transport and the harbour for the paper.\\n\\nView all posts by Jane Roe")
        >>> for line in demo("AU001", text):
        ...     print(line)
        About the author
        Jane Roe covers transport and the harbour for the paper.
        View all posts by Jane Roe
    """
    blocks = page.blocks
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.nwords <= 20 and hit(b, "author:start"):
            yield i
        elif b.nwords <= 5 and hit(b, "author:header line") and not b.text.endswith(":"):
            yield i
            total = 0
            j = i + 1
            while (
                j < len(blocks)
                and j - i <= MAX_BIO_BLOCKS
                and total + blocks[j].nwords <= MAX_BIO_WORDS
            ):
                total += blocks[j].nwords
                yield j
                j += 1
                if blocks[j - 1].nwords >= 15:
                    break  # one bio paragraph
            i = j
            continue
        i += 1


@functools.lru_cache(maxsize=4)
def _bio_regex(langs: tuple[str, ...]) -> regex.Pattern[str]:
    roles = "|".join(
        regex.escape(r) for r in sorted(phrases("author", "roles", langs), key=len)[::-1]
    )
    name = r"\p{Lu}[\w.'-]+(?:\s+\p{Lu}[\w.'-]+){0,3}"
    return regex.compile(
        rf"^{name}\s+(?:(?:is|was|has been|works as|ist|est|es|é|è)\s+"
        rf"(?:an?\s+|the\s+|ein\s+|eine\s+|un\s+|une\s+|una\s+|um\s+|uma\s+|uno\s+|een\s+"
        rf"|\p{{Lu}}[\w.-]*['’]s\s+)?"
        rf"(?:[\w-]+\s+){{0,4}}?(?:{roles})\b"
        r"|(?:has (?:written|reported|covered)|writes (?:about|for)|covers|reports on)\b)"
        r"|\b(?:email|e-mail|contact|follow) (?:him|her|them) (?:at|on)\b"
    )


@rule("AU002", "author-bio-sentence", kind="author", stage="structure")
def author_bio(page: Page) -> Iterator[int]:
    """A bio paragraph after the article: "Jane Roe is a staff writer ...".

    Only at the end of the main text or after it, where bios sit.

    Example:
        >>> demo("AU002", "Harbour plan approved\\n\\nThe council approved the harbour plan on "
        ...      "Monday after a debate that lasted six hours, with ten votes to three.\\n\\n"
        ...      "Work starts in spring and should take two years, officials said.\\n\\n"
        ...      "Jane Roe is a staff writer covering the city council and the port.")
        ['Jane Roe is a staff writer covering the city council and the port.']
    """
    if page.span is None:
        return
    bio = _bio_regex(page.langs)
    start, end = page.span
    for b in page.blocks[max(start, end - 1) :]:
        if 6 <= b.nwords <= 80 and bio.search(b.text):
            yield b.index

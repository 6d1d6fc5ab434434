"""Tag, topic and category lists (TG)."""

from __future__ import annotations

from collections.abc import Iterator

from ..page import Page
from ._util import ends_sentence, hit
from .base import rule

# Tag lists are short items; a list longer than this is something else.
MAX_TAGS = 40


@rule("TG001", "tag-list", kind="tags")
def tag_list(page: Page) -> Iterator[int]:
    """Tag and category lines: "Tags: budget, council", "Filed under: Sport".

    A bare "Tags" heading takes the short items that follow it.

    Example:
        >>> demo("TG001", "The budget passed.\\n\\nTags: budget, council, taxes")
        ['Tags: budget, council, taxes']
    """
    blocks = page.blocks
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.nwords <= 60 and hit(b, "tags:start"):
            yield i
        elif b.nwords <= 3 and hit(b, "tags:header line"):
            yield i
            j = i + 1
            # Tag items sit together; a blank line ends the list.
            while (
                j < len(blocks)
                and j - i <= MAX_TAGS
                and blocks[j].nwords <= 6
                and not ends_sentence(blocks[j].text)
                and (j == i + 1 or not blocks[j].gap_before)
            ):
                yield j
                j += 1
            i = j
            continue
        i += 1

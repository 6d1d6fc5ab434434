"""Comment forms and comment threads (CM)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Block
from ..page import Page
from ._util import hit, lone_word
from .base import rule


@rule("CM001", "comment-form", kind="comments")
def comment_form(page: Page) -> Iterator[int]:
    """Comment form text: "Leave a Reply", "Required fields are marked *".

    Example:
        >>> demo("CM001", "The bridge reopens in May, the council said on Tuesday afternoon.\\n\\n"
        ...      "Leave a Reply\\n\\nYour email address will not be published.")
        ['Leave a Reply', 'Your email address will not be published.']
    """
    for b in page.tagged("comments:form line", "comments:form contains"):
        if b.nwords > 60:
            continue
        if b.nwords <= 6 and hit(b, "comments:form line"):
            if lone_word(b) and not b.text.endswith("*"):
                page.defer(b.index, "CM001", "comments")
            else:
                yield b.index
        elif hit(b, "comments:form contains"):
            yield b.index


def is_comment_header(b: Block) -> bool:
    """A heading that opens a comment section ("12 Comments", "Leave a Reply")."""
    return b.nwords <= 12 and (hit(b, "comments:header line") or hit(b, "comments:header start"))


@rule("CM002", "comment-thread", kind="comments", stage="structure")
def comment_thread(page: Page) -> Iterator[int]:
    """Everything after a comment-section heading that follows the article.

    The heading must come after the middle of the main text; readers'
    comments, their names, dates and "Reply" links all go.

    Example:
        >>> text = ("Harbour plan approved\\n\\nThe council approved the harbour plan on "
        ...         "Monday after a debate that lasted six hours, with ten votes to three."
        ...         "\\n\\nWork starts in spring and should take two years, officials said."
        ...         "\\n\\n"
        ...         "2 Comments\\n\\nAnna K.\\n\\nFinally some good news for the old town, I hope "
        ...         "they keep the fish market where it is.")
        >>> for line in demo("CM002", text)[-2:]:
        ...     print(line)
        Anna K.
        Finally some good news for the old town, I hope they keep the fish market where it is.
    """
    if page.span is None:
        return
    start, end = page.span
    blocks = page.blocks
    mid = (start + end) // 2
    for b in blocks[mid + 1 :]:
        if is_comment_header(b):
            yield from range(b.index, len(blocks))
            return

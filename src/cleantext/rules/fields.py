"""Blocks that hold a field (headline, dateline, byline) leave the body (FT, FD, FC)."""

from __future__ import annotations

from collections.abc import Iterator

from ..fields.credit import credit_line_words, is_credit_line
from ..page import Page
from .base import rule


@rule("FT001", "headline", kind="title", stage="fields")
def headline(page: Page) -> Iterator[int]:
    """The headline block; it becomes ``Article.title``.

    Example:
        >>> demo("FT001", "Harbour plan approved\\nMarch 3, 2024\\n\\nThe council approved the "
        ...      "harbour plan on Monday after a debate that lasted six hours.")
        ['Harbour plan approved']
    """
    if "title" in page.field_blocks:
        yield page.field_blocks["title"]


@rule("FD001", "dateline", kind="dateline", stage="fields")
def dateline(page: Page) -> Iterator[int]:
    """A line that holds the publication date (and maybe the byline).

    Example:
        >>> demo("FD001", "Harbour plan approved\\nMarch 3, 2024\\n\\nThe council approved the "
        ...      "harbour plan on Monday after a debate that lasted six hours.")
        ['March 3, 2024']
    """
    if "dateline" in page.field_blocks:
        yield page.field_blocks["dateline"]


@rule("FC001", "byline", kind="credit", stage="fields")
def byline(page: Page) -> Iterator[int]:
    """A byline or agency credit line; its names become ``Article.credit``.

    Example:
        >>> demo("FC001", "Harbour plan approved\\nBy Jane Roe\\n\\nThe council approved the "
        ...      "harbour plan on Monday after a debate that lasted six hours.")
        ['By Jane Roe']
    """
    if "credit" in page.field_blocks:
        yield page.field_blocks["credit"]


@rule("FC002", "wire-credit-line", kind="credit")
def wire_credit_line(page: Page) -> Iterator[int]:
    """Wire credit lines: "(Reporting by Jane Roe; Editing by John Doe)".

    Example:
        >>> demo("FC002", "The port reopened on Monday after a two-day strike, officials said."
        ...      "\\n\\n"
        ...      "(Reporting by Jane Roe; Editing by John Doe)")
        ['(Reporting by Jane Roe; Editing by John Doe)']
    """
    firsts = credit_line_words()
    for b in page.blocks:
        if b.nwords <= 40 and b.toks and b.toks[0] in firsts and is_credit_line(b.text):
            yield b.index

"""Value objects shared by every stage: blocks in, an Article out."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from .textutil import EDGE_PUNCT


@dataclass(slots=True)
class Block:
    """One line or paragraph of the page, with the features rules look at.

    Text dumps give one block per non-empty line; HTML gives one block per
    paragraph-like element.  ``gap_before`` is true when a blank line (or, for
    HTML, a paragraph boundary) separates the block from the previous one.
    """

    index: int
    text: str
    norm: str = ""  # folded text (see textutil.fold), set by the front end
    nwords: int = 0
    toks: list[str] = field(default_factory=list)  # folded words, numbers as "0"
    hits: dict[str, set[str]] = field(default_factory=dict)  # phrase-list hits by tag
    dates: list[Any] | None = None  # date matches, found on first use
    gap_before: bool = True
    gap_after: bool = True
    line_no: int = 0
    # HTML-only features; neutral values for text dumps.
    tag: str = ""
    path: str = ""
    classes: str = ""
    link_density: float = 0.0
    # Set by the pipeline.
    label: str | None = None  # rule id that removed the block, None while kept
    kind: str | None = None  # kind of boilerplate, e.g. "share"
    role: str | None = None  # field role: "title", "dateline", "credit", "caption"
    score: float = 0.0  # content score from the learned scorer

    @property
    def key(self) -> str:
        """Folded text without edge punctuation, for comparing blocks."""
        return self.norm.strip(EDGE_PUNCT)


@dataclass(frozen=True, slots=True)
class Removed:
    """A block that is not part of the body, and why."""

    text: str
    rule: str
    kind: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "rule": self.rule, "kind": self.kind, "line": self.line}


@dataclass(frozen=True, slots=True)
class Article:
    """The clean article extracted from one page.

    ``body`` holds the article paragraphs in page order, each once, joined by
    one blank line (lines that sat together on the page, such as list items,
    stay on consecutive lines).  ``dateline`` is the date as printed and
    ``date`` its calendar date.  ``removed`` traces every dropped block.
    """

    title: str | None = None
    dateline: str | None = None
    date: _dt.date | None = None
    body: str = ""
    credit: str | None = None
    captions: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    lang: str | None = None
    url: str | None = None
    input_format: str = "text"
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields; the date as ``YYYY-MM-DD``."""
        return {
            "title": self.title,
            "dateline": self.dateline,
            "date": self.date.isoformat() if self.date else None,
            "credit": self.credit,
            "body": self.body,
            "captions": list(self.captions),
            "lang": self.lang,
            "url": self.url,
            "input_format": self.input_format,
            "removed": [r.to_dict() for r in self.removed],
            "warnings": list(self.warnings),
        }

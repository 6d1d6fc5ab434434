"""The page being cleaned: its blocks and what the stages learned so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Block
from .phrases import LANGS


@dataclass
class Page:
    """Blocks plus page-level facts shared by rules and field extractors."""

    blocks: list[Block]
    lang: str | None = None
    langs: tuple[str, ...] = LANGS
    input_format: str = "text"
    title_index: int | None = None
    # Blocks consumed by the field extractors: "title", "dateline", "credit".
    field_blocks: dict[str, int] = field(default_factory=dict)
    threshold: float = 0.5
    has_dateline: bool = False
    # The content scorer's stage-1 feature matrix (numpy), reused by field extractors.
    x1: Any = None
    # What the HTML markup says (cleantext.metadata.Metadata); None for text dumps.
    meta: Any = None
    # First and last block of the main text, once the scorer has run.
    span: tuple[int, int] | None = None
    captions: list[tuple[int, str]] = field(default_factory=list)  # (block index, text)
    # Rule ids switched off by the caller.
    disabled: frozenset[str] = frozenset()
    # Weak matches (a lone "Home", "Email"): removed only next to other boilerplate.
    weak: list[tuple[int, str, str]] = field(default_factory=list)
    # Phrase-list tag ("family:section") -> indices of the blocks that hit it.
    tags: dict[str, list[int]] = field(default_factory=dict)

    def remove(self, i: int, rule: str, kind: str) -> bool:
        """Label block ``i`` as boilerplate unless an earlier rule did."""
        block = self.blocks[i]
        if block.label is not None:
            return False
        block.label = rule
        block.kind = kind
        return True

    def tagged(self, *tags: str) -> list[Block]:
        """Blocks that hit any of the phrase-list tags, in page order."""
        if len(tags) == 1:
            return [self.blocks[i] for i in self.tags.get(tags[0], ())]
        idx = sorted({i for t in tags for i in self.tags.get(t, ())})
        return [self.blocks[i] for i in idx]

    def defer(self, i: int, rule: str, kind: str) -> None:
        """Record a weak match, settled by :meth:`settle_weak`."""
        self.weak.append((i, rule, kind))

    def settle_weak(self, radius: int = 2) -> None:
        """Remove weak matches that have boilerplate (or other weak matches) nearby."""
        weak_idx = {i for i, _, _ in self.weak}
        n = len(self.blocks)
        for i, rule, kind in self.weak:
            lo, hi = max(0, i - radius), min(n, i + radius + 1)
            if any(j != i and (j in weak_idx or self.blocks[j].label) for j in range(lo, hi)):
                self.remove(i, rule, kind)
        self.weak.clear()

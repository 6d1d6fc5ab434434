"""Rule registry: every boilerplate rule has a stable id, a kind and a doc."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..page import Page
from ..phrases import LANGS

RuleFunc = Callable[[Page], Iterable[int]]

# Stages run in this order; a rule sees the labels of earlier stages.
STAGES = ("lexical", "structure", "fields", "final")


@dataclass(frozen=True)
class Rule:
    """A named boilerplate rule.

    ``id`` is stable (like a linter's rule code): two capital letters for the
    family and three digits.  ``func`` yields the indices of the blocks it
    removes.
    """

    id: str
    name: str
    family: str
    kind: str
    stage: str
    func: RuleFunc
    doc: str
    langs: tuple[str, ...]

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


REGISTRY: dict[str, Rule] = {}


def rule(
    id: str,
    name: str,
    *,
    kind: str,
    stage: str = "lexical",
    langs: tuple[str, ...] = LANGS,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under ``id``."""

    def wrap(func: RuleFunc) -> RuleFunc:
        if id in REGISTRY:
            raise ValueError(f"duplicate rule id {id}")
        if stage not in STAGES:
            raise ValueError(f"unknown stage {stage}")
        REGISTRY[id] = Rule(
            id=id,
            name=name,
            family=id[:2],
            kind=kind,
            stage=stage,
            func=func,
            doc=inspect.getdoc(func) or "",
            langs=langs,
        )
        return func

    return wrap


def run_stage(page: Page, stage: str) -> None:
    """Apply every enabled rule of one stage, in registration order."""
    for r in REGISTRY.values():
        if r.stage != stage or r.id in page.disabled:
            continue
        for i in r.func(page):
            page.remove(i, r.id, r.kind)
    page.settle_weak()

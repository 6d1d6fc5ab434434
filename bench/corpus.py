"""Read a corpus folder (gold.jsonl, dumps/, html/) and label dump blocks from the gold."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex

from cleantext.model import Block
from cleantext.textutil import key

_TOKEN = regex.compile(r"\w+")
_BULLET = regex.compile(r"^[-*•]\s+")


def load_gold(corpus: Path, page_type: str | None = None) -> list[dict[str, Any]]:
    """Gold records of a corpus, optionally of one page type, sorted by id."""
    rows = []
    with open(corpus / "gold.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                if page_type is None or g.get("page_type", "article") == page_type:
                    rows.append(g)
    return sorted(rows, key=lambda g: g["id"])


def read_dump(corpus: Path, doc_id: str) -> str:
    return (corpus / "dumps" / f"{doc_id}.txt").read_text(encoding="utf-8")


def read_html(corpus: Path, doc_id: str) -> bytes:
    with gzip.open(corpus / "html" / f"{doc_id}.html.gz") as f:
        return f.read()


def iter_pages(corpus: Path, page_type: str | None = None) -> Iterator[tuple[dict[str, Any], str]]:
    for g in load_gold(corpus, page_type):
        yield g, read_dump(corpus, g["id"])


def _shingles(tokens: list[str], n: int = 4) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))] if tokens else []


def body_labels(gold_body: str, blocks: list[Block]) -> list[int]:
    """1 for blocks that are part of the gold body, else 0.

    A block is body when it equals a gold line, or when at least half of
    its 4-token shingles occur in the gold body.
    """
    lines = {key(_BULLET.sub("", ln)) for ln in gold_body.split("\n") if ln.strip()}
    gold_sh = Counter(_shingles(_TOKEN.findall(gold_body)))
    out = []
    for b in blocks:
        k = key(_BULLET.sub("", b.text))
        if k and k in lines:
            out.append(1)
            continue
        toks = _TOKEN.findall(b.text)
        if len(toks) < 4:
            out.append(0)
            continue
        sh = _shingles(toks)
        hit = sum(1 for s in sh if s in gold_sh)
        out.append(int(hit / len(sh) >= 0.5))
    return out

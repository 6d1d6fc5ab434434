"""The seed page of the benchmark corpus gives exactly its hand-written gold.

The corpus is not part of the repository; the test runs where it is found
($CLEANTEXT_CORPUS, or ../shared/corpus next to the checkout) and skips
elsewhere.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import cleantext

CORPUS = Path(
    os.environ.get("CLEANTEXT_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus")
)
SEED = CORPUS / "seed"


@pytest.mark.skipif(not SEED.is_dir(), reason="benchmark corpus not found")
def test_seed_page_gives_its_gold() -> None:
    gold = json.loads((SEED / "tbp-shoigu.gold.json").read_text(encoding="utf-8"))
    art = cleantext.clean((SEED / "tbp-shoigu.txt").read_bytes()).to_dict()
    for field in ("title", "dateline", "date", "credit", "body", "captions"):
        assert art[field] == gold[field], field

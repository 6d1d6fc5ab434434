"""cleantext inside a datatrove pipeline, run by datatrove's own executor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from cleantext.integrations.datatrove import CleantextStep

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGES = sorted(FIXTURES.glob("en-*.txt"))[:4]


def test_step_cleans_and_drops() -> None:
    docs = [Document(text=p.read_text(encoding="utf-8"), id=p.stem) for p in PAGES]
    docs.append(Document(text="Skip to content\nMenu\nHome\n", id="chrome-only"))
    out = list(CleantextStep()(docs))
    assert [d.id for d in out] == [p.stem for p in PAGES if p.stem != "en-error-page-not-found"]
    for d in out:
        gold = json.loads((FIXTURES / f"{d.id}.gold.json").read_text(encoding="utf-8"))
        assert d.metadata["title"] == gold["title"]
        assert gold["body"].split("\n")[0] in d.text


def test_bad_rule_id_fails_at_construction() -> None:
    with pytest.raises(ValueError):
        CleantextStep(disable=["XX999"])


def test_local_executor_end_to_end(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    with open(raw / "part.jsonl", "w", encoding="utf-8") as f:
        for p in PAGES:
            f.write(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}) + "\n")
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(raw)),
            CleantextStep(),
            JsonlWriter(str(tmp_path / "clean"), compression=None),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    rows = [
        json.loads(line)
        for f in sorted((tmp_path / "clean").glob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
    ]
    assert len(rows) == len([p for p in PAGES if "error" not in p.stem])
    assert all(r["metadata"]["title"] for r in rows)
    stats = json.loads(next((tmp_path / "logs" / "stats").glob("*.json")).read_text())
    assert any("removed_SH001" in json.dumps(s) for s in stats)

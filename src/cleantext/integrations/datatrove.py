"""cleantext as a datatrove pipeline step (``pip install 'cleantext[datatrove]'``).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleantext.integrations.datatrove import CleantextStep

    LocalPipelineExecutor(
        pipeline=[JsonlReader("raw/"), CleantextStep(), JsonlWriter("clean/")],
        tasks=8, workers=8, logging_dir="logs/clean",
    ).run()

The same pipeline list runs under datatrove's Slurm and Ray executors: the
step is picklable and builds its cleaner lazily in each worker.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.typeshelper import StatHints

from ..errors import CleantextError
from ..pipeline import Cleaner


class CleantextStep(PipelineStep):
    """Replace each document's text with its clean article body.

    The title, dateline, date, credit and captions go to ``doc.metadata``
    (under ``metadata_prefix``); per-rule removal counts are datatrove stats
    (``removed_<RULE>``).  Documents with no article are dropped
    (``drop_empty``); inputs cleantext refuses are dropped and counted
    (``error_<type>``), never raised, so one bad page cannot stop a job.
    """

    name = "🧹 cleantext"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        *,
        input_format: str = "auto",
        lang: str | None = None,
        disable: Iterable[str] = (),
        enable: Iterable[str] = (),
        drop_empty: bool = True,
        metadata_prefix: str = "",
    ) -> None:
        super().__init__()
        self.options: dict[str, Any] = {
            "input_format": input_format,
            "lang": lang,
            "disable": tuple(disable),
            "enable": tuple(enable),
        }
        Cleaner(**self.options)  # validate rule ids now, not in the workers
        self.drop_empty = drop_empty
        self.prefix = metadata_prefix
        self._cleaner: Cleaner | None = None

    def _clean_one(self, doc: Document) -> bool:
        if self._cleaner is None:
            self._cleaner = Cleaner(**self.options)
        art = self._cleaner.clean(doc.text, url=doc.metadata.get("url"))
        counts: dict[str, int] = {}
        for r in art.removed:
            counts[r.rule] = counts.get(r.rule, 0) + 1
        for rule_id, n in sorted(counts.items()):
            self.stat_update(f"removed_{rule_id}", value=n)
        doc.text = art.body
        p = self.prefix
        doc.metadata.update(
            {
                f"{p}title": art.title,
                f"{p}dateline": art.dateline,
                f"{p}date": art.date.isoformat() if art.date else None,
                f"{p}credit": art.credit,
                f"{p}captions": list(art.captions),
                f"{p}lang": art.lang,
            }
        )
        return bool(art.body)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                try:
                    ok = self._clean_one(doc)
                except (CleantextError, UnicodeError, TypeError) as exc:
                    self.stat_update(StatHints.dropped, f"error_{type(exc).__name__}")
                    continue
            if not ok and self.drop_empty:
                self.stat_update(StatHints.dropped, "dropped_no_article")
                continue
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc

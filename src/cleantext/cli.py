"""The ``cleantext`` command line.

    cleantext [options] [FILE|DIR|-]...
    cleantext rules [ID|FAMILY]...

Reads page dumps, HTML pages, JSONL, WARC and WET files (compressed or not), cleans every
document with one :class:`cleantext.Cleaner` per process, and writes text, Markdown, JSON
or JSONL.  See ``docs/cli.md`` for the full reference.

Data goes to stdout (or ``-o``), everything else to stderr.  Exit status: 0 when every
document was cleaned, 1 when some failed (each failure is an error record and a
``cleantext: error: ID: MESSAGE`` line), 2 for usage errors, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import importlib
import json
import multiprocessing
import os
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .io import (
    INPUT_EXTS,
    WARC_HINT,
    Doc,
    DocId,
    ReadOptions,
    ReadStats,
    RecordWriter,
    Source,
    UsageError,
    discover,
    fastwarc_available,
    open_output,
    read_done_ids,
    read_source,
    strip_exts,
)
from .model import Article
from .pipeline import Cleaner
from .rules import REGISTRY

FORMATS = ("text", "json", "jsonl", "markdown")
FORMAT_EXT = {"text": ".txt", "json": ".json", "jsonl": ".jsonl", "markdown": ".md"}
EXT_FORMAT = {
    ".txt": "text",
    ".text": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".md": "markdown",
    ".markdown": "markdown",
}
# Article fields a JSON record may carry, in record order; "id" and "url" always come first.
ARTICLE_FIELDS = (
    "title",
    "dateline",
    "date",
    "credit",
    "body",
    "captions",
    "lang",
    "input_format",
    "warnings",
    "removed",
)
DEFAULT_FIELDS = tuple(f for f in ARTICLE_FIELDS if f != "removed")
# Removal kinds that are article fields, shown by name in --explain.
FIELD_KINDS = {"title": "TITLE", "dateline": "DATELINE", "credit": "CREDIT", "caption": "CAPTION"}

CHUNK_DOCS = 32  # documents per task sent to a worker
CHUNK_BYTES = 1 << 20  # ... or fewer, when they are large
INFLIGHT_PER_JOB = 3  # tasks in flight per worker: bounds memory, keeps workers busy

EXAMPLES = """\
examples:
  cleantext page.txt                       clean one dump, print title, dateline, credit, body
  cleantext page.html --format markdown    one page as Markdown
  curl -s URL | cleantext -                read stdin (bytes; gzip/bz2/xz are fine)
  cleantext dumps/ -o clean.jsonl -j 0     a folder tree to JSONL, one worker per CPU
  cleantext dumps/ -o out/                 mirror the tree: out/<path>.txt per input
  cleantext docs.jsonl.gz --text-field raw --id-field doc_id > clean.jsonl
  cleantext crawl.warc.gz -o clean.jsonl --resume
  cleantext page.txt --explain             show which rule removed each line
  cleantext rules                          list the rules; `cleantext rules SH001` for one

exit status: 0 all documents cleaned, 1 some failed, 2 usage error, 130 interrupted
"""


# -- settings shared with the workers --------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """What a worker needs to clean and render a document (picklable)."""

    lang: str | None = None
    today: dt.date | None = None
    disable: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    input_format: str = "auto"
    encoding: str | None = None
    fields: tuple[str, ...] = DEFAULT_FIELDS
    explain: bool = False
    color: bool = False

    def cleaner(self, input_format: str) -> Cleaner:
        return Cleaner(
            lang=self.lang,
            today=self.today,
            disable=self.disable,
            enable=self.enable,
            input_format=input_format,
            encoding=self.encoding,
        )


@dataclass(slots=True)
class Result:
    """A rendered document (or error record), ready to be written."""

    id: DocId
    url: str | None
    source: int
    payload: bytes
    error: str | None = None
    error_type: str | None = None
    article: bool = False  # a non-empty body was found


Task = tuple[Doc, str]  # a document and its output format

# -- the worker side -------------------------------------------------------------------------

_settings: Settings | None = None
_cleaners: dict[str, Cleaner] = {}


def _configure(settings: Settings) -> None:
    global _settings
    _settings = settings
    _cleaners.clear()


def _init_worker(settings: Settings) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _configure(settings)


def _work(chunk: list[Task]) -> list[Result]:
    assert _settings is not None
    return [process(doc, fmt, _settings) for doc, fmt in chunk]


def _get_cleaner(settings: Settings, input_format: str) -> Cleaner:
    cleaner = _cleaners.get(input_format)
    if cleaner is None:
        cleaner = _cleaners[input_format] = settings.cleaner(input_format)
    return cleaner


def process(doc: Doc, fmt: str, settings: Settings) -> Result:
    """Clean and render one document; any exception becomes an error result."""
    if doc.error is not None:
        return _error_result(doc, fmt, doc.error, doc.error_type or "Error")
    if not doc.data.strip():
        return _error_result(doc, fmt, "empty input", "EmptyInput")
    try:
        input_format = settings.input_format
        if input_format == "auto" and doc.input_format:
            input_format = doc.input_format
        art = _get_cleaner(settings, input_format).clean(doc.data, url=doc.url)
        if settings.explain:
            text = render_explain(_as_text(doc.data, settings.encoding), art, settings.color)
        else:
            text = render(doc, art, fmt, settings.fields)
    except Exception as exc:
        return _error_result(doc, fmt, str(exc) or type(exc).__name__, type(exc).__name__)
    payload = text.encode("utf-8", "replace")
    return Result(doc.id, doc.url, doc.source, payload, article=bool(art.body.strip()))


def _error_result(doc: Doc, fmt: str, message: str, error_type: str) -> Result:
    payload = b""
    if fmt in ("json", "jsonl"):
        rec = {"id": doc.id, "url": doc.url, "error": message, "error_type": error_type}
        payload = _dump_json(rec, fmt).encode("utf-8", "replace")
    return Result(doc.id, doc.url, doc.source, payload, error=message, error_type=error_type)


def _dump_json(rec: dict[str, Any], fmt: str) -> str:
    if fmt == "jsonl":
        return json.dumps(rec, ensure_ascii=False) + "\n"
    return json.dumps(rec, ensure_ascii=False, indent=2) + "\n"


def _as_text(data: bytes | str, encoding: str | None) -> str:
    if isinstance(data, str):
        return data
    from .decode import decode

    return decode(data, encoding=encoding)[0]


# -- rendering -------------------------------------------------------------------------------


def render(doc: Doc, art: Article, fmt: str, fields: Sequence[str]) -> str:
    """One article in an output format (without the framing of several documents)."""
    if fmt in ("json", "jsonl"):
        return _dump_json(article_record(doc.id, doc.url, art, fields), fmt)
    if fmt == "markdown":
        return render_markdown(art)
    return render_text(art)


def article_record(
    doc_id: DocId, url: str | None, art: Article, fields: Sequence[str]
) -> dict[str, Any]:
    """The JSON record of an article: ``id``, ``url``, then the chosen fields."""
    full = art.to_dict()
    rec: dict[str, Any] = {"id": doc_id, "url": url}
    for name in fields:
        rec[name] = full[name]
    return rec


def render_text(art: Article) -> str:
    """Title, dateline and credit lines, a blank line, the body."""
    head = "\n".join(x for x in (art.title, art.dateline, art.credit) if x)
    body = art.body.strip("\n")
    out = f"{head}\n\n{body}" if head and body else head or body
    return out + "\n" if out else ""


_MD_ESCAPE_START = ("#", ">", "=", "+", "|", "<")


def _md_line(line: str) -> str:
    """Escape what would start a Markdown heading, quote or rule at the start of a line."""
    stripped = line.lstrip()
    rule_like = bool(stripped) and set(stripped) <= {"-", "*", "_", " "}
    if stripped.startswith(_MD_ESCAPE_START) or rule_like:
        return "\\" + stripped
    return line


def render_markdown(art: Article) -> str:
    """``# title``, an italic dateline/credit line, the body paragraphs."""
    parts: list[str] = []
    if art.title:
        parts.append("# " + " ".join(art.title.split()))
    meta = " · ".join(x.replace("*", r"\*") for x in (art.dateline, art.credit) if x)
    if meta:
        parts.append(f"*{meta}*")
    for para in art.body.split("\n\n"):
        lines = [_md_line(ln) for ln in para.split("\n") if ln.strip()]
        if lines:
            # Lines that sat together on the page (list items) keep their breaks.
            parts.append("\\\n".join(lines))
    return "\n\n".join(parts) + "\n" if parts else ""


_RESET = "\x1b[0m"
_STYLE = {
    "removed": "\x1b[31m",
    "removed_text": "\x1b[2m",
    "field": "\x1b[1;32m",
    "field_text": "\x1b[1m",
    "caption": "\x1b[35m",
    "note": "\x1b[36m",
}


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_STYLE[style]}{text}{_RESET}" if color and text else text


def _marker(rule: str, kind: str, line: str = "", art: Article | None = None) -> tuple[str, str]:
    """The gutter label of a removed block, and its style."""
    spec = REGISTRY.get(rule)
    if kind == "caption":
        return f"CAPTION {rule}", "caption"
    # Dateline and credit kinds are field lines; a "title" kind is the headline only when
    # the field stage took it (other rules of that kind remove copies of the headline).
    if kind in ("dateline", "credit") or (kind == "title" and spec and spec.stage == "fields"):
        labels = [FIELD_KINDS[kind]]
        if art is not None:  # a dateline line may carry the credit too, and vice versa
            for name, value in (("DATELINE", art.dateline), ("CREDIT", art.credit)):
                if value and name not in labels and value in line:
                    labels.append(name)
        return f"{'+'.join(labels)} {rule}", "field"
    return f"- {rule} {kind}", "removed"


def render_explain(text: str, art: Article, color: bool = False) -> str:
    """The page, each removed line marked with its rule id and kind, fields by name.

    A text dump is shown line by line (``Removed.line`` is its input line); an HTML page
    as its text layout, when the HTML front end provides one that the removed blocks
    match.  Otherwise the removed blocks are listed in page order, then the kept body.
    """
    if art.input_format == "html":
        text = _html_layout(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    by_line = {r.line: r for r in art.removed}
    line_view = bool(lines) and all(
        0 <= r.line < len(lines) and lines[r.line].strip() == r.text.strip() for r in art.removed
    )
    rows: list[tuple[str, str, str]] = []  # (marker, style, text)
    if line_view:
        for i, line in enumerate(lines):
            r = by_line.get(i)
            if r is None:
                rows.append(("", "", line.strip()))
            else:
                marker, style = _marker(r.rule, r.kind, line, art)
                rows.append((marker, style, line.strip()))
    else:
        rows.append(
            (
                "",
                "note",
                f"({art.input_format} input: removed blocks in page order, then the kept body)",
            )
        )
        for r in sorted(art.removed, key=lambda r: r.line):
            marker, style = _marker(r.rule, r.kind, r.text, art)
            rows.append((marker, style, r.text))
        for para in art.body.split("\n"):
            rows.append(("", "", para))
    width = max([len(m) for m, _, _ in rows] + [8])
    out: list[str] = []
    for marker, style, line in rows:
        gutter = marker.ljust(width)
        if style in ("removed", "field", "caption"):
            text_style = {"removed": "removed_text", "field": "field_text"}.get(style, style)
            out.append(f"{_paint(gutter, style, color)} | {_paint(line, text_style, color)}")
        elif style == "note":
            out.append(_paint(line, "note", color))
        else:
            out.append(f"{gutter} | {line}".rstrip())
    out.append("")
    out.append(_paint(_explain_footer(art, rows), "note", color))
    return "\n".join(out) + "\n"


def _html_layout(html: str) -> str:
    """The visible text of a page, one block per line, as the HTML front end lays it out."""
    try:
        from .frontends.html import html_to_text

        return str(html_to_text(html))
    except Exception:  # no HTML front end (or a different one): use the block listing
        return ""


def _explain_footer(art: Article, rows: list[tuple[str, str, str]]) -> str:
    kept = sum(1 for m, s, t in rows if not m and s != "note" and t.strip())
    by_rule = Counter(r.rule for r in art.removed)
    rules = ", ".join(f"{rule} {n}" for rule, n in by_rule.most_common())
    parts = [f"== {kept} kept, {len(art.removed)} removed" + (f" ({rules})" if rules else "")]
    if art.date:
        parts.append(f"date {art.date.isoformat()}")
    if art.lang:
        parts.append(f"lang {art.lang}")
    return "; ".join(parts)


# -- running the workers ---------------------------------------------------------------------


def _chunks(tasks: Iterator[Task]) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    size = 0
    for task in tasks:
        chunk.append(task)
        size += len(task[0].data)
        if len(chunk) >= CHUNK_DOCS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _mp_context() -> Any:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["cleantext.cli"])
        return ctx
    return multiprocessing.get_context("spawn")


class Runner:
    """Cleans tasks in order, in this process (``jobs == 1``) or in a process pool.

    The pool gets at most ``jobs * INFLIGHT_PER_JOB`` chunks at a time, and results come
    back in input order.  If a worker dies (a crash, the OOM killer), the documents that
    were in flight are run again one at a time in a fresh pool, so only the document that
    kills a worker becomes an error record.
    """

    def __init__(self, settings: Settings, jobs: int) -> None:
        self.settings = settings
        self.jobs = jobs
        self.restarts = 0

    def results(self, tasks: Iterator[Task]) -> Generator[Result, None, None]:
        if self.jobs <= 1:
            _configure(self.settings)
            for doc, fmt in tasks:
                yield process(doc, fmt, self.settings)
        else:
            yield from self._parallel(tasks)

    def _pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=_mp_context(),
            initializer=_init_worker,
            initargs=(self.settings,),
        )

    def _parallel(self, tasks: Iterator[Task]) -> Generator[Result, None, None]:
        window: deque[tuple[list[Task], Future[list[Result]]]] = deque()
        limit = self.jobs * INFLIGHT_PER_JOB
        pool = self._pool()
        try:
            for chunk in _chunks(tasks):
                window.append((chunk, self._submit(pool, chunk)))
                while len(window) >= limit:
                    pool, out = self._next(pool, window)
                    yield from out
            while window:
                pool, out = self._next(pool, window)
                yield from out
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    @staticmethod
    def _submit(pool: ProcessPoolExecutor, chunk: list[Task]) -> Future[list[Result]]:
        """Submit a chunk; on a pool that already broke, a future that failed likewise."""
        try:
            return pool.submit(_work, chunk)
        except BrokenProcessPool as exc:
            failed: Future[list[Result]] = Future()
            failed.set_exception(exc)
            return failed

    def _next(
        self, pool: ProcessPoolExecutor, window: deque[tuple[list[Task], Future[list[Result]]]]
    ) -> tuple[ProcessPoolExecutor, list[Result]]:
        chunk, fut = window.popleft()
        try:
            return pool, fut.result()
        except BrokenProcessPool:
            suspects = chunk + [t for c, _ in window for t in c]
            window.clear()
            return self._isolate(pool, suspects)
        except Exception as exc:  # e.g. a result that cannot be pickled
            msg = f"worker failed: {exc}"
            return pool, [_error_result(d, f, msg, type(exc).__name__) for d, f in chunk]

    def _isolate(
        self, pool: ProcessPoolExecutor, tasks: list[Task]
    ) -> tuple[ProcessPoolExecutor, list[Result]]:
        """Run each task alone, so a crash is charged to the document that caused it."""
        pool.shutdown(wait=True, cancel_futures=True)
        pool = self._pool()
        self.restarts += 1
        out: list[Result] = []
        for task in tasks:
            try:
                out.extend(pool.submit(_work, [task]).result())
            except BrokenProcessPool:
                doc, fmt = task
                msg = "the worker process died while cleaning this input (crash or out of memory)"
                out.append(_error_result(doc, fmt, msg, "WorkerCrash"))
                pool.shutdown(wait=True, cancel_futures=True)
                pool = self._pool()
                self.restarts += 1
        return pool, out


# -- output ----------------------------------------------------------------------------------


class Output:
    """Routes results to stdout, one file, or one file per input under a folder."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.writer: RecordWriter | None = None
        self.writer_source = -1
        self.tty = plan.mode == "stdout" and sys.stdout.isatty()
        if plan.mode == "stdout":
            self.writer = RecordWriter(
                sys.stdout.buffer, plan.fmt_for(None), many=plan.batch, own=False
            )
        elif plan.mode == "file":
            assert plan.out_path is not None
            stream = open_output(plan.out_path, append=plan.resume)
            self.writer = RecordWriter(stream, plan.fmt_for(None), many=plan.batch)

    def write(self, res: Result) -> None:
        if self.plan.mode == "dir":
            if res.error is not None and not res.payload:
                return  # text/markdown: a failed input gets no file (the error is on stderr)
            if res.source != self.writer_source:
                self._close()
                src = self.plan.sources[res.source]
                fmt = self.plan.fmt_for(src)
                path = self.plan.dir_output(src)
                self.writer = RecordWriter(open_output(path), fmt, many=src.kind != "page")
                self.writer_source = res.source
        assert self.writer is not None
        self.writer.write(res.id, res.payload, is_error=res.error is not None)
        if self.tty:
            self.writer.flush()

    def _close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    def close(self) -> None:
        if self.plan.mode == "dir":
            self._close()
        elif self.writer is not None:
            self.writer.close()


# -- the plan: arguments checked and resolved -------------------------------------------------


@dataclass
class Plan:
    sources: list[Source]
    batch: bool  # several documents: JSON list, headers between texts, summary line
    mode: str  # "stdout" | "file" | "dir"
    out_path: Path | None
    fmt: str | None  # None: the default, which may depend on the source (-o DIR)
    settings: Settings
    read_opts: ReadOptions
    jobs: int
    resume: bool
    quiet: bool
    dir_paths: dict[int, Path] = field(default_factory=dict)

    def fmt_for(self, src: Source | None) -> str:
        if self.fmt is not None:
            return self.fmt
        if src is None:
            return "jsonl" if self.batch else "text"
        return "text" if src.kind == "page" else "jsonl"

    def dir_output(self, src: Source) -> Path:
        assert self.out_path is not None
        stem, _ = strip_exts(str(src.rel))
        return self.out_path / (stem + FORMAT_EXT[self.fmt_for(src)])


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _parse_encoding(value: str) -> str:
    try:
        codecs.lookup(value)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding: {value!r}") from None
    return value


def _parse_size(value: str) -> int:
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    v = value.strip().lower().removesuffix("b")
    mult = units.get(v[-1:], 1)
    if v[-1:] in units:
        v = v[:-1]
    try:
        n = int(float(v) * mult)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (e.g. 500K, 50M)") from None
    if n <= 0:
        raise argparse.ArgumentTypeError("the size must be positive")
    return n


def _parse_jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("--jobs must be 0 (one per CPU) or more")
    return n


def _cpu_count() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _split_list(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for v in values or ():
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleantext",
        usage="%(prog)s [options] [FILE|DIR|-]...\n       %(prog)s rules [ID|FAMILY]...",
        description="Turn raw page dumps and HTML pages into clean articles "
        "(title, dateline, credit, body).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="FILE|DIR|-",
        help="page dumps (.txt), HTML (.html .htm .xhtml), .jsonl, .warc, .wet, "
        "each maybe .gz/.bz2/.xz; folders are searched recursively; - is stdin "
        "(the default when stdin is not a terminal)",
    )
    p.add_argument("--version", action="version", version=f"cleantext {__version__}")

    g = p.add_argument_group("input")
    g.add_argument(
        "--input-type",
        choices=("auto", "page", "jsonl", "warc"),
        default="auto",
        help="how to split each input into documents: one page, one JSON record "
        "per line, or WARC/WET records (default: by file extension; stdin is a "
        "page unless it starts with a WARC header)",
    )
    g.add_argument(
        "--input-format",
        choices=("auto", "text", "html"),
        default="auto",
        help="parse pages as text dumps or HTML (default: detect, except that "
        "WARC responses and JSONL html fields are HTML and WET records are text)",
    )
    g.add_argument(
        "--encoding",
        type=_parse_encoding,
        metavar="ENC",
        help="decode input bytes with ENC instead of detecting the encoding",
    )
    g.add_argument(
        "--text-field",
        default="text",
        metavar="NAME",
        help="JSONL: field holding a page dump (default: text)",
    )
    g.add_argument(
        "--html-field",
        default="html",
        metavar="NAME",
        help="JSONL: field holding HTML, used when present (default: html)",
    )
    g.add_argument(
        "--url-field",
        default="url",
        metavar="NAME",
        help="JSONL: field holding the page URL (default: url)",
    )
    g.add_argument(
        "--id-field",
        default="id",
        metavar="NAME",
        help="JSONL: field holding the record id (default: id; records without it get FILE:LINE)",
    )
    g.add_argument(
        "--max-bytes",
        type=_parse_size,
        default=50 << 20,
        metavar="SIZE",
        help="refuse documents larger than SIZE once decompressed (default: 50M)",
    )

    g = p.add_argument_group("output")
    g.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR",
        help="write to FILE (format from its extension; .gz/.bz2/.xz compress), "
        "or mirror the inputs under DIR (an existing folder or a path ending in "
        "/), one output file per input file (default: stdout)",
    )
    g.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        help="text, markdown, json (one object; a list for several documents) or "
        "jsonl (one record per line).  Default: text for one page, jsonl for "
        "several documents",
    )
    g.add_argument(
        "--fields",
        metavar="LIST",
        help="JSON/JSONL: comma-separated fields after id and url, from "
        f"{', '.join(ARTICLE_FIELDS)}; 'all' for every field (default: all but "
        "removed)",
    )
    g.add_argument(
        "--explain",
        action="store_true",
        help="print each page with every removed line marked by rule id and kind, "
        "and the fields (TITLE, DATELINE, CREDIT, CAPTION) by name",
    )
    g.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour --explain output (default: when stdout is a terminal and NO_COLOR is not set)",
    )
    g.add_argument(
        "--resume",
        action="store_true",
        help="with -o FILE.jsonl: keep the records already there (a truncated last "
        "line is removed) and append only the missing documents",
    )

    g = p.add_argument_group("cleaning")
    g.add_argument("--lang", metavar="CODE", help="language hint, e.g. en, de, fr, es, it, pt, nl")
    g.add_argument(
        "--today",
        type=_parse_date,
        metavar="YYYY-MM-DD",
        help="reference date for relative dates ('2 hours ago', 'yesterday')",
    )
    g.add_argument(
        "--disable",
        action="append",
        metavar="IDS",
        help="rule ids or families to switch off, comma-separated (see `cleantext rules`)",
    )
    g.add_argument(
        "--enable",
        action="append",
        metavar="IDS",
        help="rule ids or families to keep on, overriding --disable",
    )

    g = p.add_argument_group("processing")
    g.add_argument(
        "-j",
        "--jobs",
        type=_parse_jobs,
        default=1,
        metavar="N",
        help="worker processes; 0 = one per CPU (default: 1)",
    )
    g.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar, no summary line (errors are still reported)",
    )
    return p


def _fields(value: str | None) -> tuple[str, ...]:
    if value is None:
        return DEFAULT_FIELDS
    names = [x.strip() for x in value.split(",") if x.strip()]
    if names == ["all"]:
        return ARTICLE_FIELDS
    unknown = [n for n in names if n not in ARTICLE_FIELDS and n not in ("id", "url")]
    if unknown:
        raise UsageError(
            f"unknown field(s) for --fields: {', '.join(unknown)} "
            f"(choose from {', '.join(ARTICLE_FIELDS)}, or all)"
        )
    seen: dict[str, None] = {}
    for n in names:
        if n not in ("id", "url"):
            seen[n] = None
    return tuple(seen)


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def make_plan(args: argparse.Namespace) -> Plan:
    """Check the arguments against each other and the file system; raise UsageError."""
    inputs: list[str] = args.inputs or ["-"]
    disable, enable = _split_list(args.disable), _split_list(args.enable)
    try:
        Cleaner(disable=disable, enable=enable)
    except ValueError as exc:
        raise UsageError(f"{exc} (see `cleantext rules`)") from None
    fields = _fields(args.fields)

    out: str | None = args.output if args.output not in (None, "-") else None
    mode = "stdout"
    out_path: Path | None = None
    if out is not None:
        out_path = Path(out)
        is_dir = out_path.is_dir() or out.endswith(("/", os.sep))
        mode = "dir" if is_dir else "file"

    fmt: str | None = args.format
    if fmt is None and mode == "file" and out_path is not None:
        low = out_path.name.lower()
        for comp in (".gz", ".bz2", ".xz"):
            low = low.removesuffix(comp)
        fmt = EXT_FORMAT.get(Path(low).suffix)
    if args.explain:
        if fmt not in (None, "text"):
            raise UsageError(
                f"--explain prints annotated text; it cannot be combined with --format {fmt}"
            )
        fmt = "text"
    if args.fields is not None and fmt in ("text", "markdown"):
        raise UsageError(f"--fields applies to json and jsonl output, not {fmt}")

    sources = discover(inputs, args.input_type)
    batch = (
        len(inputs) > 1
        or len(sources) != 1
        or sources[0].kind != "page"
        or Path(inputs[0]).is_dir()
    )
    if fmt is None and mode != "dir":
        fmt = "jsonl" if batch else "text"
    if any(s.kind == "warc" for s in sources) and not fastwarc_available():
        raise UsageError(WARC_HINT)

    if args.resume:
        if mode != "file" or out_path is None:
            raise UsageError("--resume needs -o FILE.jsonl (it appends to that file)")
        if fmt != "jsonl":
            raise UsageError("--resume works with jsonl output only")
        if out_path.name.lower().endswith((".gz", ".bz2", ".xz")):
            raise UsageError("--resume cannot append to a compressed output file")

    plan = Plan(
        sources=sources,
        batch=batch,
        mode=mode,
        out_path=out_path,
        fmt=fmt,
        settings=Settings(
            lang=args.lang,
            today=args.today,
            disable=disable,
            enable=enable,
            input_format=args.input_format,
            encoding=args.encoding,
            fields=fields,
            explain=args.explain,
            color=_use_color(args.color) if mode == "stdout" else args.color == "always",
        ),
        read_opts=ReadOptions(
            text_field=args.text_field,
            html_field=args.html_field,
            url_field=args.url_field,
            id_field=args.id_field,
            max_bytes=args.max_bytes,
            input_type=args.input_type,
        ),
        jobs=_cpu_count() if args.jobs == 0 else args.jobs,
        resume=args.resume,
        quiet=args.quiet,
    )
    _check_outputs(plan)
    return plan


def _check_outputs(plan: Plan) -> None:
    """Refuse to overwrite an input, or to write two inputs to one output file."""
    inputs = {s.path.resolve() for s in plan.sources if s.path is not None and s.problem is None}
    out = plan.out_path
    if plan.mode == "file" and out is not None and out.resolve() in inputs:
        raise UsageError(f"the output {out} is also an input; refusing to overwrite it")
    if plan.mode == "dir":
        seen: dict[Path, str] = {}
        for s in plan.sources:
            path = plan.dir_output(s).resolve()
            if path in inputs:
                raise UsageError(
                    f"writing {plan.dir_output(s)} would overwrite an input; "
                    "choose another output folder"
                )
            if path in seen:
                raise UsageError(
                    f"{seen[path]} and {s.name} would both be written to {plan.dir_output(s)}"
                )
            seen[path] = s.name


# -- main ------------------------------------------------------------------------------------


@dataclass
class Tally:
    docs: int = 0
    articles: int = 0
    errors: int = 0


def _tasks(plan: Plan, stats: ReadStats, done: Counter[DocId] | None) -> Iterator[Task]:
    for i, src in enumerate(plan.sources):
        fmt = plan.fmt_for(src)
        for doc in read_source(src, i, plan.read_opts, stats, done):
            yield doc, fmt


def _progress_bar(plan: Plan) -> Any:
    if plan.quiet or not plan.batch or not sys.stderr.isatty():
        return None
    try:
        tqdm = importlib.import_module("tqdm")
    except ImportError:
        return None
    total = len(plan.sources) if all(s.kind == "page" for s in plan.sources) else None
    return tqdm.tqdm(
        total=total,
        unit=" doc",
        file=sys.stderr,
        dynamic_ncols=True,
        mininterval=0.25,
        smoothing=0.1,
    )


def _say(bar: Any, line: str) -> None:
    if bar is not None:
        bar.write(line, file=sys.stderr)
    else:
        print(line, file=sys.stderr, flush=True)


def execute(plan: Plan) -> int:
    """Read, clean and write every document of the plan; returns the exit status."""
    stats = ReadStats()
    tally = Tally()
    runner = Runner(plan.settings, plan.jobs if plan.batch else 1)
    start = time.perf_counter()
    try:
        done = read_done_ids(plan.out_path) if plan.resume and plan.out_path else None
        output = Output(plan)
    except OSError as exc:
        print(
            f"cleantext: error: cannot write {plan.out_path}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 2
    bar = _progress_bar(plan)
    status = 0
    counted = 0  # documents the bar has seen, including those skipped by --resume
    results = runner.results(_tasks(plan, stats, done))
    try:
        for res in results:
            tally.docs += 1
            output.write(res)
            if res.error is not None:
                tally.errors += 1
                _say(bar, f"cleantext: error: {res.id}: {res.error}")
            elif res.article:
                tally.articles += 1
            elif not plan.batch and not plan.quiet:
                _say(bar, f"cleantext: note: {res.id}: no article text found")
            if bar is not None:
                bar.update(tally.docs + stats.skipped_done - counted)
                counted = tally.docs + stats.skipped_done
    except KeyboardInterrupt:
        status = 130
        hint = " (the records written so far are complete; go on with --resume)"
        _say(bar, "cleantext: interrupted" + (hint if plan.fmt == "jsonl" else ""))
    except BrokenPipeError:  # e.g. `cleantext ... | head`
        status = 141
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as exc:  # the output cannot be written (disk full, ...)
        status = 1
        _say(bar, f"cleantext: error: cannot write the output: {exc}")
    finally:
        results.close()  # stops the workers
        try:
            output.close()
        except BrokenPipeError:
            status = 141
        except OSError as exc:
            status = status or 1
            _say(bar, f"cleantext: error: cannot write the output: {exc}")
        if bar is not None:
            bar.update(tally.docs + stats.skipped_done - counted)
            bar.close()
    if status == 0 and tally.errors:
        status = 1
    if plan.batch and not plan.quiet and status != 141:  # no summary once stdout closed
        print(_summary(tally, stats, time.perf_counter() - start, runner), file=sys.stderr)
    return status


def _summary(tally: Tally, stats: ReadStats, seconds: float, runner: Runner) -> str:
    def n(count: int, word: str) -> str:
        return f"{count:,} {word}{'' if count == 1 else 's'}"

    rate = tally.docs / seconds if seconds > 0 else 0.0
    line = (
        f"cleantext: {n(tally.docs, 'input')}, {n(tally.articles, 'article')}, "
        f"{n(tally.errors, 'error')}, {seconds:.1f} s, {rate:,.1f} docs/s"
    )
    if stats.skipped_done:
        line += f"; {stats.skipped_done:,} already in the output (--resume)"
    if stats.skipped_records:
        reasons = ", ".join(f"{k} {v}" for k, v in stats.skip_reasons.most_common(3))
        line += f"; {n(stats.skipped_records, 'WARC record')} without a page skipped ({reasons})"
    if runner.restarts:
        line += f"; {n(runner.restarts, 'worker restart')}"
    return line


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (`cleantext ... | head`): stop quietly, and keep
        # Python from reporting the failed flush of stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["rules"]:
        return rules_main(args_list[1:])
    parser = build_parser()
    args = parser.parse_args(args_list)
    if not args.inputs and sys.stdin.isatty():
        parser.print_usage(sys.stderr)
        print(
            "cleantext: error: no input: name files or folders, or pipe a page into stdin "
            "(--help for more)",
            file=sys.stderr,
        )
        return 2
    try:
        plan = make_plan(args)
    except UsageError as exc:
        parser.error(str(exc))
    return execute(plan)


# -- cleantext rules --------------------------------------------------------------------------


def rules_main(argv: Sequence[str]) -> int:
    """``cleantext rules [ID|FAMILY]...``: the rule table, or one rule's documentation."""
    p = argparse.ArgumentParser(
        prog="cleantext rules",
        description="List cleantext's boilerplate rules, or show one rule's documentation. "
        "--disable and --enable take these ids, or families (the two-letter prefix).",
    )
    p.add_argument(
        "names",
        nargs="*",
        metavar="ID|FAMILY",
        help="a rule id (SH001) shows its documentation; a family (SH) lists its rules",
    )
    p.add_argument("--json", action="store_true", help="print the rules as JSON")
    args = p.parse_args(list(argv))
    rules = sorted(REGISTRY.values(), key=lambda r: r.id)
    families = {r.family for r in rules}
    wanted = [n.strip().upper() for n in args.names]
    unknown = [n for n in wanted if n not in REGISTRY and n not in families]
    if unknown:
        p.error(f"unknown rule or family: {', '.join(unknown)}")
    ids = [n for n in wanted if n in REGISTRY]
    fams = [n for n in wanted if n in families]
    if fams or not wanted:
        rules = [r for r in rules if not fams or r.family in fams]
    else:
        rules = [REGISTRY[i] for i in ids]
    if args.json:
        data = [
            {
                "id": r.id,
                "name": r.name,
                "family": r.family,
                "kind": r.kind,
                "stage": r.stage,
                "langs": list(r.langs),
                "summary": r.summary,
                "doc": r.doc,
            }
            for r in rules
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    if ids and not fams:
        for i, r in enumerate(rules):
            if i:
                print("\n" + "-" * 72 + "\n")
            print(f"{r.id}  {r.name}")
            print(
                f"kind: {r.kind}   family: {r.family}   stage: {r.stage}   "
                f"languages: {', '.join(r.langs)}\n"
            )
            print(r.doc.strip() or "(no documentation)")
        return 0
    header = ("ID", "NAME", "KIND", "FAMILY", "STAGE", "LANGUAGES", "SUMMARY")
    rows = [(r.id, r.name, r.kind, r.family, r.stage, ",".join(r.langs), r.summary) for r in rules]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [c.ljust(w) for c, w in zip(row[:-1], widths, strict=True)]
        print("  ".join([*cells, row[-1]]).rstrip())
    print(
        f"\n{len(rows)} rules.  `cleantext rules ID` prints a rule's documentation; "
        "--disable/--enable take ids or families."
    )
    return 0


__all__ = [
    "INPUT_EXTS",
    "Plan",
    "Settings",
    "build_parser",
    "main",
    "process",
    "render",
    "render_explain",
    "render_markdown",
    "render_text",
    "rules_main",
]

"""Tool adapters for the cleantext benchmark, and the child process that runs one of them.

``bench/run.py`` starts one child per tool::

    python bench/tools.py --tool NAME --mode text|html --corpus DIR --ids IDS.jsonl \
        --pred PRED.jsonl [--full FULL.jsonl] [--url]

The child imports the tool, loads every input into memory, warms the tool up on a tiny
page, then times only the processing loop.  It writes one prediction per page
(``{"id", "title", "date", "body", "credit"}``), and for cleantext the whole
``Article.to_dict()`` to ``--full``.  Its last stdout line is a JSON report: docs,
errors, empty bodies, seconds, input MB and peak RSS MB (the peak of this process alone:
interpreter, libraries, all inputs and the processing; see ``peak_rss_mb``).

Only the standard library is imported at module level; each tool's library is imported
by its setup function, inside the child that runs it.
"""

from __future__ import annotations

import argparse
import html
import json
import resource
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import read_html  # bench/ is on sys.path: this file runs as a script

Pred = dict[str, Any]
Extractor = Callable[[Any, "str | None"], Pred]

REPO_SRC = Path(__file__).resolve().parents[1] / "src"
WARMUP_TEXT = (
    "Home | News | Sport\n\nA headline for the warm-up\n\nNovember 19, 2019\n\n"
    "The first paragraph of the warm-up page is long enough to look like text. "
    "It has several sentences. They end with full stops. Some have commas, too.\n\n"
    "A second paragraph follows here, with more words in it than a menu has. "
    "It also ends properly.\n\nShare this:\n\nTwitter\n\nFacebook\n"
)


def pred(body: str | None = "", title: Any = None, date: Any = None, credit: Any = None) -> Pred:
    """A prediction record in the scorer's format (the caller adds the id)."""
    if isinstance(credit, (list, tuple)):
        credit = ", ".join(str(c) for c in credit if c) or None
    if date is not None and hasattr(date, "isoformat"):
        date = date.isoformat()
    return {"title": title or None, "date": date or None, "body": body or "", "credit": credit}


def wrap_lines(text: str) -> str:
    """A text dump as HTML: every non-empty line in its own <p>, HTML-escaped."""
    paras = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return f"<html><body>\n{paras}</body></html>"


_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_INVISIBLE = (
    "//head|//script|//style|//noscript|//template|//svg|//math|//iframe|//object|//embed"
    "|//canvas|//audio|//video"
)


def lxml_text(tree: Any) -> str:
    """Text of an lxml.html tree with a line break around block elements (in place)."""
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- tool setups
# Each setup imports its library and returns the per-page function (data, url) -> Pred.


def setup_cleantext() -> Extractor:
    try:
        import cleantext
    except ImportError:  # not installed in the venv: use the repo's source tree
        sys.path.insert(0, str(REPO_SRC))
        import cleantext
    clean = cleantext.clean

    def run(data: str | bytes, url: str | None) -> Pred:
        d = clean(data, url=url).to_dict()
        p = pred(d.get("body"), d.get("title"), d.get("date"), d.get("credit"))
        p["full"] = d
        return p

    return run


def setup_none_text() -> Extractor:
    return lambda data, url: pred(data)


def setup_none_html() -> Extractor:
    import lxml.html

    def run(data: str, url: str | None) -> Pred:
        if not data.strip():
            return pred("")
        tree = lxml.html.fromstring(data.encode("utf-8"), parser=_utf8_parser())
        for el in tree.xpath(_INVISIBLE):
            el.drop_tree()
        return pred(lxml_text(tree))

    return run


def _utf8_parser() -> Any:
    import lxml.html

    return lxml.html.HTMLParser(encoding="utf-8")


def setup_c4() -> Extractor:
    from datatrove.data import Document
    from datatrove.pipeline.filters import C4QualityFilter

    filt = C4QualityFilter()  # default arguments

    def run(data: str, url: str | None) -> Pred:
        doc = Document(text=data, id="page")
        kept = filt.filter(doc)
        ok = kept[0] if isinstance(kept, tuple) else bool(kept)
        return pred(doc.text if ok else "")

    return run


def setup_boilerpy3() -> Extractor:
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor()
    return lambda data, url: pred(extractor.get_content(data))


def setup_justext() -> Extractor:
    import justext

    stoplist = justext.get_stoplist("English")

    def run(data: str | bytes, url: str | None) -> Pred:
        paras = justext.justext(data, stoplist)
        return pred("\n\n".join(p.text for p in paras if not p.is_boilerplate))

    return run


def _setup_trafilatura(precision: bool) -> Extractor:
    import trafilatura

    def run(data: str | bytes, url: str | None) -> Pred:
        doc = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, favor_precision=precision, as_dict=True
        )
        if not doc:
            return pred("")
        return pred(doc.get("text"), doc.get("title"), doc.get("date"), doc.get("author"))

    return run


def setup_trafilatura() -> Extractor:
    return _setup_trafilatura(precision=False)


def setup_trafilatura_precision() -> Extractor:
    return _setup_trafilatura(precision=True)


def setup_readability() -> Extractor:
    import lxml.html
    from readability import Document

    def run(data: str, url: str | None) -> Pred:
        doc = Document(data)
        summary = doc.summary()
        body = lxml_text(lxml.html.fromstring(summary)) if summary.strip() else ""
        return pred(body, doc.title())

    return run


def setup_resiliparse() -> Extractor:
    from resiliparse.extract.html2text import extract_plain_text

    return lambda data, url: pred(extract_plain_text(data, main_content=True))


def setup_newspaper4k() -> Extractor:
    import newspaper

    config = newspaper.Config()
    config.fetch_images = False  # never go to the network
    config.memorize_articles = False

    def run(data: str, url: str | None) -> Pred:
        art = newspaper.Article(url or "https://example.com/page", config=config)
        art.download(input_html=data)
        art.parse()
        date = art.publish_date.date() if art.publish_date else None
        return pred(art.text, art.title, date, art.authors)

    return run


@dataclass(frozen=True)
class Tool:
    """A tool the harness can run.

    In text mode a tool with ``text_native`` gets the dump itself, any other tool gets the
    dump as HTML (``wrap_lines``).  In HTML mode a tool with ``wants_bytes`` gets the page's
    bytes, any other tool the page decoded as UTF-8 (all corpus pages are UTF-8).
    """

    setup: Callable[[], Extractor]
    modes: tuple[str, ...] = ("text", "html")
    text_native: bool = False
    wants_bytes: bool = False
    setup_html: Callable[[], Extractor] | None = None  # a different setup for HTML mode


TOOLS: dict[str, Tool] = {
    "cleantext": Tool(setup_cleantext, text_native=True, wants_bytes=True),
    "none": Tool(setup_none_text, text_native=True, setup_html=setup_none_html),
    "c4": Tool(setup_c4, modes=("text",), text_native=True),
    "boilerpy3": Tool(setup_boilerpy3),
    "justext": Tool(setup_justext, wants_bytes=True),
    "trafilatura": Tool(setup_trafilatura, wants_bytes=True),
    "trafilatura-precision": Tool(setup_trafilatura_precision, wants_bytes=True),
    "readability": Tool(setup_readability),
    "resiliparse": Tool(setup_resiliparse),
    "newspaper4k": Tool(setup_newspaper4k),
}
DEFAULT_TOOLS = {
    "text": ["cleantext", "none", "c4", "boilerpy3", "justext", "trafilatura"],
    "html": [
        "cleantext",
        "none",
        "trafilatura",
        "trafilatura-precision",
        "readability",
        "justext",
        "boilerpy3",
        "resiliparse",
        "newspaper4k",
    ],
}


# ---------------------------------------------------------------- child process


def as_input(tool: Tool, mode: str, raw: bytes) -> str | bytes:
    """One page's input (a dump's or an HTML page's bytes) in the form the tool takes."""
    if mode == "text":
        text = raw.decode("utf-8")
        return text if tool.text_native else wrap_lines(text)
    return raw if tool.wants_bytes else raw.decode("utf-8", errors="replace")


def load_inputs(tool: Tool, mode: str, corpus: Path, ids: list[str]) -> tuple[list[Any], int]:
    """Every page's input as the tool takes it, and the total input size in bytes."""
    inputs: list[Any] = []
    total = 0
    for doc_id in ids:
        if mode == "text":
            raw = (corpus / "dumps" / f"{doc_id}.txt").read_bytes()
        else:
            raw = read_html(corpus, doc_id)
        inputs.append(as_input(tool, mode, raw))
        total += len(raw)
    return inputs, total


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MB (2**20 bytes).

    Linux's VmHWM (the high-water mark of this process's own address space) when there is
    one: ``getrusage(RUSAGE_SELF).ru_maxrss`` survives fork+exec, so a child's value is at
    least its parent's RSS at the fork (``maxrss_mb`` in the report keeps it anyway).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return maxrss_mb()


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child(args: argparse.Namespace) -> dict[str, Any]:
    tool = TOOLS[args.tool]
    records = [json.loads(line) for line in Path(args.ids).read_text().splitlines() if line]
    ids = [r["id"] for r in records]
    urls = [r.get("url") if args.url else None for r in records]
    setup = tool.setup_html if args.mode == "html" and tool.setup_html else tool.setup
    try:
        extract = setup()
        warm = WARMUP_TEXT if args.mode == "text" else wrap_lines(WARMUP_TEXT)
        extract(as_input(tool, args.mode, warm.encode("utf-8")), None)  # lazy set-up, untimed
    except Exception as exc:
        return {"tool": args.tool, "skipped": f"{type(exc).__name__}: {exc}"}
    inputs, n_bytes = load_inputs(tool, args.mode, Path(args.corpus), ids)
    rss_before_loop = peak_rss_mb()

    outputs: list[Pred] = []
    errors: list[str] = []
    start = time.perf_counter()
    for doc_id, data, url in zip(ids, inputs, urls, strict=True):
        try:
            outputs.append(extract(data, url))
        except Exception as exc:
            message = " ".join(str(exc).replace("*", " ").split())  # one line
            errors.append(f"{doc_id}: {type(exc).__name__}: {message}")
            print(f"error on {doc_id}:\n{traceback.format_exc()}", file=sys.stderr)
            outputs.append(pred(""))
    seconds = time.perf_counter() - start
    peak = peak_rss_mb()

    fulls = [p.pop("full", None) for p in outputs]
    with open(args.pred, "w", encoding="utf-8") as out:
        for doc_id, p in zip(ids, outputs, strict=True):
            out.write(json.dumps({"id": doc_id, **p}, ensure_ascii=False) + "\n")
    if args.full:
        with open(args.full, "w", encoding="utf-8") as out:
            for doc_id, full in zip(ids, fulls, strict=True):
                if full is not None:
                    out.write(json.dumps({"id": doc_id, **full}, ensure_ascii=False) + "\n")
    return {
        "tool": args.tool,
        "docs": len(ids),
        "errors": len(errors),
        "error_examples": errors[:3],
        "empty": sum(1 for p in outputs if not p["body"].strip()),
        "seconds": seconds,
        "input_mb": n_bytes / 1e6,
        "peak_rss_before_loop_mb": rss_before_loop,
        "peak_rss_mb": peak,
        "maxrss_mb": maxrss_mb(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run one tool over a corpus (bench/run.py's child).")
    ap.add_argument("--tool", required=True, choices=sorted(TOOLS))
    ap.add_argument("--mode", required=True, choices=["text", "html"])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--ids", required=True, help='JSONL of {"id", "url"}, one page a line')
    ap.add_argument("--pred", required=True, help="predictions JSONL to write")
    ap.add_argument("--full", help="JSONL of each page's full output (cleantext only)")
    ap.add_argument("--url", action="store_true", help="pass each page's URL to the tool")
    args = ap.parse_args(argv)
    report_to = sys.stdout
    sys.stdout = sys.stderr  # whatever the tools print stays out of the report
    try:
        report = child(args)
    finally:
        sys.stdout = report_to
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

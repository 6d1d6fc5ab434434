"""Input readers and output writers of the ``cleantext`` command line.

Inputs are *sources* (a file, stdin) that yield *documents*:

- a page file (``.txt``, ``.html``, ``.htm``, ``.xhtml``) is one document;
- a JSONL file is one document per line;
- a WARC file yields its HTML ``response`` records, a WET file its ``conversion`` records
  (through the optional ``fastwarc`` package: ``pip install 'cleantext[warc]'``).

Any of them may be gzip, bzip2 or xz compressed; compression is recognised by its magic
bytes, not by the file name.  Everything streams: a JSONL or WARC file is read one record
at a time, and no document is read past ``max_bytes`` (decompressed).

A problem with one document never raises here: it becomes a :class:`Doc` with ``error``
set, so the caller can emit an error record and carry on.
"""

from __future__ import annotations

import bz2
import gzip
import importlib
import json
import lzma
import os
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import IO, Any, Literal, cast

Kind = Literal["page", "jsonl", "warc"]
DocId = str | int

COMPRESSION_EXTS = (".gz", ".bz2", ".xz")
PAGE_EXTS = (".txt", ".html", ".htm", ".xhtml")
JSONL_EXTS = (".jsonl",)
WARC_EXTS = (".warc", ".wet")
INPUT_EXTS = PAGE_EXTS + JSONL_EXTS + WARC_EXTS

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bz2"),
    (b"\xfd7zXZ\x00", "xz"),
)
WARC_MAGIC = b"WARC/"
WARC_HINT = "reading WARC/WET files needs fastwarc: pip install 'cleantext[warc]'"

# HTTP content types of WARC response records that are cleaned as HTML.
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")


class UsageError(Exception):
    """A problem with the command line itself (exit status 2)."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file or stdin (``path`` is None)."""

    name: str  # the path as the user named it ("-" for stdin); page documents use it as id
    path: Path | None
    kind: Kind
    rel: PurePath  # where its output goes under ``-o DIR`` (extension stripped)
    problem: str | None = None  # known at discovery, e.g. a folder without input files

    @property
    def is_stdin(self) -> bool:
        return self.path is None


@dataclass(slots=True)
class Doc:
    """One document to clean, or a record that already failed (``error`` set)."""

    id: DocId
    url: str | None
    data: bytes | str
    source: int  # index of its Source
    input_format: str | None = None  # "text"/"html" when the container says so
    error: str | None = None
    error_type: str | None = None


@dataclass(slots=True)
class ReadOptions:
    text_field: str = "text"
    html_field: str = "html"
    url_field: str = "url"
    id_field: str = "id"
    max_bytes: int = 50 * 1024 * 1024
    input_type: str = "auto"  # auto | page | jsonl | warc


@dataclass(slots=True)
class ReadStats:
    """Counts the readers keep while streaming: records that are not documents."""

    skipped_records: int = 0  # WARC records that hold no page (images, redirects, ...)
    skipped_done: int = 0  # documents already in the output (--resume)
    skip_reasons: Counter[str] = field(default_factory=Counter)


# -- discovery ------------------------------------------------------------------------------


def strip_exts(name: str) -> tuple[str, str]:
    """Split ``name`` into its stem and its known input extension(s), lower-cased.

    >>> strip_exts("a/Page.HTML.gz")
    ('a/Page', '.html.gz')
    >>> strip_exts("notes.md")
    ('notes.md', '')
    """
    stem, ext = name, ""
    low = name.lower()
    for comp in COMPRESSION_EXTS:
        if low.endswith(comp):
            stem, ext, low = stem[: -len(comp)], comp, low[: -len(comp)]
            break
    for known in INPUT_EXTS:
        if low.endswith(known):
            return stem[: -len(known)], known + ext
    return name, ""


def kind_from_name(name: str) -> Kind | None:
    """The kind of input a file name announces, or None when the name says nothing."""
    _, ext = strip_exts(name)
    base = ext.split(".")[1] if ext else ""
    if "." + base in JSONL_EXTS:
        return "jsonl"
    if "." + base in WARC_EXTS:
        return "warc"
    if "." + base in PAGE_EXTS:
        return "page"
    return None


def _rel_for(arg: str) -> PurePath:
    p = PurePath(arg)
    if p.is_absolute() or ".." in p.parts or not p.parts:
        return PurePath(p.name or "input")
    return p


def _walk(root: Path) -> list[Path]:
    """Input files under ``root``, recursively, sorted by path; hidden entries skipped."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for fname in filenames:
            if not fname.startswith(".") and kind_from_name(fname) is not None:
                found.append(Path(dirpath) / fname)
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def discover(args: list[str], input_type: str = "auto") -> list[Source]:
    """Expand the command-line inputs into sources, in the order given.

    Folders are walked recursively (sorted) for files with an input extension.  A file
    whose name says nothing is sniffed: WARC magic makes it a WARC file, anything else is a
    page.  Raises :class:`UsageError` when stdin is named twice.
    """
    sources: list[Source] = []
    forced: Kind | None = None if input_type == "auto" else cast(Kind, input_type)
    if args.count("-") > 1:
        raise UsageError("stdin ('-') can be read only once")
    for arg in args:
        if arg == "-":
            kind = forced or _sniff_kind(None)
            sources.append(Source("-", None, kind, PurePath("stdin")))
            continue
        path = Path(arg)
        if path.is_dir():
            found = False
            for f in _walk(path):
                found = True
                rel = PurePath(f.relative_to(path))
                kind = forced or kind_from_name(f.name) or "page"
                sources.append(Source(str(f), f, kind, rel))
            if not found:
                exts = ", ".join(INPUT_EXTS)
                problem = f"no input files in this folder (looked for {exts}, also compressed)"
                sources.append(Source(str(path), path, "page", _rel_for(arg), problem))
            continue
        kind = forced or kind_from_name(path.name) or _sniff_kind(path)
        sources.append(Source(str(path), path, kind, _rel_for(str(path))))
    return sources


def _sniff_kind(path: Path | None) -> Kind:
    """WARC magic (after decompression) means a WARC file; anything else is a page."""
    try:
        with input_stream(path) as stream:
            head = _peek(stream, len(WARC_MAGIC))
    except Exception:  # cannot open, corrupt compressed data: reading it reports the error
        return "page"
    return "warc" if head.startswith(WARC_MAGIC) else "page"


# -- opening and decompressing ----------------------------------------------------------------

_stdin_stream: IO[bytes] | None = None


def _peek(stream: IO[bytes], n: int) -> bytes:
    peek = getattr(stream, "peek", None)
    if peek is None:
        return b""
    return bytes(peek(n))[:n]


def _compression(stream: IO[bytes]) -> str | None:
    head = _peek(stream, 6)
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def _decompress(stream: IO[bytes], method: str | None) -> IO[bytes]:
    if method == "gzip":
        return cast(IO[bytes], gzip.GzipFile(fileobj=stream, mode="rb"))
    if method == "bz2":
        return cast(IO[bytes], bz2.BZ2File(stream, mode="rb"))
    if method == "xz":
        return cast(IO[bytes], lzma.LZMAFile(stream, mode="rb"))
    return stream


@contextmanager
def input_stream(path: Path | None, *, decompress: bool = True) -> Iterator[IO[bytes]]:
    """A file (``None``: stdin) open for binary reading, decompressed transparently.

    Stdin is opened once and the same stream is given on later calls (and never closed),
    so sniffing it at discovery does not lose bytes.
    """
    global _stdin_stream
    if path is None:
        if _stdin_stream is None:
            raw_in = sys.stdin.buffer
            _stdin_stream = _decompress(raw_in, _compression(raw_in)) if decompress else raw_in
        yield _stdin_stream
        return
    with open(path, "rb") as raw:
        if not decompress:
            yield raw
            return
        with _decompress(raw, _compression(raw)) as stream:
            yield stream


# -- readers --------------------------------------------------------------------------------


def read_source(
    src: Source,
    index: int,
    opts: ReadOptions,
    stats: ReadStats,
    done: Counter[DocId] | None = None,
) -> Iterator[Doc]:
    """Documents of one source, in order.  Never raises for bad input: yields error docs.

    ``done`` counts ids already in the output (``--resume``); each matching document is
    skipped once and counted in ``stats.skipped_done``.
    """

    def already(doc_id: DocId) -> bool:
        if done is not None and done.get(doc_id, 0) > 0:
            done[doc_id] -= 1
            stats.skipped_done += 1
            return True
        return False

    if src.problem is not None:
        if not already(src.name):
            yield Doc(src.name, None, b"", index, error=src.problem, error_type="NoInputFiles")
        return
    if src.kind == "page" and already(src.name):
        return  # no need to read it
    try:
        with input_stream(src.path, decompress=src.kind != "warc") as stream:
            if src.kind == "page":
                yield _read_page(stream, src, index, opts)
                return
            reader = (
                _read_jsonl(stream, src, index, opts)
                if src.kind == "jsonl"
                else _read_warc(stream, src, index, opts, stats)
            )
            for doc in reader:
                if not already(doc.id):
                    yield doc
    except OSError as exc:  # cannot open, or a read error outside the readers' own handling
        if not already(src.name):
            yield _error_doc(src.name, index, exc)


def _error_doc(doc_id: DocId, index: int, exc: BaseException, url: str | None = None) -> Doc:
    msg = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return Doc(
        doc_id, url, b"", index, error=msg or type(exc).__name__, error_type=type(exc).__name__
    )


def _too_large(doc_id: DocId, index: int, max_bytes: int, url: str | None = None) -> Doc:
    return Doc(
        doc_id,
        url,
        b"",
        index,
        error=f"input is larger than --max-bytes ({max_bytes:,} bytes)",
        error_type="InputTooLarge",
    )


def _read_page(stream: IO[bytes], src: Source, index: int, opts: ReadOptions) -> Doc:
    try:
        data = stream.read(opts.max_bytes + 1)
    except Exception as exc:  # corrupt compressed data: OSError, EOFError, zlib.error, ...
        return _error_doc(src.name, index, exc)
    if len(data) > opts.max_bytes:
        return _too_large(src.name, index, opts.max_bytes)
    return Doc(src.name, None, data, index)


def _read_jsonl(stream: IO[bytes], src: Source, index: int, opts: ReadOptions) -> Iterator[Doc]:
    lineno = 0
    limit = opts.max_bytes + 1
    while True:
        try:
            line = stream.readline(limit)
        except Exception as exc:  # corrupt compressed data
            yield _error_doc(f"{src.name}:{lineno + 1}", index, exc)
            return
        if not line:
            return
        lineno += 1
        line_id = f"{src.name}:{lineno}"
        if len(line) > opts.max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the over-long line, a chunk at a time
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield _too_large(line_id, index, opts.max_bytes)
            continue
        if not line.strip():
            continue  # a blank line holds no record
        yield _jsonl_doc(line, line_id, index, opts)


def _jsonl_doc(line: bytes, line_id: str, index: int, opts: ReadOptions) -> Doc:
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return Doc(
            line_id, None, b"", index, error=f"invalid JSON: {exc}", error_type="JSONDecodeError"
        )
    if not isinstance(obj, dict):
        return Doc(
            line_id,
            None,
            b"",
            index,
            error="the line is not a JSON object",
            error_type="RecordError",
        )
    raw_id = obj.get(opts.id_field)
    doc_id: DocId = (
        raw_id if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else line_id
    )
    raw_url = obj.get(opts.url_field)
    url = raw_url if isinstance(raw_url, str) else None
    html = obj.get(opts.html_field)
    text = obj.get(opts.text_field)
    if isinstance(html, str) and (html.strip() or not isinstance(text, str)):
        return Doc(doc_id, url, html, index, input_format="html")
    if isinstance(text, str):
        return Doc(doc_id, url, text, index)
    return Doc(
        doc_id,
        url,
        b"",
        index,
        error=f"the record has no string {opts.text_field!r} or {opts.html_field!r} field",
        error_type="RecordError",
    )


class _TellStream:
    """A read-only stream that counts its position, for fastwarc on pipes."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.pos = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.pos += len(data)
        return data

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = 0) -> int:
        if (whence == 1 and offset == 0) or (whence == 0 and offset == self.pos):
            return self.pos
        raise OSError(29, "Illegal seek")

    def close(self) -> None:
        self.raw.close()


def _fastwarc() -> Any:
    """The ``fastwarc.warc`` module (an optional dependency; untyped here on purpose, so
    type checks pass whether or not it is installed)."""
    return importlib.import_module("fastwarc.warc")


def fastwarc_available() -> bool:
    try:
        _fastwarc()
    except ImportError:
        return False
    return True


def _is_fatal(exc: BaseException) -> bool:
    return isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit)


def _read_warc(
    stream: IO[bytes], src: Source, index: int, opts: ReadOptions, stats: ReadStats
) -> Iterator[Doc]:
    try:
        warc = _fastwarc()
    except ImportError:
        yield Doc(src.name, None, b"", index, error=WARC_HINT, error_type="MissingDependency")
        return
    # fastwarc reads gzip itself (faster); bzip2 and xz go through Python's decompressors.
    method = _compression(stream)
    inner = stream if method == "gzip" else _decompress(stream, method)
    rtypes = warc.WarcRecordType
    wanted = rtypes.response | rtypes.resource | rtypes.conversion
    last_pos = 0
    try:
        records = warc.ArchiveIterator(
            cast(IO[bytes], _TellStream(inner)),
            record_types=wanted,
            parse_http=True,
            auto_decode="all",
        )
        for rec in records:
            last_pos = int(rec.stream_pos)
            rid: str = rec.record_id or f"{src.name}@{last_pos}"
            url: str | None = rec.headers.get("WARC-Target-URI")
            rtype = rec.record_type
            fmt: str | None
            charset: str | None = None
            if rtype == rtypes.conversion:
                fmt = "text"
            elif rtype == rtypes.response:
                if not rec.is_http:
                    _skip(stats, "not HTTP")
                    continue
                status = rec.http_headers.status_code
                if status is not None and not 200 <= status < 300:
                    _skip(stats, f"HTTP {status}")
                    continue
                ctype = (rec.http_content_type or "").lower()
                if ctype and not ctype.startswith(_HTML_TYPES):
                    _skip(stats, ctype)
                    continue
                fmt, charset = "html", rec.http_charset
            else:  # resource: by its own content type
                ctype = (rec.headers.get("Content-Type") or "").lower()
                if ctype.startswith(_HTML_TYPES):
                    fmt = "html"
                elif ctype.startswith("text/plain"):
                    fmt = "text"
                else:
                    _skip(stats, ctype or "no content type")
                    continue
            payload: bytes = rec.reader.read(opts.max_bytes + 1)
            if len(payload) > opts.max_bytes:
                yield _too_large(rid, index, opts.max_bytes, url)
                continue
            yield Doc(rid, url, _decode_declared(payload, charset), index, input_format=fmt)
    except BaseException as exc:  # fastwarc raises OSError, and panics as BaseException
        if _is_fatal(exc):
            raise
        err = _error_doc(f"{src.name}@{last_pos}", index, exc)
        err.error = f"cannot read the WARC file past offset {last_pos}: {err.error}"
        yield err


def _skip(stats: ReadStats, reason: str) -> None:
    stats.skipped_records += 1
    stats.skip_reasons[reason.split(";")[0].strip()] += 1


def _decode_declared(payload: bytes, charset: str | None) -> bytes | str:
    """Decode with the HTTP charset when it fits; otherwise leave detection to cleantext."""
    if not charset or payload.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return payload
    try:
        return payload.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return payload


# -- resume -----------------------------------------------------------------------------------


def read_done_ids(path: Path) -> Counter[DocId]:
    """Ids of the records already in a JSONL output, for ``--resume``.

    A truncated last line (an interrupted write) is cut off the file.  Any other line
    that is not a JSON record with an ``id`` raises :class:`UsageError`.
    """
    done: Counter[DocId] = Counter()
    if not path.exists():
        return done
    with open(path, "rb+") as f:
        offset = 0
        lineno = 0
        while True:
            line = f.readline()
            if not line:
                break
            lineno += 1
            rec_id = _record_id(line)
            if not line.endswith(b"\n"):
                if rec_id is None:  # truncated: remove it
                    f.seek(offset)
                    f.truncate()
                else:  # complete record that only lacks its newline
                    f.write(b"\n")
                    done[rec_id] += 1
                break
            if rec_id is None:
                if not line.strip():
                    offset += len(line)
                    continue
                raise UsageError(
                    f"cannot resume: {path} line {lineno} is not a JSON record with an id"
                )
            done[rec_id] += 1
            offset += len(line)
    return done


def _record_id(line: bytes) -> DocId | None:
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    if not isinstance(obj, dict):
        return None
    rec_id = obj.get("id")
    if isinstance(rec_id, str | int) and not isinstance(rec_id, bool):
        return rec_id
    return None


# -- output -----------------------------------------------------------------------------------


def open_output(path: Path, *, append: bool = False) -> IO[bytes]:
    """Open an output file, compressed when its name ends in .gz, .bz2 or .xz."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = "ab" if append else "wb"
    low = path.name.lower()
    if low.endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, mode))
    if low.endswith(".bz2"):
        return cast(IO[bytes], bz2.open(path, mode))
    if low.endswith(".xz"):
        return cast(IO[bytes], lzma.open(path, mode))
    return open(path, mode)


class RecordWriter:
    """Frames rendered documents on one output stream.

    ``jsonl``: one line each.  ``json``: one object, or a JSON list when ``many``.
    ``text``/``markdown``: the documents one after another; when ``many``, each starts with
    a ``==> id <==`` line (text) or an ``<!-- id -->`` comment (markdown).  Error records
    are written in the JSON formats only.
    """

    def __init__(self, stream: IO[bytes], fmt: str, *, many: bool, own: bool = True) -> None:
        self.stream = stream
        self.fmt = fmt
        self.many = many
        self.own = own
        self.count = 0

    def write(self, doc_id: DocId, payload: bytes, *, is_error: bool) -> None:
        fmt = self.fmt
        if fmt == "jsonl":
            self.stream.write(payload)
        elif fmt == "json":
            if not self.many:
                self.stream.write(payload)
            else:
                sep = b"[\n" if self.count == 0 else b",\n"
                body = b"\n".join(b"  " + ln for ln in payload.rstrip(b"\n").split(b"\n"))
                self.stream.write(sep + body)
        else:
            if is_error:
                return
            if self.many:
                label = str(doc_id).replace("\n", " ").encode("utf-8", "replace")
                if fmt == "markdown":
                    label = label.replace(b"--", b"-\\-")
                    head = (b"\n" if self.count else b"") + b"<!-- " + label + b" -->\n\n"
                else:
                    head = (b"\n" if self.count else b"") + b"==> " + label + b" <==\n"
                self.stream.write(head)
            self.stream.write(payload)
        self.count += 1

    def flush(self) -> None:
        self.stream.flush()

    def close(self) -> None:
        if self.fmt == "json" and self.many:
            self.stream.write(b"\n]\n" if self.count else b"[]\n")
        self.stream.flush()
        if self.own:
            self.stream.close()

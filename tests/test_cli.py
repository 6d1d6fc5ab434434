"""The ``cleantext`` command line, driven as a subprocess over real files of every format.

Extraction quality is tuned elsewhere; these tests assert what the CLI controls (records,
ids, order, formats, exit codes, error records) and only robust extraction results (a
non-empty body holding the first gold paragraph of easy fixture pages).
"""

from __future__ import annotations

import bz2
import gzip
import importlib.util
import io
import json
import lzma
import os
import pty
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from cleantext import RULES
from cleantext.cli import main, render_markdown, render_text
from cleantext.io import RecordWriter, kind_from_name, read_done_ids, strip_exts
from cleantext.model import Article

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
HAS_FASTWARC = importlib.util.find_spec("fastwarc") is not None
needs_fastwarc = pytest.mark.skipif(not HAS_FASTWARC, reason="fastwarc is not installed")

# Pages the pipeline handles well: their first gold paragraph is a robust check.
EASY = [
    "en-wire-harbor-strike",
    "en-blog-cedar-canoe",
    "fr-wire-vendanges",
    "de-wire-brueckensperrung",
]

Proc = subprocess.CompletedProcess[bytes]


def run(
    *args: object,
    stdin: bytes | None = b"",
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin_fd: int | None = None,
) -> Proc:
    """``python -m cleantext ARGS`` with stdin from bytes (never a TTY unless stdin_fd)."""
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    full_env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src"), *(env or {}).get("PYTHONPATH", "").split(os.pathsep)]
    ).rstrip(os.pathsep)
    full_env.update({k: v for k, v in (env or {}).items() if k != "PYTHONPATH"})
    cmd = [sys.executable, "-m", "cleantext", *map(str, args)]
    if stdin_fd is not None:
        return subprocess.run(
            cmd,
            stdin=stdin_fd,
            capture_output=True,
            cwd=cwd,
            env=full_env,
            timeout=120,
            check=False,
        )
    return subprocess.run(
        cmd, input=stdin, capture_output=True, cwd=cwd, env=full_env, timeout=120, check=False
    )


def run_inproc(capfd: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    """``cleantext ARGS`` in this process (for quick option checks): status, stdout, stderr."""
    try:
        status = main([str(a) for a in args])
    except SystemExit as exc:
        status = int(exc.code or 0)
    out, err = capfd.readouterr()
    return status, out, err


def page(name: str) -> bytes:
    return (FIXTURES / f"{name}.txt").read_bytes()


def gold(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.gold.json").read_text("utf-8"))
    return data


def first_paragraph(name: str) -> str:
    return str(gold(name)["body"]).split("\n")[0]


def records(out: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.decode("utf-8").splitlines() if line.strip()]


def stderr_errors(proc: Proc) -> list[str]:
    return [ln for ln in proc.stderr.decode().splitlines() if ln.startswith("cleantext: error:")]


# -- WARC / WET files written by hand (WARC/1.0 headers + Content-Length) -----------------------


def warc_record(rtype: str, rid: str, uri: str, payload: bytes, ctype: str) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
        f"WARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: {ctype}\r\nContent-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode() + payload + b"\r\n\r\n"


def http_response(body: bytes, ctype: str = "text/html; charset=utf-8") -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def html_page(title: str, paras: Sequence[str]) -> bytes:
    ps = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{ps}</article>"
        f"<footer>© 2024 Example Gazette. All rights reserved.</footer></body></html>"
    ).encode()


WARC_IDS = [f"<urn:uuid:00000000-0000-0000-0000-00000000000{i}>" for i in (1, 3, 4)]
WET_IDS = [f"<urn:uuid:10000000-0000-0000-0000-00000000000{i}>" for i in (1, 2)]


def write_warc(path: Path, *, gz: bool) -> None:
    resp = "application/http; msgtype=response"
    recs = [
        warc_record(
            "warcinfo",
            "00000000-0000-0000-0000-000000000000",
            "",
            b"software: test\r\n",
            "application/warc-fields",
        ),
        warc_record(
            "response",
            "00000000-0000-0000-0000-000000000001",
            "https://a.example/1",
            http_response(
                html_page(
                    "Harbour plan approved",
                    [
                        "The council approved the harbour plan on Monday after a debate "
                        "that lasted six hours, officials said.",
                        "Work starts in May and should finish within two years.",
                    ],
                )
            ),
            resp,
        ),
        warc_record(
            "response",
            "00000000-0000-0000-0000-000000000002",
            "https://a.example/logo.png",
            http_response(b"\x89PNG\r\n\x1a\n....", "image/png"),
            resp,
        ),
        warc_record(
            "response",
            "00000000-0000-0000-0000-000000000003",
            "https://a.example/2",
            http_response(
                html_page(
                    "Bridge reopens after repairs",
                    [
                        "The old bridge reopened on Monday after two years of repairs, "
                        "the city said in a statement.",
                        "Traffic was light in the morning.",
                    ],
                )
            ),
            resp,
        ),
        warc_record(
            "response",
            "00000000-0000-0000-0000-000000000004",
            "https://a.example/3",
            http_response(
                html_page(
                    "Library extends its hours",
                    [
                        "The public library will open until nine on weekdays from next "
                        "month, the board decided on Thursday."
                    ],
                )
            ),
            resp,
        ),
    ]
    data = b"".join(gzip.compress(r) for r in recs) if gz else b"".join(recs)
    path.write_bytes(data)


def write_wet(path: Path) -> None:
    recs = [
        warc_record(
            "warcinfo",
            "10000000-0000-0000-0000-000000000000",
            "",
            b"software: test\r\n",
            "application/warc-fields",
        ),
        warc_record(
            "conversion",
            "10000000-0000-0000-0000-000000000001",
            "https://b.example/1",
            page("en-wire-harbor-strike"),
            "text/plain",
        ),
        warc_record(
            "conversion",
            "10000000-0000-0000-0000-000000000002",
            "https://b.example/2",
            page("fr-wire-vendanges"),
            "text/plain",
        ),
    ]
    path.write_bytes(b"".join(recs))


# -- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder tree: plain and compressed dumps, a hidden folder, a non-input file."""
    root = tmp_path_factory.mktemp("tree")
    (root / "a" / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "en-blog-cedar-canoe.txt").write_bytes(page("en-blog-cedar-canoe"))
    (root / "a" / "wire.txt.gz").write_bytes(gzip.compress(page("en-wire-harbor-strike")))
    (root / "a" / "b" / "vendanges.txt.bz2").write_bytes(bz2.compress(page("fr-wire-vendanges")))
    (root / "a" / "b" / "bruecke.txt.xz").write_bytes(
        lzma.compress(page("de-wire-brueckensperrung"))
    )
    (root / ".hidden" / "skip.txt").write_bytes(page("en-sports-curling-final"))
    (root / "a" / "notes.md").write_text("not an input\n")
    return root


TREE_IDS = [
    "a/b/bruecke.txt.xz",
    "a/b/vendanges.txt.bz2",
    "a/wire.txt.gz",
    "en-blog-cedar-canoe.txt",
]
TREE_NAMES = [
    "de-wire-brueckensperrung",
    "fr-wire-vendanges",
    "en-wire-harbor-strike",
    "en-blog-cedar-canoe",
]


@pytest.fixture(scope="module")
def many_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """90 JSONL records cycling over every fixture page."""
    path = tmp_path_factory.mktemp("many") / "many.jsonl"
    pages = sorted(FIXTURES.glob("*.txt"))
    with path.open("w", encoding="utf-8") as f:
        for i in range(90):
            rec = {"id": f"doc-{i:03d}", "text": pages[i % len(pages)].read_text("utf-8")}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


# -- single pages and output formats ----------------------------------------------------------


def test_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("cleantext ")


def test_single_page_default_is_readable_text(tmp_path: Path) -> None:
    name = "en-wire-harbor-strike"
    (tmp_path / "p.txt").write_bytes(page(name))
    proc = run("p.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    head, _, body = out.partition("\n\n")
    assert 1 <= len(head.splitlines()) <= 3  # title, dateline, credit (when found)
    assert first_paragraph(name) in body
    assert proc.stderr == b""  # one page: no summary line


@pytest.mark.parametrize("name", EASY)
def test_jsonl_record_holds_article_fields(name: str, tmp_path: Path) -> None:
    (tmp_path / f"{name}.txt").write_bytes(page(name))
    proc = run(f"{name}.txt", "--format", "jsonl", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (rec,) = records(proc.stdout)
    assert list(rec)[:2] == ["id", "url"]
    assert rec["id"] == f"{name}.txt"
    assert set(rec) == {
        "id",
        "url",
        "title",
        "dateline",
        "date",
        "credit",
        "body",
        "captions",
        "lang",
        "input_format",
        "warnings",
    }
    assert rec["input_format"] == "text"
    assert first_paragraph(name) in rec["body"]


def test_json_and_markdown_formats(tmp_path: Path) -> None:
    name = "en-blog-cedar-canoe"
    (tmp_path / "p.txt").write_bytes(page(name))
    obj = json.loads(run("p.txt", "-f", "json", cwd=tmp_path).stdout)
    assert isinstance(obj, dict) and obj["id"] == "p.txt"
    assert first_paragraph(name) in obj["body"]
    md = run("p.txt", "-f", "markdown", cwd=tmp_path).stdout.decode()
    assert md.startswith("# ")
    assert md.splitlines()[2].startswith("*")  # the italic dateline/credit line
    assert first_paragraph(name) in md


def test_output_format_from_file_extension(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_bytes(page("en-wire-harbor-strike"))
    assert run("p.txt", "-o", "out.md", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out.md").read_text().startswith("# ")
    assert run("p.txt", "-o", "out.jsonl.gz", cwd=tmp_path).returncode == 0
    (rec,) = records(gzip.decompress((tmp_path / "out.jsonl.gz").read_bytes()))
    assert rec["id"] == "p.txt"


def test_fields_selection(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    for name in EASY[:2]:
        (tmp_path / f"{name}.txt").write_bytes(page(name))
    proc = run(*(f"{n}.txt" for n in EASY[:2]), "--fields", "title,date,body", cwd=tmp_path)
    assert proc.returncode == 0
    recs = records(proc.stdout)
    assert [list(r) for r in recs] == [["id", "url", "title", "date", "body"]] * 2
    every = records(run(f"{EASY[0]}.txt", "-f", "jsonl", "--fields", "all", cwd=tmp_path).stdout)
    assert "removed" in every[0] and {"text", "rule", "kind", "line"} <= set(every[0]["removed"][0])
    one = tmp_path / f"{EASY[0]}.txt"
    status, _, err = run_inproc(capfd, one, "--fields", "title,nope")
    assert status == 2 and "nope" in err
    assert run_inproc(capfd, one, "--fields", "title", "-f", "text")[0] == 2


def test_explain_marks_every_removed_line(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    name = "en-blog-cedar-canoe"
    raw = page(name)
    (tmp_path / "p.txt").write_bytes(raw)
    proc = run("p.txt", "--explain", cwd=tmp_path)
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert "\x1b[" not in out  # stdout is not a terminal
    art = records(run("p.txt", "-f", "jsonl", "--fields", "all", cwd=tmp_path).stdout)[0]
    lines = out.splitlines()
    page_lines = raw.decode().rstrip("\n").split("\n")
    assert len(lines) == len(page_lines) + 2  # a blank line and the footer follow the page
    for r in art["removed"]:
        marker, _, text = lines[r["line"]].partition(" | ")
        assert text == page_lines[r["line"]].strip()
        assert r["rule"] in marker
    assert any(ln.startswith("TITLE FT001") for ln in lines)
    kept = [ln for ln in lines if ln.startswith(" ") and ln.strip(" |")]
    assert any(first_paragraph(name) in ln for ln in kept)
    assert lines[-1].startswith("== ")
    colored = run("p.txt", "--explain", "--color", "always", cwd=tmp_path).stdout.decode()
    assert "\x1b[31m" in colored and "\x1b[0m" in colored
    assert run_inproc(capfd, tmp_path / "p.txt", "--explain", "-f", "json")[0] == 2


# -- inputs: compression, folders, stdin --------------------------------------------------------


def test_compressed_inputs_read_transparently(tmp_path: Path) -> None:
    raw = page("en-wire-harbor-strike")
    (tmp_path / "p.txt").write_bytes(raw)
    (tmp_path / "p.txt.gz").write_bytes(gzip.compress(raw))
    (tmp_path / "p.txt.bz2").write_bytes(bz2.compress(raw))
    (tmp_path / "p.txt.xz").write_bytes(lzma.compress(raw))
    proc = run("p.txt", "p.txt.gz", "p.txt.bz2", "p.txt.xz", "-q", cwd=tmp_path)
    assert proc.returncode == 0
    recs = records(proc.stdout)
    assert [r["id"] for r in recs] == ["p.txt", "p.txt.gz", "p.txt.bz2", "p.txt.xz"]
    assert len({json.dumps({k: v for k, v in r.items() if k != "id"}) for r in recs}) == 1
    assert proc.stderr == b""  # --quiet: no summary


def test_directory_is_walked_recursively_in_path_order(tree: Path) -> None:
    proc = run(tree.name, cwd=tree.parent)
    assert proc.returncode == 0, proc.stderr
    recs = records(proc.stdout)  # several inputs: JSONL by default
    assert [r["id"] for r in recs] == [f"{tree.name}/{i}" for i in TREE_IDS]
    for rec, name in zip(recs, TREE_NAMES, strict=True):
        assert first_paragraph(name) in rec["body"]
    summary = proc.stderr.decode().strip().splitlines()[-1]
    assert summary.startswith("cleantext: 4 inputs, 4 articles, 0 errors,")
    assert "docs/s" in summary and "\r" not in proc.stderr.decode()  # no bar off a TTY


def test_output_dir_mirrors_the_tree(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run(tree, "-o", f"{out}/")
    assert proc.returncode == 0, proc.stderr
    made = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert made == ["a/b/bruecke.txt", "a/b/vendanges.txt", "a/wire.txt", "en-blog-cedar-canoe.txt"]
    assert first_paragraph("en-wire-harbor-strike") in (out / "a" / "wire.txt").read_text()
    proc = run(tree, "-o", f"{out}/", "-f", "json", "-q")
    obj = json.loads((out / "a" / "wire.json").read_text())
    assert obj["id"] == str(tree / "a" / "wire.txt.gz")
    # mirroring into the input folder itself would overwrite the inputs: refused
    clash = tmp_path / "clash"
    clash.mkdir()
    (clash / "p.txt").write_bytes(page("en-wire-harbor-strike"))
    bad = run(clash, "-o", f"{clash}/")
    assert bad.returncode == 2 and b"overwrite" in bad.stderr
    assert (clash / "p.txt").read_bytes() == page("en-wire-harbor-strike")


def test_output_dir_refuses_two_inputs_on_one_file(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(page(EASY[0]))
    (tmp_path / "in" / "a.html").write_bytes(html_page("A", ["Some text of the page."]))
    status, _, err = run_inproc(capfd, tmp_path / "in", "-o", f"{tmp_path / 'out'}/")
    assert status == 2 and "would both be written" in err
    assert not (tmp_path / "out").exists()


def test_stdin_bytes_plain_and_compressed() -> None:
    name = "fr-wire-vendanges"
    plain = run("-", stdin=page(name))
    assert plain.returncode == 0
    assert first_paragraph(name) in plain.stdout.decode()
    implicit = run(stdin=gzip.compress(page(name)))  # no input named, stdin not a TTY
    assert implicit.stdout == plain.stdout
    rec = records(run("-", "-f", "jsonl", stdin=lzma.compress(page(name))).stdout)[0]
    assert rec["id"] == "-"


def test_no_input_on_a_terminal_is_a_usage_error() -> None:
    master, slave = pty.openpty()
    try:
        proc = run(stdin_fd=slave)
    finally:
        os.close(slave)
        os.close(master)
    assert proc.returncode == 2
    assert b"usage:" in proc.stderr


# -- JSONL ------------------------------------------------------------------------------------


def test_jsonl_custom_fields_and_broken_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"doc": "a1", "raw": page(EASY[0]).decode(), "link": "https://x.example/1"}),
        json.dumps({"doc": 7, "raw": page(EASY[2]).decode()}),
        '{"doc": "broken", "raw": "unterminated',
        "",
        json.dumps({"raw": page(EASY[3]).decode()}),  # no id: FILE:LINE
        json.dumps({"doc": "nothing"}),  # no text field
        json.dumps({"doc": "empty", "raw": "   "}),
        json.dumps(["not", "an", "object"]),
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run(
        "in.jsonl", "--text-field", "raw", "--id-field", "doc", "--url-field", "link", cwd=tmp_path
    )
    assert proc.returncode == 1
    recs = records(proc.stdout)
    assert [r["id"] for r in recs] == [
        "a1",
        7,
        "in.jsonl:3",
        "in.jsonl:5",
        "nothing",
        "empty",
        "in.jsonl:8",
    ]
    assert recs[0]["url"] == "https://x.example/1"
    assert first_paragraph(EASY[0]) in recs[0]["body"]
    assert first_paragraph(EASY[3]) in recs[3]["body"]
    errors = {r["id"]: r for r in recs if "error" in r}
    assert set(errors) == {"in.jsonl:3", "nothing", "empty", "in.jsonl:8"}
    assert errors["in.jsonl:3"]["error_type"] == "JSONDecodeError"
    assert errors["empty"]["error"] == "empty input"
    for err in errors.values():
        assert set(err) == {"id", "url", "error", "error_type"}
    assert len(stderr_errors(proc)) == 4
    assert "cleantext: error: in.jsonl:3: invalid JSON" in proc.stderr.decode()


def test_jsonl_html_field(tmp_path: Path) -> None:
    rec = {
        "id": "h",
        "html": html_page(
            "Harbour plan approved",
            [
                "The council approved the harbour plan on Monday after a debate that lasted six "
                "hours, officials said."
            ],
        ).decode(),
    }
    (tmp_path / "h.jsonl").write_text(json.dumps(rec) + "\n")
    proc = run("h.jsonl", "--fields", "input_format,body", cwd=tmp_path)
    (out,) = records(proc.stdout)  # one record, whether the HTML front end works or not
    assert out["id"] == "h"
    if "error" not in out:
        assert out["input_format"] == "html"
        assert "harbour plan" in out["body"]


def test_jsonl_from_stdin_and_max_bytes(tmp_path: Path) -> None:
    data = (
        json.dumps({"id": "small", "text": page(EASY[0]).decode()})
        + "\n"
        + json.dumps({"id": "big", "text": "x " * 40_000})
        + "\n"
    ).encode()
    proc = run("-", "--input-type", "jsonl", "--max-bytes", "50K", "--fields", "title", stdin=data)
    assert proc.returncode == 1
    recs = records(proc.stdout)
    assert [r["id"] for r in recs] == ["small", "-:2"]
    assert recs[1]["error_type"] == "InputTooLarge"


# -- WARC / WET -------------------------------------------------------------------------------


@needs_fastwarc
def test_warc_response_and_wet_conversion_records(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz", gz=True)
    write_wet(tmp_path / "crawl.wet")
    proc = run("crawl.warc.gz", "crawl.wet", "--fields", "title,body,input_format", cwd=tmp_path)
    recs = records(proc.stdout)
    assert [r["id"] for r in recs] == WARC_IDS + WET_IDS
    assert [r["url"] for r in recs] == [
        "https://a.example/1",
        "https://a.example/2",
        "https://a.example/3",
        "https://b.example/1",
        "https://b.example/2",
    ]
    wet = recs[3:]
    assert [r["input_format"] for r in wet] == ["text", "text"]
    assert first_paragraph(EASY[0]) in wet[0]["body"]
    assert first_paragraph(EASY[2]) in wet[1]["body"]
    for rec in recs[:3]:  # HTML responses: a result, or an error record if HTML is broken
        assert "error" in rec or rec["input_format"] == "html"
    assert "1 WARC record without a page skipped (image/png 1)" in proc.stderr.decode()


@needs_fastwarc
def test_warc_plain_bz2_and_stdin(tmp_path: Path) -> None:
    write_warc(tmp_path / "c.warc", gz=False)
    (tmp_path / "c.warc.bz2").write_bytes(bz2.compress((tmp_path / "c.warc").read_bytes()))
    for args, stdin in (
        (["c.warc"], b""),
        (["c.warc.bz2"], b""),
        (["-"], (tmp_path / "c.warc").read_bytes()),
    ):
        proc = run(*args, "--fields", "title", cwd=tmp_path, stdin=stdin)
        assert [r["id"] for r in records(proc.stdout)] == WARC_IDS, args


@needs_fastwarc
def test_corrupt_warc_becomes_an_error_record(tmp_path: Path) -> None:
    (tmp_path / "bad.warc").write_bytes(b"this is not a WARC file\r\n\r\n")
    proc = run("bad.warc", cwd=tmp_path)
    assert proc.returncode == 1
    (rec,) = records(proc.stdout)
    assert rec["id"].startswith("bad.warc") and "error" in rec


def test_missing_fastwarc_tells_how_to_install(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow" / "fastwarc"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('no fastwarc here')\n")
    write_warc(tmp_path / "c.warc", gz=False)
    proc = run("c.warc", cwd=tmp_path, env={"PYTHONPATH": str(shadow.parent)})
    assert proc.returncode == 2
    assert b"pip install 'cleantext[warc]'" in proc.stderr


# -- batches: order, parallelism, resume ------------------------------------------------------


def test_jobs_2_keeps_input_order(many_jsonl: Path, tmp_path: Path) -> None:
    one = run(many_jsonl, "-o", tmp_path / "one.jsonl", "-j", "1")
    two = run(many_jsonl, "-o", tmp_path / "two.jsonl", "-j", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    a = (tmp_path / "one.jsonl").read_bytes()
    assert a == (tmp_path / "two.jsonl").read_bytes()
    assert [r["id"] for r in records(a)] == [f"doc-{i:03d}" for i in range(90)]


def test_resume_after_truncated_output(many_jsonl: Path, tmp_path: Path) -> None:
    full = tmp_path / "full.jsonl"
    assert run(many_jsonl, "-o", full, "-q").returncode == 0
    lines = full.read_bytes().splitlines(keepends=True)
    part = tmp_path / "part.jsonl"
    part.write_bytes(b"".join(lines[:50]) + lines[50][:40])  # killed mid-line
    proc = run(many_jsonl, "-o", part, "--resume", "-j", "2")
    assert proc.returncode == 0, proc.stderr
    assert part.read_bytes() == full.read_bytes()
    summary = proc.stderr.decode()
    assert "40 inputs" in summary and "50 already in the output" in summary
    again = run(many_jsonl, "-o", part, "--resume")
    assert again.returncode == 0 and part.read_bytes() == full.read_bytes()
    assert run(many_jsonl, "--resume").returncode == 2  # needs -o FILE.jsonl


def test_json_format_for_a_batch_is_a_list(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(page(EASY[0]))
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run("a.txt", "empty.txt", "-f", "json", cwd=tmp_path)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert [d["id"] for d in data] == ["a.txt", "empty.txt"]
    assert data[1] == {
        "id": "empty.txt",
        "url": None,
        "error": "empty input",
        "error_type": "EmptyInput",
    }


def test_text_format_for_a_batch_has_headers(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(page(EASY[0]))
    (tmp_path / "b.txt").write_bytes(page(EASY[1]))
    out = run("a.txt", "b.txt", "-f", "text", cwd=tmp_path).stdout.decode()
    assert out.startswith("==> a.txt <==\n")
    assert "\n\n==> b.txt <==\n" in out


def test_worker_crash_fails_only_its_document(tmp_path: Path) -> None:
    """Workers killed mid-document: those documents get error records, the rest go on.

    300 short documents keep the window of chunks in flight full while the workers die.
    """
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import os\n"
        "import cleantext.pipeline as p\n"
        "_clean = p.Cleaner.clean\n"
        "def clean(self, data, **kw):\n"
        "    if 'CRASH-ME' in (data if isinstance(data, str) else data.decode('latin-1')):\n"
        "        os._exit(3)\n"
        "    return _clean(self, data, **kw)\n"
        "p.Cleaner.clean = clean\n"
    )
    text = "Menu\nHome\n\nBridge reopens\n\nThe old bridge reopened on Monday, the city said.\n"
    recs = [{"id": f"d{i}", "text": text} for i in range(300)]
    recs[40] = {"id": "boom", "text": "CRASH-ME"}
    recs[250] = {"id": "boom2", "text": "CRASH-ME too"}
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    proc = run(src, "-j", "2", "--fields", "title", env={"PYTHONPATH": str(hook)})
    assert proc.returncode == 1
    out = records(proc.stdout)
    assert [r["id"] for r in out] == [r["id"] for r in recs]
    assert [r["id"] for r in out if "error" in r] == ["boom", "boom2"]
    assert out[40]["error_type"] == out[250]["error_type"] == "WorkerCrash"


# -- exit codes and errors --------------------------------------------------------------------


def test_exit_codes(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ok.txt").write_bytes(page(EASY[0]))
    (tmp_path / "empty.txt").write_bytes(b"")
    assert run("ok.txt", cwd=tmp_path).returncode == 0
    proc = run("ok.txt", "empty.txt", "missing.txt", cwd=tmp_path)
    assert proc.returncode == 1
    recs = records(proc.stdout)
    assert [r["id"] for r in recs] == ["ok.txt", "empty.txt", "missing.txt"]
    assert recs[2]["error_type"] == "FileNotFoundError"
    assert stderr_errors(proc) == [
        "cleantext: error: empty.txt: empty input",
        "cleantext: error: missing.txt: No such file or directory",
    ]
    usage = run("ok.txt", "--disable", "SH001,NOPE", cwd=tmp_path)
    assert usage.returncode == 2 and b"usage:" in usage.stderr and usage.stdout == b""
    ok = tmp_path / "ok.txt"
    for bad in (
        ["--enable", "XX"],
        ["--today", "2024-13-01"],
        ["--jobs", "-1"],
        ["--encoding", "no-such-codec"],
        ["--format", "pdf"],
        ["-o", ok],
        ["--resume", "-o", tmp_path / "o.json"],
        ["--max-bytes", "lots"],
    ):
        status, out, err = run_inproc(capfd, ok, *bad)
        assert status == 2, bad
        assert "usage:" in err and out == ""
    assert ok.read_bytes() == page(EASY[0])  # never overwritten


def test_cleaning_options_are_passed_on(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_bytes(page("en-blog-cedar-canoe"))
    base = records(run("p.txt", "-f", "jsonl", "--fields", "all", cwd=tmp_path).stdout)[0]
    assert any(r["rule"].startswith("SH") for r in base["removed"])
    off = records(
        run(
            "p.txt",
            "-f",
            "jsonl",
            "--fields",
            "all",
            "--disable",
            "SH",
            "--lang",
            "en",
            "--today",
            "2017-06-05",
            cwd=tmp_path,
        ).stdout
    )[0]
    assert not any(r["rule"].startswith("SH") for r in off["removed"])
    assert off["lang"] == "en"


def test_binary_input_is_an_error_record(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 10)
    proc = run("bin.txt", "-f", "jsonl", cwd=tmp_path)
    assert proc.returncode == 1
    (rec,) = records(proc.stdout)
    assert rec["id"] == "bin.txt" and rec["error_type"] == "InputError"


# -- cleantext rules --------------------------------------------------------------------------


def test_rules_listing_and_docs(capfd: pytest.CaptureFixture[str]) -> None:
    proc = run("rules")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    listed = [
        ln.split()[0]
        for ln in out.splitlines()[1:]
        if ln and ln[:2].isupper() and ln.split()[0] in RULES
    ]
    assert listed == sorted(RULES)
    for rule in RULES.values():
        assert rule.summary in out
    status, doc, _ = run_inproc(capfd, "rules", "sh001")
    assert status == 0 and doc.startswith("SH001")
    assert RULES["SH001"].doc.strip().splitlines()[-1].strip() in doc
    fam = run_inproc(capfd, "rules", "CP")[1]
    assert {ln.split()[0] for ln in fam.splitlines()[1:] if ln.startswith("CP")} == {
        r for r in RULES if r.startswith("CP")
    }
    as_json = json.loads(run_inproc(capfd, "rules", "--json")[1])
    assert [r["id"] for r in as_json] == sorted(RULES)
    assert run_inproc(capfd, "rules", "NOPE1")[0] == 2


# -- in-process unit tests of the helpers -----------------------------------------------------


def test_input_names() -> None:
    assert strip_exts("a/Page.HTML.gz") == ("a/Page", ".html.gz")
    assert kind_from_name("x.jsonl.xz") == "jsonl"
    assert kind_from_name("CC-MAIN-1.warc.gz") == "warc"
    assert kind_from_name("x.wet") == "warc"
    assert kind_from_name("x.htm") == "page"
    assert kind_from_name("notes.md") is None


def test_read_done_ids_cuts_a_truncated_line(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.write_bytes(b'{"id": "a"}\n{"id": 2}\n{"id": "a"}\n{"id": "tr')
    done = read_done_ids(out)
    assert done == {"a": 2, 2: 1}
    assert out.read_bytes() == b'{"id": "a"}\n{"id": 2}\n{"id": "a"}\n'
    out.write_bytes(b'{"id": "a"}\n{"id": "b"}')  # complete, only the newline missing
    assert read_done_ids(out) == {"a": 1, "b": 1}
    assert out.read_bytes().endswith(b'"b"}\n')


def test_record_writer_json_list() -> None:
    buf = io.BytesIO()
    w = RecordWriter(buf, "json", many=True, own=False)
    w.write("a", b'{\n  "id": "a"\n}\n', is_error=False)
    w.write("b", b'{\n  "id": "b"\n}\n', is_error=True)
    w.close()
    assert json.loads(buf.getvalue()) == [{"id": "a"}, {"id": "b"}]
    empty = io.BytesIO()
    RecordWriter(empty, "json", many=True, own=False).close()
    assert json.loads(empty.getvalue()) == []


def test_renderers() -> None:
    art = Article(
        title="Bridge  reopens",
        dateline="March 3, 2024",
        credit="Jane Roe",
        body="# not a heading\nsecond line\n\nLast paragraph.",
    )
    assert render_text(art) == (
        "Bridge  reopens\nMarch 3, 2024\nJane Roe\n\n"
        "# not a heading\nsecond line\n\nLast paragraph.\n"
    )
    assert render_markdown(art) == (
        "# Bridge reopens\n\n*March 3, 2024 · Jane Roe*\n\n"
        "\\# not a heading\\\nsecond line\n\nLast paragraph.\n"
    )
    assert render_text(Article()) == "" and render_markdown(Article()) == ""


def test_reader_closing_the_pipe_stops_quietly() -> None:
    # `cleantext ... | head -c 100`: far more output than a pipe buffer holds.
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleantext", *[str(FIXTURES)] * 4, "--format", "jsonl"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100).startswith(b"{")
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert b"Traceback" not in err
    assert b"BrokenPipe" not in err

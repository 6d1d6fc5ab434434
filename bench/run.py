"""Benchmark cleantext and reference extractors on a corpus of page dumps or HTML pages.

    python bench/run.py CORPUS_DIR [--input text|html] [--tools a,b,...] [--page-type T]
                        [--limit N] [--out bench/out] [--worst 15] [--scorer PATH] [--plot F.png]

Each tool runs in its own child process (bench/tools.py), so its time and peak memory are
its own.  The corpus's score.py scores every tool's predictions.  See bench/README.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

from tools import DEFAULT_TOOLS, TOOLS

BENCH = Path(__file__).resolve().parent
Row = dict[str, Any]
COLUMNS: list[tuple[str, str, int, str]] = [  # (key, header, width, format)
    ("tool", "tool", 22, "s"),
    ("body_f1", "body F1", 7, ".3f"),
    ("body_precision", "P", 5, ".3f"),
    ("body_recall", "R", 5, ".3f"),
    ("title_exact", "title=", 6, ".3f"),
    ("date_acc", "date", 5, ".3f"),
    ("credit_acc", "credit", 6, ".3f"),
    ("credit_lenient", "cred~", 5, ".3f"),
    ("empty", "empty", 5, "d"),
    ("errors", "errors", 6, "d"),
    ("docs_per_s", "docs/s", 7, "rate"),
    ("mb_per_s", "MB/s", 7, "rate"),
    ("peak_rss_mb", "RSS MB", 6, ".0f"),
]


def load_scorer(path: Path) -> ModuleType:
    """The corpus scorer as a module (used for its tokenizer and shingles only)."""
    spec = importlib.util.spec_from_file_location("corpus_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f.read().split("\n") if line.strip()]


def run_tool(tool: str, args: argparse.Namespace, run_dir: Path, ids_file: Path) -> Row:
    """Run one tool in a child process; return its report (or a "skipped" note)."""
    cmd = [
        sys.executable,
        str(BENCH / "tools.py"),
        "--tool",
        tool,
        "--mode",
        args.input,
        "--corpus",
        str(args.corpus),
        "--ids",
        str(ids_file),
        "--pred",
        str(run_dir / f"{tool}.jsonl"),
    ]
    if tool == "cleantext":
        cmd += ["--full", str(run_dir / f"{tool}.full.jsonl")]
    if args.url:
        cmd.append("--url")
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return {"tool": tool, "skipped": f"timed out after {args.timeout} s"}
    (run_dir / f"{tool}.log").write_text(proc.stderr, encoding="utf-8")
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    try:
        report: Row = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        tail = " | ".join(proc.stderr.strip().splitlines()[-3:])
        return {"tool": tool, "skipped": f"child failed (exit {proc.returncode}): {tail}"}
    return report


def score_tool(tool: str, scorer: Path, gold: Path, run_dir: Path) -> Row:
    """Score a tool's predictions with score.py; return its metrics."""
    out_json = run_dir / f"{tool}.scores.json"
    cmd = [
        sys.executable,
        str(scorer),
        str(gold),
        str(run_dir / f"{tool}.jsonl"),
        "--json",
        str(out_json),
        "--per-doc",
        str(run_dir / f"{tool}.per-doc.jsonl"),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"score.py failed on {tool}:\n{proc.stderr}")
    scores: Row = json.loads(out_json.read_text())[tool]
    return scores


def fmt(value: Any, width: int, spec: str) -> str:
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return "-".rjust(width)
    if spec == "s":
        return f"{value:<{width}}"
    if spec == "rate":  # throughput: 3 significant digits, exponent when huge
        if value >= 1e5:
            return f"{value:.1e}".rjust(width)
        return f"{value:.0f}".rjust(width) if value >= 100 else f"{value:.3g}".rjust(width)
    return f"{value:>{width}{spec}}"


def table(rows: list[Row]) -> list[str]:
    head = " ".join(h.ljust(w) if k == "tool" else h.rjust(w) for k, h, w, _ in COLUMNS)
    lines = [head, "-" * len(head)]
    lines += [" ".join(fmt(row.get(k), w, s) for k, _, w, s in COLUMNS) for row in rows]
    return lines


def markdown(rows: list[Row], title: str) -> str:
    out = [
        f"# {title}",
        "",
        "| " + " | ".join(h for _, h, _, _ in COLUMNS) + " |",
        "|" + "|".join(" --- " if k == "tool" else " ---: " for k, _, _, _ in COLUMNS) + "|",
    ]
    for row in rows:
        out.append(
            "| " + " | ".join(fmt(row.get(k), 0, s).strip() for k, _, _, s in COLUMNS) + " |"
        )
    return "\n".join(out) + "\n"


def worst_pages(run_dir: Path, tool: str, gold: dict[str, Row], n: int, sc: ModuleType) -> None:
    per_doc = read_jsonl(run_dir / f"{tool}.per-doc.jsonl")
    preds = {p["id"]: p for p in read_jsonl(run_dir / f"{tool}.jsonl")}
    per_doc.sort(key=lambda r: (r["body_f1"], r["id"]))
    print(f"\nWorst {min(n, len(per_doc))} pages for {tool} (per-page body F1):")
    print(
        f"{'id':<14} {'F1':>5} {'P':>5} {'R':>5} {'page_type':<13} {'pred tok':>8} {'gold tok':>8}"
    )
    for r in per_doc[:n]:
        g = gold[r["id"]]
        n_pred = len(sc.tokenize(preds.get(r["id"], {}).get("body")))
        n_gold = len(sc.tokenize(g.get("body")))
        print(
            f"{r['id'][:14]:<14} {r['body_f1']:>5.3f} {r['body_p']:>5.3f} {r['body_r']:>5.3f} "
            f"{g.get('page_type') or '-':<13} {n_pred:>8} {n_gold:>8}"
        )


def rule_harm(
    run_dir: Path, tool: str, gold: dict[str, Row], sc: ModuleType, top: int
) -> list[Row]:
    """Per (rule, kind): blocks and tokens removed, and how many of the removed blocks'
    4-shingles are in the gold body (wrongly removed) and also missing from the output."""
    full_path = run_dir / f"{tool}.full.jsonl"
    if not full_path.exists():
        return []
    stats: dict[tuple[str, str], Row] = defaultdict(
        lambda: {"blocks": 0, "tokens": 0, "shingles": 0, "wrong": 0, "lost": 0, "pages": 0}
    )
    for doc in read_jsonl(full_path):
        gold_sh = set(sc.shingles(gold.get(doc["id"], {}).get("body") or ""))
        kept_sh = set(sc.shingles(doc.get("body") or ""))
        hit: set[tuple[str, str]] = set()
        for rec in doc.get("removed") or []:
            key = (str(rec.get("rule")), str(rec.get("kind")))
            s = stats[key]
            sh = sc.shingles(rec.get("text") or "")
            s["blocks"] += 1
            s["tokens"] += len(sc.tokenize(rec.get("text")))
            s["shingles"] += sum(sh.values())
            wrong = sum(c for k, c in sh.items() if k in gold_sh)
            s["wrong"] += wrong
            s["lost"] += sum(c for k, c in sh.items() if k in gold_sh and k not in kept_sh)
            if wrong:
                hit.add(key)
        for key in hit:
            stats[key]["pages"] += 1
    rows = [{"rule": r, "kind": k, **s} for (r, k), s in stats.items()]
    rows.sort(key=lambda r: (-r["wrong"], -r["tokens"], r["rule"]))
    print(
        f"\nRemoval rules of {tool}, most harmful first ({len(rows)} rule/kind pairs; "
        "wrong = removed 4-shingles that are in the gold body, lost = of those, "
        "not in the output body either):"
    )
    print(
        f"{'rule':<28} {'kind':<14} {'blocks':>6} {'tokens':>7} {'wrong':>6} {'wrong%':>6} "
        f"{'lost':>6} {'pages':>5}"
    )
    for r in rows[:top]:
        pct = 100 * r["wrong"] / r["shingles"] if r["shingles"] else 0.0
        print(
            f"{r['rule'][:28]:<28} {r['kind'][:14]:<14} {r['blocks']:>6} {r['tokens']:>7} "
            f"{r['wrong']:>6} {pct:>6.1f} {r['lost']:>6} {r['pages']:>5}"
        )
    if len(rows) > top:
        rest = rows[top:]
        print(
            f"... {len(rest)} more: {sum(r['blocks'] for r in rest)} blocks, "
            f"{sum(r['tokens'] for r in rest)} tokens, {sum(r['wrong'] for r in rest)} wrong"
        )
    return rows


def plot(rows: list[Row], path: Path, title: str) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(f"note: matplotlib is not installed, no plot written to {path}")
        return
    fig, ax = plt.subplots(figsize=(8, 5.5))
    for row in rows:
        ax.scatter(row["docs_per_s"], row["body_f1"], s=36)
        ax.annotate(
            row["tool"],
            (row["docs_per_s"], row["body_f1"]),
            textcoords="offset points",
            xytext=(5, 4),
            fontsize=9,
        )
    ax.set_xscale("log")
    ax.set_xlabel("documents per second (log scale)")
    ax.set_ylabel("body F1 (score.py)")
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    print(f"plot written to {path}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", type=Path, help="corpus folder with gold.jsonl, dumps/, html/")
    ap.add_argument("--input", choices=["text", "html"], default="text")
    ap.add_argument("--tools", help="comma-separated tool names (default depends on --input)")
    ap.add_argument("--page-type", help="only pages of this gold page_type (e.g. article)")
    ap.add_argument("--limit", type=int, help="only the first N pages (gold order)")
    ap.add_argument("--out", type=Path, default=BENCH / "out")
    ap.add_argument("--worst", type=int, default=15, help="worst cleantext pages to list")
    ap.add_argument("--rules", type=int, default=20, help="removal rules to list")
    ap.add_argument("--scorer", type=Path, help="score.py (default: CORPUS_DIR/../score.py)")
    ap.add_argument("--plot", type=Path, help="write a body F1 vs docs/s chart (PNG)")
    ap.add_argument(
        "--url",
        action="store_true",
        help="pass the page URL to cleantext, trafilatura, newspaper4k",
    )
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per tool")
    args = ap.parse_args(argv)
    args.corpus = args.corpus.resolve()
    args.scorer = (args.scorer or args.corpus.parent / "score.py").resolve()
    args.tool_list = args.tools.split(",") if args.tools else DEFAULT_TOOLS[args.input]
    for name in args.tool_list:
        if name not in TOOLS:
            ap.error(f"unknown tool {name!r}; known: {', '.join(TOOLS)}")
        if args.input not in TOOLS[name].modes:
            ap.error(f"tool {name!r} has no {args.input} mode")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    gold_rows = read_jsonl(args.corpus / "gold.jsonl")
    if args.page_type:
        gold_rows = [g for g in gold_rows if g.get("page_type") == args.page_type]
    if args.limit:
        gold_rows = gold_rows[: args.limit]
    if not gold_rows:
        raise SystemExit("no pages selected")
    gold = {g["id"]: g for g in gold_rows}
    name = f"{args.corpus.name}-{args.input}"
    name += f"-{args.page_type}" if args.page_type else ""
    name += f"-first{args.limit}" if args.limit else ""
    run_dir = args.out / name
    run_dir.mkdir(parents=True, exist_ok=True)
    ids_file = run_dir / "ids.jsonl"
    ids_file.write_text(
        "".join(json.dumps({"id": g["id"], "url": g.get("url")}) + "\n" for g in gold_rows)
    )
    sc = load_scorer(args.scorer)
    title = (
        f"{args.corpus.name} ({args.input} input"
        f"{', page_type ' + args.page_type if args.page_type else ''}, {len(gold)} pages)"
    )
    print(f"{title}; scorer {args.scorer}; output in {run_dir}")

    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        gold_file = Path(tmp) / "gold.jsonl"  # the selected pages only (never in the repo)
        gold_file.write_text(
            "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold_rows), encoding="utf-8"
        )
        for tool in args.tool_list:
            report = run_tool(tool, args, run_dir, ids_file)
            if "skipped" in report:
                print(f"note: {tool} skipped: {report['skipped']}")
                continue
            if report["errors"]:
                print(
                    f"note: {tool}: {report['errors']} page(s) raised an exception "
                    f"(empty prediction), e.g. {report['error_examples'][0][:110]}"
                )
            row = {**report, **score_tool(tool, args.scorer, gold_file, run_dir)}
            secs = max(report["seconds"], 1e-9)
            row["docs_per_s"] = report["docs"] / secs
            row["mb_per_s"] = report["input_mb"] / secs
            rows.append(row)
            print(f"  ran {tool}: {report['seconds']:.1f} s", file=sys.stderr, flush=True)

    if not rows:
        print("no tool ran")
        return 1
    print()
    print("\n".join(table(rows)))
    r0 = rows[0]
    print(
        f"n: {len(gold)} pages; title scored on {r0['n_title']}, date on {r0['n_date']}, "
        f"credit on {r0['n_credit']} (visible gold)"
    )
    (run_dir / "results.json").write_text(
        json.dumps(
            {
                "corpus": str(args.corpus),
                "input": args.input,
                "page_type": args.page_type,
                "pages": len(gold),
                "scorer": str(args.scorer),
                "rows": rows,
            },
            indent=2,
        )
    )
    (run_dir / "results.md").write_text(markdown(rows, title))
    print(f"written: {run_dir / 'results.json'}, {run_dir / 'results.md'}")
    if args.plot:
        plot(rows, args.plot, title)
    first = next((r["tool"] for r in rows if r["tool"] == "cleantext"), None)
    if first:
        worst_pages(run_dir, first, gold, args.worst, sc)
        rule_harm(run_dir, first, gold, sc, args.rules)
    return 0


if __name__ == "__main__":
    sys.exit(main())

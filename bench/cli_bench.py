"""Benchmark the ``cleantext`` command line: a large JSONL stream, and --jobs scaling.

    python bench/cli_bench.py [CORPUS_DIR] [--docs 100000] [--jobs 0] [--seed 1]
                              [--limit N] [--skip-stream] [--skip-jobs] [--keep]

(a) Writes a JSONL stream of ``--docs`` documents (default 100,000) to a temporary folder
    (not the repo), each made by sampling and repeating lines of ``fixtures/*.txt`` with a
    fixed seed, then runs ``cleantext STREAM --format jsonl -o OUT -j JOBS`` and reports
    wall time, docs/s, and the peak memory of the CLI process and its workers (sampled from
    /proc every 0.2 s: VmHWM per process, and the largest sum of VmRSS over the tree).
(b) Times ``--jobs 1`` against ``--jobs 2`` over the HTML pages of CORPUS_DIR
    (``html/*.html.gz``, e.g. ../shared/corpus/wcxb-dev) when cleantext's HTML front end
    works, otherwise over its text dumps (``dumps/*.txt``), and prints the speed-up.

Prints figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"


def make_stream(path: Path, n_docs: int, seed: int) -> int:
    """Write ``n_docs`` JSONL records built from fixture lines; returns the byte size."""
    rng = random.Random(seed)
    pages = [p.read_text("utf-8").splitlines() for p in sorted(FIXTURES.glob("*.txt"))]
    all_lines = [ln for lines in pages for ln in lines if ln.strip()]
    with path.open("w", encoding="utf-8") as f:
        for i in range(n_docs):
            base = pages[rng.randrange(len(pages))]
            out: list[str] = []
            for line in base:
                r = rng.random()
                if r < 0.08:  # drop the line
                    continue
                out.append(line)
                if r > 0.96:  # repeat it (a caption printed twice, a repeated teaser)
                    out.append(line)
                elif r > 0.92:  # a line from another page
                    out.append(all_lines[rng.randrange(len(all_lines))])
            rec = {
                "id": f"doc-{i:06d}",
                "url": f"https://bench.example/{i}",
                "text": "\n".join(out) + "\n",
            }
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path.stat().st_size


@dataclass
class RunStats:
    seconds: float
    status: int
    main_peak_kb: int
    worker_peak_kb: int
    tree_peak_kb: int
    processes: int
    stderr: str
    cpu_seconds: float  # user + system time of the CLI and its descendants (sampled)


def _status_kb(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out: list[int] = []
    todo = [root]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, []):
            out.append(child)
            todo.append(child)
    return out


def run_cli(args: list[str]) -> RunStats:
    """Run the CLI, sampling the memory of it and all its descendants."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    cmd = [sys.executable, "-m", "cleantext", *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        main_peak = worker_peak = tree_peak = 0
        seen: set[int] = set()
        ticks: dict[int, int] = {}  # last CPU ticks seen per descendant (workers are not
        # waited for by this process, so RUSAGE_CHILDREN misses them)
        while proc.poll() is None:
            main_peak = max(main_peak, _status_kb(proc.pid, "VmHWM"))
            kids = _descendants(proc.pid)
            seen.update(kids)
            for pid in kids:
                worker_peak = max(worker_peak, _status_kb(pid, "VmHWM"))
                ticks[pid] = max(ticks.get(pid, 0), _cpu_ticks(pid))
            total = _status_kb(proc.pid, "VmRSS") + sum(_status_kb(p, "VmRSS") for p in kids)
            tree_peak = max(tree_peak, total)
            time.sleep(0.2)
        seconds = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cpu += sum(ticks.values()) / os.sysconf("SC_CLK_TCK")
    return RunStats(
        seconds, proc.returncode, main_peak, worker_peak, tree_peak, len(seen), stderr, cpu
    )


def _mb(kb: int) -> str:
    return f"{kb / 1024:,.0f} MB"


def bench_stream(tmp: Path, n_docs: int, jobs: int, seed: int) -> None:
    stream = tmp / "stream.jsonl"
    t0 = time.perf_counter()
    size = make_stream(stream, n_docs, seed)
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(
        f"(a) stream: {n_docs:,} documents, {size / 1e6:,.1f} MB of JSONL "
        f"(written in {time.perf_counter() - t0:.1f} s to {tmp})"
    )
    out = tmp / "out.jsonl"
    st = run_cli([str(stream), "--format", "jsonl", "-o", str(out), "-j", str(jobs), "-q"])
    with out.open("rb") as f:
        n_out = sum(1 for _ in f)
    print(
        f"    cleantext -j {jobs}: exit {st.status}, {n_out:,} records, "
        f"{st.seconds:,.1f} s wall, {n_docs / st.seconds:,.0f} docs/s, "
        f"{st.cpu_seconds:,.1f} CPU s ({n_docs / st.cpu_seconds:,.0f} docs per CPU second)"
    )
    print(
        f"    peak memory: CLI process {_mb(st.main_peak_kb)}, largest worker "
        f"{_mb(st.worker_peak_kb)}, whole tree {_mb(st.tree_peak_kb)} "
        f"({st.processes} child processes); input {size / 1e6:,.0f} MB"
    )
    if st.status not in (0, 1):
        print("    stderr:", st.stderr[-2000:])


def _html_works(sample: Path) -> bool:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    proc = subprocess.run(
        [sys.executable, "-m", "cleantext", str(sample), "-f", "jsonl", "-q"],
        capture_output=True,
        env=env,
        check=False,
        timeout=120,
    )
    try:
        rec = json.loads(proc.stdout.splitlines()[0])
    except (ValueError, IndexError):
        return False
    return "error" not in rec


def bench_jobs(corpus: Path, limit: int | None) -> None:
    html = sorted((corpus / "html").glob("*.html.gz"))
    dumps = sorted((corpus / "dumps").glob("*.txt"))
    if html and _html_works(html[0]):
        files, what = html, "HTML pages (html/*.html.gz)"
    elif dumps:
        files, what = dumps, "text dumps (dumps/*.txt; the HTML front end fails or is absent)"
    else:
        print(f"(b) no html/*.html.gz or dumps/*.txt under {corpus}")
        return
    if limit:
        files = files[:limit]
    print(f"(b) {len(files):,} {what} from {corpus}")
    with tempfile.TemporaryDirectory(prefix="cleantext-bench-") as tmp:
        listing = Path(tmp) / "inputs"  # pass a folder of symlinks: no argv length limit
        listing.mkdir()
        for f in files:
            (listing / f.name).symlink_to(f.resolve())
        times: dict[int, RunStats] = {}
        for jobs in (1, 2):
            st = run_cli(
                [str(listing), "-f", "jsonl", "-o", f"{tmp}/j{jobs}.jsonl", "-j", str(jobs), "-q"]
            )
            times[jobs] = st
            print(
                f"    --jobs {jobs}: {st.seconds:,.1f} s wall, {len(files) / st.seconds:,.1f} "
                f"docs/s, {st.cpu_seconds:,.1f} CPU s, exit {st.status}, tree peak "
                f"{_mb(st.tree_peak_kb)}"
            )
        same = Path(f"{tmp}/j1.jsonl").read_bytes() == Path(f"{tmp}/j2.jsonl").read_bytes()
        print(
            f"    speed-up --jobs 2 / --jobs 1: {times[1].seconds / times[2].seconds:.2f}x "
            f"(outputs identical: {same}; {os.cpu_count()} CPUs, load average "
            f"{os.getloadavg()[0]:.1f} after the runs)"
        )
        print(
            "    (a speed-up near 1x with a high load average means other processes held "
            "the CPUs; compare the CPU seconds)"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, help="corpus folder for (b)")
    ap.add_argument("--docs", type=int, default=100_000, help="documents in the stream (a)")
    ap.add_argument("--jobs", type=int, default=0, help="--jobs for (a); 0 = one per CPU")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=int, help="only the first N corpus files in (b)")
    ap.add_argument("--skip-stream", action="store_true")
    ap.add_argument("--skip-jobs", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder of (a)")
    args = ap.parse_args()
    if not args.skip_stream:
        tmp = Path(tempfile.mkdtemp(prefix="cleantext-bench-"))
        try:
            bench_stream(tmp, args.docs, args.jobs, args.seed)
        finally:
            if not args.keep:
                for p in tmp.iterdir():
                    p.unlink()
                tmp.rmdir()
    if not args.skip_jobs:
        if args.corpus is None:
            print("(b) skipped: give a corpus folder, e.g. ../shared/corpus/wcxb-dev")
        else:
            bench_jobs(args.corpus, args.limit)


if __name__ == "__main__":
    main()

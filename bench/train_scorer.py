"""Train the content scorer (src/cleantext/data/scorer.json) from corpus dumps.

    python bench/train_scorer.py ../shared/corpus/aeb ../shared/corpus/wcxb-dev \
        [--text-page-type article] [--html-page-type ''] [--input text,html] \
        [--out src/cleantext/data/scorer.json]

Two models are trained on article pages, one on the text dumps and one on
the HTML pages (whose blocks carry DOM features).  Each page is
split into blocks, the lexical rules run, and every block is labelled body /
not body from the gold (see ``corpus.body_labels``).  Stage 1 is a logistic
regression on block features; stage 2, boosted oblivious trees
(``trees.py``), adds the stage-1 probabilities of the neighbours, taken
out-of-fold so that stage 2 learns from honest stage-1 errors.  Blocks are
weighted by length (the metric counts words, not lines) and every page
weighs the same.  The title ranker is a conditional logit plus pointwise
trees over the candidates' features.  Deterministic: same corpus, same
weights.  Needs numpy only.  About 20 minutes on two cores (``--input text``
and ``--input html`` can run side by side with different ``--out`` files).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import trees
from corpus import body_labels, iter_pages, read_html

from cleantext import scorer
from cleantext.decode import decode
from cleantext.fields import title as title_field
from cleantext.frontends.html import parse_html
from cleantext.page import Page
from cleantext.pipeline import prepare, prepare_blocks
from cleantext.rules.base import run_stage

L2 = 1.0
TITLE_TREES = trees.Params(trees=150, depth=4, subsample=0.5)


def fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = L2) -> np.ndarray:
    """Weighted L2-regularised logistic regression by Newton's method (IRLS)."""
    beta = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[0] = 0.0  # no penalty on the bias
    for _ in range(50):
        z = np.clip(x @ beta, -30, 30)
        p = 1.0 / (1.0 + np.exp(-z))
        grad = x.T @ (w * (p - y)) + reg * beta
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(reg) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.max(np.abs(step)) < 1e-7:
            break
    return beta


def fit_choice(groups: list[np.ndarray], gold: list[np.ndarray], l2: float = L2) -> np.ndarray:
    """Conditional logit: per group of candidates, maximise log softmax of the gold one(s).

    Full-batch gradient descent with Adam; deterministic (zero start, fixed steps).
    """
    x = np.concatenate(groups)
    y = np.concatenate([g / g.sum() for g in gold])
    starts = np.cumsum([0] + [len(g) for g in groups[:-1]])
    gid = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    beta = np.zeros(x.shape[1])
    m = np.zeros_like(beta)
    v = np.zeros_like(beta)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for step in range(1, 1501):
        z = x @ beta
        z = z - np.maximum.reduceat(z, starts)[gid]
        e = np.exp(z)
        p = e / np.add.reduceat(e, starts)[gid]
        grad = x.T @ (p - y) / len(groups) + l2 * np.r_[0.0, beta[1:]]
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        beta -= lr * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + 1e-8)
    return beta


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def _page_for(kind: str, corpus: Path, doc_id: str, text: str) -> Page:
    """The prepared page (lexical rules applied) as the pipeline builds it."""
    if kind == "text":
        return prepare(text)
    html, _ = decode(read_html(corpus, doc_id))
    parsed = parse_html(html)
    meta = parsed.metadata if parsed.tree is not None else None
    page = prepare_blocks(
        parsed.blocks, lang=None, disabled=frozenset(), input_format="html", meta=meta
    )
    return page


def collect(corpora: list[Path], page_type: str | None, kind: str) -> list[dict[str, object]]:
    pages = []
    for corpus in corpora:
        for g, text in iter_pages(corpus, page_type):
            if not g.get("body"):
                continue
            page = _page_for(kind, corpus, g["id"], text)
            if not page.blocks:
                continue
            y = body_labels(g["body"], page.blocks)
            if not any(y):
                continue
            words = np.array([b.nwords + 3 for b in page.blocks], dtype=float)
            pages.append(
                {
                    "id": g["id"],
                    "gold": g,
                    "page": page,
                    "x1": scorer.stage1_features(page),
                    "y": np.array(y, dtype=float),
                    "w": words / words.sum(),
                }
            )
    return pages


def stack(pages: list[dict[str, object]], key: str) -> np.ndarray:
    return np.concatenate([p[key] for p in pages])  # type: ignore[misc]


def best_threshold(p: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    best = (0.0, 0.5)
    for t in np.arange(0.2, 0.8, 0.02):
        keep = p >= t
        tp = float((w * keep * y).sum())
        fp = float((w * keep * (1 - y)).sum())
        fn = float((w * (~keep) * y).sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[0]:
            best = (f1, float(round(t, 2)))
    return best[1]


def train_title(
    pages: list[dict[str, object]], final: scorer.Model, folds_n: int
) -> dict[str, object]:
    """The title ranker: candidates of every page with a visible gold title line,
    scored with the final content model as at run time."""
    xt, yt = [], []
    hits = total = 0
    for p in pages:
        page = p["page"]
        title_info = p["gold"]["fields"].get("title") or {}  # type: ignore[index]
        lines = set(title_info.get("lines") or [])
        if not title_info.get("visible") or not lines:
            continue
        scorer.score_page(page, final)  # type: ignore[arg-type]
        run_stage(page, "structure")  # type: ignore[arg-type]
        cands = title_field.candidates(page)  # type: ignore[arg-type]
        y = np.array([float(page.blocks[i].line_no in lines) for i in cands])  # type: ignore[attr-defined]
        total += 1
        if not y.any():
            continue
        hits += 1
        xt.append(title_field.features(page, cands, page.x1))  # type: ignore[arg-type, attr-defined]
        yt.append(y)

    # The linear ranker plus pointwise trees over the same features (each
    # page's candidates weigh 1 in all).
    def boost(idx: list[int]) -> scorer.Trees:
        x = np.concatenate([xt[i] for i in idx])
        y = np.concatenate([yt[i] for i in idx])
        w = np.concatenate([np.full(len(xt[i]), 1.0 / len(xt[i])) for i in idx])
        return trees.fit(x, y, w, TITLE_TREES)

    held = [0.0, 0.0]
    for k in range(folds_n):
        tr = [i for i in range(len(xt)) if i % folds_n != k]
        te = [i for i in range(len(xt)) if i % folds_n == k]
        beta = fit_choice([xt[i] for i in tr], [yt[i] for i in tr], l2=0.01)
        m = boost(tr)
        for i in te:
            z = xt[i] @ beta
            held[0] += float(yt[i][int(np.argmax(z))] > 0)
            held[1] += float(yt[i][int(np.argmax(z + m.logit(xt[i])))] > 0)
    wtitle = fit_choice(xt, yt, l2=0.01)
    title_trees = trees.to_json(boost(list(range(len(xt)))))
    print(
        f"title: gold line among candidates on {hits}/{total} pages; ranker picks it on "
        f"{held[0] / len(xt):.3f} held-out, {held[1] / len(xt):.3f} with the trees"
    )
    return {
        "names": list(title_field.TITLE_NAMES),
        "weights": [round(v, 6) for v in wtitle],
        "trees": title_trees,
    }


def train(pages: list[dict[str, object]], folds_n: int, params: trees.Params) -> dict[str, object]:
    """Both stages, the keep threshold and the title ranker for one kind of input."""
    t0 = time.perf_counter()
    folds = [list(range(k, len(pages), folds_n)) for k in range(folds_n)]
    # Stage 1: out-of-fold probabilities for stage 2's training features.
    p1_oof: dict[int, np.ndarray] = {}
    for fold in folds:
        held = set(fold)
        train = [p for i, p in enumerate(pages) if i not in held]
        beta = fit_logistic(stack(train, "x1"), stack(train, "y"), stack(train, "w"))
        for i in fold:
            p1_oof[i] = sigmoid(pages[i]["x1"] @ beta)  # type: ignore[operator]
    w1 = fit_logistic(stack(pages, "x1"), stack(pages, "y"), stack(pages, "w"))

    for i, p in enumerate(pages):
        p["x2"] = scorer.stage2_features(p["page"], p["x1"], p1_oof[i])  # type: ignore[arg-type]

    # Stage 2 out-of-fold, to report held-out block F1 and pick the threshold.
    p2_oof = np.zeros(0)
    y_all, w_all = [], []
    for fold in folds:
        held = set(fold)
        train = [p for i, p in enumerate(pages) if i not in held]
        m = trees.fit(stack(train, "x2"), stack(train, "y"), stack(train, "w"), params)
        for i in fold:
            p2_oof = np.concatenate([p2_oof, sigmoid(m.logit(pages[i]["x2"]))])  # type: ignore[arg-type]
            y_all.append(pages[i]["y"])
            w_all.append(pages[i]["w"])
        print(f"  stage-2 fold done ({time.perf_counter() - t0:.0f}s)", flush=True)
    y_cat, w_cat = np.concatenate(y_all), np.concatenate(w_all)
    threshold = best_threshold(p2_oof, y_cat, w_cat)
    stage2 = trees.to_json(
        trees.fit(stack(pages, "x2"), stack(pages, "y"), stack(pages, "w"), params)
    )

    keep = p2_oof >= threshold
    tp = float((w_cat * keep * y_cat).sum())
    prec = tp / float((w_cat * keep).sum())
    rec = tp / float((w_cat * y_cat).sum())
    print(
        f"held-out block-level (word-weighted): P {prec:.3f} R {rec:.3f} "
        f"F1 {2 * prec * rec / (prec + rec):.3f} at threshold {threshold}"
    )

    final = scorer.Model(w1=w1, stage2=scorer.Trees.from_json(stage2), threshold=threshold)
    wtitle = train_title(pages, final, folds_n)
    return {
        "pages": len(pages),
        "threshold": threshold,
        "stage1": {"names": list(scorer.stage1_names()), "weights": [round(v, 6) for v in w1]},
        "stage2": {"names": list(scorer.stage2_names()), **stage2},
        "title": wtitle,
    }


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpora", nargs="+", type=Path)
    # Both models learn from article pages.  An HTML model trained on all
    # seven WCXB page types does better on forums, listings and products
    # (WCXB all pages 0.852 against 0.832) but keeps teaser lists on article
    # pages (aeb 0.954 against 0.968): cleantext extracts articles.
    ap.add_argument("--text-page-type", default="article", help="wcxb page type ('' = all)")
    ap.add_argument("--html-page-type", default="article", help="wcxb page type ('' = all)")
    ap.add_argument("--out", type=Path, default=Path("src/cleantext/data/scorer.json"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--title-only", action="store_true", help="retrain only the title ranker")
    ap.add_argument("--trees", type=int, default=trees.Params.trees, help="stage-2 trees")
    ap.add_argument(
        "--input", default="text,html", help="which models to train: text, html or both"
    )
    args = ap.parse_args()

    models: dict[str, object] = {}
    if args.out.is_file():  # keep the model of the kind not retrained
        models = json.loads(args.out.read_text(encoding="utf-8")).get("models", {})
    for kind in args.input.split(","):
        t0 = time.perf_counter()
        page_type = getattr(args, f"{kind}_page_type") or None
        pages = collect(args.corpora, page_type, kind)
        print(
            f"[{kind}] {len(pages)} pages, "
            f"{sum(len(p['y']) for p in pages)} blocks "  # type: ignore[arg-type]
            f"({time.perf_counter() - t0:.1f}s)"
        )
        if args.title_only:
            # Keep the content model; retrain the title ranker on its scores.
            old = models[kind]
            final = scorer.Model(
                w1=np.array(old["stage1"]["weights"]),  # type: ignore[index]
                stage2=scorer.Trees.from_json(old["stage2"]),  # type: ignore[index]
                threshold=float(old["threshold"]),  # type: ignore[index]
            )
            old["title"] = train_title(pages, final, args.folds)  # type: ignore[index]
            continue
        models[kind] = train(pages, args.folds, trees.Params(trees=args.trees))
        models[kind]["page_type"] = page_type  # type: ignore[index]
    out = {
        "version": 3,
        "corpora": [c.name for c in args.corpora],
        "models": models,
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Learned content scorer: how likely each block is article text.

Two small models over block features.  Stage 1, a logistic model, sees a
block and its neighbours; stage 2, boosted oblivious trees, adds the stage-1
probabilities around the block, so a short line inside the article is kept
and a long one in the footer is not.
Weights live in ``data/scorer.json`` and are trained by
``bench/train_scorer.py`` from the corpus.  Features are computed for all
blocks of a page at once with numpy: per block, Python only reads a few
counts off the text.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from .fields.dates import month_words
from .model import Block
from .page import Page
from .phrases import phrases
from .rules._util import TERMINAL

# Cheap regexes (stdlib re): the scorer runs on every block of every page.
_SENT_BREAK = re.compile(r"[.!?]\s+[A-ZÀ-ÖØ-Þ\"“«]")
_BULLET = re.compile(r"^(?:[-–•*·▪►✓✔]\s|\d{1,2}[.)]\s)")
_URLISH = re.compile(r"https?://|www\.|\.com\b|@\w")
_CAPS = re.compile(r"(?<!\w)[A-ZÀ-ÖØ-ÞĀ-ŽА-Я]")
_DIGIT = re.compile(r"\d")
_NUM_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_QUOTES = frozenset("\"“„«‘'»")
_BULLETS = frozenset("-–•*·▪►✓✔")
_FAMILIES = (
    "SH", "NV", "LG", "RL", "CM", "NL", "CK", "AD", "TG", "CP", "AU", "UP", "SY", "CA", "DM",
)  # fmt: skip
# HTML only (zero for text dumps): what element a block sits in.
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CHROME_TAGS = frozenset({"nav", "aside", "footer", "header", "form"})

FUNCTION_LANGS: tuple[str, ...] = ("en", "de", "fr", "es", "it", "pt", "nl")


@functools.lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for lang in FUNCTION_LANGS:
        ws: set[str] = set()
        for line in phrases("function", "words", (lang,)):
            ws.update(line.split())
        out[lang] = frozenset(ws)
    return out


@functools.lru_cache(maxsize=1)
def _all_function_words() -> frozenset[str]:
    return frozenset().union(*_function_words().values())


@functools.lru_cache(maxsize=1)
def _word_langs() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for lang, ws in _function_words().items():
        for w in ws:
            out.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in out.items()}


def detect_lang(blocks: Sequence[Block]) -> str | None:
    """The page language by function-word counts, or None when unclear.

    >>> from cleantext.frontends.text import text_blocks
    >>> detect_lang(text_blocks("Der Bürgermeister sagte am Montag, dass die Brücke über den "
    ...                         "Fluss im Mai wieder für den Verkehr geöffnet wird."))
    'de'
    """
    word_langs = _word_langs()
    counts: Counter[str] = Counter()
    seen = 0
    for b in blocks:
        if b.nwords < 6:
            continue
        for w in b.toks:
            langs = word_langs.get(w)
            if langs:
                counts.update(langs)
        seen += b.nwords
        if seen > 2000:
            break
    if not counts:
        return None
    (best, n), *rest = [*counts.most_common(2), ("", 0)]
    if n < 5 or n < 1.3 * rest[0][1]:
        return None
    return best


_FAM_INDEX = {f: k for k, f in enumerate(_FAMILIES)}
MAX_FEATURE_WORDS = 500

LOCAL_NAMES: tuple[str, ...] = (
    "bias", "log_words", "w<=2", "w<=5", "w<=10", "w<=20", "w<=40", "ends_sentence",
    "ends_colon", "ends_question", "starts_upper", "capitalised_words", "comma_rate",
    "two_sentences", "function_words", "number_rate", "all_caps", "separator", "bullet",
    "quote_start", "has_date", "urlish", "gap_before", "gap_after", "position", "first_10pct",
    "last_10pct", "labeled", *(f"rule_{f}" for f in _FAMILIES), "duplicate", "cjk",
    "link_density", "tag_p", "tag_li", "tag_heading", "tag_cell", "in_article", "in_chrome",
    "class_boilerplate", "nested_article", "class_related", "class_comments", "class_navigation",
    "same_class_blocks", "same_class_words", "same_path_blocks", "class_words_vs_top",
    "page_article", "page_dated",
)  # fmt: skip

CONTEXT_NAMES: tuple[str, ...] = (
    "run_len", "run_mean_words",
    *(f"{p}_{k}" for p in ("prev2", "prev1", "next1", "next2") for k in ("lw", "term", "labeled")),
    "prose_density_3", "prose_density_10", "prose_before", "prose_after", "rel_words",
    "prose_share",
)  # fmt: skip

STAGE2_NAMES: tuple[str, ...] = (
    "p1_logit", "p1_mean_1", "p1_mean_3", "p1_mean_8", "in_span", "log_dist_span",
    "before_span", "after_span",
)  # fmt: skip

# Columns of the per-block counts read in Python (see _counts).
_C = {name: k for k, name in enumerate((
    "nw", "ntok", "term", "colon", "question", "upper", "caps", "commas", "sent", "fw",
    "fwn", "nums", "allcaps", "sep", "bullet", "quote", "date", "url", "gap_b", "gap_a",
    "labeled", "fam", "dup", "cjk", "links", "p", "li", "h", "cell", "article", "chrome",
    "cls", "nested", "c_related", "c_comments", "c_nav",
))}  # fmt: skip


def _counts(page: Page) -> np.ndarray:
    """One row of raw counts per block: the only per-block Python work."""
    fwords = _all_function_words()
    months = month_words()
    seen: dict[str, int] = {}
    for b in page.blocks:
        seen[b.norm] = seen.get(b.norm, 0) + 1
    rows = []
    for b in page.blocks:
        text = b.text
        head = text[:600]
        toks = b.toks
        nw = b.nwords
        first = text[0]
        last = text[-1]
        ftoks = toks[:80]
        rows.append((
            nw,
            len(toks) or 1,
            last in TERMINAL,
            last == ":",
            last == "?",
            first.isupper(),
            len(_CAPS.findall(head)),
            text.count(","),
            _SENT_BREAK.search(text, 0, 1500) is not None,
            sum(map(fwords.__contains__, ftoks)),
            len(ftoks) or 1,
            toks.count("0"),
            len(head) >= 4 and head.isupper(),
            " | " in head or " • " in head or " · " in head or " / " in head,
            first in _BULLETS or _BULLET.match(text) is not None,
            first in _QUOTES,
            nw <= 30
            and (("0" in toks and not months.isdisjoint(toks)) or bool(_NUM_DATE.search(head))),
            "www." in head or "http" in head or ".com" in head or "@" in head,
            b.gap_before,
            b.gap_after,
            b.label is not None,
            _FAM_INDEX.get(b.label[:2], -1) if b.label else -1,
            seen[b.norm] > 1,
            _CJK.search(text, 0, 200) is not None,
            b.link_density,
            b.tag == "p",
            b.tag == "li",
            b.tag in _HEADING_TAGS,
            b.tag in ("td", "th", "tr"),
            *_dom_flags(b.path, b.classes),
        ))  # fmt: skip
    return np.array(rows, dtype=float).reshape(len(rows), len(_C))


@functools.lru_cache(maxsize=8192)
def _dom_flags(path: str, classes: str) -> tuple[bool, ...]:
    """In <article>/<main>; in nav/aside/footer/header/form; boilerplate class words;
    an article inside an article (teasers); class words of related, comments, menus."""
    if not path:
        return (False,) * 7
    from .rules.dom import _WORD_KIND, class_words

    tags = path.split(">")
    kinds = {_WORD_KIND[w] for w in class_words(classes)}
    return (
        "article" in tags or "main" in tags,
        any(t in _CHROME_TAGS for t in tags),
        bool(kinds),
        tags.count("article") >= 2,
        "related" in kinds,
        "comments" in kinds,
        "navigation" in kinds,
    )


def _shift(a: np.ndarray, d: int, fill: float) -> np.ndarray:
    """``a`` moved by ``d`` places (a[i - d] at i), padded with ``fill``."""
    out = np.full_like(a, fill)
    if d > 0:
        out[d:] = a[:-d]
    elif d < 0:
        out[:d] = a[-d:]
    else:
        out[:] = a
    return out


def _window_sum(a: np.ndarray, r: int) -> np.ndarray:
    """Sum of a[i-r .. i+r] for every i (clipped at the edges)."""
    c = np.concatenate(([0.0], np.cumsum(a)))
    n = len(a)
    idx = np.arange(n)
    return c[np.minimum(n, idx + r + 1)] - c[np.maximum(0, idx - r)]


def stage1_features(page: Page) -> np.ndarray:
    """Block features (one row per block, columns ``stage1_names()``)."""
    c = _counts(page)
    n = len(c)
    col = {name: c[:, k] for name, k in _C.items()}
    # Word counts are capped: one monster line must not make the rest look short.
    nw = np.minimum(col["nw"], MAX_FEATURE_WORDS)
    ntok = col["ntok"]
    lw = np.log1p(nw)
    fam = np.zeros((n, len(_FAMILIES)))
    has_fam = col["fam"] >= 0
    fam[np.nonzero(has_fam)[0], col["fam"][has_fam].astype(int)] = 1.0
    pos = np.arange(n) / max(1, n - 1)
    local = np.column_stack([
        np.ones(n), lw, nw <= 2, nw <= 5, nw <= 10, nw <= 20, nw <= 40, col["term"],
        col["colon"], col["question"], col["upper"], np.minimum(1.0, col["caps"] / ntok),
        np.minimum(0.5, col["commas"] / ntok), col["sent"], col["fw"] / col["fwn"],
        col["nums"] / ntok, col["allcaps"], col["sep"], col["bullet"], col["quote"],
        col["date"], col["url"], col["gap_b"], col["gap_a"], pos, pos < 0.1, pos > 0.9,
        col["labeled"], fam, col["dup"], col["cjk"], col["links"], col["p"], col["li"],
        col["h"], col["cell"], col["article"], col["chrome"], col["cls"], col["nested"],
        col["c_related"], col["c_comments"], col["c_nav"],
    ])  # fmt: skip
    # Runs: blocks with no blank line between them (menus, lists, tables).
    run_id = np.cumsum(col["gap_b"]) - 1 if n else np.zeros(0)
    run_id = np.maximum(run_id, 0).astype(int)
    run_len = np.bincount(run_id)[run_id]
    run_words = np.bincount(run_id, weights=nw)[run_id]
    term, labeled = col["term"], col["labeled"]
    neigh = []
    for d in (2, 1, -1, -2):  # prev2, prev1, next1, next2
        neigh += [_shift(lw, d, 0.0), _shift(term, d, 0.0), _shift(labeled, d, 1.0)]
    prose = (((nw >= 15) & (term > 0)) | (nw > 40)) & (labeled == 0)
    pw = nw * prose
    dens = []
    for r in (3, 10):
        allw = _window_sum(nw, r) - nw
        dens.append(np.divide(_window_sum(pw, r) - pw, allw, out=np.zeros(n), where=allw > 0))
    total = pw.sum() or 1.0
    before = (np.cumsum(pw) - pw) / total
    after = (total - np.cumsum(pw)) / total
    rel = lw / (lw.max() or 1.0)  # relative to the page's longest block
    share = pw / total
    ctx = np.column_stack(
        [np.log1p(run_len), np.log1p(run_words / run_len), *neigh, *dens, before, after, rel, share]
    )
    return np.hstack([local, _containers(page, nw), ctx])


def _containers(page: Page, nw: np.ndarray) -> np.ndarray:
    """HTML: how many blocks share the block's classes and path, and their share of the
    words; whether the markup declares an article and a date.

    The article's paragraphs sit in one container that holds most of the
    text; teaser cards repeat one small container many times.  On a page
    that declares one article, teaser lists are not content; on a listing
    page they are.
    """
    n = len(page.blocks)
    out = np.zeros((n, 6))
    if page.input_format != "html" or not n:
        return out
    by_cls: dict[str, list[int]] = {}
    by_path: dict[str, int] = {}
    for b in page.blocks:
        by_cls.setdefault(b.classes, []).append(b.index)
        by_path[b.path] = by_path.get(b.path, 0) + 1
    total = float(nw.sum()) or 1.0
    for idx in by_cls.values():
        words = float(nw[idx].sum())
        out[idx, 0] = np.log1p(len(idx))
        out[idx, 1] = words / total
    out[:, 2] = np.log1p([by_path[b.path] for b in page.blocks])
    out[:, 3] = out[:, 1] / (out[:, 1].max() or 1.0)
    meta = page.meta
    if meta is not None:
        out[:, 4] = meta.article
        out[:, 5] = meta.date is not None
    return out


def best_span(weights: Sequence[float]) -> tuple[int, int] | None:
    """The contiguous run of blocks with the largest total weight (Kadane)."""
    best = 0.0
    span: tuple[int, int] | None = None
    cur = 0.0
    start = 0
    for i, w in enumerate(weights):
        if cur <= 0:
            cur, start = w, i
        else:
            cur += w
        if cur > best:
            best, span = cur, (start, i)
    return span


def stage2_features(page: Page, x1: np.ndarray, p1: np.ndarray) -> np.ndarray:
    """Stage-1 features plus the stage-1 probabilities around each block."""
    n = len(p1)
    nw = np.array([b.nwords for b in page.blocks], dtype=float)
    span = best_span(((p1 - 0.5) * (nw + 3)).tolist()) or (0, n - 1)
    p = np.clip(p1, 1e-4, 1 - 1e-4)
    cols = [np.log(p / (1 - p))]
    for r in (1, 3, 8):
        cnt = _window_sum(np.ones(n), r) - 1
        cols.append(np.divide(_window_sum(p1, r) - p1, cnt, out=np.zeros(n), where=cnt > 0))
    idx = np.arange(n)
    inside = (idx >= span[0]) & (idx <= span[1])
    dist = np.where(inside, 0, np.minimum(np.abs(idx - span[0]), np.abs(idx - span[1])))
    cols += [inside, np.log1p(dist), idx < span[0], idx > span[1]]
    return np.hstack([x1, np.column_stack(cols)])


@dataclass(frozen=True)
class Trees:
    """Boosted oblivious trees: each level of a tree tests one feature against one
    threshold, so a tree of depth D is D tests and 2**D leaf values, and all
    blocks go through all trees in a few array operations."""

    base: float
    features: np.ndarray  # (trees, depth) column indices
    thresholds: np.ndarray  # (trees, depth); a test is "x > threshold"
    leaves: np.ndarray  # (trees, 2**depth)

    def logit(self, x: np.ndarray) -> np.ndarray:
        """>>> t = Trees(0.5, np.array([[0]]), np.array([[1.0]]), np.array([[-1.0, 2.0]]))
        >>> t.logit(np.array([[0.0], [3.0]])).tolist()
        [-0.5, 2.5]
        """
        n_trees, depth = self.features.shape
        bits = x[:, self.features.ravel()] > self.thresholds.ravel()
        leaf = bits.reshape(len(x), n_trees, depth).astype(np.int64) @ (1 << np.arange(depth))
        out: np.ndarray = self.base + self.leaves[np.arange(n_trees), leaf].sum(axis=1)
        return out

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Trees:
        return cls(
            base=float(data["base"]),  # type: ignore[arg-type]
            features=np.array(data["features"], dtype=np.int64),
            thresholds=np.array(data["thresholds"], dtype=float),
            leaves=np.array(data["leaves"], dtype=float),
        )


@dataclass(frozen=True)
class Model:
    """Stage-1 weights, stage-2 trees and the keep threshold."""

    w1: np.ndarray
    stage2: Trees
    threshold: float
    title: np.ndarray | None = None
    title_trees: Trees | None = None


def stage1_names() -> tuple[str, ...]:
    return LOCAL_NAMES + CONTEXT_NAMES


def stage2_names() -> tuple[str, ...]:
    return stage1_names() + STAGE2_NAMES


@functools.lru_cache(maxsize=8)
def load_model(path: str | None = None, kind: str = "text") -> Model | None:
    """The shipped model for ``kind`` ("text" or "html"), or the one at ``path`` /
    $CLEANTEXT_SCORER; None if there is none.  HTML falls back to the text model."""
    path = path or os.environ.get("CLEANTEXT_SCORER")
    if path:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    else:
        res = resources.files("cleantext").joinpath("data").joinpath("scorer.json")
        if not res.is_file():
            return None
        text = res.read_text(encoding="utf-8")
    models = json.loads(text)["models"]
    data = models.get(kind) or models.get("text")
    if data is None:
        return None
    if (
        tuple(data["stage1"]["names"]) != stage1_names()
        or tuple(data["stage2"]["names"]) != stage2_names()
    ):
        raise RuntimeError("the scorer weights do not match the feature set; retrain them")
    from .fields.title import TITLE_NAMES

    title = data.get("title")
    if title is not None and tuple(title["names"]) != TITLE_NAMES:
        raise RuntimeError("the title weights do not match the feature set; retrain them")
    return Model(
        w1=np.array(data["stage1"]["weights"]),
        stage2=Trees.from_json(data["stage2"]),
        threshold=float(data["threshold"]),
        title=np.array(title["weights"]) if title else None,
        title_trees=Trees.from_json(title["trees"]) if title and "trees" in title else None,
    )


def sigmoid(z: np.ndarray) -> np.ndarray:
    out: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
    return out


def score_page(page: Page, model: Model) -> None:
    """Set each block's score (stage-2 probability of article text) and the main span.

    The span is the run of blocks that best separates kept text from the
    rest: blocks above the threshold add their length, others subtract it.
    """
    page.threshold = model.threshold
    if not page.blocks:
        page.x1 = np.zeros((0, len(stage1_names())))
        return
    x1 = page.x1 = stage1_features(page)
    p1 = sigmoid(x1 @ model.w1)
    p2 = sigmoid(model.stage2.logit(stage2_features(page, x1, p1)))
    for b, p in zip(page.blocks, p2.tolist()):
        b.score = p
    # Before the span and the fields: a short page's only paragraph is its text.
    _rescue(page)
    t = model.threshold
    # A block at the threshold (a rescued one) counts as kept, if only just.
    weights = [
        (max(b.score - t, 0.01) if b.score >= t else b.score - t) * (b.nwords + 3)
        if b.label is None
        else -(b.nwords + 3.0)
        for b in page.blocks
    ]
    page.span = best_span(weights)


# Labels of inserts that sit inside an article (an ad slot, a share bar, a
# caption): text on both sides of them is still one article.
_INSERT_FAMILIES = frozenset({"AD", "SH", "CP", "NL", "RL", "UP", "SY", "DU"})
# Blocks between two kept blocks are kept above this score (and within this many blocks).
BRIDGE_MIN = 0.1
BRIDGE_MAX = 15


def bridge_gaps(page: Page) -> None:
    """Keep uncertain blocks that sit between kept article text.

    A table, a list or a short subheading inside the article scores low on
    its own; when kept text follows it within a few blocks (skipping ad and
    share inserts), it is article text.  Their score is raised to the
    threshold.
    """
    t = page.threshold
    blocks = page.blocks
    if page.input_format == "html":
        # HTML blocks carry their element: a table row inside the article
        # scores as such, and bridging lets teaser cards in.
        _extend_tail(page)
        _rescue(page)
        return
    last_good: int | None = None
    pending: list[int] = []
    for b in blocks:
        if b.label is not None:
            if b.label[:2] in _INSERT_FAMILIES:
                continue
            last_good, pending = None, []
            continue
        if b.score >= t:
            if last_good is not None and pending and len(pending) <= BRIDGE_MAX:
                for i in pending:
                    blocks[i].score = t
            last_good, pending = b.index, []
        elif b.score >= BRIDGE_MIN and last_good is not None:
            pending.append(b.index)
        else:
            last_good, pending = None, []
    _extend_tail(page)
    _rescue(page)


def _rescue(page: Page) -> None:
    """A page whose only text is a sentence or two keeps it.

    The scorer was trained on whole web pages; on a snippet with nothing
    else to compare against it may reject everything.
    """
    t = page.threshold
    if any(b.label is None and b.score >= t and b.nwords >= RESCUE_WORDS for b in page.blocks):
        return
    for b in page.blocks:
        if b.label is None and b.nwords >= RESCUE_WORDS and b.text[-1:] in '.!?"”»':
            b.score = t


# The end of an article (a closing line after a table) scores low next to
# the footer; it is kept down to this score until the first boilerplate block.
RESCUE_WORDS = 6
TAIL_MIN = 0.08
TAIL_MIN_HEADING = 0.03
TAIL_MAX = 30


def _extend_tail(page: Page) -> None:
    if page.span is None:
        return
    t = page.threshold
    blocks = page.blocks
    kept = [
        b.index for b in blocks[page.span[0] : page.span[1] + 1] if b.label is None and b.score >= t
    ]
    if not kept:
        return
    run: list[int] = []
    for b in blocks[kept[-1] + 1 : kept[-1] + 1 + TAIL_MAX]:
        if b.label is not None:
            if b.label[:2] in _INSERT_FAMILIES:
                continue
            break
        # Short headings ("Pros", "Verdict") score lowest of all; let them through.
        if b.score < (TAIL_MIN_HEADING if b.nwords <= 3 else TAIL_MIN):
            break
        run.append(b.index)
    # Only a stretch that ends on a sentence is article text; a teaser list is not.
    while run and not (blocks[run[-1]].text[-1:] in '.!?"”»' and blocks[run[-1]].nwords >= 8):
        run.pop()
    for i in run:
        blocks[i].score = t

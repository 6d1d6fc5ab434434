"""Pick the headline: a heading-like block just above the article text.

Candidates are the blocks above the start of the main text (and the first
few inside it); a small logistic model trained with the content scorer
(``data/scorer.json``, section ``title``) ranks them by features such as
distance to the text, length, punctuation, a date or byline right below,
and repeats of the line elsewhere on the page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from ..model import Block
from ..page import Page
from ..textutil import key
from .dates import block_dates

if TYPE_CHECKING:
    from ..scorer import Trees

# How far above the start of the main text a headline may sit (in blocks).
LOOKBACK = 40
LOOKAHEAD = 3
_AFFIX_SEP = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")
_BYLINE_START = re.compile(
    r"^(?:by|written by|posted by|von|par|por|texto|text|autor|auteur|author)\b", re.IGNORECASE
)
# Families whose blocks are never headlines.
_NEVER = frozenset(
    {"SH", "CK", "CM", "CA", "LG", "NL", "AD", "UP", "TG", "SY", "AU", "NV", "CP", "ER", "FC"}
)
# Words of the article's opening the headline is compared with.
BODY_WORDS = 400

TITLE_NAMES: tuple[str, ...] = (
    "bias", "log_words", "w<=2", "w<=4", "w5_20", "w>25", "ends_period", "ends_colon",
    "ends_mark", "gap_before", "gap_after", "log_dist_above", "inside_text", "log_dist_inside",
    "log_rank", "date_below", "byline_below", "date_above", "score", "score_below",
    "labeled", "caption_or_list", "repeated", "inside_other_line", "capitalised", "all_caps",
    "separator", "position", "function_words", "heading_like", "own_date", "date_line",
    "urlish", "nearest", "next_score", "body_overlap", "overlap_is_max", "overlap_below_max",
    "truncated", "share_below", "author_below", "cand_above", "cand_below", "longer_than_above",
)  # fmt: skip


_OVERLAP = TITLE_NAMES.index("body_overlap")


def _content_words(toks: list[str]) -> set[str]:
    from ..scorer import _all_function_words

    fw = _all_function_words()
    return {t for t in toks if t not in fw and len(t) >= 3}


def _body_words(page: Page) -> tuple[dict[str, int], set[int]]:
    """Content words of the opening of the main text: word -> blocks holding it."""
    counts: dict[str, int] = {}
    used: set[int] = set()
    if page.span is None:
        return counts, used
    total = 0
    for b in page.blocks[page.span[0] : page.span[1] + 1]:
        if b.label is not None or b.score < page.threshold:
            continue
        for w in _content_words(b.toks):
            counts[w] = counts.get(w, 0) + 1
        used.add(b.index)
        total += b.nwords
        if total >= BODY_WORDS:
            break
    return counts, used


def _overlap(i: int, toks: list[str], body: tuple[dict[str, int], set[int]]) -> float:
    """Share of a candidate's words found in the opening (not counting itself)."""
    counts, used = body
    words = _content_words(toks)
    if not words:
        return 0.0
    least = 2 if i in used else 1
    return sum(1 for w in words if counts.get(w, 0) >= least) / len(words)


_URLISH = re.compile(r"https?://|www\.\w|\.(?:com|org|net)\b")


def _date_line(page: Page, b: Block) -> bool:
    """A short block that is mostly a date ("September 10, 2018 | by Jane")."""
    if b.nwords > 12:
        return False
    from .dateline import leftover_words

    # Relative dates count too: "1 hour ago" is a date line, not a headline.
    return any(leftover_words(b.text, d) <= 6 for d in block_dates(b, page.lang))


def _numeric(b: Block) -> bool:
    """Mostly numbers: a table row or a score line ("40 Casey Mears 1 0 0 0 0")."""
    digits = sum(1 for t in b.toks if t[:1].isdigit())
    return digits >= 3 and 2 * digits >= len(b.toks)


def body_start(page: Page) -> int:
    """The first paragraph of the main text: the first kept prose block of the span.

    With no main text (a paywall, a video page) the headline is searched
    among the page's first blocks.
    """
    if page.span is None:
        return min(len(page.blocks), LOOKBACK // 2)
    lo, hi = page.span
    for b in page.blocks[lo : hi + 1]:
        if b.label is None and b.score >= page.threshold and b.nwords >= 15:
            return b.index
    return lo


def candidates(page: Page) -> list[int]:
    """Blocks that may be the headline."""
    blocks = page.blocks
    if not blocks:
        return []
    start = body_start(page)
    out = []
    for i in range(max(0, start - LOOKBACK), min(len(blocks), start + LOOKAHEAD)):
        b = blocks[i]
        if not 1 <= b.nwords <= 40 or len(b.text) > 300:
            continue
        if b.label and (
            b.label[:2] in _NEVER or b.label in ("RL001", "RL003") or b.kind == "caption"
        ):
            continue
        if _BYLINE_START.match(b.text) or b.text.endswith(",") or b.text[0] in "*•·|»›>":
            continue
        if _URLISH.search(b.text) or _numeric(b) or _date_line(page, b):
            continue  # a dateline, a link or a table row, never a headline
        if i >= start and b.nwords >= 15 and b.text[-1] == ".":
            continue  # the opening paragraph itself
        out.append(i)
    return out


def features(page: Page, cands: list[int], x1: np.ndarray) -> np.ndarray:
    """One row per candidate, columns ``TITLE_NAMES``.

    ``x1`` is the content scorer's stage-1 feature matrix of the page.
    """
    from ..scorer import stage1_names

    names = stage1_names()
    c_date, c_caps = names.index("has_date"), names.index("capitalised_words")
    c_fw, c_allcaps = names.index("function_words"), names.index("all_caps")
    c_url = names.index("urlish")
    blocks = page.blocks
    n = len(blocks)
    start = body_start(page)
    keys = [b.key for b in blocks]
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    strong = {i for i in cands if blocks[i].nwords >= 3 and blocks[i].label is None}
    body = _body_words(page)
    lo = max(0, (cands[0] if cands else 0) - 60)
    hi = min(n, (cands[-1] if cands else 0) + 60)
    window = "\n".join(keys[lo:hi])
    # Heading-like candidates: a headline is often followed by a standfirst or
    # a teaser line of the same shape, and the headline is the upper one.
    heady = {i for i in cands if 3 <= blocks[i].nwords <= 30 and blocks[i].text[-1] not in ".,;"}
    rows = []
    for i in cands:
        b = blocks[i]
        t = b.text
        nw = b.nwords
        d = start - i
        below = range(i + 1, min(n, i + 4))
        k = keys[i]
        # Printed again inside another line ("Headline | Site", a breadcrumb).
        inside_other = len(k) >= 8 and window.count(k) > counts[k]
        rank = sum(1 for j in strong if i < j < start)
        rows.append([
            1.0, np.log1p(nw), nw <= 2, nw <= 4, 5 <= nw <= 20, nw > 25, t.endswith("."),
            t.endswith(":"), t[-1] in "?!", b.gap_before, b.gap_after, np.log1p(max(d, 0)),
            d <= 0, np.log1p(max(-d, 0)), np.log1p(rank),
            any(x1[j, c_date] for j in below),
            any(_BYLINE_START.match(blocks[j].text) for j in below),
            any(x1[j, c_date] for j in range(max(0, i - 2), i)),
            b.score, max((blocks[j].score for j in below), default=0.0),
            b.label is not None, b.label is not None and b.label[:2] in ("CP", "RL", "NV"),
            counts[k] > 1, inside_other, x1[i, c_caps], x1[i, c_allcaps],
            bool(_AFFIX_SEP.search(t)), i / max(1, n - 1), x1[i, c_fw],
            b.gap_before and b.gap_after and 3 <= nw <= 20 and t[-1] not in ".,;",
            x1[i, c_date], x1[i, c_date] and nw <= 12, x1[i, c_url], rank == 0 and i in strong,
            blocks[i + 1].score if i + 1 < n else 0.0, _overlap(i, b.toks, body),
            0.0, 0.0, t.endswith(("…", "...")),
            any((blocks[j].label or "")[:2] == "SH" for j in below),
            any(any(h.startswith(("author:", "byline:")) for h in blocks[j].hits) for j in below),
            (above := next((j for j in (i - 1, i - 2) if j in heady), None)) is not None,
            any(j in heady for j in (i + 1, i + 2)),
            above is not None and nw > blocks[above].nwords,
        ])  # fmt: skip
    x = np.array(rows, dtype=float).reshape(len(rows), len(TITLE_NAMES))
    if len(x):
        # Relative to the other candidates: the best match with the text stands out.
        ov = x[:, _OVERLAP]
        x[:, _OVERLAP + 1] = ov >= ov.max() - 1e-9
        x[:, _OVERLAP + 2] = ov.max() - ov
    return x


def find_title(
    page: Page, x1: np.ndarray, weights: np.ndarray | None, boost: Trees | None = None
) -> int | None:
    """Index of the headline block, or None when no block looks like one.

    Candidates are ranked by the linear ranker plus, when the model has
    them, boosted trees over the same features (they catch interactions
    such as a standfirst right under the headline).
    """
    cands = candidates(page)
    if not cands or weights is None:
        return None
    x = features(page, cands, x1)
    z = x @ weights
    rank = z + boost.logit(x) if boost is not None else z
    best = int(np.argmax(rank))
    if z[best] < -4.0:  # nothing heading-like near the text
        return None
    i = cands[best]
    if not _text_besides(page, i) and not _dated(page, i):
        return None  # no article under it: a site heading or the page's only text
    return _untruncated(page, i)


def _untruncated(page: Page, i: int) -> int:
    """A headline cut short ("Wild beat…") printed in full elsewhere: the full one."""
    k = page.blocks[i].key
    if not page.blocks[i].text.endswith(("…", "...")) or len(k) < 12:
        return i
    full = [
        b.index
        for b in page.blocks
        if b.index != i and len(b.key) > len(k) and b.key.startswith(k) and b.nwords <= 40
    ]
    return min(full, key=lambda j: abs(j - i)) if full else i


def _dated(page: Page, i: int) -> bool:
    """A date or a byline within three blocks below."""
    return any(
        block_dates(b, page.lang) or _BYLINE_START.match(b.text)
        for b in page.blocks[i + 1 : i + 4]
        if b.nwords <= 20
    )


def _text_besides(page: Page, i: int) -> bool:
    return any(
        b.index != i and b.label is None and b.score >= page.threshold and b.nwords >= 8
        for b in page.blocks
    )


def _site_like(part: str, title: str, page: Page, own: int | None) -> bool:
    """A short affix that names the site: printed elsewhere on the page, or a domain."""
    words = part.split()
    if not 1 <= len(words) <= 5:
        return False
    if re.search(r"\.\w{2,4}$", part):
        return True
    k, whole = key(part), key(title)
    pat = re.compile(rf"(?<!\w){re.escape(k)}(?!\w)")
    return any(
        pat.search(b.norm)
        for b in page.blocks
        if b.index != own and b.nwords <= 30 and whole not in b.norm
    )


def strip_affix(title: str, page: Page, own: int | None = None) -> str:
    """Cut a site-name affix: "Headline | Site" -> "Headline".

    The affix goes when it is short and names the site (printed elsewhere on
    the page, or a domain); "Brexit - what it means" stays whole.

    >>> from cleantext.page import Page
    >>> strip_affix("Harbour plan approved | Dunmore.net", Page(blocks=[]))
    'Harbour plan approved'
    >>> strip_affix("Brexit - what it means for you", Page(blocks=[]))
    'Brexit - what it means for you'
    """
    parts = _AFFIX_SEP.split(title)
    if len(parts) < 2:
        return title
    # Only a trailing affix goes: a leading part ("Milan Design Week 2018 | ...")
    # is as often the headline's own kicker as the site's name.
    last = parts[-1]
    if len(title) - len(last) > len(last) and _site_like(last, title, page, own):
        head = title[: title.rfind(last)].rstrip(" |-–—:·•»")
        if len(head.split()) >= 2:
            return head
    return title

"""Gradient-boosted oblivious trees for the logistic loss (numpy only, deterministic).

An oblivious tree tests the same feature against the same threshold at every
node of a level, so a tree of depth D is D (feature, threshold) pairs and
2**D leaf values.  That makes inference a handful of vectorised numpy
operations for all blocks and all trees at once (``cleantext.scorer.Trees``),
which is why the shipped model uses them rather than ordinary trees.

Training follows the usual second-order boosting recipe: features are cut
into at most ``max_bins`` quantile bins once; each tree is grown level by
level on a fixed-seed row subsample, choosing the split that maximises the
summed gain over all current leaves; leaf values are Newton steps shrunk by
the learning rate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cleantext.scorer import Trees, sigmoid


@dataclass(frozen=True)
class Params:
    trees: int = 150
    depth: int = 6
    learning_rate: float = 0.1
    l2: float = 1.0
    subsample: float = 0.3
    max_bins: int = 32
    seed: int = 0


def _cuts(col: np.ndarray, max_bins: int) -> np.ndarray:
    """Candidate thresholds of one feature: midpoints of its values, or quantiles."""
    values = np.unique(col)
    if len(values) <= max_bins:
        return np.asarray((values[:-1] + values[1:]) / 2)
    return np.unique(np.quantile(col, np.linspace(0, 1, max_bins + 1)[1:-1]))


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, params: Params = Params()) -> Trees:
    """Boost ``params.trees`` oblivious trees on rows ``x``, labels ``y`` (0/1), weights ``w``."""
    n, nf = x.shape
    nb = params.max_bins
    cuts = [_cuts(x[:, f], nb) for f in range(nf)]
    # bins[i, f] = how many thresholds of feature f lie below x[i, f]; "x > cuts[k]" is "bin > k".
    bins = np.empty((n, nf), dtype=np.int64)
    valid = np.zeros((nf, nb - 1), dtype=bool)  # split k of feature f exists
    for f, c in enumerate(cuts):
        bins[:, f] = np.searchsorted(c, x[:, f], side="left")
        valid[f, : len(c)] = True
    w = w / w.sum() * n
    base = float(np.log((w * y).sum() / (w * (1 - y)).sum()))
    logit = np.full(n, base)
    rng = np.random.default_rng(params.seed)
    depth = params.depth
    feats = np.zeros((params.trees, depth), dtype=np.int64)
    thr = np.zeros((params.trees, depth))
    leaves = np.zeros((params.trees, 2**depth))
    offsets = np.arange(nf, dtype=np.int64)
    powers = 1 << np.arange(depth)
    for t in range(params.trees):
        p = sigmoid(logit)
        g = w * (p - y)
        h = w * p * (1 - p)
        rows = np.nonzero(rng.random(n) < params.subsample)[0]
        b, gs, hs = bins[rows], g[rows], h[rows]
        leaf = np.zeros(len(rows), dtype=np.int64)
        for d in range(depth):
            nl = 2**d
            idx = (b + (leaf * nb)[:, None] + (offsets * (nl * nb))[None, :]).ravel()
            size = nf * nl * nb
            gh = np.bincount(idx, np.broadcast_to(gs[:, None], b.shape).ravel(), size)
            hh = np.bincount(idx, np.broadcast_to(hs[:, None], b.shape).ravel(), size)
            # Right-hand sums: bins above each threshold.
            gr = np.cumsum(gh.reshape(nf, nl, nb)[:, :, ::-1], axis=2)[:, :, ::-1]
            hr = np.cumsum(hh.reshape(nf, nl, nb)[:, :, ::-1], axis=2)[:, :, ::-1]
            g_right, h_right = gr[:, :, 1:], hr[:, :, 1:]
            g_left, h_left = gr[:, :, :1] - g_right, hr[:, :, :1] - h_right
            gain = (g_left**2 / (h_left + params.l2) + g_right**2 / (h_right + params.l2)).sum(
                axis=1
            )
            gain[~valid] = -np.inf
            f, k = np.unravel_index(int(np.argmax(gain)), gain.shape)
            feats[t, d] = f
            thr[t, d] = cuts[f][k]
            leaf |= (b[:, f] > k).astype(np.int64) << d
        gl = np.bincount(leaf, gs, 2**depth)
        hl = np.bincount(leaf, hs, 2**depth)
        leaves[t] = -params.learning_rate * gl / (hl + params.l2)
        logit += leaves[t][(x[:, feats[t]] > thr[t]).astype(np.int64) @ powers]
    return Trees(base=base, features=feats, thresholds=thr, leaves=leaves)


def to_json(model: Trees) -> dict[str, object]:
    """JSON-ready model (``Trees.from_json`` reads it); thresholds are kept exact so
    splits do not move."""
    return {
        "base": round(model.base, 6),
        "features": model.features.tolist(),
        "thresholds": model.thresholds.tolist(),
        "leaves": np.round(model.leaves, 5).tolist(),
    }

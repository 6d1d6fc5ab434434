"""The content scorer's trees: the trainer (bench/trees.py) and the shipped inference agree."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from cleantext import scorer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import trees


def _xor_data(n: int = 4000) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    x = rng.random((n, 3))
    y = ((x[:, 0] > 0.5) ^ (x[:, 1] > 0.5)).astype(float)  # column 2 is noise
    return x, y


def test_trees_learn_an_interaction_a_linear_model_cannot() -> None:
    x, y = _xor_data()
    model = trees.fit(x, y, np.ones(len(y)), trees.Params(trees=30, depth=2, subsample=0.5))
    acc = float(((model.logit(x) > 0) == (y > 0)).mean())
    assert acc > 0.95
    # The noise column does not matter: shuffling it changes nothing.
    shuffled = x.copy()
    shuffled[:, 2] = np.random.default_rng(3).permutation(x[:, 2])
    assert float(((model.logit(shuffled) > 0) == (y > 0)).mean()) > 0.95


def test_json_round_trip_keeps_the_predictions() -> None:
    x, y = _xor_data(1000)
    model = trees.fit(x, y, np.ones(len(y)), trees.Params(trees=10, depth=3))
    shipped = scorer.Trees.from_json(trees.to_json(model))
    assert np.allclose(shipped.logit(x), model.logit(x), atol=1e-3)


def test_training_is_deterministic() -> None:
    x, y = _xor_data(1000)
    a = trees.to_json(trees.fit(x, y, np.ones(len(y)), trees.Params(trees=5, depth=3)))
    b = trees.to_json(trees.fit(x, y, np.ones(len(y)), trees.Params(trees=5, depth=3)))
    assert a == b


def test_shipped_models_use_existing_feature_columns() -> None:
    for kind in ("text", "html"):
        model = scorer.load_model(kind=kind)
        assert model is not None
        assert model.stage2.features.max() < len(scorer.stage2_names())
        assert 0.0 < model.threshold < 1.0

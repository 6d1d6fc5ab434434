"""Shared pytest setup: the rules' docstring examples call ``demo``."""

from __future__ import annotations

from typing import Any

import pytest

from cleantext.pipeline import demo


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace["demo"] = demo

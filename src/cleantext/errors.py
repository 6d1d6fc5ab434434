"""Errors cleantext raises for input it cannot clean."""

from __future__ import annotations


class CleantextError(Exception):
    """Base class of cleantext's errors."""


class InputError(CleantextError, ValueError):
    """The input cannot be cleaned: binary data, too large, undecodable."""

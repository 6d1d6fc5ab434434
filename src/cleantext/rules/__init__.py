"""Boilerplate rules, one module per family; importing this registers them all."""

from . import (  # noqa: F401  (imported for registration)
    ads,
    author,
    captcha,
    captions,
    comments,
    cookies,
    dom,
    errors,
    fields,
    final,
    legal,
    navigation,
    newsletter,
    related,
    share,
    symbols,
    tags,
    updated,
)
from .base import REGISTRY, Rule, rule, run_stage

__all__ = ["REGISTRY", "Rule", "rule", "run_stage"]

"""cleantext: turn raw web page dumps (text or HTML) into clean, structured articles.

>>> import cleantext
>>> art = cleantext.clean("Share this:\\nFacebook\\n\\nBridge reopens\\nMarch 3, 2024\\n\\n"
...                       "The old bridge reopened on Monday after two years of repairs.")
>>> art.body
'The old bridge reopened on Monday after two years of repairs.'
"""

from __future__ import annotations

from .errors import CleantextError, InputError
from .model import Article, Removed
from .pipeline import Cleaner, clean
from .rules import REGISTRY as RULES

__version__ = "0.1.0"

__all__ = ["RULES", "Article", "Cleaner", "CleantextError", "InputError", "Removed", "clean"]

"""The public API and its behaviour on bad input."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleantext
from cleantext import Article, Cleaner, InputError

PAGE = (
    "Skip to content\nHome\nNews\n\nHarbour plan approved\nBy Jane Roe\nMarch 3, 2024\n\n"
    "Share this:\nFacebook\nTwitter\n\n"
    "The council approved the new harbour plan on Monday after a debate that lasted six "
    "hours, with ten votes in favour and three against.\n\n"
    "Work on the quay starts in the spring and should take two years, the harbour master "
    "told reporters.\n\nLeave a Reply\n\nYour email address will not be published.\n"
)


def test_article_fields() -> None:
    art = cleantext.clean(PAGE)
    assert isinstance(art, Article)
    assert art.title == "Harbour plan approved"
    assert art.date == dt.date(2024, 3, 3)
    assert art.dateline == "March 3, 2024"
    assert art.credit == "Jane Roe"
    assert art.body.split("\n\n")[0].startswith("The council approved")
    assert art.body.count("\n\n") == 1
    kinds = {r.kind for r in art.removed}
    assert {"navigation", "share", "comments", "title", "dateline", "credit"} <= kinds


def test_article_is_frozen_and_json_ready() -> None:
    art = cleantext.clean(PAGE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        art.title = "x"  # type: ignore[misc]
    d = json.loads(json.dumps(art.to_dict()))
    assert d["date"] == "2024-03-03"
    assert d["removed"][0].keys() == {"text", "rule", "kind", "line"}


def test_removed_blocks_point_at_their_lines() -> None:
    art = cleantext.clean(PAGE)
    lines = PAGE.split("\n")
    for r in art.removed:
        assert lines[r.line].strip() == r.text


def test_deterministic_and_picklable() -> None:
    cleaner = Cleaner(disable=["SH"])
    again = pickle.loads(pickle.dumps(cleaner))
    assert cleaner.clean(PAGE) == again.clean(PAGE)
    assert cleantext.clean(PAGE) == cleantext.clean(PAGE)


def test_bytes_in_other_encodings() -> None:
    text = PAGE.replace("Harbour plan approved", "Café plan approuvé")
    for enc in ("utf-8", "utf-16", "cp1252"):
        data = text.encode(enc)
        if enc == "utf-8":
            data = b"\xef\xbb\xbf" + data
        assert cleantext.clean(data, encoding=None if enc != "cp1252" else "cp1252").title == (
            "Café plan approuvé"
        )


def test_empty_and_blank_input() -> None:
    for data in ("", "   \n\n  ", b""):
        art = cleantext.clean(data)
        assert art.body == "" and art.title is None and art.removed == []


def test_binary_junk_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="binary"):
        cleantext.clean(b"\x00\x01\x02PK\x03\x04" * 100)


def test_wrong_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        cleantext.clean(42)  # type: ignore[arg-type]


def test_huge_input_is_refused() -> None:
    from cleantext import pipeline

    with pytest.raises(InputError, match="limit"):
        cleantext.clean("a" * (pipeline.MAX_CHARS + 1))


def test_pathological_lines_finish() -> None:
    """One megabyte lines of one character or of separators do not hang."""
    for line in ("a" * 1_000_000, " |" * 500_000, "(" * 200_000, "1/" * 300_000):
        art = cleantext.clean("Title\n\n" + line + "\n\n" + PAGE)
        assert "Work on the quay" in art.body


def test_lang_hint_and_bad_input_format() -> None:
    assert cleantext.clean(PAGE, lang="en").lang == "en"
    with pytest.raises(ValueError):
        cleantext.clean(PAGE, input_format="pdf")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_gives_an_article(text: str) -> None:
    art = cleantext.clean(text, input_format="text")
    # The body is made only of input lines, each at most once in order.
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    for part in (p for p in art.body.split("\n") if p):
        assert part in lines

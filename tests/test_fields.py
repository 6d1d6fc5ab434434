"""Field extractors: dates as printed in four languages, credits, titles."""

from __future__ import annotations

import datetime as dt

import pytest

import cleantext
from cleantext.fields.dates import find_dates

BODY = (
    "The council approved the new harbour plan on Monday after a debate that lasted "
    "six hours, with ten votes in favour and three against.\n\nWork on the quay starts "
    "in the spring and should take two years, the harbour master told reporters."
)


@pytest.mark.parametrize(
    ("printed", "dateline", "iso"),
    [
        ("November 18, 2014, 1:55 pm", "November 18, 2014, 1:55 pm", "2014-11-18"),
        ("18 Nov 2014 13:55 GMT", "18 Nov 2014 13:55 GMT", "2014-11-18"),
        ("2014-11-18T13:55:00Z", "2014-11-18T13:55:00Z", "2014-11-18"),
        ("18.11.2014, 13:55 Uhr", "18.11.2014, 13:55 Uhr", "2014-11-18"),
        ("le 18 novembre 2014 à 13h55", "18 novembre 2014 à 13h55", "2014-11-18"),
        ("18 de noviembre de 2014", "18 de noviembre de 2014", "2014-11-18"),
        ("Nov. 19, 2019 8:03 am ET", "Nov. 19, 2019 8:03 am ET", "2019-11-19"),
        ("Mardi 18 novembre 2014", "Mardi 18 novembre 2014", "2014-11-18"),
        ("Veröffentlicht am 18. November 2014", "18. November 2014", "2014-11-18"),
        ("Actualizado: 19/11/2014 10:05", "19/11/2014 10:05", "2014-11-19"),
        ("11/19/19 6:38 AM", "11/19/19 6:38 AM", "2019-11-19"),
        ("11.14.2019 09:00 AM", "11.14.2019 09:00 AM", "2019-11-14"),
        ("2018年8月16日", "2018年8月16日", "2018-08-16"),
    ],
)
def test_printed_date_forms(printed: str, dateline: str, iso: str) -> None:
    found = [d for d in find_dates(printed, lang="en") if not d.relative]
    assert found and found[0].text == dateline
    assert found[0].date == dt.date.fromisoformat(iso)


def test_published_wins_over_updated() -> None:
    art = cleantext.clean(
        "Harbour plan approved\nPublished 18 Nov 2014 09:00 Updated 19 Nov 2014 10:00\n\n" + BODY
    )
    assert art.date == dt.date(2014, 11, 18)
    assert art.dateline == "18 Nov 2014 09:00"


def test_relative_date_needs_a_reference() -> None:
    text = "Harbour plan approved\n3 hours ago\n\n" + BODY
    assert cleantext.clean(text).date is None
    assert cleantext.clean(text, today=dt.date(2024, 3, 5)).date == dt.date(2024, 3, 5)
    assert cleantext.clean(text, today=dt.date(2024, 3, 5)).dateline is None


def test_wire_dateline_prefix_leaves_the_body() -> None:
    art = cleantext.clean("Harbour plan approved\n\nBEIJING, Nov 18 (Reuters) - " + BODY)
    assert art.body.startswith("The council approved")
    assert art.credit == "Reuters"


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("Jane Doe | Staff Writer", "Jane Doe"),
        ("By Jane Doe, Senior Reviews Editor", "Jane Doe"),
        ("Posted on March 3, 2024 by Jane Doe", "Jane Doe"),
        ("Von Hans Muster", "Hans Muster"),
        ("Par Marie Exemple", "Marie Exemple"),
        ("Por Juan Ejemplo", "Juan Ejemplo"),
        ("Por Ana Ruiz", "Ana Ruiz"),
        ("Scritto da Giulia Rossi", "Giulia Rossi"),
        ("A cura di Giulia Rossi", "Giulia Rossi"),
        ("Geschreven door Anna Visser", "Anna Visser"),
        ("Anna Visser | Verslaggever", "Anna Visser"),
        ("Giulia Rossi, giornalista", "Giulia Rossi"),
        ("Jane Doe @janedoe", "Jane Doe"),
    ],
)
def test_byline_forms(line: str, credit: str) -> None:
    art = cleantext.clean(f"Harbour plan approved\n{line}\n\n{BODY}")
    assert art.credit == credit
    assert line not in art.body


@pytest.mark.parametrize(
    ("tail", "credit"),
    [
        ("TBP and Agencies", "TBP and Agencies"),
        ("(Reporting by Jane Doe; Editing by John Roe)", "Jane Doe"),
        ("— AFP", "AFP"),
        ("Source: Xinhua", "Xinhua"),
        ("Redação com agências", "Redação com agências"),
        ("Bron: Havenbureau", "Havenbureau"),
        ("Fonte: Agência Porto", "Agência Porto"),
    ],
)
def test_end_of_article_credits(tail: str, credit: str) -> None:
    art = cleantext.clean(f"Harbour plan approved\n\n{BODY}\n\n{tail}")
    assert art.credit == credit
    assert tail not in art.body


def test_title_with_site_affix() -> None:
    text = (
        "Dunmore Gazette\nNews\nSport\n\nHarbour plan approved | Dunmore Gazette\n"
        "March 3, 2024\n\n" + BODY + "\n\n© 2024 Dunmore Gazette"
    )
    assert cleantext.clean(text).title == "Harbour plan approved"


def test_title_printed_twice_is_kept_once() -> None:
    text = "Harbour plan approved\n\nHarbour plan approved\nMarch 3, 2024\n\n" + BODY
    art = cleantext.clean(text)
    assert art.title == "Harbour plan approved"
    assert "Harbour plan approved" not in art.body


@pytest.mark.parametrize("line", ["1 hour ago", "3 Dunmore Rovers 12 4 1 7", "Posted 2 days ago"])
def test_time_lines_and_table_rows_are_not_headline_candidates(line: str) -> None:
    from cleantext import scorer
    from cleantext.fields.title import candidates
    from cleantext.pipeline import prepare
    from cleantext.rules.base import run_stage

    page = prepare(f"News\n\nHarbour plan approved\n\n{line}\n\n{BODY}")
    model = scorer.load_model()
    assert model is not None
    scorer.score_page(page, model)
    run_stage(page, "structure")
    texts = [page.blocks[i].text for i in candidates(page)]
    assert "Harbour plan approved" in texts
    assert line not in texts


def test_headline_of_a_page_without_article_text() -> None:
    # A paywall: headline, byline and date, then only the subscription box.
    text = (
        "Menu\nNews\nSport\n\nHarbour plan approved after two-year fight\nBy Ann Lee\n"
        "March 3, 2024\n\nThis article is for subscribers only\nSubscribe now\n\n"
        "© 2024 Dunmore Gazette"
    )
    art = cleantext.clean(text)
    assert art.title == "Harbour plan approved after two-year fight"
    assert art.date == dt.date(2024, 3, 3)


def test_no_date_no_credit_when_absent() -> None:
    art = cleantext.clean("Harbour plan approved\n\n" + BODY)
    assert art.date is None and art.dateline is None and art.credit is None

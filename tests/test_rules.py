"""Each rule: what it removes, and what it must leave alone.

A case is a small page; ``removes`` are the blocks the rule must take out
(with its own id), ``keeps`` are lines that must stay in the body.  The
rules' docstring examples run too (pytest --doctest-modules).
"""

from __future__ import annotations

import re

import pytest

import cleantext
from cleantext.pipeline import demo
from cleantext.rules.base import REGISTRY

BODY = (
    "The council approved the new harbour plan on Monday after a debate that lasted "
    "six hours, with ten votes in favour and three against."
)
BODY2 = (
    "Work on the quay starts in the spring and should take two years, the harbour "
    "master told reporters after the meeting in the town hall."
)


def page(*parts: str) -> str:
    """A page: a headline and a date, then the given blocks (blank-line separated)."""
    return "\n\n".join(["Harbour plan approved\nMarch 3, 2024", *parts]) + "\n"


CASES: list[tuple[str, str, list[str], list[str]]] = [
    # rule, page, removes, keeps
    (
        "SH001",
        page("Share this:\nFacebook\nTwitter\nEmail", BODY, BODY2),
        ["Share this:", "Facebook", "Twitter"],
        [BODY],
    ),
    (
        "SH001",
        page(
            BODY,
            "Residents can share their views on the plan by email or on "
            "Twitter until the end of the month, the council said.",
            BODY2,
        ),
        [],
        ["Residents can share their views"],
    ),
    (
        "SH001",
        page(BODY, "Teilen\nTeilen auf Facebook\nWhatsApp", BODY2),
        ["Teilen", "Teilen auf Facebook", "WhatsApp"],
        [BODY2],
    ),
    (
        "CP001",
        page(
            "Boats in the harbour at dawn on Sunday, before the vote.",
            "Boats in the harbour at dawn on Sunday, before the vote. [Photo: Ana Ruiz]",
            BODY,
            BODY2,
        ),
        ["Boats in the harbour at dawn on Sunday, before the vote."],
        [BODY],
    ),
    (
        "CP002",
        page("Photo: Ana Ruiz/Harbour Agency", BODY, BODY2),
        ["Photo: Ana Ruiz/Harbour Agency"],
        [BODY],
    ),
    (
        "CP002",
        page(
            "Video shows the harbour wall collapsing during the storm, and the "
            "council said repairs would start at once.",
            BODY,
            BODY2,
        ),
        [],
        ["Video shows the harbour wall"],
    ),
    (
        "CM001",
        page(
            BODY,
            BODY2,
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "Name *\nEmail *\nWebsite",
            "Post Comment",
        ),
        ["Leave a Reply", "Name *", "Post Comment"],
        [BODY2],
    ),
    (
        "CM001",
        page(
            BODY,
            "Readers left more than 400 comments under our first report, "
            "most of them asking about the fish market.",
            BODY2,
        ),
        [],
        ["Readers left more than 400 comments"],
    ),
    (
        "CM002",
        page(
            BODY,
            BODY2,
            "3 Comments",
            "Anna K.\nMarch 3, 2024 at 9:14 pm",
            "About time, the old quay was falling apart.",
            "Reply",
        ),
        ["About time, the old quay was falling apart."],
        [BODY, BODY2],
    ),
    (
        "CA001",
        page(BODY, BODY2, "Anti-Spam * Time limit is exhausted. Please reload the CAPTCHA."),
        ["Anti-Spam * Time limit is exhausted. Please reload the CAPTCHA."],
        [BODY2],
    ),
    (
        "CK001",
        page(
            "We use cookies to give you the best experience on our website. By "
            "continuing you agree to our cookie policy.\nAccept all\nCookie settings",
            BODY,
            BODY2,
        ),
        ["Accept all", "Cookie settings"],
        [BODY],
    ),
    (
        "CK001",
        page(
            BODY,
            "The EU cookie law requires websites to obtain consent before storing "
            "cookies, a rule the council's own site broke for years, auditors found.",
            BODY2,
        ),
        [],
        ["The EU cookie law requires"],
    ),
    (
        "NL001",
        page(BODY, BODY2, "Sign up for our newsletter\nEnter your email address\nSubscribe"),
        ["Sign up for our newsletter", "Enter your email address", "Subscribe"],
        [BODY2],
    ),
    (
        "NL001",
        page(
            BODY,
            "The Gazette lost 3,000 subscribers last year and now asks readers "
            "to subscribe online, its editor told the council.",
            BODY2,
        ),
        [],
        ["The Gazette lost 3,000 subscribers"],
    ),
    (
        "NV001",
        page("Skip to content\nMenu\nSearch", BODY, BODY2),
        ["Skip to content", "Menu"],
        [BODY],
    ),
    ("NV002", page("Home › News › Harbour", BODY, BODY2), ["Home › News › Harbour"], [BODY]),
    (
        "RL001",
        page(BODY, "READ MORE: Fishermen fear for the old market", BODY2),
        ["READ MORE: Fishermen fear for the old market"],
        [BODY, BODY2],
    ),
    (
        "RL002",
        page(BODY, BODY2, "Related articles\nFerry fares to rise in June\nNew lifeboat named"),
        ["Related articles", "Ferry fares to rise in June", "New lifeboat named"],
        [BODY2],
    ),
    (
        "RL003",
        "Bridge closes\nPublished 14/11/2018\nTraffic will use the ring road.\n\n"
        "Zone 30 arrives\nPublished 12/11/2018\nSpeed limits change in January.\n\n"
        "Bus lines change\nPublished 02/11/2018\nThree routes are merged.\n",
        ["Bridge closes", "Published 12/11/2018"],
        [],
    ),
    ("AD001", page(BODY, "Advertisement", BODY2), ["Advertisement"], [BODY, BODY2]),
    (
        "AD001",
        page(BODY, "$749 at Voltmart\nCheck prices", BODY2),
        ["$749 at Voltmart", "Check prices"],
        [BODY2],
    ),
    (
        "TG001",
        page(BODY, BODY2, "Tags: harbour, council, budget"),
        ["Tags: harbour, council, budget"],
        [BODY2],
    ),
    (
        "AU001",
        page(
            BODY,
            BODY2,
            "About the author",
            "Jane Roe covers the harbour and the council for the paper.",
        ),
        ["About the author", "Jane Roe covers the harbour and the council for the paper."],
        [BODY2],
    ),
    (
        "AU002",
        page(BODY, BODY2, "Jane Roe is a staff writer covering the council and the port."),
        ["Jane Roe is a staff writer covering the council and the port."],
        [BODY2],
    ),
    (
        "LG001",
        page(BODY, BODY2, "© 2024 Harbour Media Group. All rights reserved."),
        ["© 2024 Harbour Media Group. All rights reserved."],
        [BODY2],
    ),
    (
        "LG001",
        page(
            BODY,
            "The band's copyright dispute over the harbour song went to court "
            "in 2019 and was settled last week for an undisclosed sum.",
            BODY2,
        ),
        [],
        ["The band's copyright dispute"],
    ),
    (
        "LG002",
        page(BODY, BODY2, "Privacy Policy\nTerms of Use\nContact"),
        ["Privacy Policy", "Terms of Use"],
        [BODY2],
    ),
    ("UP001", page("4 min read", BODY, BODY2), ["4 min read"], [BODY]),
    ("SY001", page("0\n|", BODY, BODY2), ["0", "|"], [BODY]),
    (
        "ER001",
        "Menu\n\nPage not found\n\nSorry, the page you are looking for does not exist.\n",
        ["Page not found"],
        [],
    ),
    (
        "FC002",
        page(BODY, BODY2, "(Reporting by Jane Roe; Editing by John Doe)"),
        ["(Reporting by Jane Roe; Editing by John Doe)"],
        [BODY2],
    ),
    ("DU001", page(BODY, BODY2, BODY), [BODY], [BODY2]),
]


@pytest.mark.parametrize(
    ("rule_id", "text", "removes", "keeps"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_rule_case(rule_id: str, text: str, removes: list[str], keeps: list[str]) -> None:
    removed = demo(rule_id, text)
    for line in removes:
        assert line in removed, f"{rule_id} should remove {line!r}; removed {removed!r}"
    if not removes:
        assert not any(k in r for k in keeps for r in removed), removed
    body = cleantext.clean(text).body
    for line in keeps:
        assert line in body, f"{line!r} should stay in the body:\n{body}"


def test_every_rule_has_a_case_or_an_example() -> None:
    tested = {c[0] for c in CASES}
    for r in REGISTRY.values():
        assert r.id in tested or "Example:" in r.doc, r.id


@pytest.mark.parametrize("rule_id", sorted(REGISTRY))
def test_rule_contract(rule_id: str) -> None:
    r = REGISTRY[rule_id]
    assert re.fullmatch(r"[A-Z]{2}\d{3}", r.id)
    assert r.family == r.id[:2]
    assert r.kind and r.name
    assert r.summary and r.summary[0].isupper()
    assert "Example:" in r.doc, f"{rule_id} has no docstring example"


def test_disabling_a_rule_keeps_its_blocks() -> None:
    text = page("Share this:\nFacebook\nTwitter", BODY, BODY2)
    with_rule = cleantext.clean(text)
    without = cleantext.clean(text, disable=["SH001"])
    assert any(r.rule == "SH001" for r in with_rule.removed)
    assert not any(r.rule == "SH001" for r in without.removed)


def test_unknown_rule_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown rule"):
        cleantext.clean("x", disable=["ZZ999"])


def test_rules_name_no_site_or_url() -> None:
    """Rules are general: no URL or domain in any rule module or phrase list."""
    from importlib import resources

    root = resources.files("cleantext")
    texts = [
        p.read_text(encoding="utf-8")
        for p in root.joinpath("rules").iterdir()
        if p.name.endswith(".py")
    ]
    for lang in root.joinpath("data").joinpath("phrases").iterdir():
        texts += [p.read_text(encoding="utf-8") for p in lang.iterdir()]
    for t in texts:
        assert not re.search(r"https?://|www\.\w|\w\.(?:com|org|net|co\.uk)\b", t)

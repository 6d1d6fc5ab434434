"""Metadata from HTML: JSON-LD variants, microdata, OpenGraph and meta fallbacks, captions."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cleantext.frontends.html import parse_html, parse_tree
from cleantext.metadata import Metadata, extract_metadata, jsonld_objects, parse_date


def page(head: str = "", body: str = "", lang: str = "") -> str:
    attr = f' lang="{lang}"' if lang else ""
    return f"<!DOCTYPE html><html{attr}><head>{head}</head><body>{body}</body></html>"


def ld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_newsarticle_jsonld() -> None:
    html = page(
        ld(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": "Ferry service resumes",
                "datePublished": "2024-05-02T07:30:00+02:00",
                "dateModified": "2024-05-03T10:00:00+02:00",
                "author": {"@type": "Person", "name": "Mara Holm"},
                "publisher": {"@type": "Organization", "name": "Coast Times"},
                "description": "The ferry runs again.",
                "inLanguage": "de-DE",
            }
        ),
        "<h1>Ferry service resumes after storm</h1>",
    )
    m = extract_metadata(html)
    assert m.title == "Ferry service resumes"
    assert m.date == dt.date(2024, 5, 2)
    assert m.date_text == "2024-05-02T07:30:00+02:00"
    assert m.authors == ["Mara Holm"]
    assert m.site_name == "Coast Times"
    assert m.description == "The ferry runs again."
    assert m.lang == "de"
    assert m.sources["title"] == "jsonld" and m.sources["date"] == "jsonld:datePublished"


def test_graph_and_type_lists() -> None:
    html = page(
        ld(
            {
                "@context": "https://schema.org",
                "@graph": [
                    {"@type": "WebSite", "name": "River Blog"},
                    {"@type": "BreadcrumbList", "name": "Crumbs"},
                    {
                        "@type": ["BlogPosting", "Article"],
                        "headline": "Canoe build, part 3",
                        "dateCreated": "2023-08-14",
                        "author": [{"@id": "#a1", "name": "Jo Reed"}, "Sam Park", "Jo Reed"],
                    },
                ],
            }
        )
    )
    m = extract_metadata(html)
    assert m.title == "Canoe build, part 3"
    assert m.date == dt.date(2023, 8, 14)  # dateCreated when there is no datePublished
    assert m.authors == ["Jo Reed", "Sam Park"]  # each once
    assert m.site_name == "River Blog"


def test_list_of_objects_and_several_scripts() -> None:
    html = page(
        ld([{"@type": "Organization", "name": "Gazette"}])
        + ld([{"@type": "ReportageNewsArticle", "headline": "Field report", "author": "Lee Wu"}])
    )
    m = extract_metadata(html)
    assert (m.title, m.authors, m.site_name) == ("Field report", ["Lee Wu"], "Gazette")


@pytest.mark.parametrize(
    "script",
    [
        # trailing commas
        '{"@type": "Article", "headline": "Broken but fine", "author": ["Al Bo",],}',
        # HTML-escaped
        "{&quot;@type&quot;: &quot;Article&quot;, &quot;headline&quot;: &quot;Broken but fine"
        "&quot;, &quot;author&quot;: &quot;Al Bo&quot;}",
        # comment wrapper and CDATA
        '<!-- //<![CDATA[\n{"@type": "Article", "headline": "Broken but fine", '
        '"author": "Al Bo"}\n//]]> -->',
        # two objects in one script, raw newline inside a string
        '{"@type": "WebPage"}\n{"@type": "Article", "headline": "Broken\nbut fine", '
        '"author": "Al Bo"}',
    ],
)
def test_broken_jsonld_repaired(script: str) -> None:
    html = page(f'<script type="application/ld+json">{script}</script>')
    m = extract_metadata(html)
    assert m.title == "Broken but fine"
    assert m.authors == ["Al Bo"]


def test_hopeless_jsonld_skipped() -> None:
    html = page(
        '<script type="application/ld+json">{"@type": "Article", "headline": </script>'
        '<meta property="og:title" content="From OpenGraph">'
    )
    assert extract_metadata(html).title == "From OpenGraph"


def test_jsonld_walk_is_bounded() -> None:
    deep: object = {"@type": "Article", "headline": "Deep"}
    for _ in range(1500):
        deep = [deep]
    assert [o["headline"] for o in jsonld_objects([deep])] == ["Deep"]  # no recursion
    for _ in range(5000):
        deep = [deep]
    assert list(jsonld_objects([deep])) == []  # past the visit budget: given up, no error
    nested = "[" * 50_000 + "]" * 50_000
    html = page(f'<script type="application/ld+json">{nested}</script>')
    assert extract_metadata(html) == Metadata(sources={})


def test_opengraph_and_meta_fallbacks() -> None:
    html = page(
        '<title>Snow closes pass | Alpine Post</title>'
        '<meta property="og:title" content="Snow closes pass | Alpine Post">'
        '<meta property="og:site_name" content="Alpine Post">'
        '<meta property="article:published_time" content="2024-01-09T18:05:00Z">'
        '<meta property="article:author" content="https://example.org/authors/kim">'
        '<meta name="author" content="By Kim Ode">'
        '<meta name="description" content="Heavy snow.">'
        '<meta http-equiv="content-language" content="fr-CH">',
        "<h1>Snow closes the pass</h1>",
    )  # fmt: skip
    m = extract_metadata(html)
    assert m.title == "Snow closes pass"  # the site affix is cut
    assert m.site_name == "Alpine Post"
    assert m.date == dt.date(2024, 1, 9)
    assert m.date_text == "2024-01-09T18:05:00Z"
    assert m.authors == ["Kim Ode"]  # the URL is skipped, "By" dropped
    assert m.description == "Heavy snow."
    assert m.lang == "fr"


@pytest.mark.parametrize(
    "meta, want",
    [
        ('<meta name="parsely-pub-date" content="2022-10-01T12:00:00Z">', dt.date(2022, 10, 1)),
        ('<meta name="sailthru.date" content="Tue, 04 Oct 2022 08:00 GMT">', dt.date(2022, 10, 4)),
        ('<meta name="DC.date.issued" content="2022/10/05">', dt.date(2022, 10, 5)),
        ('<meta name="pubdate" content="20221006">', dt.date(2022, 10, 6)),
        ('<meta itemprop="datePublished" content="2022-10-07">', dt.date(2022, 10, 7)),
        ('<meta name="date" content="October 8, 2022">', dt.date(2022, 10, 8)),
    ],
)  # fmt: skip
def test_date_metas(meta: str, want: dt.date) -> None:
    assert extract_metadata(page(meta)).date == want


@pytest.mark.parametrize(
    "meta, want",
    [
        ('<meta name="parsely-author" content="Ines Roy">', ["Ines Roy"]),
        ('<meta name="sailthru.author" content="Ines Roy">', ["Ines Roy"]),
        ('<meta name="DC.creator" content="Ines Roy">', ["Ines Roy"]),
        ('<meta name="author" content="ines-roy">', []),  # a user-name slug
    ],
)
def test_author_metas(meta: str, want: list[str]) -> None:
    assert extract_metadata(page(meta)).authors == want


def test_microdata() -> None:
    body = (
        '<article itemscope itemtype="https://schema.org/NewsArticle">'
        '<h1 itemprop="headline">Orchard harvest begins</h1>'
        '<span itemprop="author" itemscope><span itemprop="name">Pia Lund</span></span>'
        '<time itemprop="datePublished" datetime="2021-09-20">Sept. 20</time></article>'
    )
    m = extract_metadata(page(body=body))
    assert (m.title, m.authors) == ("Orchard harvest begins", ["Pia Lund"])
    assert m.date == dt.date(2021, 9, 20)
    assert m.sources["title"] == "microdata"


def test_time_near_h1_and_title_fallbacks() -> None:
    body = (
        "<time datetime='2001-01-01'>old</time>" + "<p>filler</p>" * 60
        + "<h1>Night trains return</h1><div><time datetime='2023-12-10T21:00'>Dec 10</time></div>"
    )  # fmt: skip
    m = extract_metadata(page("<title>Night trains | Rail News</title>", body))
    assert m.title == "Night trains return"  # the first h1 before the <title>
    assert m.date == dt.date(2023, 12, 10) and m.sources["date"] == "time"
    m = extract_metadata(page("<title>Only a title</title>", "<p>text</p>"))
    assert m.title == "Only a title" and m.date is None


def test_truncated_headline_replaced_by_full_one() -> None:
    short = "Hunter diagnosed with bubonic plague after eating a rabbit making him third"
    full = short + " local to contract the disease"
    html = page(
        ld({"@type": "NewsArticle", "headline": short})
        + f'<meta property="og:title" content="{full}">'
        + f'<meta name="twitter:title" content="{short} - Daily Planet">'
    )
    assert extract_metadata(html).title == full


def test_figcaption_captions_kept_once() -> None:
    body = (
        "<figure><img src='a.jpg' alt='Waves break on the pier at Dunmore on Sunday'>"
        "<figcaption>Waves break on the pier at Dunmore on Sunday. <span>Photo: AP</span>"
        "</figcaption></figure>"
        "<figure><figcaption>Waves break on the pier at Dunmore on Sunday. Photo: AP"
        "</figcaption></figure>"
        "<p><img src='b.jpg' alt='The harbour master inspects the damaged crane'></p>"
        "<a href='/other'><img src='c.jpg' alt='Teaser for another story entirely'></a>"
        "<img src='d.jpg' alt='logo'><img src='e.jpg' alt='IMG_2041.jpg'>"
        "<div hidden><figcaption>Hidden caption text here</figcaption></div>"
        "<noscript><figcaption>Noscript caption text</figcaption></noscript>"
    )
    m = extract_metadata(page(body=body))
    assert m.captions == [
        "Waves break on the pier at Dunmore on Sunday. Photo: AP",
        "The harbour master inspects the damaged crane",
    ]


def test_lang_sources() -> None:
    assert extract_metadata(page(lang="pt-BR")).lang == "pt"
    assert extract_metadata(page('<meta property="og:locale" content="it_IT">')).lang == "it"
    assert extract_metadata(page()).lang is None


def test_inputs_tree_str_bytes_and_empty() -> None:
    html = page('<meta property="og:title" content="Café talk">')
    want = extract_metadata(html)
    assert want.title == "Café talk"
    assert extract_metadata(html.encode("utf-8")) == want
    assert extract_metadata(parse_tree(html)) == want
    assert extract_metadata(html.encode("utf-16")) == want
    assert extract_metadata("") == Metadata()
    assert extract_metadata(b"") == Metadata()
    assert extract_metadata(None) == Metadata()


def test_shared_parse() -> None:
    html = page(ld({"@type": "Article", "headline": "Shared"}), "<h1>Shared</h1><p>Text.</p>")
    parsed = parse_html(html)
    assert [b.text for b in parsed.blocks] == ["Shared", "Text."]
    assert parsed.metadata.title == "Shared"
    assert parsed.metadata == extract_metadata(parsed.tree)


@pytest.mark.parametrize(
    "text, want",
    [
        ("2019-11-20T02:59:46Z", dt.date(2019, 11, 20)),
        ("2019-11-19 21:57:00 -0800", dt.date(2019, 11, 19)),
        ("Tue, 19 Nov 2019 08:00:00 GMT", dt.date(2019, 11, 19)),
        ("November 19, 2019", dt.date(2019, 11, 19)),
        ("19 novembre 2019", dt.date(2019, 11, 19)),
        ("1574168580", dt.date(2019, 11, 19)),
        ("2019-02-30", None),
        ("", None),
        (None, None),
        ("yesterday", None),
    ],
)
def test_parse_date(text: str | None, want: dt.date | None) -> None:
    assert parse_date(text) == want

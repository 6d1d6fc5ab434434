"""Page metadata from HTML: JSON-LD, microdata, OpenGraph and other ``<meta>`` tags.

Each field takes the first source that has a value, in this order:

* title: JSON-LD ``headline`` (article types), microdata ``headline``,
  ``og:title``, ``twitter:title``, other title metas, the first ``<h1>``,
  the ``<title>`` (with a " | Site" affix removed when it names the site);
* date: JSON-LD ``datePublished`` else ``dateCreated``, microdata
  ``datePublished``, ``article:published_time`` and other publication-date
  metas, a ``<time datetime>`` next to the ``<h1>``;
* authors: JSON-LD ``author``/``creator`` (strings, objects, lists),
  microdata ``author``, ``article:author``/``author``/``parsely-author``/
  ``sailthru.author``/``dc.creator``/... metas (URLs are skipped);
* site name: ``og:site_name``, the article's JSON-LD ``publisher.name``,
  a JSON-LD ``WebSite``/``Organization`` name, ``application-name``;
* description: ``og:description``, ``description``, ``twitter:description``,
  JSON-LD ``description``;
* lang: ``<html lang>``, ``content-language``, ``og:locale``, JSON-LD ``inLanguage``;
* captions: visible ``<figcaption>`` texts and descriptive ``<img alt>`` texts, each once.

Broken JSON-LD (trailing commas, HTML-escaped, comments, several objects in
one script) is repaired where possible and otherwise skipped.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from .frontends.html import ParsedPage, element_text, parse_tree
from .textutil import key

__all__ = ["Metadata", "extract_metadata", "jsonld_objects", "parse_date"]

ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "techarticle",
        "scholarlyarticle", "liveblogposting", "socialmediaposting", "report", "medicalwebpage",
        "advertisercontentarticle", "satiricalarticle", "askpublicnewsarticle", "review",
    }
)  # fmt: skip
_SITE_TYPES = frozenset({"website", "organization", "newsmediaorganization", "corporation"})

_TITLE_METAS = ("og:title", "twitter:title", "title", "parsely-title", "sailthru.title",
                "dc.title", "dcterms.title", "headline")  # fmt: skip
_DATE_METAS = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "article:published", "datepublished", "published_time", "publish-date", "publish_date",
    "publishdate", "pubdate", "date", "dc.date", "dc.date.issued", "dc.date.created",
    "dcterms.created", "dcterms.issued", "dcterms.date", "sailthru.date", "parsely-pub-date",
    "article.published", "originalpublicationdate", "citation_publication_date",
    "citation_date", "datecreated", "created", "release_date", "date.available",
)  # fmt: skip
_AUTHOR_METAS = (
    "article:author", "author", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "citation_author", "byl", "twitter:creator:name", "og:article:author",
)  # fmt: skip
_SITE_METAS = ("og:site_name", "application-name", "apple-mobile-web-app-title",
               "publisher", "dc.publisher", "twitter:app:name:iphone")  # fmt: skip
_DESC_METAS = ("og:description", "description", "twitter:description", "dc.description")

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_JS_COMMENT = re.compile(r"^\s*(?://[^\n]*|/\*.*?\*/)\s*", re.DOTALL)
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
_URLISH = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net)/", re.IGNORECASE)
_BY = re.compile(r"^\s*(?:by|von|par|por|di|door)\s+", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\s*((?:19|20)\d\d)[-/.]?([01]\d)[-/.]?([0-3]\d)(?!\d)")
_WS = re.compile(r"\s+")
_AFFIX_START = frozenset("-|:·•/»>(")
_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " • ", ": ")
_FILE_ALT = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|avif)$|^(?:img|image|dsc|photo)[\s_-]*\d", re.I
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_DROP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})
MAX_JSONLD = 200_000  # characters of one JSON-LD script read
MAX_OBJECTS = 2_000  # JSON-LD objects visited per page
MIN_ALT_WORDS = 4  # shorter img alt texts ("logo", "photo") are not captions
_TIME_WINDOW = 40  # elements after the <h1> searched for a <time datetime>


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the page's markup says about the article.

    ``date_text`` is the date string as the source gives it; ``sources``
    tells, per field, where the value came from (e.g. ``"jsonld"``,
    ``"meta:og:title"``).
    """

    title: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    description: str | None = None
    lang: str | None = None
    captions: list[str] = field(default_factory=list)
    url: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    # The markup declares one article (JSON-LD Article types, og:type article,
    # article:published_time): teaser lists on such a page are not its content.
    article: bool = False


# -- JSON-LD -----------------------------------------------------------------


def _loads(raw: str) -> list[Any]:
    """Parse one JSON-LD script, repairing common breakage; [] when hopeless."""
    text = raw.strip()
    if not text:
        return []
    text = _CDATA.sub("", text).strip()
    if text.startswith("<!--"):
        text = text[4:]
        if text.rstrip().endswith("-->"):
            text = text.rstrip()[:-3]
    while True:
        m = _JS_COMMENT.match(text)
        if not m or not m.group(0):
            break
        text = text[m.end() :]
    text = text.strip().rstrip(";")
    if not text:
        return []
    attempts = [text]
    if "&quot;" in text or "&#" in text:
        attempts.append(unescape(text))
    for attempt in list(attempts):
        if _TRAILING_COMMA.search(attempt):
            attempts.append(_TRAILING_COMMA.sub(r"\1", attempt))
    for attempt in attempts:
        try:
            return [json.loads(attempt, strict=False)]
        except (ValueError, RecursionError):
            pass
        found = _raw_decode_all(attempt)
        if found:
            return found
    return []


def _raw_decode_all(text: str) -> list[Any]:
    """Several JSON values written one after the other."""
    decoder = json.JSONDecoder(strict=False)
    out: list[Any] = []
    pos = 0
    n = len(text)
    while pos < n:
        while pos < n and text[pos] in " \t\r\n,;":
            pos += 1
        if pos >= n:
            break
        try:
            value, end = decoder.raw_decode(text, pos)
        except (ValueError, RecursionError):
            return out
        out.append(value)
        pos = end
    return out


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.rsplit("/", 1)[-1].strip().lower()}
    if isinstance(t, list):
        return {x.rsplit("/", 1)[-1].strip().lower() for x in t if isinstance(x, str)}
    return set()


def jsonld_objects(values: list[Any]) -> Iterator[dict[str, Any]]:
    """Every JSON object with an ``@type``, walking lists and ``@graph`` (no recursion).

    >>> [o["@type"] for o in jsonld_objects([{"@graph": [{"@type": "WebSite"},
    ...                                                  [{"@type": "NewsArticle"}]]}])]
    ['WebSite', 'NewsArticle']
    """
    stack: list[Any] = list(reversed(values))
    seen = 0
    while stack and seen < MAX_OBJECTS:
        v = stack.pop()
        seen += 1
        if isinstance(v, list):
            stack.extend(reversed(v))
        elif isinstance(v, dict):
            if "@type" in v:
                yield v
            graph = v.get("@graph")
            if isinstance(graph, list | dict):
                stack.append(graph)
            main = v.get("mainEntity") or v.get("mainEntityOfPage")
            if isinstance(main, dict) and "@type" in main:
                stack.append(main)


def _text(v: Any) -> str | None:
    """A clean string from a JSON-LD value (a string, a number, or {"@value": ...})."""
    if isinstance(v, dict):
        v = v.get("@value") or v.get("name")
    if isinstance(v, list) and v:
        v = v[0]
    if isinstance(v, int | float) and not isinstance(v, bool):
        v = str(v)
    if not isinstance(v, str):
        return None
    s = _WS.sub(" ", unescape(v)).strip()
    return s or None


def _names(v: Any) -> list[str]:
    """Author names from a string, an object with ``name``, or a list of those."""
    out: list[str] = []
    items = v if isinstance(v, list) else [v]
    for item in items[:50]:
        if isinstance(item, dict):
            name = _text(item.get("name"))
            if name is None:
                given, family = _text(item.get("givenName")), _text(item.get("familyName"))
                name = " ".join(x for x in (given, family) if x) or None
        else:
            name = _text(item)
        if name:
            name = _BY.sub("", name).strip()
        if name and _is_name(name):
            out.append(name)
    return out


def _is_name(s: str) -> bool:
    """Not a URL, not a user-name slug ("kevin-r"), not overly long."""
    if _URLISH.search(s) or len(s) > 200:
        return False
    return " " in s or not (s.islower() and ("-" in s or "_" in s))


# -- dates -------------------------------------------------------------------


def parse_date(text: str | None) -> dt.date | None:
    """The calendar date of a metadata date string (ISO 8601, RFC 2822, or written out).

    The date part is taken as written, in the time zone the string gives.

    >>> parse_date("2019-11-20T02:59:46Z"), parse_date("Tue, 19 Nov 2019 08:00:00 GMT")
    (datetime.date(2019, 11, 20), datetime.date(2019, 11, 19))
    >>> parse_date("November 19, 2019"), parse_date("20191119"), parse_date("soon")
    (datetime.date(2019, 11, 19), datetime.date(2019, 11, 19), None)
    """
    if not text:
        return None
    s = text.strip()[:100]
    m = _ISO_DATE.match(s)
    if m:
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            d = None
        if d is not None:
            return d
    if s.isdigit() and len(s) in (10, 13):  # a Unix timestamp
        try:
            ts = int(s) / (1000 if len(s) == 13 else 1)
            return dt.datetime.fromtimestamp(ts, tz=dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    try:
        return email.utils.parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    from .fields.dates import find_dates

    for found in find_dates(s):
        if found.date is not None and not found.relative:
            return found.date
    return None


# -- the tree ----------------------------------------------------------------


def _visible(el: Any) -> bool:
    """Not inside an element a browser never shows."""
    node = el
    while node is not None:
        tag = node.tag
        if isinstance(tag, str) and tag in _DROP:
            return False
        if node.get("hidden") is not None:
            return False
        style = node.get("style")
        if style and _HIDDEN_STYLE.search(style):
            return False
        node = node.getparent()
    return True


def _el_text(el: Any) -> str:
    return element_text(el)


def _strip_site(title: str, site: str | None) -> str:
    """Remove a " | Site" / "Site: " affix that names the site."""
    if not site:
        return title
    s = key(site)
    for sep in _SEPARATORS:
        if sep in title:
            head, _, tail = title.rpartition(sep)
            if head and key(tail) == s:
                return head.strip()
            first, _, rest = title.partition(sep)
            if rest and key(first) == s:
                return rest.strip()
    return title


class _Collector:
    """One pass over the tree, gathering every candidate in document order."""

    def __init__(self, root: Any) -> None:
        self.metas: dict[str, list[str]] = {}
        self.jsonld: list[Any] = []
        self.h1: Any = None
        self.title: str | None = None
        self.times: list[tuple[int, Any]] = []
        self.h1_pos = -1
        self.figcaptions: list[Any] = []
        self.imgs: list[Any] = []
        self.itemprops: dict[str, list[Any]] = {}
        self.canonical: str | None = None
        self.lang: str | None = None
        if isinstance(root.tag, str):
            self.lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
        tags = ("meta", "script", "h1", "time", "figcaption", "img", "title", "link")
        for pos, el in enumerate(root.iter(*tags)):
            tag = el.tag
            if tag == "meta":
                self._meta(el)
            elif tag == "script":
                t = (el.get("type") or "").strip().lower()
                if t == "application/ld+json" and el.text:
                    self.jsonld.extend(_loads(el.text[:MAX_JSONLD]))
            elif tag == "h1":
                if self.h1 is None and _el_text(el) and _visible(el):
                    self.h1, self.h1_pos = el, pos
            elif tag == "time":
                if el.get("datetime"):
                    self.times.append((pos, el))
            elif tag == "figcaption":
                self.figcaptions.append(el)
            elif tag == "img":
                if el.get("alt"):
                    self.imgs.append(el)
            elif tag == "title":
                if self.title is None and not _in_svg(el):
                    self.title = _el_text(el) or None
            elif tag == "link":
                rel = (el.get("rel") or "").lower().split()
                if "canonical" in rel and self.canonical is None:
                    self.canonical = (el.get("href") or "").strip() or None
        for el in _ITEMPROP(root):
            for prop in (el.get("itemprop") or "").split():
                self.itemprops.setdefault(prop, []).append(el)

    def _meta(self, el: Any) -> None:
        name = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if name and content is not None:
            content = _WS.sub(" ", unescape(content)).strip()
            if content:
                self.metas.setdefault(name.strip().lower(), []).append(content)
            return
        equiv = (el.get("http-equiv") or "").lower()
        if equiv == "content-language" and content:
            self.metas.setdefault("content-language", []).append(content.strip())

    def meta(self, *names: str) -> tuple[str, str] | None:
        for name in names:
            for v in self.metas.get(name, ()):
                return name, v
        return None


_ITEMPROP = etree.XPath("//*[@itemprop]")


def _in_svg(el: Any) -> bool:
    return any(a.tag == "svg" for a in el.iterancestors())


def _itemprop_value(el: Any) -> str | None:
    for attr in ("content", "datetime", "value"):
        v = el.get(attr)
        if v:
            return _WS.sub(" ", v).strip() or None
    if el.tag == "meta":
        return None
    return _el_text(el) or None


def _jsonld_fields(objs: list[dict[str, Any]]) -> dict[str, Any]:
    """Title, dates, authors, site, description and language from JSON-LD objects."""
    out: dict[str, Any] = {}
    articles = [
        o for o in objs if any(t in ARTICLE_TYPES or t.endswith("article") for t in _types(o))
    ]
    out["article"] = bool(articles)
    for o in articles:
        head = _text(o.get("headline")) or _text(o.get("name"))
        if head:
            out.setdefault("title", head)
        for k in ("datePublished", "dateCreated"):
            d = _text(o.get(k))
            if d and "date" not in out:
                out["date"] = d
                out["date_source"] = f"jsonld:{k}"
        authors = _names(o.get("author")) or _names(o.get("creator"))
        if authors and "authors" not in out:
            out["authors"] = authors
        pub = o.get("publisher")
        if isinstance(pub, list) and pub:
            pub = pub[0]
        if isinstance(pub, dict):
            name = _text(pub.get("name"))
            if name:
                out.setdefault("site", name)
        desc = _text(o.get("description"))
        if desc:
            out.setdefault("description", desc)
        lang = _text(o.get("inLanguage"))
        if lang:
            out.setdefault("lang", lang)
    if "site" not in out:
        for o in objs:
            if _types(o) & _SITE_TYPES:
                name = _text(o.get("name"))
                if name:
                    out["site"] = name
                    break
    return out


def extract_metadata(tree_or_html: Any, *, title: str | None = None) -> Metadata:
    """Metadata of a page: from a ``ParsedPage``, a parsed tree, or HTML text or bytes.

    ``title`` is the ``<title>`` text when the caller already has it.

    >>> m = extract_metadata('<html lang="en-GB"><head><meta property="og:site_name" '
    ...     'content="Gazette"><script type="application/ld+json">{"@type": "NewsArticle", '
    ...     '"headline": "Bridge reopens", "datePublished": "2024-03-03T09:00:00Z", '
    ...     '"author": [{"@type": "Person", "name": "Ann Lee"}, "Bo Ng"],}</script></head>'
    ...     '<body><h1>Bridge reopens</h1></body></html>')
    >>> m.title, m.date, m.authors, m.site_name, m.lang
    ('Bridge reopens', datetime.date(2024, 3, 3), ['Ann Lee', 'Bo Ng'], 'Gazette', 'en')
    """
    root = tree_or_html
    if isinstance(root, ParsedPage):
        if title is None:
            title = root.title
        root = root.tree
    if isinstance(root, bytes | bytearray):
        from .decode import decode

        root = decode(bytes(root))[0]
    if isinstance(root, str):
        root = parse_tree(root)
    if root is None:
        return Metadata()
    if hasattr(root, "getroot"):
        root = root.getroot()
    c = _Collector(root)
    sources: dict[str, str] = {}
    objs = list(jsonld_objects(c.jsonld))
    ld = _jsonld_fields(objs)
    og_type = c.meta("og:type")
    article = bool(ld.get("article")) or bool(
        (og_type and og_type[1].strip().lower() == "article") or c.meta("article:published_time")
    )

    # site name first: the title's affix is cut with it
    site: str | None = None
    hit = c.meta("og:site_name")
    if hit and not _URLISH.search(hit[1]):
        site, sources["site_name"] = hit[1], "meta:og:site_name"
    elif ld.get("site"):
        site, sources["site_name"] = ld["site"], "jsonld"
    else:
        hit = c.meta(*_SITE_METAS[1:])
        if hit and not _URLISH.search(hit[1]):
            site, sources["site_name"] = hit[1], f"meta:{hit[0]}"

    # title: the first source, unless a later one is the same headline, untruncated
    page_title = title if title is not None else c.title
    titles: list[tuple[str, str]] = []
    if ld.get("title"):
        titles.append((ld["title"], "jsonld"))
    for el in c.itemprops.get("headline", []):
        v = _itemprop_value(el)
        if v:
            titles.append((v, "microdata"))
    for name in _TITLE_METAS:
        for v in c.metas.get(name, ()):
            titles.append((v, f"meta:{name}"))
    if c.h1 is not None:
        titles.append((_el_text(c.h1), "h1"))
    if page_title:
        titles.append((page_title, "title"))
    head: str | None = None
    if titles:
        cleaned = [(_strip_site(t, site), src) for t, src in titles]
        head, sources["title"] = cleaned[0]
        stem = key(head).rstrip(".… ")
        if len(stem) >= 50:
            for t, src in cleaned[1:]:
                k = key(t)
                rest = k[len(stem) :].lstrip(" .…")
                if len(t) > len(head) and k.startswith(stem) and rest[:1] not in _AFFIX_START:
                    head, sources["title"] = t, src
                    break

    # date
    date_text: str | None = None
    date: dt.date | None = None
    candidates: list[tuple[str, str]] = []
    if ld.get("date"):
        candidates.append((ld["date"], ld["date_source"]))
    for el in c.itemprops.get("datePublished", []):
        v = _itemprop_value(el)
        if v:
            candidates.append((v, "microdata"))
    for name in _DATE_METAS:
        for v in c.metas.get(name, ()):
            candidates.append((v, f"meta:{name}"))
    near = _time_near_h1(c)
    if near:
        candidates.append((near, "time"))
    for text, src in candidates:
        d = parse_date(text)
        if d is not None:
            date_text, date, sources["date"] = text, d, src
            break

    # authors
    authors: list[str] = list(ld.get("authors", []))
    if authors:
        sources["authors"] = "jsonld"
    else:
        for el in c.itemprops.get("author", []):
            inner = el.xpath(".//*[@itemprop='name']")
            v = _itemprop_value(inner[0]) if inner else _itemprop_value(el)
            v = _BY.sub("", v) if v else v
            if v and len(v) <= 100 and _is_name(v):
                authors.append(v)
        if authors:
            sources["authors"] = "microdata"
    if not authors:
        for name in _AUTHOR_METAS:
            vals = [_BY.sub("", v).strip() for v in c.metas.get(name, ())]
            vals = [v for v in vals if v and _is_name(v)]
            if vals:
                authors, sources["authors"] = vals, f"meta:{name}"
                break
    authors = _dedupe(authors)

    # description, language, url
    description: str | None = None
    hit = c.meta(*_DESC_METAS)
    if hit:
        description, sources["description"] = hit[1], f"meta:{hit[0]}"
    elif ld.get("description"):
        description, sources["description"] = ld["description"], "jsonld"
    lang = _lang(c, ld, sources)
    url = c.canonical
    if url is None:
        hit = c.meta("og:url")
        url = hit[1] if hit else None

    return Metadata(
        title=head or None,
        date=date,
        date_text=date_text,
        authors=authors,
        site_name=site,
        description=description,
        lang=lang,
        captions=_captions(c, head),
        url=url,
        sources=sources,
        article=article,
    )


def _time_near_h1(c: _Collector) -> str | None:
    """The ``datetime`` of the first ``<time>`` shortly after (or just before) the ``<h1>``."""
    if c.h1 is None or not c.times:
        return None
    best: tuple[int, str] | None = None
    for pos, el in c.times:
        dist = pos - c.h1_pos
        if -2 <= dist <= _TIME_WINDOW:
            cost = dist if dist >= 0 else 3 * -dist
            if best is None or cost < best[0]:
                best = (cost, el.get("datetime"))
    return best[1] if best else None


def _lang(c: _Collector, ld: dict[str, Any], sources: dict[str, str]) -> str | None:
    raw: list[tuple[str | None, str]] = [
        (c.lang, "html"),
        (next(iter(c.metas.get("content-language", ())), None), "meta:content-language"),
        (next(iter(c.metas.get("og:locale", ())), None), "meta:og:locale"),
        (ld.get("lang"), "jsonld"),
    ]
    for value, src in raw:
        if value:
            code = re.split(r"[-_,;\s]", value.strip().lower(), maxsplit=1)[0]
            if 2 <= len(code) <= 3 and code.isalpha():
                sources["lang"] = src
                return code
    return None


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for s in items:
        k = key(s)
        if k and k not in seen:
            seen.add(k)
            out.append(s)
    return out


def _captions(c: _Collector, title: str | None) -> list[str]:
    """Visible figcaptions, then descriptive img alt texts not already covered, each once.

    Alt texts of images in links (teasers), navigation, asides, headers and
    footers are skipped.
    """
    out: list[str] = []
    keys: list[str] = []
    tkey = key(title) if title else ""

    def add(text: str) -> None:
        k = key(text)
        if not k or k == tkey:
            return
        for seen in keys:
            if k == seen or (len(k) >= 20 and (k in seen or seen in k)):
                return
        keys.append(k)
        out.append(text)

    for el in c.figcaptions:
        text = _el_text(el)
        if text and _visible(el):
            add(text)
    for el in c.imgs:
        alt = _WS.sub(" ", el.get("alt") or "").strip()
        if len(alt.split()) < MIN_ALT_WORDS or _FILE_ALT.search(alt) or len(alt) > 500:
            continue
        if _visible(el) and not any(a.tag in _NOT_CAPTION for a in el.iterancestors()):
            add(alt)
    return out


# An image inside these is a teaser or an icon, its alt text no caption.
_NOT_CAPTION = frozenset({"a", "nav", "aside", "footer", "header", "button", "form"})

"""The date of an HTML page: the day its markup declares, else the one it prints near its
headline.

`declared_date` reads the publication day the markup declares (JSON-LD `datePublished`,
publication meta tags, a `<time>` in the article's head) as written, where trafilatura's
metadata pass may take an update date or convert a time with an offset to UTC (a day off).

`printed_date` is for pages whose markup declares no date: the date is usually printed as
text in the article's head: "March 3, 2023", "Published 26. Februar 2020", "Updated on: 4
May 2021". htmldate's extensive search finds such strings too, but hands the ones with
month names to dateparser over every locale, which costs tens of milliseconds a page; the
packs' grammar (`cleaner.dateline`) reads the six packed languages in microseconds. The
subtrees the DOM pass removed are read too: a byline box with the date is often page
furniture by its class.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import regex
from lxml import etree

from cleaner.metatags import MetaTags
from cleaner.readers import DATE_MAX_CHARS, parse_date
from cleaner.rules import RuleBook

#: `<meta>` names and properties whose content is the publication date (not the update's).
_PUBLISHED_METAS = ("article:published_time", "og:published_time", "datepublished", "publish_date", "publish-date",
                    "pubdate", "dc.date.issued", "dc.date", "dcterms.created", "parsely-pub-date", "sailthru.date")
_ISO_DAY = regex.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


def declared_date(tree: Any, items: list[dict[str, Any]], metas: MetaTags) -> str | None:
    """The publication day the markup declares, as written (no time zone conversion: the
    day the publisher printed): the main JSON-LD `items`' `datePublished`, else a publication
    `<meta>` tag, else a `<time>` element in the article's head. trafilatura's metadata pass
    reads the same tags but may prefer an update or a date in the text; None when none is
    declared as an ISO day."""
    for item in items:
        found = _ISO_DAY.match(str(item.get("datePublished") or ""))
        if found:
            return found.group(1)
    for key in _PUBLISHED_METAS:
        found = _ISO_DAY.match(metas.first(key))
        if found:
            return found.group(1)
    return _time_element_day(tree)


#: The first `<h1>` and every `<time>` with a `datetime`, in page order.
_TIMES = etree.XPath("(.//h1)[1] | .//time[@datetime]")


def _time_element_day(tree: Any) -> str | None:
    """The day of the first `<time datetime>` after the first `<h1>` (the article's head, a
    thread's opening post), else of the first one, as written: the page's own day, where
    trafilatura converts a time with an offset to UTC ("2025-12-19T04:25+0500" is the 19th
    where it was printed)."""
    first: str | None = None
    after_headline = False
    for node in _TIMES(tree):
        if node.tag == "h1":
            after_headline = True
            continue
        found = _ISO_DAY.match(node.get("datetime") or "")
        if found and after_headline:
            return found.group(1)
        first = first or (found.group(1) if found else None)
    return first


#: Elements whose text is never the page's date.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "option", "select", "textarea"})
#: The date is looked for among this many short texts after the headline (then before it).
TEXTS_AFTER_HEADLINE = 60


def printed_date(roots: Iterable[Any], book: RuleBook) -> str | None:
    """ISO 8601 of the first date line after the first `<h1>` (the article's head), else the
    first one; None when they print none. `roots` are read in order: the page, then the
    subtrees the DOM pass removed from it."""
    before: str | None = None
    after_headline = -1
    items: Iterable[Any] = (item for root in roots for item in _CANDIDATES(root))
    for item in items:  # document order: headings and short texts with a digit
        if not isinstance(item, str):
            after_headline = max(after_headline, 0)
            continue
        parent = item.getparent()  # type: ignore[attr-defined]  # lxml's smart string
        if parent is None or not isinstance(parent.tag, str) or parent.tag in _SKIPPED:
            continue
        found = parse_date(item.strip(), book)
        if found and after_headline >= 0:
            return found
        before = before or found
        if after_headline >= 0:
            after_headline += 1
            if after_headline > TEXTS_AFTER_HEADLINE:
                break
    return before


#: The first `<h1>` and every text node of at most `DATE_MAX_CHARS` holding a digit, in page
#: order (one XPath pass in C: most of a page's text is never looked at in Python).
_CANDIDATES = etree.XPath(
    f"(.//h1)[1] | .//text()[string-length(normalize-space(.)) <= {DATE_MAX_CHARS}"
    " and translate(., '0123456789', '') != .]"
)

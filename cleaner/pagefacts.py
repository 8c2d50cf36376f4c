"""What an HTML page's markup says of itself besides its title, authors and date: the site's
name, a description, its address and its tags.

Each is a lookup in the page's `<meta>` and `<link>` tags and its JSON-LD, read once before
the DOM pass removes anything. trafilatura's own metadata pass reads these too, but also
searches the whole body for authors and dates (four tenths of its time on the WCXB pages);
here the authors come from `credits` and the date from `pagedate`, so the extraction runs
without it. Tags the markup does not declare are read from the page's tag links
(`rel="tag"`, or a link to a tag or category page inside a container named for tags).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import regex

from cleaner.credits import item_types
from cleaner.headline import host_of
from cleaner.metatags import MetaTags

#: `<meta>` names whose content is the site's name, strongest first.
_SITE_METAS = ("og:site_name", "application-name", "twitter:site")
_DESCRIPTION_METAS = ("og:description", "description", "twitter:description", "dc.description", "dcterms.description")
_TAG_METAS = ("article:tag", "citation_keywords", "keywords", "news_keywords", "parsely-tags")
_CATEGORY_METAS = ("article:section", "parsely-section")
_SITE_TYPES = frozenset({"website", "organization", "newsmediaorganization"})
#: A link to a tag or category page: "/tag/budget", "/tags/", "/category/news/", "/categories/".
_TAG_HREF = regex.compile(r"/(?:tags?|categor(?:y|ies))/", regex.IGNORECASE)
#: Class or id words of a container of tag links ("post-tags", "entry-categories").
_TAG_CONTAINER = regex.compile(r"(?:^|[\s_-])(?:tags?|categor(?:y|ies)|topics?|keywords)(?:$|[\s_-])", regex.IGNORECASE)
#: A tag link's text is a word or a few; longer text is a headline linked to its section.
TAG_MAX_CHARS = 40
#: Ancestors of a link looked at for a container of tags.
TAG_CONTAINER_DEPTH = 3


@dataclass(frozen=True, slots=True)
class PageFacts:
    site: str | None = None
    description: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)


def read_facts(tree: Any, items: list[dict[str, Any]], url: str | None, metas: MetaTags) -> PageFacts:
    """The facts of a parsed page (`items`: its JSON-LD objects); `url` is where it was
    fetched, the fallback for the address and, by its host, for the site's name."""
    address = _declared_address(tree, metas) or url
    return PageFacts(
        site=_site(metas, items) or host_of(address) or None,
        description=metas.first_of(_DESCRIPTION_METAS) or _item_text(items, "description"),
        url=address,
        tags=_tags(tree, metas, items),
    )


def _declared_address(tree: Any, metas: MetaTags) -> str | None:
    """The page's own absolute address: og:url, else its canonical link."""
    candidates = [metas.first("og:url")]
    candidates += [link.get("href") or "" for link in tree.iter("link") if "canonical" in (link.get("rel") or "").lower().split()]
    return next((c.strip() for c in candidates if c.strip().lower().startswith(("http://", "https://"))), None)


def _site(metas: MetaTags, items: list[dict[str, Any]]) -> str | None:
    """The site's declared name: its `<meta>` tags, else the JSON-LD publisher or website."""
    for key in _SITE_METAS:
        name = metas.first(key).lstrip("@").strip()
        if name and not name.lower().startswith(("http://", "https://")):
            return name
    for item in items:
        publisher = item.get("publisher")
        if isinstance(publisher, list):
            publisher = publisher[0] if publisher else None
        for candidate in (publisher, item if item_types(item) & _SITE_TYPES else None):
            if isinstance(candidate, dict) and isinstance(candidate.get("name"), str) and candidate["name"].strip():
                return " ".join(candidate["name"].split())
    return None


def _item_text(items: list[dict[str, Any]], key: str) -> str | None:
    for item in items:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def _tags(tree: Any, metas: MetaTags, items: list[dict[str, Any]]) -> list[str]:
    """Tags, then categories, as the markup declares them (split later by `tidy_tags`);
    the page's tag links when it declares none."""
    declared = [", ".join(metas.every(k)) for k in _TAG_METAS if metas.first(k)]
    declared += [v for item in items for v in _strings(item.get("keywords"))]
    categories = [", ".join(metas.every(k)) for k in _CATEGORY_METAS if metas.first(k)]
    categories += [v for item in items for v in _strings(item.get("articleSection"))]
    return declared + categories if declared else list(_tag_links(tree)) + categories


def _strings(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [" ".join(v.split()) for v in values if isinstance(v, str) and v.strip()]


def _tag_links(tree: Any) -> Iterator[str]:
    for link in tree.iter("a"):
        href = link.get("href") or ""
        if "tag" not in (link.get("rel") or "").lower().split() and not (_TAG_HREF.search(href) and _in_tag_container(link)):
            continue
        text = " ".join(link.text_content().split())
        if text and len(text) <= TAG_MAX_CHARS:
            yield text


def _in_tag_container(link: Any) -> bool:
    node = link.getparent()
    for _ in range(TAG_CONTAINER_DEPTH):
        if node is None:
            return False
        if _TAG_CONTAINER.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
        node = node.getparent()
    return False

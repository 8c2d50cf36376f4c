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

#: `<meta>` names whose content is the site's name, strongest first.
_SITE_METAS = ("og:site_name", "application-name", "twitter:site")
_DESCRIPTION_METAS = ("og:description", "description", "twitter:description", "dc.description", "dcterms.description")
_TAG_METAS = frozenset({"article:tag", "keywords", "news_keywords", "citation_keywords", "parsely-tags"})
_CATEGORY_METAS = frozenset({"article:section", "parsely-section"})
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


def read_facts(tree: Any, items: list[dict[str, Any]], url: str | None) -> PageFacts:
    """The facts of a parsed page (`items`: its JSON-LD objects); `url` is where it was
    fetched, the fallback for the address and, by its host, for the site's name."""
    metas = _first_metas(tree)
    address = _declared_address(tree, metas) or url
    return PageFacts(
        site=_site(metas, items) or host_of(address) or None,
        description=next((metas[k] for k in _DESCRIPTION_METAS if metas.get(k)), None) or _item_text(items, "description"),
        url=address,
        tags=_tags(tree, metas, items),
    )


def _first_metas(tree: Any) -> dict[str, str]:
    """Each `<meta>` name's first non-empty content, spaces collapsed; several article:tag
    and keywords tags are joined with commas (each is a tag or a list of them)."""
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if not key or not content:
            continue
        if key in metas and key in _TAG_METAS | _CATEGORY_METAS:
            metas[key] += ", " + content
        else:
            metas.setdefault(key, content)
    return metas


def _declared_address(tree: Any, metas: dict[str, str]) -> str | None:
    """The page's own absolute address: og:url, else its canonical link."""
    candidates = [metas.get("og:url", "")]
    candidates += [link.get("href") or "" for link in tree.iter("link") if "canonical" in (link.get("rel") or "").lower().split()]
    return next((c.strip() for c in candidates if c.strip().lower().startswith(("http://", "https://"))), None)


def _site(metas: dict[str, str], items: list[dict[str, Any]]) -> str | None:
    """The site's declared name: its `<meta>` tags, else the JSON-LD publisher or website."""
    for key in _SITE_METAS:
        name = metas.get(key, "").lstrip("@").strip()
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


def _tags(tree: Any, metas: dict[str, str], items: list[dict[str, Any]]) -> list[str]:
    """Tags, then categories, as the markup declares them (split later by `tidy_tags`);
    the page's tag links when it declares none."""
    declared = [metas[k] for k in sorted(_TAG_METAS) if k in metas]
    declared += [v for item in items for v in _strings(item.get("keywords"))]
    categories = [metas[k] for k in sorted(_CATEGORY_METAS) if k in metas]
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

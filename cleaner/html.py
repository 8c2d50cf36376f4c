"""HTML input: main-content extraction with trafilatura, then the text stages.

This is the first, plain version of the HTML path (the "HTML pages" issue
builds DOM-level chrome removal on it). trafilatura returns one paragraph per
line; the same text stages then run on those paragraphs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import trafilatura

from cleaner.dom import captions, parse, strip_chrome

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass
class Extracted:
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    site: str | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    url: str | None = None
    captions: list[str] = field(default_factory=list)


def extract_html(html: str, url: str | None = None) -> Extracted:
    """Main content and metadata of an HTML page; empty text when nothing is found."""
    tree = parse(html)
    if tree is None:
        return Extracted(text="")
    figure_captions = captions(tree)
    strip_chrome(tree)
    try:
        # fast: trafilatura's readability/jusText fallbacks cost more than they bring here,
        # since the DOM chrome is gone and the text stages run after extraction
        doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, with_metadata=True, fast=True)
    except Exception:  # noqa: BLE001 - trafilatura raises many lxml errors on broken markup
        doc = None
    if doc is None:
        return Extracted(text="", captions=figure_captions)
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    tags = [t for t in (doc.tags or []) if t] + [c for c in (doc.categories or []) if c]
    return Extracted(
        text=doc.text or "",
        title=doc.title or None,
        authors=authors,
        date=doc.date or None,
        site=doc.sitename or None,
        language=doc.language or None,
        tags=tags,
        description=doc.description or None,
        url=doc.url or url,
        captions=figure_captions,
    )

"""Who published the article first (`source`) and where it was scraped (`site`).

Rules already fill both from credit lines ("Provided by X", "Explore what
Daily8 AI can do for you"). Aggregators also list the page's own article
among the related cards: a card whose headline is the title, or whose
snippet repeats the body, names the original publisher.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from cleaner.features import words
from cleaner.model import Document
from cleaner.stages import Context

STAGE = "source"
SNIPPET_OVERLAP = 0.6
#: Only the first cards are compared with the body: the page's own article is listed early.
MAX_CARDS = 50


def _key(text: str | None) -> str:
    return " ".join(words((text or "").casefold()))


def resolve_source(doc: Document, ctx: Context) -> None:
    meta = doc.meta
    if not meta.source:
        meta.source = _source_from_cards(doc)
    if not meta.site and meta.url:
        host = urlsplit(meta.url).hostname or ""
        meta.site = host.removeprefix("www.") or None


def _source_from_cards(doc: Document) -> str | None:
    if not doc.teasers:
        return None
    title = _key(doc.meta.title)
    body_key: str | None = None  # built on the first snippet long enough to compare: most pages have none
    body_words: set[str] = set()
    for card in doc.teasers[:MAX_CARDS]:
        if not card.source:
            continue
        if title and _key(card.headline) == title:
            return card.source
        snippet_key = _key(card.snippet)
        snippet = snippet_key.split()
        if len(snippet) < 20:
            continue
        if body_key is None:
            body_key = _key(" ".join(b.text for b in doc.blocks if b.is_body))
            body_words = set(body_key.split())
        shared = sum(1 for w in snippet if w in body_words)
        if body_words and shared / len(snippet) >= SNIPPET_OVERLAP and snippet_key[:80] in body_key:
            return card.source
    return None

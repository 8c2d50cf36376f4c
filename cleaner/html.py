"""HTML input: main-content extraction with trafilatura, then the text stages.

This is the first, plain version of the HTML path (the "HTML pages" issue
builds DOM-level chrome removal on it). trafilatura returns one paragraph per
line; the same text stages then run on those paragraphs.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import trafilatura

from cleaner.deadline import NO_DEADLINE, Deadline
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
    fallback: bool = False


#: htmldate's extensive search (every date-like string in the page) costs a tenth of the
#: extraction time; the page's markup (meta tags, JSON-LD, time elements) is enough here.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
#: Below this much text, trafilatura is taken to have missed the article and the fallback runs.
FALLBACK_BELOW_CHARS = 200
#: Paragraphs whose text is mostly link text are navigation, not article.
MAX_LINK_SHARE = 0.5


def paragraph_walk(html: str) -> str:
    """The fallback: every paragraph-like element of the chrome-stripped page, in order."""
    tree = parse(html)
    if tree is None:
        return ""
    strip_chrome(tree)
    lines = []
    for node in tree.iter("p", "li", "blockquote", "h2", "h3", "pre", "td"):
        text = " ".join(node.text_content().split())
        if len(text) < 40 or any(a is not node and a.tag in ("p", "li", "blockquote") for a in node.iterancestors()):
            continue
        links = sum(len(a.text_content()) for a in node.iter("a"))
        if links <= MAX_LINK_SHARE * len(text):
            lines.append(text)
    return "\n".join(lines)


_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")


def tables_as_text(text: str) -> str:
    """trafilatura prints table rows as "| a | b |": keep the cells as plain text, one row a
    line, and drop the "|---|" rules (a reader sees cells, not pipes)."""
    if "|" not in text:
        return text
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            if _TABLE_RULE.match(stripped):
                continue
            line = " ".join(cell.strip() for cell in stripped.strip("|").split("|") if cell.strip())
        lines.append(line)
    return "\n".join(lines)


#: A split article: when the paragraphs under same-class containers hold this many times the
#: text trafilatura kept, and its text starts among them, all of them are the article.
SPLIT_GAIN = 1.6


def _with_sibling_blocks(tree, text: str) -> str:
    """Articles split into several containers of one class (around ads or embeds) lose all
    but the first block in trafilatura; take every block of that class, in page order."""
    if not text:
        return text
    groups: dict[tuple[str, str], list[str]] = {}
    sizes: dict[tuple[str, str], int] = {}
    for para in tree.iter("p"):
        parent = para.getparent()
        cls = parent.get("class") if parent is not None else None
        if not cls:
            continue
        line = " ".join(para.text_content().split())
        if line:
            key = (parent.tag, cls)
            groups.setdefault(key, []).append(line)
            sizes[key] = sizes.get(key, 0) + len(line)
    if not groups:
        return text
    best = max(sizes, key=sizes.__getitem__)
    # a group can only win when it holds SPLIT_GAIN times trafilatura's text: most pages stop here
    if sizes[best] + len(groups[best]) < SPLIT_GAIN * len(text):
        return text
    lines = groups[best]
    joined = " ".join(lines)
    head = " ".join(text.split())[:120]
    if len(joined) >= SPLIT_GAIN * len(text) and head and head in joined:
        return "\n".join(lines)
    return text


_EXTRACTION_FIELDS = ("text", "title", "author", "date", "sitename", "language", "tags", "categories", "description", "url")


def extract_html(html: str, url: str | None = None, deadline: Deadline = NO_DEADLINE) -> Extracted:
    """Main content and metadata of an HTML page; empty text when nothing is found.
    The deadline is checked between the steps (each one call into lxml or trafilatura)."""
    tree = parse(html)
    if tree is None:
        return Extracted(text="")
    deadline.check()
    figure_captions = captions(tree)
    strip_chrome(tree)
    deadline.check()
    doc: Any  # trafilatura's Document (an object), or a dict in older versions, or None
    try:
        # fast: trafilatura's readability/jusText fallbacks cost more than they bring here,
        # since the DOM chrome is gone and the text stages run after extraction
        doc = trafilatura.bare_extraction(
            tree, url=url, include_comments=False, with_metadata=True, fast=True, date_extraction_params=DATE_PARAMS
        )
    except Exception:  # noqa: BLE001 - trafilatura raises many lxml errors on broken markup
        doc = None
    if isinstance(doc, dict):  # older trafilatura versions answer with a dict
        doc = SimpleNamespace(**{k: doc.get(k) for k in _EXTRACTION_FIELDS})
    deadline.check()
    if doc is None or len(doc.text or "") < FALLBACK_BELOW_CHARS:
        fallback = paragraph_walk(html)
        if doc is None or len(fallback) > len(doc.text or ""):
            return Extracted(text=fallback, captions=figure_captions, title=doc.title if doc else None,
                             url=url, fallback=True)
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    tags = [t for t in (doc.tags or []) if t] + [c for c in (doc.categories or []) if c]
    return Extracted(
        text=_with_sibling_blocks(tree, tables_as_text(doc.text or "")),
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

"""The authors an HTML page credits: in its structured data (JSON-LD), else in its bylines.

trafilatura reads the same data but normalises names for its own matching ("Z.B. Steele"
becomes "Z B Steele", "AccountingDepartment.com" becomes "AccountingDepartment com") and
drops handles ("ridwan123"). A page's JSON-LD `author` of its main item (the article, the
forum thread, the question) is the credit the publisher gives, so it is taken as printed:
a person's name, a forum handle, or an organisation credited as the author (but not the
publisher itself, which is the site). Authors of reviews, comments and answers inside the
item are not its authors.

When neither the JSON-LD nor trafilatura names anyone, the page's byline elements are read
(`printed_authors`), in the DOM pass's removals too: some sites set the byline inside a
container the pass takes for page furniture.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import regex

#: The item types whose `author` is the page's author.
MAIN_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "techarticle", "scholarlyarticle", "socialmediaposting", "discussionforumposting", "liveblogposting", "question",
    "howto", "recipe", "review", "creativework", "webpage", "medicalwebpage", "aboutpage", "report",
})
#: Names longer than this are a bio or a list glued together, not a credit.
NAME_MAX_CHARS = 60
_LETTER = regex.compile(r"\p{L}")
_URL = regex.compile(r"^(?:https?:|www\.)|/")


def declared_authors(tree: Any) -> list[str]:
    """The authors of the page's main JSON-LD item, in order, each once; [] when it names none."""
    for item in _items(tree):
        kind = _types(item)
        if not kind & MAIN_TYPES:
            continue
        publisher = _name(item.get("publisher"))
        names = [n for n in (_name(a) for a in _as_list(item.get("author"))) if n and _is_credit(n, publisher)]
        if names:
            return list(dict.fromkeys(names))
    return []


def _items(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of the page, top-level items and `@graph` members first, then the
    `mainEntity` they hold."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in _as_list(data):
            if not isinstance(item, dict):
                continue
            members = [m for m in _as_list(item.get("@graph")) if isinstance(m, dict)] or [item]
            for member in members:
                yield member
                for entity in _as_list(member.get("mainEntity")):
                    if isinstance(entity, dict):
                        yield entity


def _types(item: dict[str, Any]) -> set[str]:
    return {str(t).rsplit("/", 1)[-1].lower() for t in _as_list(item.get("@type"))}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _name(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name") or ""
        if isinstance(value, list):
            value = value[0] if value else ""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _is_credit(name: str, publisher: str) -> bool:
    """A name as a credit: letters in it, short, no URL, not the publisher (the site)."""
    return (len(name) <= NAME_MAX_CHARS and bool(_LETTER.search(name)) and not _URL.search(name)
            and name.casefold() != publisher.casefold())


#: Class or id words that name a byline; "author-bio", "author-avatar" hold more than a name.
_BYLINE_WORDS = frozenset({"author", "byline", "authors", "writer"})
_NOT_A_NAME_WORDS = frozenset({"bio", "avatar", "image", "img", "photo", "box", "description", "about", "info", "card", "more",
                              "social", "posts", "date", "time", "label", "title"})
_TOKEN_PARTS = regex.compile(r"[-_]+")
#: A printed credit longer than this is a bio or a whole byline box.
PRINTED_MAX_CHARS = 80


def printed_authors(subtrees: Iterable[Any], limit: int = 3) -> list[str]:
    """The texts of the byline elements (`rel="author"`, `itemprop="author"`, a class or id
    word "author" or "byline") in `subtrees`: the page and what the DOM pass removed from it
    as page furniture, where some sites set the byline; at most `limit`, in order. Run only
    when nothing else named an author. The authors stage reads the names out of them."""
    found: list[str] = []
    for node in (node for subtree in subtrees for node in subtree.iter()):
        if not isinstance(node.tag, str) or not _names_byline(node):
            continue
        text = " ".join(node.text_content().split())
        if text and len(text) <= PRINTED_MAX_CHARS and _LETTER.search(text) and text not in found:
            found.append(text)
            if len(found) >= limit:
                break
    return found


def _names_byline(node: Any) -> bool:
    if node.get("rel") == "author" or node.get("itemprop") == "author":
        return True
    for token in f"{node.get('class') or ''} {node.get('id') or ''}".lower().split():
        parts = set(_TOKEN_PARTS.split(token))
        if parts & _BYLINE_WORDS and not parts & _NOT_A_NAME_WORDS:
            return True
    return False


def as_printed(names: list[str], page: str) -> list[str]:
    """trafilatura's author names with the punctuation it dropped put back as the page prints
    them: "Nelson D Schwartz" is "Nelson D. Schwartz" on the page, "Z B Steele" "Z.B. Steele"."""
    restored = []
    for name in names:
        tokens = name.split()
        if len(tokens) > 1 and any(len(t) == 1 for t in tokens):
            spaced = r"\.?\s*".join(regex.escape(t) for t in tokens)
            found = regex.search(rf"(?<![\w.]){spaced}\.?(?!\w)", page)
            name = " ".join(found.group().split()) if found else name
        restored.append(name)
    return restored

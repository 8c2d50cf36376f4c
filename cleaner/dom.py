"""DOM-level chrome removal before extraction, and captions.

Page furniture usually announces itself in class, id, role, aria-label and data-*
attributes ("related-posts", "newsletter-signup", role="navigation"). Removing those
subtrees before trafilatura runs keeps their text out of the article, whatever shape it
takes once flattened. The tokens are data (`packs/dom.toml`), matched as whole tokens.

Guards, because losing article text is worse than keeping chrome:
- `html`, `body`, `main` and `article` elements are never removed;
- an element holding at least `MAX_SHARE` of the page's paragraph text is kept.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from importlib import resources

from lxml import etree

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Never remove an element that holds this share of the page's paragraph text.
MAX_SHARE = 0.4
_SPLIT = re.compile(r"[\s_\-:/]+")
_PROTECTED = frozenset({"html", "body", "main", "article"})
_ROLES = frozenset({"navigation", "complementary", "banner", "contentinfo", "search", "dialog", "alertdialog"})
_NEVER = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "form", "button", "select"})


@cache
def chrome_tokens() -> frozenset[str]:
    data = tomllib.loads((resources.files("cleaner") / "packs" / "dom.toml").read_text("utf-8"))
    tokens = {t.lower() for group in data["dom"].values() for t in group}
    return frozenset(tokens | {_SPLIT.sub("", t) for t in tokens})


@cache
def _chrome_pattern() -> re.Pattern[str]:
    """One search for any chrome token standing whole in an attribute value (between spaces,
    "_", "-", ":" or "/", or at either end): one C-level scan per attribute instead of a
    split and a set lookup per token, on every element of every page."""
    alternatives = "|".join(re.escape(t) for t in sorted(chrome_tokens(), key=len, reverse=True))
    return re.compile(rf"(?<![^\s_\-:/])(?:{alternatives})(?![^\s_\-:/])", re.IGNORECASE)


def parse(html: str) -> etree._Element | None:
    """Parse as trafilatura does (its own loader copes with more broken markup than ours)."""
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except (etree.ParserError, ValueError, TypeError):
        return None


def _paragraph_chars(node: etree._Element) -> int:
    return sum(len(p.text_content()) for p in node.iter("p"))


_SIGNAL_ATTRIBUTES = frozenset({"class", "id", "aria-label", "data-component", "data-module", "data-type"})


def _is_chrome(element: etree._Element, pattern: re.Pattern[str]) -> bool:
    for name, value in element.items():  # all attributes in one call
        if name in _SIGNAL_ATTRIBUTES:
            if pattern.search(value):
                return True
        elif name == "role" and value.lower() in _ROLES:
            return True
    return element.tag in ("nav", "aside", "footer") and element.getparent() is not None


#: A list whose items are short and mostly link text is a link farm (navigation, categories,
#: related headlines), whatever its class says.
LINK_LIST_MIN_ITEMS = 4
LINK_LIST_LINK_SHARE = 0.8
LINK_LIST_MAX_ITEM_CHARS = 90


def _is_link_list(element: etree._Element) -> bool:
    if element.tag not in ("ul", "ol"):
        return False
    items = [li for li in element if li.tag == "li"]
    if len(items) < LINK_LIST_MIN_ITEMS:
        return False
    text = element.text_content()
    chars = len("".join(text.split()))
    if not chars or chars / len(items) > LINK_LIST_MAX_ITEM_CHARS:
        return False
    linked = sum(len("".join(a.text_content().split())) for a in element.iter("a"))
    return linked >= LINK_LIST_LINK_SHARE * chars


def strip_chrome(tree: etree._Element) -> int:
    """Remove chrome subtrees in place; returns how many were removed.

    An explicit stack, not recursion: pages nest tens of thousands of levels deep. A removed
    subtree is not visited further.
    """
    pattern = _chrome_pattern()
    limit = MAX_SHARE * (_paragraph_chars(tree) or 1)
    doomed = []
    stack = [tree]
    while stack:
        element = stack.pop()
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _NEVER:
                continue
            if tag not in _PROTECTED and (_is_chrome(child, pattern) or _is_link_list(child)) and (
                _paragraph_chars(child) < limit
            ):
                doomed.append(child)
            else:
                stack.append(child)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # lxml.html keeps the text that followed the element
    return len(doomed)


def captions(tree: etree._Element) -> list[str]:
    found = []
    for node in tree.iter("figcaption"):
        text = " ".join(node.text_content().split())
        if text and text not in found:
            found.append(text)
    return found

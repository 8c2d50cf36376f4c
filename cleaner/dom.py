"""DOM-level chrome removal before extraction, and captions.

Page furniture usually announces itself in class, id, role, aria-label and data-*
attributes ("related-posts", "newsletter-signup", role="navigation"). Removing those
subtrees before trafilatura runs keeps their text out of the article, whatever shape it
takes once flattened. The words are data (`packs/dom.toml`: groups with an id and a reason,
listed by `cleaner rules`), matched against whole tokens: a class name is read as a whole
compound, so "related-posts" is related content while "not-footer", "has-sidebar" and
"unrelated" are not chrome at all.

Guards, because losing article text is worse than keeping chrome:
- `html`, `body`, `main` and `article` elements are never removed;
- an element holding at least `MAX_SHARE` of the page's paragraph text is kept (menus can
  outweigh an article in characters, never in paragraphs), a `<nav>` too (broken markup can
  leave one open around the whole article); so is one holding that share of the visible text
  (a page may have no `<p>`), unless it is a `<nav>` or a navigation landmark (a page that is
  only navigation has no article to keep);
- a container named for navigation whose text is mostly unlinked paragraphs of sentences is
  an article section (`prose_is_content` in the pack: menus are links);
- on a page that declares itself a discussion (`declares_discussion`), comment containers
  hold the thread's replies (`kept_on_discussions`).
A dialog (`role="dialog"`, `aria-modal="true"`) goes whatever it holds: a modal over the page
is never its content.
Every removal is returned with its group's id and reason, so explanations list it.
"""

from __future__ import annotations

import copy
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from lxml import etree

from cleaner.features import ends_sentence, punctuated, sentence_count

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Never remove an element that holds this share of the page's visible text.
MAX_SHARE = 0.4
_PARTS = re.compile(r"[\s_\-:/.]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_PROTECTED = frozenset({"html", "body", "main", "article"})
_ROLES = frozenset({"navigation", "complementary", "banner", "contentinfo", "search"})
_DIALOG_ROLES = frozenset({"dialog", "alertdialog"})
_NEVER = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "form", "button", "select"})
#: Elements whose text no reader sees on the page (code and data for the browser).
HIDDEN = ("script", "style", "noscript", "template")


@dataclass(frozen=True)
class DomRule:
    """A group of chrome words, or a structural test, with the id and reason explanations print."""

    id: str
    reason: str
    words: tuple[str, ...] = ()
    #: the furniture this names is never prose (menus are links): a container so named that
    #: holds paragraphs of sentences is an article section, and stays
    prose_is_content: bool = False
    #: the furniture this names is the content of a discussion page (a forum thread's replies
    #: sit in containers named for comments): kept there
    kept_on_discussions: bool = False
    #: what this names goes whatever share of the page it holds (a modal over the page)...
    beyond_guards: bool = False
    #: ...unless it sits in the page's main landmark holding paragraphs of sentences: a panel
    #: of the content itself (a product's description in a slide-in sheet), not a modal over it
    main_prose_is_content: bool = False
    #: inside such a panel this is the panel's own frame (its `<aside>`), not the page's
    frames_panels: bool = False


ROLE_RULE = DomRule("dom.role", "ARIA landmark of page furniture (navigation, banner, footer, search)")
DIALOG_RULE = DomRule("dom.dialog", "dialog or modal over the page (role=dialog, aria-modal)", beyond_guards=True,
                      main_prose_is_content=True)
ELEMENT_RULE = DomRule("dom.element", "nav, aside or footer element", frames_panels=True)
LINK_LIST_RULE = DomRule("dom.link-list", "list of short links (navigation, categories, related headlines)")
#: The rules read from the markup's structure rather than from the pack's words.
STRUCTURAL_RULES = (ROLE_RULE, DIALOG_RULE, ELEMENT_RULE, LINK_LIST_RULE)


@dataclass(frozen=True)
class DomRemoval:
    """A subtree removed before extraction: its visible text and the rule that took it."""

    text: str
    rule: DomRule
    #: the removed subtree itself (metadata a site sets in its furniture is read from it)
    subtree: etree._Element | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class DomPack:
    groups: tuple[DomRule, ...]
    modifiers: frozenset[str]
    by_word: dict[str, DomRule]
    #: the names a CMS gives an article's text container, as the pack writes them ("entry-content")
    article_body_names: tuple[str, ...] = ()


@cache
def dom_pack() -> DomPack:
    data = tomllib.loads((resources.files("cleaner") / "packs" / "dom.toml").read_text("utf-8"))
    groups = tuple(DomRule(g["id"], g["reason"], tuple(w.lower() for w in g["words"]), g.get("prose_is_content", False),
                           g.get("kept_on_discussions", False)) for g in data["groups"])
    by_word: dict[str, DomRule] = {}
    for group in groups:
        for word in group.words:
            by_word.setdefault(word, group)
            by_word.setdefault(_PARTS.sub("", word), group)  # "most-read" also as "mostread"
    return DomPack(groups, frozenset(w.lower() for w in data["dom"]["modifiers"]), by_word,
                   tuple(w.lower() for w in data["dom"].get("article_body", [])))


def chrome_tokens() -> frozenset[str]:
    return frozenset(dom_pack().by_word)


@cache
def _chrome_pattern() -> re.Pattern[str]:
    """A first, cheap look: does any chrome word stand whole in the attribute value (between
    separators or at either end)? One C-level scan per attribute on every element; only
    values it finds are read token by token (`chrome_rule`)."""
    alternatives = "|".join(re.escape(t) for t in sorted(chrome_tokens(), key=len, reverse=True))
    return re.compile(rf"(?<![^\s_\-:/.])(?:{alternatives})(?![^\s_\-:/.])", re.IGNORECASE)


def chrome_rule(value: str) -> DomRule | None:
    """The group a class, id or label value names, reading each of its tokens as a whole:
    "related-posts" → related; "not-footer", "has-sidebar" → None (a modifier in the
    compound says the element is not, or only holds, that furniture; a utility class's
    arbitrary value, "top-[var(--nav-height)]", is a style, not a name)."""
    pack = dom_pack()
    for token in value.split():
        if "[" in token:
            continue  # a utility class with an arbitrary value names a style: "top-[var(--nav-height)]"
        rule = pack.by_word.get(token.lower())
        if rule is not None:
            return rule
        parts = [p.lower() for p in _PARTS.split(_CAMEL.sub(" ", token)) if p]
        if not parts or any(p in pack.modifiers for p in parts):
            continue
        for n, part in enumerate(parts):
            rule = pack.by_word.get(part) or (pack.by_word.get(part + parts[n + 1]) if n + 1 < len(parts) else None)
            if rule is not None:
                return rule
    return None


def parse(html: str) -> etree._Element | None:
    """Parse as trafilatura does (its own loader copes with more broken markup than ours),
    reading on past an early end of the document as a browser does (`_read_on`)."""
    from trafilatura.utils import load_html

    try:
        return load_html(_read_on(html))
    except (etree.ParserError, ValueError, TypeError):
        return None


_DOCUMENT_END = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
_A_TAG = re.compile(r"<[a-zA-Z]")


def _read_on(html: str) -> str:
    """The page without its `</body>` and `</html>` when markup follows the first `</html>`: a
    template that closes the document after its header, then prints the article, shows the
    article in a browser (which puts what follows back in the body), where lxml drops
    everything after `</html>`. Most pages end at their `</html>`: one scan, no copy."""
    end = html.find("</html")  # str.find: far faster than a regex over the whole page
    if end < 0:
        end = html.find("</HTML")
    if end < 0 or _A_TAG.search(html, end + len("</html")) is None:
        return html
    return _DOCUMENT_END.sub("", html)


def _visible_chars(node: etree._Element) -> int:
    """Characters of the text a reader sees in the subtree, spaces aside: all of it, not only
    paragraphs, and nothing of scripts and styles (a page's inline JSON would swamp it)."""
    chars = _chars(text_of(node))
    for hidden in node.iter(*HIDDEN):
        chars -= _chars(text_of(hidden))
    return max(chars, 0)


#: All the text of a subtree, joined in C (XPath's `string()`): `"".join(node.itertext())`.
text_of = etree.XPath("string(.)", smart_strings=False)


def _chars(text: str) -> int:
    return len(text) - sum(map(text.count, (" ", "\n", "\t", "\r", "\xa0")))


_SIGNAL_ATTRIBUTES = frozenset({"class", "id", "aria-label", "data-component", "data-module", "data-type"})


def _may_remove(element: etree._Element, rule: DomRule, limit: float, paragraph_limit: float) -> bool:
    """Chrome by its name may go unless it holds a large share of the page's paragraph text
    (menus can outweigh an article in characters, never in paragraphs: a `<nav>` that broken
    markup left open around the article holds its paragraphs) or of its visible text (a page
    may have no `<p>`; only a `<nav>` or navigation landmark leaves then, since a page that is
    only navigation has no article to keep). A dialog goes whatever it holds (a modal over the
    page, terms of service, a sign-up form, is never the page's own content) unless it is a
    panel of the main content: in `<main>`, holding paragraphs of sentences."""
    if rule.beyond_guards:
        return not (rule.main_prose_is_content and _in_main(element) and _holds_prose(element))
    # the subtree's whole text (scripts and spaces too, counted in C) bounds both counts:
    # most chrome is far below the limits and is never walked in Python
    text_length = _TEXT_LENGTH(element)
    if paragraph_limit > 0 and text_length >= paragraph_limit and _paragraph_chars(element) >= paragraph_limit:
        return False
    if _is_navigation(element):
        return True
    if rule.prose_is_content and _holds_prose(element):
        return False  # an article section in a container whose class says "nav" or "footer"
    if text_length >= limit and _visible_chars(element) >= limit:
        return False
    # a layout wrapper around the article's own text container stays (asked last: it walks
    # the subtree's named elements)
    return text_length < ARTICLE_BODY_MIN_CHARS or not _holds_article_body(element)


#: An article-text container (`_holds_article_body`) guards its furniture-named ancestor when
#: it shows this much text (a teaser card's "post-content" holds a line or two)...
ARTICLE_BODY_MIN_CHARS = 500
#: ...with at least this much of it in paragraphs: an article's text opens with one (a
#: portfolio grid of names in a CMS's "entry-content" holds none).
ARTICLE_BODY_MIN_PARAGRAPH_CHARS = 150
_NAMED_CONTAINERS = etree.XPath(".//*[@itemprop or @class or @id]")
_NAME_VALUES = etree.XPath(".//@class | .//@id | .//@itemprop", smart_strings=False)


@cache
def _article_body_pattern() -> re.Pattern[str]:
    """A whole class, id or itemprop token naming an article's text container: one of the
    pack's `article_body` names written with any separators or none ("entry-content",
    "article__body", "articleBody", schema.org's itemprop "articleBody")."""
    separators = r"[-_:/.]*"
    names = "|".join(separators.join(map(re.escape, _PARTS.split(name))) for name in dom_pack().article_body_names)
    if not names:
        return re.compile(r"(?!)")  # no names listed: nothing is an article's container
    return re.compile(rf"(?<!\S){separators}(?:{names}){separators}(?!\S)", re.IGNORECASE)


def _holds_article_body(element: etree._Element) -> bool:
    """The subtree holds the container a CMS gives an article's own text (itemprop
    articleBody, or a class or id token the pack's `article_body` names) showing an article's
    worth of text (in lists and tables too, under a paragraph at least): furniture never holds
    the article."""
    names = _article_body_pattern()
    if not names.search(" ".join(_NAME_VALUES(element))):
        return False  # no such name in the subtree: one C-level pass, one regex search
    for node in _NAMED_CONTAINERS(element):
        named = names.search(f"{node.get('class') or ''} {node.get('id') or ''} {node.get('itemprop') or ''}")
        if named and _paragraph_chars(node) >= ARTICLE_BODY_MIN_PARAGRAPH_CHARS and _visible_chars(node) >= ARTICLE_BODY_MIN_CHARS:
            return True
    return False


_TEXT_LENGTH = etree.XPath("string-length(string(.))")


#: A container named for navigation whose text is mostly paragraph prose (sentences, few
#: links), at least this much of it, holds an article section: menus are links.
NAVIGATION_PROSE_CHARS = 200
NAVIGATION_PROSE_SHARE = 0.5
_PROSE_PARAGRAPH_CHARS = 80
_PROSE_MAX_LINK_SHARE = 0.3
_PROSE_MIN_SENTENCES = 3


def _holds_prose(element: etree._Element) -> bool:
    """Paragraphs of sentences, mostly unlinked, are most of the element's text. (A paragraph
    of several sentences is one even when it ends in a link or a list.)"""
    total = 0
    for para in element.iter("p"):
        text = " ".join(para.text_content().split())
        if len(text) < _PROSE_PARAGRAPH_CHARS or not punctuated(text):
            continue
        if not ends_sentence(text) and sentence_count(text) < _PROSE_MIN_SENTENCES:
            continue
        linked = sum(len(a.text_content()) for a in para.iter("a"))
        if linked <= _PROSE_MAX_LINK_SHARE * len(text):
            total += len(text)
    return total >= NAVIGATION_PROSE_CHARS and total >= NAVIGATION_PROSE_SHARE * len(" ".join(element.text_content().split()))


def _in_main(element: etree._Element) -> bool:
    """Inside the page's main landmark (`<main>`, role=main)."""
    return any(a.tag == "main" or (a.get("role") or "").lower() == "main" for a in element.iterancestors())


def _paragraph_chars(node: etree._Element) -> int:
    return sum(len(p.text_content()) for p in node.iter("p"))


def _is_navigation(element: etree._Element) -> bool:
    """A `<nav>` element or a navigation landmark says what it is in the markup's own
    vocabulary, not in a class name: it leaves even when it is most of the page."""
    return element.tag == "nav" or (element.get("role") or "").lower() == "navigation"


#: Elements that hold the page's furniture by their tag, whatever their class.
FURNITURE_ELEMENTS = frozenset({"nav", "aside", "footer"})


def _chrome_rule_of(element: etree._Element, pattern: re.Pattern[str]) -> DomRule | None:
    for name, value in element.items():  # all attributes in one call
        if name in _SIGNAL_ATTRIBUTES:
            if pattern.search(value):
                rule = chrome_rule(value)
                if rule is not None:
                    return rule
        elif name == "role" and value.lower() in _ROLES:
            return ROLE_RULE
        elif (name == "role" and value.lower() in _DIALOG_ROLES) or (name == "aria-modal" and value.lower() == "true"):
            return DIALOG_RULE
    if element.tag in FURNITURE_ELEMENTS and element.getparent() is not None:
        return ELEMENT_RULE
    return None


#: A list whose items are short and mostly link text is a link farm (navigation, categories,
#: related headlines), whatever its class says.
LINK_LIST_MIN_ITEMS = 4
LINK_LIST_LINK_SHARE = 0.8
LINK_LIST_MAX_ITEM_CHARS = 90


#: A paragraph this long, ending a sentence, right above a list of links makes the list part
#: of the running text...
RUNNING_TEXT_MIN_CHARS = 80
#: ...and so does a sentence of this many words that ends in a colon, introducing the list
#: ("Here is what changed since the last release:"; a menu's "Follow us:" is a label).
INTRODUCTION_MIN_WORDS = 6


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
    return linked >= LINK_LIST_LINK_SHARE * chars and not _in_running_text(element)


def _in_running_text(element: etree._Element) -> bool:
    """The list stands in the article's own text: right after a paragraph of sentences, or a
    sentence that introduces it, among siblings that are paragraphs (a wiki's list of
    resources, a guide's further reading, a changelog's merged changes); a menu stands among
    other menus, logos and buttons."""
    previous = _block_before(element)
    if previous is None or previous.tag != "p":
        return False
    text = " ".join(previous.text_content().split())
    return ((len(text) >= RUNNING_TEXT_MIN_CHARS and text[-1:] in ".!?:")
            or (text[-1:] == ":" and len(text.split()) >= INTRODUCTION_MIN_WORDS))


def _block_before(element: etree._Element) -> etree._Element | None:
    """The block the page shows right above `element`, past headings and the wrappers some
    generators put around each block (`<div class="ulist"><ul>`, `<div class="paragraph"><p>`)."""
    node = element
    while node.getprevious() is None and (parent := node.getparent()) is not None and parent.tag in _WRAPPERS \
            and len(parent) == 1 and not (parent.text or "").strip():
        node = parent
    previous = node.getprevious()
    while previous is not None and previous.tag in SECTION_HEADINGS:
        previous = previous.getprevious()
    while previous is not None and previous.tag in _WRAPPERS and len(previous) == 1 and not (previous.text or "").strip():
        previous = previous[0]
    return previous


#: The headings of a page's sections (its `<h1>` is the page's own).
SECTION_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
#: Elements a generator wraps around a single block of the text.
_WRAPPERS = frozenset({"div", "section"})


#: The schema.org types of a page that is a discussion (a forum thread, a question with its
#: answers), as JSON-LD or microdata declare them.
_DISCUSSION_TYPES = re.compile(r"\b(?:DiscussionForumPosting|QAPage)\b")


def declares_discussion(tree: etree._Element) -> bool:
    """The page says it is a discussion thread: its replies are its content, not comments
    under an article."""
    for script in tree.iter("script"):
        if "ld+json" in (script.get("type") or "") and script.text and _DISCUSSION_TYPES.search(script.text):
            return True
    return any(_DISCUSSION_TYPES.search(value) for value in tree.xpath("//@itemtype"))


def strip_chrome(tree: etree._Element, *, discussion: bool = False) -> list[DomRemoval]:
    """Remove chrome subtrees in place; returns what was removed, with the rule that took it.
    On a `discussion` page, the groups `kept_on_discussions` are content. The elements kept
    reach the extractor under class names it does not discard for layout (`_layout_shown`).

    An explicit stack, not recursion: pages nest tens of thousands of levels deep. A removed
    subtree is not visited further.
    """
    pattern = _chrome_pattern()
    limit = MAX_SHARE * (_visible_chars(tree) or 1)
    paragraph_limit = MAX_SHARE * _paragraph_chars(tree)
    doomed: list[tuple[etree._Element, DomRule]] = []
    # (element, inside a panel of the main content): a dialog kept for its prose is the
    # content's own panel, and its `<aside>` or `<footer>` is the panel's frame, not the page's
    stack: list[tuple[etree._Element, bool]] = [(tree, False)]
    while stack:
        element, in_panel = stack.pop()
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _NEVER:
                continue
            rule = None if tag in _PROTECTED else _chrome_rule_of(child, pattern) or (
                LINK_LIST_RULE if _is_link_list(child) else None)
            if rule is not None and ((discussion and rule.kept_on_discussions) or (in_panel and rule.frames_panels)):
                rule = None
            if rule is not None and _may_remove(child, rule, limit, paragraph_limit):
                doomed.append((child, rule))
            else:
                _layout_shown(child)
                stack.append((child, in_panel or rule is not None and rule.main_prose_is_content))
    removed = []
    for element, rule in _without_an_index(doomed, limit):
        if element.getparent() is not None:
            text = _shown_text(element)
            element.drop_tree()  # lxml.html keeps the text that followed the element
            if text:
                removed.append(DomRemoval(text, rule, element))
    return removed


#: Parts of class names trafilatura discards any element for, where they name the page's
#: layout ("swiper-slide", "slider": every carousel; "card-text--icon", "icon-block": every
#: card drawn with an icon), and the names they reach it under once the DOM pass has kept the
#: element, which name nothing to it (an icon that holds no text loses no text either way).
_LAYOUT_WORDS = {"slide": "frame", "-icon": "-glyph"}
_LAYOUT_WORD = re.compile("|".join(map(re.escape, _LAYOUT_WORDS)))
#: The elements trafilatura's class test looks at (lists and their items under its own names).
_DISCARDED_BY_CLASS = frozenset({"div", "section", "span", "p", "ul", "ol", "li"})


def _layout_shown(element: etree._Element) -> None:
    """A carousel or an icon card the DOM pass keeps, shown to trafilatura under a name it
    does not discard. A landing page's or a course's carousels hold its sections
    (testimonials, features, modules, a collection's items) and its cards of an icon and a
    sentence its offer; the DOM pass has taken, by whole words, those named for furniture
    (related posts, ads, share icons), and trafilatura's test of a part of a class name
    would take the rest."""
    if element.tag not in _DISCARDED_BY_CLASS:
        return
    names = element.get("class")
    if names and _LAYOUT_WORD.search(names):
        element.set("class", _LAYOUT_WORD.sub(lambda word: _LAYOUT_WORDS[word.group()], names))


def _without_an_index(doomed: list[tuple[etree._Element, DomRule]], limit: float) -> list[tuple[etree._Element, DomRule]]:
    """The removals less the lists of links in the page's main region when together they hold
    as much of the page as no chrome subtree may (`_may_remove`'s limit): an index page (a
    wiki's list of languages under "A", "B", "C"…) is its lists of links; a menu is one list,
    and it stands outside the main region."""
    lists = [element for element, rule in doomed if rule is LINK_LIST_RULE and _in_main(element)]
    if not lists or sum(_visible_chars(element) for element in lists) < limit:
        return doomed
    kept = set(lists)
    return [(element, rule) for element, rule in doomed if element not in kept]


def _shown_text(element: etree._Element) -> str:
    """The subtree's text as a reader sees it (no script or style), for explanations. Most
    removed subtrees hold neither: only those that do are copied to leave them out."""
    if next(element.iter(*HIDDEN), None) is None:
        return " ".join(element.text_content().split())
    shown = copy.deepcopy(element)
    shown.tail = None
    etree.strip_elements(shown, *HIDDEN, with_tail=False)
    return " ".join(shown.text_content().split())


#: Elements a browser shows on a line of their own: their text is never glued to a neighbour's.
_BLOCK_TAGS = frozenset({"address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "footer",
                         "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "section", "table",
                         "td", "th", "tr", "ul"})


def shown_words(node: etree._Element) -> str:
    """The subtree's text as a reader sees it, spaces collapsed: block elements are apart
    ("<div>By</div><div>Jane Roe</div>" is "By Jane Roe", where `text_content` glues them)."""
    parts: list[str] = []
    for event, element in etree.iterwalk(node, events=("start", "end")):
        block = element.tag in _BLOCK_TAGS
        if event == "start":
            if block:
                parts.append(" ")
            if isinstance(element.tag, str):  # a comment's text is no text of the page
                parts.append(element.text or "")
        else:
            if block:
                parts.append(" ")
            if element is not node:
                parts.append(element.tail or "")
    return " ".join("".join(parts).split())


def comment_sections(tree: etree._Element) -> set[etree._Element]:
    """Every element inside a container named as a comment section ("comments",
    "comment-list", "disqus"...), the container included: one pass over the named elements,
    then membership is a set lookup."""
    pattern = _chrome_pattern()
    inside: set[etree._Element] = set()
    for element in _NAMED(tree):
        if element in inside:
            continue
        for name in ("class", "id"):
            value = element.get(name)
            if value and pattern.search(value):
                rule = chrome_rule(value)
                if rule is not None and rule.id == "dom.comments":
                    inside.update(element.iter())
                    break
    return inside


#: The elements with a class or an id, in document order.
_NAMED = etree.XPath("//*[@class or @id]")


def captions(tree: etree._Element) -> list[str]:
    found = []
    for node in tree.iter("figcaption"):
        text = " ".join(node.text_content().split())
        if text and text not in found:
            found.append(text)
    return found

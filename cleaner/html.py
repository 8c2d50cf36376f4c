"""HTML input: DOM chrome removal, main-content extraction with trafilatura, then the text stages.

The DOM pass (`cleaner.dom`) removes named furniture first. trafilatura then returns one
paragraph per line; the page's own innermost text blocks are a second candidate, taken on
evidence (far more prose) rather than by order. The same text stages run on the result.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, NamedTuple

import trafilatura
from htmldate import find_date
from lxml import etree
from trafilatura.xml import xmltotxt

from cleaner.credits import (
    chosen_authors,
    declared_authors,
    json_ld_items,
    main_items,
    meta_authors,
    printed_authors,
)
from cleaner.deadline import NO_DEADLINE, Deadline
from cleaner.dom import (
    FURNITURE_ELEMENTS,
    HIDDEN,
    SECTION_HEADINGS,
    DomRemoval,
    captions,
    chrome_rule,
    comment_sections,
    declares_discussion,
    parse,
    shown_words,
    strip_chrome,
    text_of,
)
from cleaner.features import is_prose, punctuated, word_shingles, words
from cleaner.headline import TitleEvidence, choose_title
from cleaner.metatags import MetaTags
from cleaner.pagedate import declared_date, printed_date
from cleaner.pagefacts import PageFacts, read_facts
from cleaner.readers import tidy_tags
from cleaner.rules import rulebook_for

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass
class Extracted:
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    #: wire agencies credited as the page's author ("AFP"): the copy's source, not a writer
    agencies: list[str] = field(default_factory=list)
    #: the authors the markup declares as organisations (taken whole, not read as persons)
    organisations: frozenset[str] = frozenset()
    date: str | None = None
    site: str | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    url: str | None = None
    captions: list[str] = field(default_factory=list)
    fallback: bool = False
    #: subtrees the DOM pass removed before extraction, with their rules (for explanations)
    dom_removed: list[DomRemoval] = field(default_factory=list)
    #: trafilatura's XML of `text` (the shape of its blocks: headings, lists, tables, code),
    #: when `text` is its choice; None when it came from the page's own paragraphs
    body: Any = None
    #: when `text` is the page's own blocks (the walk), which of its lines stand in a
    #: `<blockquote>`, one flag a line; empty when none does or `text` is trafilatura's
    quoted: list[bool] = field(default_factory=list)
    #: the page declares itself a discussion thread (`dom.declares_discussion`): its replies
    #: are content
    discussion: bool = False
    #: the page's own blocks that `text` does not hold (what the extractor left out), when
    #: asked for (`extract_html(left_out=True)`)
    left_out: list[str] = field(default_factory=list)
    #: the parsed page, after the DOM pass (for `_blocks_left_out`; `extract_html` drops it)
    tree: Any = field(default=None, repr=False)


#: Below this much text, trafilatura is taken to have missed the article and the fallback runs.
FALLBACK_BELOW_CHARS = 200
#: A choice this short that the page's own blocks outweigh is a fragment: trafilatura's full
#: cascade is asked before the blocks are taken.
RESCUE_BELOW_CHARS = 500
#: ...and its answer is taken when it holds this share of the blocks' prose: the blocks carry
#: no shape, and what they hold beyond an article-sized answer is mostly the page's chrome.
RESCUE_SHARE = 0.5
#: Paragraphs whose text is mostly link text are navigation, not article.
MAX_LINK_SHARE = 0.5


#: Elements that hold a block of text; the walk takes the innermost ones.
_BLOCKS = frozenset({"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td", "dd",
                     "section", "article", "main", "figcaption"})
#: The walk keeps blocks at least this long (shorter ones are labels, buttons and menus).
WALK_MIN_CHARS = 40


def paragraph_walk(html: str) -> str:
    """The fallback: every innermost block of text of the chrome-stripped page, in order (a
    `<p>`, or a `<div>` holding no other block: pages without paragraphs, forum posts)."""
    tree = parse(html)
    if tree is None:
        return ""
    strip_chrome(tree)
    _hide_unread_text(tree)
    return _walk_text(tree)


#: Form controls: their options and labels are no prose of the page.
_FORM_CONTROLS = ("select", "datalist", "textarea", "button")
#: Icons drawn inline: an SVG's `<title>` is a tooltip ("Copy a direct link to this comment"),
#: not text on the page.
_DRAWINGS = ("svg",)


def _hide_unread_text(tree: Any) -> None:
    """Scripts, styles, form controls and inline drawings are no text a reader reads: the walk
    must not take them (or a country picker's options, or an icon's tooltip) for prose."""
    etree.strip_elements(tree, *HIDDEN, *_FORM_CONTROLS, *_DRAWINGS, with_tail=False)


class WalkLine(NamedTuple):
    """A block of the page's own text, as the walk reads it."""

    text: str
    #: the block stands in a `<blockquote>`: words quoted from elsewhere (on a thread, a post
    #: quoting an earlier one), which the page's text prints as a quote
    quoted: bool


def _walk_text(tree: Any, *, comments: bool = True) -> str:
    """The walk's lines as one text (`_walk_blocks`)."""
    return "\n".join(line.text for line in _walk_blocks(tree, comments=comments))


def _walk_blocks(tree: Any, *, comments: bool = True) -> list[WalkLine]:
    """The innermost text blocks; without those inside comment sections when `comments` is
    False (an article's comments are no part of it, a forum's posts are the page). The
    site's header and footer (`_site_furniture`) are left out, and so are hidden copies of
    the page's own text (`_hidden_copies_left_out`)."""
    blocks = list(tree.iter(*_BLOCKS))
    outer = _holding_blocks(blocks)  # their inner blocks are taken one by one
    left_out = _site_furniture(tree) | (set() if comments else comment_sections(tree))
    quoted = {element for quote in tree.iter("blockquote") for element in quote.iter()}
    outermost_hidden: dict[Any, Any] = {}
    lines = []
    hidden_in = []  # the outermost element not shown around each line, or None
    for node in blocks:
        if node in left_out:
            continue
        if node in outer:
            # its own loose text (a post's words between its quote and signature blocks)
            text = " ".join(((node.text or "") + " ".join(child.tail or "" for child in node)).split())
        else:
            text = " ".join(node.text_content().split())
            if len(text) >= WALK_MIN_CHARS and node.find(".//br") is not None:
                # lines broken by <br> stay apart ("Click Here<br>Pages 1-76" is not
                # "HerePages", as text_content glues them); only long blocks are asked
                text = shown_words(node)
        if len(text) < WALK_MIN_CHARS:
            continue
        links = sum(len(a.text_content()) for a in node.iter("a"))
        if links <= MAX_LINK_SHARE * len(text):
            lines.append(WalkLine(text, node in quoted))
            hidden_in.append(_outermost_hidden(node, outermost_hidden))
    return _hidden_copies_left_out(lines, hidden_in) if any(e is not None for e in hidden_in) else lines


#: A hidden element whose blocks' word triples are printed in the shown blocks in this share
#: is a copy of the page's text.
HIDDEN_COPY_SHARE = 0.8


def _not_shown(element: Any) -> bool:
    """A browser does not show the element: an inline `display: none`, the `hidden` attribute."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return style is not None and "display:none" in style.replace(" ", "")


def _outermost_hidden(node: Any, memo: dict[Any, Any]) -> Any:
    """The outermost element around `node` (itself included) that is not shown, or None.
    Only the walk's lines are asked, and `memo` keeps each ancestor's answer: a pass over
    every element of the page would cost more than the walk itself."""
    chain = []
    element = node
    while element is not None and element not in memo:
        chain.append(element)
        element = element.getparent()
    outer = memo.get(element) if element is not None else None
    for element in reversed(chain):
        if outer is None and _not_shown(element):
            outer = element
        memo[element] = outer
    return outer


def _hidden_copies_left_out(lines: list[WalkLine], hidden_in: list[Any]) -> list[WalkLine]:
    """The lines less those of hidden elements that repeat the shown lines as a whole (the
    whole article again in hidden schema.org markup, a paragraph printed twice and hidden
    once): no reader sees them, and they would double the page's prose. A hidden element
    of its own text (a tab's or an accordion's panel, which a script opens) stays, even
    when some of its lines repeat another panel's."""
    shown = word_shingles("\n".join(line.text for line, element in zip(lines, hidden_in) if element is None))
    panels: dict[Any, set[int]] = {}
    for line, element in zip(lines, hidden_in):
        if element is not None:
            panels.setdefault(element, set()).update(word_shingles(line.text))
    copies = {element for element, triples in panels.items()
              if triples and len(triples & shown) >= HIDDEN_COPY_SHARE * len(triples)}
    return [line for line, element in zip(lines, hidden_in) if element is None or element not in copies]


#: The site's own header and footer: a `<header>` or `<footer>` outside any article or main
#: region (inside one it is the article's), or an element whose role says so; never one
#: that wraps an article or main region (a template's misuse).
_SITE_FURNITURE = etree.XPath(
    "(//footer | //header)[not(ancestor::article or ancestor::main)]"
    "[not(descendant::article or descendant::main or descendant::*[@role='main'])]"
    " | //*[@role='contentinfo' or @role='banner'][not(descendant::article or descendant::main)]")


def _site_furniture(tree: Any) -> set[Any]:
    """The elements of the site's header and footer, which the walk leaves out: a footer's
    addresses and disclaimers would outweigh a short article trafilatura found. A header
    with an article's worth of prose in it is no masthead: markup left unclosed (a menu's
    `<nav>`) has put the page inside it."""
    inside: set[Any] = set()
    for root in _SITE_FURNITURE(tree):
        if root in inside:
            continue
        if root.tag != "footer" and root.get("role") != "contentinfo" and _holds_article_prose(root):
            continue
        inside.update(root.iter())
    return inside


def _holding_blocks(blocks: list[Any]) -> set[Any]:
    """The blocks among `blocks` (all of a subtree's, in document order) that hold another
    one: one step up from each block, so linear in the page however deep it nests."""
    outer = set()
    for node in blocks:
        for ancestor in node.iterancestors():
            if ancestor.tag in _BLOCKS:
                outer.add(ancestor)
                break  # its own ancestors are marked when it is visited
    return outer


def _holds_article_prose(node: Any) -> bool:
    """The element's innermost blocks hold an article's worth of prose."""
    blocks = list(node.iter(*_BLOCKS))
    outer = _holding_blocks(blocks)
    texts = (" ".join(block.text_content().split()) for block in blocks if block not in outer)
    return prose_chars("\n".join(texts)) >= ARTICLE_PROSE_CHARS


def _page_chars(tree: Any) -> int:
    return len(" ".join(text_of(tree).split()))


def prose_chars(text: str) -> int:
    """Characters of the lines that read as prose (punctuated sentences): how much article a
    candidate holds."""
    return sum(len(line) for line in text.split("\n") if is_prose(line) and punctuated(line))


#: trafilatura's choice gives way to the walk when the walk holds this many times its prose,
#: and at least an article's worth (`ARTICLE_PROSE_CHARS`): a small box taken for the
#: article, or posts it read as comments.
CANDIDATE_GAIN = 3.0
ARTICLE_PROSE_CHARS = 600
#: Prose of the page's own blocks this many times the fast pass's asks for a second opinion...
PAGE_PROSE_GAIN = 2.0
#: ...which is taken when it holds this many times the fast pass's prose, counting only lines
#: whose word triples are more than `NEW_TRIPLES_SHARE` new.
SECOND_OPINION_GAIN = 1.3
NEW_TRIPLES_SHARE = 0.5


_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_CELL_BORDER = re.compile(r"(?<!\\)\|")


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
            cells = _CELL_BORDER.split(stripped[1:-1])  # a cell's own "|" comes escaped: "\\|"
            line = " ".join(cell.strip().replace("\\|", "|") for cell in cells if cell.strip())
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


_EXTRACTION_FIELDS = ("text",)


def _trafilatura(tree: Any, url: str | None, favor: str, *, fast: bool) -> Any:
    """trafilatura's choice of content (an object; None when it fails on the markup). Its
    metadata pass is left out: the page's own evidence (`PageEvidence`) gives the metadata."""
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url, include_comments=False, with_metadata=False, fast=fast,
            favor_precision=favor == "precision", favor_recall=favor == "recall",
        )
    except Exception:  # noqa: BLE001 - trafilatura raises many lxml errors on broken markup
        return None
    if isinstance(doc, dict):  # older trafilatura versions answer with a dict
        return SimpleNamespace(**{k: doc.get(k) for k in _EXTRACTION_FIELDS})
    return doc


def _searched_date(page: Any, url: str | None) -> str | None:
    """The date of a page whose markup declares none, from htmldate's reading of the page
    (`page`: its tree, or its HTML as it came): timestamps in attributes and scripts, the URL.
    Its extensive search is off: it hands text dates to dateparser over every locale, tens of
    milliseconds a page, where `printed_date` reads the packed languages' dates already."""
    try:
        return find_date(page, extensive_search=False, original_date=True, url=url) or None
    except Exception:  # noqa: BLE001 - htmldate on a hostile page: no date, not a failed page
        return None


def _text_of(doc: Any) -> str:
    """The text of trafilatura's answer; "" when it found nothing."""
    return (doc.text or "") if doc is not None else ""


def _nearly_empty(doc: Any) -> bool:
    return doc is None or len(doc.text or "") < FALLBACK_BELOW_CHARS


def _discussion_chars(removed: list[DomRemoval]) -> int:
    """Characters the DOM pass took as what a discussion page keeps (comment sections)."""
    return sum(len(r.text) for r in removed if r.rule.kept_on_discussions)


def _blocks_replace(chosen: str, chosen_prose: int, walked: str, favor: str) -> bool:
    """The page's own blocks replace trafilatura's choice when they win on evidence
    (`_walk_wins`) and hold more text; favouring precision, only a nearly empty choice."""
    if favor == "precision" and len(chosen) >= FALLBACK_BELOW_CHARS:
        return False
    return _walk_wins(chosen, chosen_prose, walked) and len(walked) > len(chosen)


def _a_fragment(chosen: str, fallback: bool, page_chars: int) -> bool:
    """trafilatura's fast pass chose a fragment: a text under `RESCUE_BELOW_CHARS` that the
    page's own blocks outweigh (`fallback`), or that is a small part of the page's text
    (`page_chars`: a page of short items has no blocks for the walk to weigh: product tiles,
    a shop's lists)."""
    if len(chosen) >= RESCUE_BELOW_CHARS:
        return False
    return fallback or page_chars >= CANDIDATE_GAIN * max(len(chosen), FALLBACK_BELOW_CHARS)


def _rescue_holds_the_article(found: str, chosen: str, walked: str) -> bool:
    """The full cascade's answer (`found`) replaces the fast pass's fragment (`chosen`) when it
    holds more and at least `RESCUE_SHARE` of the prose of the page's own blocks (`walked`):
    those carry no shape, and what they hold beyond an article-sized answer is mostly chrome."""
    return len(found) > len(chosen) and prose_chars(found) >= RESCUE_SHARE * prose_chars(walked)


def _holds_much_more(tree: Any, page_chars: int, walked: str, chosen_prose: int) -> bool:
    """The page's own blocks hold `PAGE_PROSE_GAIN` times the prose of trafilatura's choice
    and an article's worth more (the page's text is a cheap bound first: most pages stop
    there)."""
    if chosen_prose < FALLBACK_BELOW_CHARS or page_chars < PAGE_PROSE_GAIN * chosen_prose:
        return False
    walked_prose = prose_chars(walked or _walk_text(tree, comments=False))
    return walked_prose >= PAGE_PROSE_GAIN * chosen_prose and walked_prose - chosen_prose >= ARTICLE_PROSE_CHARS


#: A grid of tiles (a listing's entries, a shop's products, a page of results) is this many
#: like siblings at least (same tag, same class)...
GRID_MIN_ITEMS = 6
#: ...each with this much text (an icon's label is no tile)...
GRID_MIN_TILE_CHARS = 10
#: ...of which this share links to a page of its own (`_linked`)...
GRID_LINKED_SHARE = 0.5
#: ...and it joins trafilatura's choice when it holds this many times the choice's text: the
#: choice was the intro above the grid, or one tile of it.
GRID_GAIN = 3.0


def _grid_tiles(tree: Any, discussion: bool) -> list[str]:
    """The tiles of the page's grid, one line per tile: its largest group of like siblings
    (same tag and class, `GRID_MIN_ITEMS` of them or more) by text, passing over groups in
    the page's furniture (a comment list, a related-posts strip, a footer), when half its
    tiles or more link to a page of their own. Lengths come from C-level `text_content`; only the
    chosen grid's tiles are read word by word."""
    candidates: list[tuple[int, list[Any]]] = []
    for parent in tree.iter():
        if len(parent) < GRID_MIN_ITEMS:
            continue
        groups: dict[tuple[str, str], list[Any]] = {}
        for child in parent:
            if isinstance(child.tag, str):
                groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
        for members in groups.values():
            if len(members) >= GRID_MIN_ITEMS:
                sizes = [len(m.text_content().strip()) for m in members]
                tiles = [m for m, size in zip(members, sizes) if size >= GRID_MIN_TILE_CHARS]
                if len(tiles) >= GRID_MIN_ITEMS:
                    candidates.append((sum(sizes), tiles))
    for _chars, tiles in sorted(candidates, key=lambda c: -c[0]):
        if not _named_furniture(tiles[0], discussion):
            # the page's largest group of like blocks is its content: when it is no grid of
            # linked tiles (an article's paragraphs, a quiz's questions), the page is no listing
            return [shown_words(tile) for tile in tiles] if _linked(tiles) else []
    return []


def _linked(tiles: list[Any]) -> bool:
    """Half the tiles or more link somewhere: a listing's entries and a shop's products each
    lead to their own page; a page's fine print, promotions and cards of facts do not."""
    linked = sum(1 for tile in tiles if tile.tag == "a" or tile.find(".//a") is not None)
    return linked >= GRID_LINKED_SHARE * len(tiles)


def _named_furniture(tile: Any, discussion: bool) -> bool:
    """The tile or its grid is named for furniture ("comment-list", "related-posts"), or an
    element around them is a footer, an aside or a navigation, or names a comment section
    (a discussion page's comments are its content)."""
    for depth, element in enumerate([tile, *tile.iterancestors()]):
        if element.tag in FURNITURE_ELEMENTS:
            return True
        for name in ("class", "id"):
            rule = chrome_rule(element.get(name) or "")
            if rule is None or (discussion and rule.kept_on_discussions):
                continue
            if depth <= 1 or rule.kept_on_discussions:
                return True
    return False


def _with_grid(tree: Any, chosen: str, page_chars: int, discussion: bool) -> str | None:
    """trafilatura's choice with the page's grid of tiles below it, when the grid holds
    `GRID_GAIN` times the choice's text (the page's text is a cheap bound first); None when
    there is no such grid."""
    floor = GRID_GAIN * max(len(chosen), FALLBACK_BELOW_CHARS)
    if page_chars < floor:
        return None
    tiles = _grid_tiles(tree, discussion)
    if sum(len(tile) for tile in tiles) < floor:
        return None
    said = " ".join(chosen.split())
    return "\n".join([chosen, *(tile for tile in tiles if tile not in said)])


#: Text of the headings and list items beside the paragraphs the fast pass kept, when it kept
#: none of them, that asks for the full cascade: this much, this share of what it kept, and
#: headings among them (a container of paragraphs and one related list is no guide).
SHAPES_LEFT_MIN_CHARS = 200
SHAPES_LEFT_SHARE = 0.2
SHAPES_MIN_HEADINGS = 2
#: The full cascade's answer is taken when it holds this share of the fast pass's lines...
KEPT_LINES_SHARE = 0.9
#: ...and is this much longer.
SHAPES_GAIN = 1.1


def _shapes_left_out(doc: Any, tree: Any, chosen_chars: int) -> bool:
    """trafilatura's fast pass kept paragraphs only (`chosen_chars` of text), while the
    container of the first of them holds headings and list items with text enough (a guide's
    sections and bullet points, which its full cascade keeps)."""
    body = getattr(doc, "body", None)
    if body is None or body.find(".//head") is not None or body.find(".//list") is not None:
        return False
    first = next((t for t in (" ".join("".join(p.itertext()).split()) for p in body.iter("p")) if len(t) >= 80), None)
    if first is None:
        return False
    container = next((p.getparent() for p in tree.iter("p") if " ".join(p.text_content().split()) == first), None)
    if container is None:
        return False
    headings = left = 0
    for element in container.iter(*SECTION_HEADINGS, "li"):
        headings += element.tag != "li"
        left += len(" ".join(element.text_content().split()))
    return headings >= SHAPES_MIN_HEADINGS and left >= max(SHAPES_LEFT_MIN_CHARS, SHAPES_LEFT_SHARE * chosen_chars)


def _keeps_and_adds(found: str, chosen: str) -> bool:
    """The full cascade's text (`found`) holds nearly every line of the fast pass's (`chosen`),
    spacing aside, and more."""
    lines = [" ".join(line.split()) for line in chosen.split("\n") if line.strip()]
    if not lines or len(found) < SHAPES_GAIN * len(chosen):
        return False
    flat = " ".join(found.split())
    kept = sum(1 for line in lines if line in flat)
    return kept >= KEPT_LINES_SHARE * len(lines)


def _adds_prose(found: str, chosen: str) -> bool:
    """The full cascade's text (`found`) adds `SECOND_OPINION_GAIN` times the prose of the fast
    pass's (`chosen`) in lines of its own."""
    chosen_prose = prose_chars(chosen)
    return chosen_prose + _new_prose(found, chosen) >= SECOND_OPINION_GAIN * chosen_prose


def _new_prose(found: str, chosen: str) -> int:
    """Characters of prose in `found` that `chosen` does not already say: lines of their own
    whose word triples are mostly new (a feed's summary repeating the article adds nothing)."""
    known = word_shingles(chosen)
    new = 0
    for line in found.split("\n"):
        if is_prose(line) and punctuated(line):
            triples = word_shingles(line)
            if triples and len(triples - known) > NEW_TRIPLES_SHARE * len(triples):
                new += len(line)
    return new


def _walk_wins(chosen: str, chosen_prose: int, walked: str) -> bool:
    """Evidence over order: trafilatura's text (with `chosen_prose` characters of prose),
    unless it is nearly nothing or the page's own blocks hold far more prose (an
    article-sized run it left out)."""
    if len(chosen) < FALLBACK_BELOW_CHARS:
        return True
    walked_prose = prose_chars(walked)
    return walked_prose >= ARTICLE_PROSE_CHARS and walked_prose >= CANDIDATE_GAIN * chosen_prose


_SOURCE_BREAK = re.compile(r"\s*\n\s*")


def unwrap_source_lines(body: Any) -> bool:
    """Join the lines an HTML source wraps its paragraphs at, in trafilatura's XML: a reader's
    browser shows one paragraph, and split into lines they read as short repeated pieces.
    Code keeps its lines, and so do breaks the page marks (`<br>`, an `<lb/>` in the XML).
    Returns whether anything changed."""
    changed = False
    for element in body.iter():
        if element.tag == "code":
            continue
        inside_code = any(ancestor.tag == "code" for ancestor in element.iterancestors())
        if not inside_code and _wrapped(element.text):
            element.text, changed = _SOURCE_BREAK.sub(" ", element.text), True
        parent = element.getparent()
        if parent is not None and not (inside_code or parent.tag == "code") and _wrapped(element.tail):
            element.tail, changed = _SOURCE_BREAK.sub(" ", element.tail), True
    return changed


#: Lines of wrapped prose are long (sources wrap at 70-100 columns); a list of words one per
#: line (menu entries, tags, a picker's options) stays lines, for the text stages to judge.
WRAPPED_MIN_LINE_CHARS = 40


def _wrapped(text: str | None) -> bool:
    if not text or "\n" not in text:
        return False
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) > 1 and sum(len(line.strip()) for line in lines) >= WRAPPED_MIN_LINE_CHARS * len(lines)


def declared_language(tree: Any, metas: MetaTags) -> str | None:
    """The language the page says it is in: `<html lang>` (or `xml:lang`), else a
    content-language meta tag."""
    root = tree.getroottree().getroot()
    found = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or metas.first("content-language")
    return (found or "").strip() or None


@dataclass
class PageEvidence:
    """What the page says of itself: title, authors, date, site, description, address and
    tags. What its markup declares is read before the DOM pass removes anything; after it,
    before the text a reader never sees (scripts, buttons) is hidden, the searches that walk
    the whole page, and only when the markup is silent: the credits it prints (in the page
    and in the furniture the DOM pass removed) and htmldate's reading of its dates."""

    title: TitleEvidence
    declared: list[str]
    #: the declared authors that are organisations (their names are not read as a person's)
    organisations: frozenset[str]
    in_meta: list[str]
    date: str | None
    facts: PageFacts
    language: str | None
    printed: list[str] = field(default_factory=list)
    #: htmldate's reading of the page once the DOM pass has run, when it declares no date
    searched_date: str | None = None

    @classmethod
    def read(cls, tree: Any, url: str | None) -> PageEvidence:
        items = list(json_ld_items(tree))
        main = main_items(items)
        metas = MetaTags.read(tree)
        declared, organisations = declared_authors(main, items)
        return cls(TitleEvidence.read(tree, url, metas), declared, organisations, meta_authors(metas),
                   declared_date(tree, main, metas), read_facts(tree, items, url, metas), declared_language(tree, metas))

    def search(self, tree: Any, removed: list[DomRemoval]) -> None:
        """Search the page for a date when the markup declares none, and read the printed
        credits when it names no writer."""
        if self.date is None:
            self.searched_date = _searched_date(tree, self.facts.url)
        book = rulebook_for((), ())
        if not chosen_authors([[*self.declared, *self.in_meta]], book, self.organisations)[0]:
            subtrees = [tree, *(r.subtree for r in removed if r.subtree is not None)]
            self.printed = printed_authors(subtrees, names_writer=lambda text: bool(chosen_authors([[text]], book)[0]))


def _metadata(evidence: PageEvidence, tree: Any, removed: list[DomRemoval], html: str) -> dict[str, Any]:
    """The page's metadata fields of `Extracted`, from its own evidence. Authors: the JSON-LD
    credit, else the `<meta>` names, else the printed bylines; the date: the declared
    publication day, else htmldate's reading of the page, else the first printed after the
    headline, else htmldate's reading of the page as it came (furniture and all)."""
    book = rulebook_for((), ())
    furniture = [r.subtree for r in removed if r.subtree is not None]
    facts = evidence.facts
    authors, agencies = chosen_authors((evidence.declared, evidence.in_meta, evidence.printed), book, evidence.organisations)
    date = evidence.date or evidence.searched_date or printed_date([tree, *furniture], book)
    return {
        "title": choose_title(evidence.title),
        "authors": authors,
        "agencies": agencies,
        "organisations": evidence.organisations & set(authors),
        "date": date or _searched_date(html, facts.url),
        "site": facts.site,
        "language": evidence.language,
        "tags": tidy_tags(facts.tags),
        "description": facts.description,
        "url": facts.url,
    }


def extract_html(html: str, url: str | None = None, deadline: Deadline = NO_DEADLINE, favor: str = "balanced",
                 *, left_out: bool = False) -> Extracted:
    """Main content and metadata of an HTML page; empty text when nothing is found.
    The deadline is checked between the steps (each one call into lxml or trafilatura).
    `favor` is `Config.favor`: trafilatura's own precision or recall bias (recall with its
    fallback extractors), and with "precision" no paragraphs taken from the page past
    trafilatura's choice unless that choice is nearly empty. With `left_out`, the page's own
    blocks the text does not hold are listed too (`Extracted.left_out`, for explanations)."""
    extracted = _extract(html, url, deadline, favor)
    if left_out and extracted.tree is not None:
        extracted.left_out = _blocks_left_out(extracted.tree, extracted.text)
    extracted.tree = None  # the caller keeps no tree alive
    return extracted


def _blocks_left_out(tree: Any, text: str) -> list[str]:
    """The page's own blocks (`_walk_blocks`, comment sections included: paragraphs of
    `WALK_MIN_CHARS` or more, not mostly links) whose words do not stand in `text` in their
    order: compared as words, since the text prints tables, lists and code in its own way."""
    said = " ".join(words(text.casefold()))
    left = []
    for line in _walk_blocks(tree, comments=True):
        own = " ".join(words(line.text.casefold()))
        if own and own not in said:
            left.append(line.text)
    return left


def _extract(html: str, url: str | None, deadline: Deadline, favor: str) -> Extracted:
    """`extract_html` less the blocks left out; the tree it read rides on `Extracted.tree`."""
    tree = parse(html)
    if tree is None:
        return Extracted(text="")
    deadline.check()
    figure_captions = captions(tree)
    evidence = PageEvidence.read(tree, url)
    discussion = declares_discussion(tree)
    removed = strip_chrome(tree, discussion=discussion)
    deadline.check()
    doc = _trafilatura(tree, url, favor, fast=favor != "recall")
    if _nearly_empty(doc) and not discussion and _discussion_chars(removed) >= ARTICLE_PROSE_CHARS:
        # nothing is left but the comment sections the DOM pass took: the page is a thread
        # (posts in containers named for comments, with no schema.org type to say so)
        tree = parse(html)
        discussion = True
        removed = strip_chrome(tree, discussion=True)
        doc = _trafilatura(tree, url, favor, fast=favor != "recall")
    deadline.check()
    evidence.search(tree, removed)  # before buttons and scripts go
    _hide_unread_text(tree)  # after the extraction and the searches: the walk must not read scripts as prose
    chosen = _text_of(doc)
    chosen_prose = prose_chars(chosen)
    page_chars = _page_chars(tree)  # the tree changes no more: counted once
    # next to an article trafilatura found, the page's comments are no rival candidate; and a
    # page without text enough to hold three times its prose cannot offer a better one
    walk: list[WalkLine] = []
    if doc is None or len(chosen) < FALLBACK_BELOW_CHARS or page_chars >= CANDIDATE_GAIN * chosen_prose:
        walk = _walk_blocks(tree, comments=discussion or len(chosen) < FALLBACK_BELOW_CHARS)
    walked = "\n".join(line.text for line in walk)
    fallback = doc is None or _blocks_replace(chosen, chosen_prose, walked, favor)
    if favor != "recall" and _a_fragment(chosen, fallback, page_chars):
        # the evidence says trafilatura's fast pass took a fragment for the article: its
        # fallback extractors (readability, jusText) are asked before the page's own
        # paragraphs, which carry no shape (only then: they cost as much as the fast pass)
        rescue = _trafilatura(tree, url, favor, fast=False)
        found = _text_of(rescue)
        if _rescue_holds_the_article(found, chosen, walked):
            doc, chosen, fallback = rescue, found, False
    # the full cascade's second opinion, asked of the page as it came (it weighs its own
    # extraction against readability's and jusText's by how much each holds, so the DOM pass's
    # removals, a dialog, a menu, change which it prefers), and the test its answer must pass
    taken_if: Callable[[str, str], bool] | None = None
    if doc is not None and not fallback and favor != "recall":
        if _holds_much_more(tree, page_chars, walked, chosen_prose):
            # the page holds far more prose than the fast pass chose (a list of the article's
            # own sections left out, a second column): taken when it adds clearly more prose
            taken_if = _adds_prose
        elif _shapes_left_out(doc, tree, len(chosen)):
            # the fast pass kept only the paragraphs of a container whose headings and lists
            # hold text too: taken when it keeps what the fast pass kept and adds to it
            taken_if = _keeps_and_adds
    if taken_if is not None:
        second = _trafilatura(parse(html), url, favor, fast=False)
        found = _text_of(second)
        if taken_if(found, chosen):
            doc, chosen = second, found
    if doc is not None and not fallback and favor != "precision":
        # a listing or a shop's grid whose intro (or one tile) trafilatura took for the page
        gridded = _with_grid(tree, chosen, page_chars, discussion)
        if gridded is not None:
            walked, walk, fallback = gridded, [], True
    quoted = [line.quoted for line in walk] if fallback and any(line.quoted for line in walk) else []
    if doc is None:
        return Extracted(text=walked, captions=figure_captions, fallback=True, dom_removed=removed, quoted=quoted,
                         discussion=discussion, tree=tree, **_metadata(evidence, tree, removed, html))
    body = None
    if fallback:
        text = walked
    else:
        flat = tables_as_text(chosen)
        text = _with_sibling_blocks(tree, flat)
        if text is flat:
            body = getattr(doc, "body", None)  # trafilatura's choice is kept: so is its shape
            if body is not None and unwrap_source_lines(body):
                text = tables_as_text(xmltotxt(body, False))
    return Extracted(
        text=text,
        fallback=fallback,
        quoted=quoted,
        **_metadata(evidence, tree, removed, html),
        captions=figure_captions,
        dom_removed=removed,
        body=body,
        discussion=discussion,
        tree=tree,
    )

"""Related-article blocks: a header followed by teaser cards, or cards alone.

A card is a short group of lines separated from its neighbours by blank lines:
source / relative age / "- source" / headline / one snippet. Two shapes are
recognised:

1. a related header ("Related Articles", "Weitere Artikel"...) below an article:
   everything after it is teasers until the article visibly resumes, i.e. two
   prose lines with at most one blank line between them (a card has at most one
   snippet line), or the next item of a numbered list the text above it holds
   ("19. ..." under a widget that followed "18. ..."); an inline "read also" header ("Lire aussi", "Leggi anche") takes
   only the headline lines under it, or everything when no prose follows (a "Read more"
   printed three times or more is a listing's button under each excerpt, and takes nothing). With no
   article above it (a news hub's "Top stories"), what the header heads is the
   page's own listing and stays (`_is_the_listing`); a header ending in a colon over
   properties ("Recommended:" over "- OS: ..." and "- Memory: ...") labels that list and
   heads no teasers (`_introduces_properties`);
2. no header, but at least two cards in a row, or one card after the article
   at the end of the page. A card is recognised by a relative-age line ("3
   hours ago") or a "- Source" line and has at most one prose line.

Cards are kept on the document so the source stage can tell which publisher
the page's own article came from (aggregators list it again as a card).
"""

from __future__ import annotations

from collections import Counter

import regex

from cleaner.features import looks_like_title
from cleaner.model import Block, Document, Label, Role, Teaser, article_paragraph_above, prose_run
from cleaner.readers import parse_date
from cleaner.rules import RuleBook
from cleaner.stages import Context

STAGE = "teasers"
CARDS_STAGE = "cards"
#: The article resumes after a related header when this many prose lines follow each other
#: (flattened pages put one blank line between paragraphs; a card holds one snippet at most).
RESUME_PROSE_RUN = 2
RESUME_MAX_GAP = 1
#: An inline read-also link carries at most this many headline lines.
READ_ALSO_MAX_LINES = 3
_HEADER_ROLES = frozenset({Role.RELATED_HEADER, Role.READ_ALSO, Role.COMMENTS_HEADER, Role.TAIL_HEADER, Role.BIO_HEADER,
                           Role.REFERENCES_HEADER, Role.REVIEWS_HEADER, Role.CUT})

#: enum members read on per-line paths, as module globals (see `cleaner.labels`)
_READ_ALSO = Role.READ_ALSO
_RELATED_HEADER = Role.RELATED_HEADER
_AGE = Role.AGE
#: An article needs this much prose above a widget for the widget to be cut as tail.
MIN_BODY_PROSE_ABOVE = 1
#: A card is at most this many lines.
MAX_CARD_LINES = 7
#: On HTML, headerless cards holding this share of the extracted body are the page's own
#: listing (a jobs board, a search result page): the extractor chose them as the content.
LISTING_SHARE = 0.5
#: Less prose than this above a related header is no article: what the header heads is the
#: page's listing (see `_is_the_listing`).
LISTING_MAX_PROSE_ABOVE = 300
#: Under a header with no article paragraph above it, this share of the body is a listing.
HUB_LISTING_SHARE = 0.25
_SOURCE_DASH = regex.compile(r"^[-–—]\s*(?P<name>[\w .&'’@/-]{2,50})$")


#: A "Read more" printed this many times is a button under every excerpt of a listing: the
#: line after it is the next item, not a headline it links to.
BUTTON_REPEATS = 3


def mark_teasers(doc: Document, ctx: Context) -> None:
    blocks = doc.blocks
    prose_after = _body_prose_after(blocks)
    buttons = Counter([b.key for b in blocks if b.role is _READ_ALSO])
    prose_above = 0  # counted as we go, so the stage stays linear in the page
    for i in range(len(blocks)):
        role = doc.blocks[i].role
        if role is _RELATED_HEADER and prose_above >= MIN_BODY_PROSE_ABOVE and not _introduces_properties(blocks, i):
            _consume_after_header(doc, i, ctx.book)
            break
        if role is _READ_ALSO and prose_above >= 1 and not _a_toggle(doc, i) and buttons[blocks[i].key] < BUTTON_REPEATS:
            if prose_after[i + 1]:
                _consume_read_also(doc, i)
            else:
                _consume_after_header(doc, i, ctx.book)
                break
        prose_above += blocks[i].is_body and blocks[i].prose


def _a_toggle(doc: Document, i: int) -> bool:
    """The "Read more" at `i` stands beside a "Read less": the pair opens and folds the text
    around it (a course's outline, a long answer), and what follows is that text, not a
    headline of another story."""
    return Role.COLLAPSE in (doc.role(i - 1), doc.role(i + 1))


#: The head of the text that resumes after teasers (headline, standfirst, date, byline, role,
#: a caption) is at most this many lines.
RESUMED_HEAD_LINES = 8
#: A headline and standfirst stand at most this many lines above the head's date line.
HEADLINE_ABOVE_DATE = 3


def _head_of_resumed_text(blocks: list[Block], first: int, end: int, book: RuleBook) -> int:
    """Where the teasers under a header end: before the head of the article that resumes at
    `end`, when a date line stands among its last lines ("Updated Jan. 27, 2026" over the
    byline, a caption, then the first paragraph), with the headline-shaped lines right above
    that date; else at `end`. A menu's "Top Stories" must not take the article's headline
    and byline with its links."""
    for d in range(end - 1, max(first, end - RESUMED_HEAD_LINES) - 1, -1):
        if parse_date(blocks[d].text, book):  # a line that is only a date (and short)
            head = d
            for above in range(d - 1, max(first, d - HEADLINE_ABOVE_DATE) - 1, -1):
                if looks_like_title(blocks[above].text):
                    head = above
            return head
    return end


def _is_the_listing(blocks: list[Block], start: int, end: int) -> bool:
    """The lines under a related header are the page's own listing (a news hub's "Top
    stories", a topic page), not teasers of an article, when no article stands above the
    header: either they hold more than half of the page's body and the page above holds
    less prose than they do and too little for an article, or they hold a quarter of it and
    the page above prints no paragraph an article would (`article_paragraph_above`): a hub's
    teasers above are one prose line each."""
    body = sum(len(b.text) for b in blocks if b.is_body)
    under = sum(len(b.text) for b in blocks[start + 1 : end] if b.is_body)
    prose_above = sum(len(b.text) for b in blocks[:start] if b.is_body and b.prose)
    prose_under = sum(len(b.text) for b in blocks[start + 1 : end] if b.is_body and b.prose)
    if under > LISTING_SHARE * body and prose_above < min(prose_under, LISTING_MAX_PROSE_ABOVE):
        return True
    return under > HUB_LISTING_SHARE * body and not article_paragraph_above(blocks, start)


def _body_prose_after(blocks: list[Block]) -> list[bool]:
    """flags[i]: some body prose block sits at index i or later."""
    flags = [False] * (len(blocks) + 1)
    for i in range(len(blocks) - 1, -1, -1):
        flags[i] = flags[i + 1] or (blocks[i].is_body and blocks[i].prose)
    return flags


def _consume_read_also(doc: Document, start: int) -> None:
    blocks = doc.blocks
    header = blocks[start].text
    for i in range(start + 1, min(len(blocks), start + 1 + READ_ALSO_MAX_LINES)):
        block = blocks[i]
        if block.prose or block.role in _HEADER_ROLES or block.gap > 1:
            return
        block.mark(Label.CHROME, STAGE, f"headline linked under {header!r}")


#: A line of a list of properties: a short label, a colon, its value ("- OS: Windows 11",
#: "Memory: 16 GB RAM").
_PROPERTY = regex.compile(r"^(?:[-•*]\s+)?(?P<label>[\w][\w .&/()+-]{0,30}?):\s+\S")
#: A label of this many words at most: "Trump's pick for Treasury: what it means" is a headline.
PROPERTY_LABEL_MAX_WORDS = 3


#: The lines right under a header that are looked at for properties (see `_introduces_properties`).
PROPERTY_LOOKAHEAD = 3


def _introduces_properties(blocks: list[Block], start: int) -> bool:
    """The lines under the header are properties with labels of their own ("Recommended:" over
    "- OS: ..." and "- Processor: ...": a product's system requirements, not the recommended
    stories of a related widget): two of the three under a header ending in a colon (a line
    of its own may open the list: "Requires a 64-bit processor"), all three under one without
    (a widget's headlines may open with a label: "Review: ...", "Analysis: ...")."""
    wanted = PROPERTY_LOOKAHEAD - 1 if blocks[start].text.rstrip().endswith(":") else PROPERTY_LOOKAHEAD
    labels = set()
    for block in blocks[start + 1 : start + 1 + PROPERTY_LOOKAHEAD]:
        match = _PROPERTY.match(block.text)
        if match is not None and match["label"].count(" ") < PROPERTY_LABEL_MAX_WORDS:
            labels.add(match["label"].casefold())
    return len(labels) >= wanted


def _consume_after_header(doc: Document, start: int, book: RuleBook) -> None:
    blocks = doc.blocks
    header = blocks[start].text
    resumes_at = _next_number_above(blocks, start)
    end = start + 1
    while end < len(blocks) and prose_run(blocks, end, max_gap=RESUME_MAX_GAP) < RESUME_PROSE_RUN:
        if resumes_at is not None and blocks[end].text.startswith(resumes_at):
            break  # the article's numbered list goes on ("18. ..." above the widget, "19. ..." under it)
        end += 1
    if _is_the_listing(blocks, start, end):
        return
    end = _head_of_resumed_text(blocks, start + 1, end, book)
    for i in range(start + 1, end):
        blocks[i].mark(Label.CHROME, STAGE, f"teaser under {header!r}")
    for group in _groups(blocks[start + 1 : end], split_at_removed=False):
        card = _as_card(doc, group)
        if card:
            doc.teasers.append(card)


#: A numbered item of the text: "18. Title", "4) Xero".
_NUMBERED = regex.compile(r"(\d{1,3})([.)]) \S")
#: The numbered item above a related header is looked for this many body lines up at most.
NUMBERED_ABOVE_LINES = 40


def _next_number_above(blocks: list[Block], start: int) -> str | None:
    """How the item after the last numbered item of the text above `start` opens ("19. " under
    "18. UNC Kenan-Flagler"), or None when the text above numbers none: a ranked list that
    a widget interrupts goes on under it."""
    seen = 0
    for block in reversed(blocks[:start]):
        if not block.is_body:
            continue
        found = _NUMBERED.match(block.text)
        if found:
            return f"{int(found[1]) + 1}{found[2]} "
        seen += 1
        if seen >= NUMBERED_ABOVE_LINES:
            return None
    return None


def mark_cards(doc: Document, ctx: Context) -> None:
    """Cards without a header. Runs late, on the body the other stages left, because a
    group of lines is only a card once the lines around it are known to be gone."""
    _mark_headerless_cards(doc)


def _mark_headerless_cards(doc: Document) -> None:
    groups = _groups(doc.blocks)
    cards = [_is_card_shape(doc, g) for g in groups]
    prose_in = [any(b.is_body and b.prose for b in g) for g in groups]
    prose_later = [False] * (len(groups) + 1)
    for n in range(len(groups) - 1, -1, -1):
        prose_later[n] = prose_later[n + 1] or prose_in[n]
    prose_above = 0
    taken: list[list[Block]] = []
    for n, group in enumerate(groups):
        if cards[n]:
            in_a_row = (n > 0 and cards[n - 1]) or (n + 1 < len(cards) and cards[n + 1])
            at_tail = not prose_later[n + 1]
            if (in_a_row or (at_tail and prose_above >= MIN_BODY_PROSE_ABOVE)) and any(b.is_body for b in group):
                taken.append(group)
        prose_above += len([b for b in group if b.is_body and b.prose])
    if taken and _share_of_body(doc, taken) >= LISTING_SHARE and (doc.extracted or _listing_of_dated_items(doc, taken)):
        # the extractor's content is these items, or on a flattened page nothing but them
        # stands there: a listing page (a jobs board, a search result page), not teasers
        return
    for group in taken:
        for block in group:
            block.mark(Label.CHROME, CARDS_STAGE, "teaser card (source, age, headline, snippet)")
        card = _as_card(doc, _whole_card(doc.blocks, group[0].index))
        if card and card not in doc.teasers:
            doc.teasers.append(card)


def _listing_of_dated_items(doc: Document, groups: list[list[Block]]) -> bool:
    """On a flattened page, the cards are the page's own listing when each is known by its
    age alone (no "- Source" line in any) and no article stands beside them: a second
    cleaning of the output, without the age lines, sees no card at all and keeps them too.
    Where the cards hold less (`LISTING_SHARE`), they are teasers next to the page's text."""
    if any(_SOURCE_DASH.match(b.text) for group in groups for b in group):
        return False
    held = {id(b) for group in groups for b in group}
    beside = sum(len(b.text) for b in doc.blocks if b.is_body and b.prose and id(b) not in held)
    return beside < LISTING_MAX_PROSE_ABOVE


def _share_of_body(doc: Document, groups: list[list[Block]]) -> float:
    """The share of the body's characters these groups hold."""
    body = sum(len(b.text) for b in doc.blocks if b.is_body)
    held = sum(len(b.text) for group in groups for b in group if b.is_body)
    return held / body if body else 0.0


def _groups(blocks: list[Block], *, split_at_removed: bool = True) -> list[list[Block]]:
    """Split blocks at blank lines and, by default, at removed text.

    Removed text prints as a blank line and is no part of any group: a second cleaning of
    the output sees exactly these groups, so it decides the same way.
    """
    groups: list[list[Block]] = []
    boundary = True
    for block in blocks:
        if split_at_removed and not block.is_body:
            boundary = True
            continue
        if boundary or block.gap > 0:
            groups.append([])
        groups[-1].append(block)
        boundary = False
    return groups


def _whole_card(blocks: list[Block], start: int) -> list[Block]:
    """The card's lines up to the next blank line, removed ones included (its headline may
    already be gone as a repeat of the title): the card is read for its source."""
    end = start + 1
    while end < len(blocks) and blocks[end].gap == 0 and end - start < MAX_CARD_LINES:
        end += 1
    return blocks[start:end]


def _is_card_shape(doc: Document, group: list[Block]) -> bool:
    """At most one prose line, and a card's mark: a "- Source" line, or a relative age
    ("3 hours ago", already removed) right before or after the group."""
    by_age = doc.role(group[0].index - 1) is _AGE or doc.role(group[-1].index + 1) is _AGE
    if len(group) > MAX_CARD_LINES or (len(group) < 2 and not by_age):
        return False
    # on HTML a dash opens every list item the extractor printed: only a flattened page's
    # "- Source" line is a card's mark, and only one: a group of several dashed lines is a list
    marked = by_age or (not doc.extracted and sum(1 for b in group if _SOURCE_DASH.match(b.text)) == 1)
    return marked and len([b for b in group if b.prose]) <= 1


def _as_card(doc: Document, group: list[Block]) -> Teaser | None:
    source = headline = snippet = None
    for block in group:
        text = block.text
        dash = _SOURCE_DASH.match(text)
        if block.role is Role.AGE:
            continue
        if dash and not block.prose:
            source = source or dash.group("name").strip()
        elif block.prose and headline is not None:
            snippet = snippet or text
        elif source is None and len(text) <= 50 and headline is None and not block.prose:
            source = text
        elif headline is None:
            headline = text
    if headline is None and snippet is None:
        return None
    return Teaser(source, headline, snippet)

"""The leading headline becomes the title, not body.

A flattened page often starts with its headline. The first body block is
taken as the title when it is shaped like one (short, one sentence, not a
list item, not ending in ":" or ",") and what follows confirms it:

- a headline without a closing full stop, followed by a prose paragraph that
  ends like a sentence; or
- a one-sentence line ending in a full stop (AI-rewrite blogs do this),
  followed by paragraphs that typically hold two sentences or more and a
  first one longer than any title may be. Wire copy, where every paragraph is
  one sentence, never loses its lead this way.

Both paths are idempotent: the block that becomes first once the title is
gone is a sentence-final paragraph (path 1) or a multi-sentence one longer
than `TITLE_MAX_CHARS` (path 2), and neither can pass as a title again.
"""

from __future__ import annotations

from collections.abc import Iterator
from statistics import median

from cleaner.features import (
    TITLE_MAX_CHARS,
    TITLE_MIN_WORDS,
    ends_sentence,
    line_key,
    looks_like_title,
    sentence_count,
    words,
)
from cleaner.headline import (
    TITLE_SEPARATORS,
    TitleEvidence,
    as_declared,
    choose_title,
    dated,
    fold,
    host_of,
    part_names,
)
from cleaner.model import Block, Document, Label
from cleaner.readers import is_role_line, parse_date
from cleaner.rules import RuleBook
from cleaner.stages import Context

STAGE = "title"
BROWSER_STAGE = "browser-title"
#: A headline that ends in a full stop (AI-rewrite blogs) is at most this long; longer
#: one-sentence lines open articles ("After six weeks, the films had lost…").
SENTENCE_TITLE_MAX_WORDS = 22



LEADING = "leading headline"
BYLINE_AT_HEAD = "the byline's name, left at the head"
REPEATS = "repeats the headline"
STANDFIRST = "standfirst under the headline"
#: The site part of a browser title is a name, not a clause.
SITE_MAX_WORDS = 6
SITE_MAX_CHARS = 50
#: The printed headline of a flattened page is looked for among this many first lines.
PRINTED_HEADLINE_WITHIN = 200


def mark_browser_title(doc: Document, ctx: Context) -> None:
    """A whole page flattened to text starts with its browser title, "Headline - Site". When
    the headline is printed again further down (the page's own heading), that confirms it:
    the headline becomes the title, the site name `site`, and both lines leave the body.

    It runs after the rules and reads the first line still in the body: that is the first
    line a second cleaning of the result sees, so both judge the same line; and when the line
    that is first once a browser title left is one too (confirmed the same way), it leaves
    as well, or a second cleaning would take it. The first one found names the title."""
    blocks = doc.blocks
    if doc.extracted:
        return  # HTML has its own title
    # a line a head- or tail-scoped rule may still take is not the first line yet: whether
    # it stays is decided late, and a second cleaning would see the line after it first
    lines = [b for b in blocks if b.is_body and b.scoped is None]
    first = lines[0] if lines else None
    found = browser_title(lines) if first is not None else None
    if first is None or found is None:
        return
    headline, site, printed = found
    first.mark(Label.TITLE, BROWSER_STAGE, "browser title (headline and site name)")
    for block in printed:
        block.mark(Label.TITLE, BROWSER_STAGE, "headline (repeats the browser title)")
    # the bare headline: the longest printing with no separator in it ("Opinion | Headline"
    # and a section name alone may be printed too)
    bare = [b.text for b in printed if not any(sep in b.text for sep in TITLE_SEPARATORS)]
    # (by identity: a block compares equal to another by every field, which costs far more)
    taken = {id(first), *map(id, printed)}
    if not any(b.stage == BROWSER_STAGE and id(b) not in taken for b in blocks):
        doc.meta.title = max(bare, key=len) if bare else headline
    if not doc.meta.site:
        doc.meta.site = site


def browser_title(blocks: list[Block]) -> tuple[str, str, list[Block]] | None:
    """(headline, site, the later lines printing the headline) when the first of `blocks` is a
    browser title confirmed further down; None otherwise."""
    body = [b for b in blocks if b.is_body]
    if not body:
        return None
    first = body[0]
    headline, site = _split_browser_title(first.text)
    if not headline or not site or not looks_like_title(headline):
        return None
    # the headline as printed on the page, with or without a section name ("Opinion | ...");
    # never the site name alone, which is printed in the masthead
    keys = {line_key(v) for v in [first.text, *title_variants(headline)]} - {"", line_key(site)}
    printed = [b for b in body[1:] if b.key in keys]
    return (headline, site, printed) if printed else None


def _split_browser_title(text: str) -> tuple[str | None, str | None]:
    """("Headline", "Site") from "Headline - Site" (the last separator wins: headlines hold
    dashes too); (text, None) when there is no site part; (None, None) when it is no title."""
    if len(text) > 2 * TITLE_MAX_CHARS:
        return None, None
    for separator in TITLE_SEPARATORS:
        head, found, tail = text.rpartition(separator)
        tail = tail.strip()
        if found and head.strip() and len(tail) <= SITE_MAX_CHARS and len(tail.split()) <= SITE_MAX_WORDS:
            return (text, None) if dated(tail) else (head.strip(), tail)
    return text, None


def mark_title(doc: Document, ctx: Context) -> None:
    # the HTML's own title is matched against the first line
    if doc.extracted and doc.meta.title is not None:
        if any(b.label is Label.TITLE for b in doc.blocks):
            return  # chosen in an earlier round
        printed = _drop_printed_title([b for b in doc.blocks if b.is_body], doc.meta.title)
        if printed:
            doc.meta.title = printed
        return
    # A text page's leading headline is judged on the body the other late stages left in this
    # round; the rounds repeat until nothing changes, so the title of the final body is the
    # title a second cleaning of the output sees. A date line is no headline: the dates stage
    # takes it (in the next round, when the cut brought it to the head).
    body = [b for b in doc.blocks if b.is_body]
    if (len(body) < 2 or not looks_like_title(body[0].text) or parse_date(body[0].text, ctx.book)
            or is_role_line(body[0].text, ctx.book) or _opens_lower_case(body[0].text)):
        # a byline's role under the name ("Garden Editor") is no headline, nor a line of tags
        # ("founder startup business"): a headline opens with a capital (or "iPhone")
        return
    first = body[0]
    if ends_sentence(first.text):
        # A headline written as a sentence (AI-rewrite blogs, aggregators) is only taken on a
        # page that had chrome around it, and only when short: on a clean article the same
        # shape is a one-sentence lead, and losing it is worse than keeping a headline.
        wrapped = any(not b.is_body and b.stage not in (STAGE, BROWSER_STAGE) for b in doc.blocks)
        if not wrapped or len(first.text.split()) > SENTENCE_TITLE_MAX_WORDS or not _opens_multi_sentence_text(body, 0):
            return
    elif not (body[1].prose and ends_sentence(body[1].text)):
        return
    if first.text in doc.meta.authors:
        # the byline's name the bylines stage read beside the date, now at the head: it leaves
        # as what it is, never as the title
        first.mark(Label.BYLINE, STAGE, BYLINE_AT_HEAD)
        return
    first.mark(Label.TITLE, STAGE, LEADING)
    doc.leading_headline = doc.leading_headline or first.text
    doc.meta.title = doc.meta.title or first.text
    for block in body[1:]:
        if block.key == first.key:
            block.mark(Label.DUPLICATE, STAGE, REPEATS)
    body = [b for b in body if b.is_body]
    if body and looks_like_title(body[0].text) and ends_sentence(body[0].text) and _opens_multi_sentence_text(body, 0):
        # a one-sentence standfirst between the headline and multi-sentence paragraphs: left in
        # the body it would pass as the title of the cleaned text, so it is metadata too
        body[0].mark(Label.CHROME, STAGE, STANDFIRST)
        doc.meta.description = doc.meta.description or body[0].text


def confirm_page_title(doc: Document, ctx: Context) -> None:
    """The title of a flattened whole page, judged once on the final labels.

    Such a page starts with its browser title ("Headline | Site"). When a headline the other
    stages found is one of its parts, or shares most of its words, it is confirmed (of
    several, the one standing first in the browser title), unless a printed part stands
    before it there; otherwise (they took a date, a byline, a section name or a teaser's
    headline, or found nothing) the title is the printed part that stands first in the
    browser title, else the headline printed over the article's byline, else the browser
    title less its site name. A first line a rule recognised (a "Skip to content" link, a
    menu) is no browser title. Only metadata changes here, never a label."""
    if doc.extracted or not doc.blocks:
        return
    first = doc.blocks[0]
    if first.rule is not None or first.role is not None or first.off_the_page or first.label is Label.BYLINE:
        return  # a line a rule recognised, or the byline's name: no browser title
    headline, site_part = _split_browser_title(first.text)
    # beside a site name one word names a page ("Pods | Kubernetes")
    min_words = 1 if site_part else TITLE_MIN_WORDS
    if (not headline or not (looks_like_title(headline, min_words=min_words, browser=True) or _ends_with_a_name(headline))
            or parse_date(first.text, ctx.book)):
        return
    meta = doc.meta
    site, host = meta.site or "", host_of(meta.url)
    parts = part_names(first.text) - {fold(first.text), fold(site_part or "")}
    # the printed part that stands first in the browser title: its headline, where a masthead
    # or a menu prints the site's or the section's name higher on the page
    browser = fold(first.text)
    printed = min(_printed_parts(doc.blocks, browser, parts, fold(site_part or "")), default=None)
    # the headlines the other stages found: the title so far, and the body's leading headline
    # (the browser-title stage may have taken a printed site or section part before it)
    found = [meta.title] if meta.title else []
    found += [doc.leading_headline] if doc.leading_headline else []
    confirmed = []
    bare = choose_title(TitleEvidence(first.text, "", site, host, ()))  # the browser title less its site
    headline_words = _title_words(bare or first.text)
    for n, text in enumerate(found):
        title = choose_title(TitleEvidence(first.text, "", site, host, (text,)))
        if not title or fold(title) != fold(text):
            continue
        if fold(title) not in parts and fold(title) != browser and not _confirms(_title_words(title), headline_words):
            continue  # "The Problem", "Social Media": a section's heading shares a word or two, no more
        confirmed.append((max(browser.find(fold(title)), 0), n, title))  # ranked by where it stands
    best = min(confirmed, default=None)
    if best is not None and (printed is None or best[0] <= printed[0]):
        meta.title = best[2]  # the headline found is confirmed, as the browser title spells it
        return
    if printed:
        meta.title = as_declared(printed[2], [first.text])
        return
    meta.title = _headline_over_the_article(doc, first.text, headline_words, ctx.book) or bare


#: The printed headline stands this many lines above the article's byline or date at most
#: (a kicker or a standfirst between them).
HEAD_LINES = 4


def _headline_over_the_article(doc: Document, browser_title: str, headline: set[str], book: RuleBook) -> str | None:
    """The title-shaped line nearest above the article's byline or date line that shares
    enough words with the browser title's headline (its `headline` words, `_confirms`). The cut may have taken the
    article's head (kicker, headline, byline, date) for page furniture; the headline is still
    the line printed over the byline."""
    authors = set(doc.meta.authors)
    credit = next((i for i, block in enumerate(doc.blocks[:PRINTED_HEADLINE_WITHIN]) if i and (
        block.label is Label.BYLINE or block.text in authors
        or (doc.meta.date and len(block.text) <= DATE_LINE_MAX_CHARS and parse_date(block.text, book) == doc.meta.date))), None)
    if credit is None:
        return None
    for block in reversed(doc.blocks[max(1, credit - HEAD_LINES) : credit]):
        if looks_like_title(block.text) and _confirms(_title_words(block.text), headline):
            return as_declared(block.text, [browser_title])
    return None


def _confirms(printed: set[str], headline: set[str]) -> bool:
    """A printed line's words confirm the browser title's headline: not all of them again
    (the browser title, or it with a breadcrumb or a site name around it), and enough shared:
    half of the words of each."""
    shared = len(printed & headline)
    return (not printed >= headline and shared >= CONFIRMING_WORDS and shared >= CONFIRMING_SHARE * len(printed)
            and shared >= CONFIRMING_SHARE * len(headline))


#: A printed line confirms the browser title's headline by at least this many shared words...
CONFIRMING_WORDS = 2
#: ...which are at least this share of the words of each (a section heading shares a word or
#: two with the headline, a date its year).
CONFIRMING_SHARE = 0.5


def _title_words(text: str) -> set[str]:
    return {w.casefold() for w in words(text) if len(w) >= 3 or w.isdigit()}


#: A date line is this short at most.
DATE_LINE_MAX_CHARS = 60


def _printed_parts(blocks: list[Block], browser: str, parts: frozenset[str], site: str) -> Iterator[tuple[int, int, str]]:
    """(where it stands in the browser title, line, text) of each line printing a part of the
    folded `browser` title, or the title less a label (`_within_affix`), never its `site`
    part. Each is a piece of the browser title: a longer line, or one it does not hold, is
    passed over before it is read as a title."""
    for n, block in enumerate(blocks[1:PRINTED_HEADLINE_WITHIN]):
        if len(block.text) > len(browser) + 4:
            continue
        probe = block.key[:PROBE_CHARS]
        if probe.isascii() and probe not in browser:
            continue  # the folded line holds its key's ASCII start: most lines stop at one search
        folded = fold(block.text)
        at = browser.find(folded)
        if at < 0 or not (folded in parts or (folded != site and _within_affix(folded, browser))):
            continue
        if looks_like_title(block.text, browser=True):
            yield at, n, block.text


#: How much of a line's key is looked for in the browser title before the line is folded.
PROBE_CHARS = 12


#: A browser title may wrap the printed headline in a label of this many words at most,
#: set off by a colon or a bracket ("Garnix Blog: Headline", "Headline (Jane Roe)").
AFFIX_MAX_WORDS = 4


def _within_affix(printed: str, browser: str) -> bool:
    """The browser title is the printed line (two words or more) with a short label before
    or after it, on a word boundary."""
    if printed == browser or len(printed.split()) < 2 or printed not in browser:
        return False
    if browser.startswith(printed):
        rest = browser[len(printed):]
        mark = rest.lstrip()[:1]
    elif browser.endswith(printed):
        rest = browser[: -len(printed)]
        mark = rest.rstrip()[-1:]
    else:
        return False
    return mark in _AFFIX_MARKS and 0 < len(rest.split()) <= min(AFFIX_MAX_WORDS, len(printed.split()) - 1)


#: What divides a label from the headline in a browser title: "Blog: Headline", "Headline (Name)".
_AFFIX_MARKS = frozenset(":([|-–—·•/»")


#: The site's name as a browser title's last sentence is this short: "Headline. Site.com".
SITE_SENTENCE_MAX_WORDS = 4


def _ends_with_a_name(title: str) -> bool:
    """A browser title whose second and last sentence is the site's name ("Men's Running
    Shoes. Nike.com", "Cardio Equipment for the Home. Johnson Fitness & Wellness."): a
    headline, where two statements would be a paragraph's."""
    head, dot, tail = title.rstrip(".").rpartition(". ")
    name = tail.split()
    return (bool(dot) and looks_like_title(head) and 1 <= len(name) <= SITE_SENTENCE_MAX_WORDS
            and all(w[:1].isupper() or w == "&" for w in name))


def _opens_lower_case(text: str) -> bool:
    """The first word is all lower-case letters of a cased script."""
    first = text.split(maxsplit=1)[0]
    return first.isalpha() and first.islower()


def _opens_multi_sentence_text(body: list[Block], n: int) -> bool:
    """Block n is one sentence in front of paragraphs that typically hold two or more,
    the next of them longer than any title may be."""
    following = body[n + 1 : n + 6]
    if not following:
        return False
    nxt = following[0]
    typical = median(sentence_count(b.text) for b in following)
    return len(nxt.text) > TITLE_MAX_CHARS and sentence_count(nxt.text) >= 2 and typical >= 2




def title_variants(title: str) -> list[str]:
    """The title and, when it is "Section | Headline" or "Headline - Site", the parts that can
    be the printed headline (two words or more: a site name alone is never one)."""
    variants = [title]
    for separator in TITLE_SEPARATORS:
        parts = title.split(separator)
        if len(parts) < 2:
            continue
        for n in range(1, len(parts)):
            variants += [separator.join(parts[:n]), separator.join(parts[n:])]
    return [v.strip() for v in variants if len(v.split()) >= TITLE_MIN_WORDS]


def _drop_printed_title(body: list[Block], title: str) -> str | None:
    """The known title, or its headline part, printed as the first block leaves the body;
    the printed headline then becomes the title (it has no site or section name glued on)."""
    if not body or not body[0].key:
        return None
    first = body[0]
    for variant in title_variants(title):
        if first.key == line_key(variant):
            first.mark(Label.TITLE, STAGE, "headline (matches the page's title)")
            return first.text
    return None

"""Comment widgets and other tail sections (hashtags, promos, share rows).

The rules stage recognises the section headers; this stage decides how far
each section reaches:

- a comment header below an article starts the comment thread, which runs to
  the end of the page unless the article visibly resumes (three prose lines in
  a row with no comment furniture among them: no ages, no Reply/Like lines);
- a tail header ("Hashtags", "Share this", an AI promo) takes the short lines
  under it, up to the next prose line or the next header; hashtag lines
  there fill `tags`;
- a references header ("References", "Sources") takes the citations under it, when a
  citation follows it (else it is a crosshead of the text, and stays);
- a reviews header ("Customer reviews", "Reviews (5)") takes the reviews under it like a
  comment thread, when a review's rating, badge or vote buttons follow it soon (else it is a
  tab's label or a section of the page, and stays);
- a `cut` rule ends the article: everything after it is chrome.
"""

from __future__ import annotations

from collections import Counter

import regex

from cleaner.model import Block, Document, Label, Role, article_paragraph_above, prose_run
from cleaner.readers import HAS_YEAR
from cleaner.stages import Context

STAGE = "comments"
RESUME_PROSE_RUN = 3
#: Flattened pages put one blank line between paragraphs: the resumed article's lines may too.
RESUME_MAX_GAP = 1
MIN_BODY_PROSE_ABOVE = 2
#: Under a comment header with no article paragraph above, this share of the body is the
#: page's own discussion.
DISCUSSION_SHARE = 0.25
#: A comment header printed this many times is a widget's label.
WIDGET_REPEATS = 4
_HEADERS = frozenset({Role.RELATED_HEADER, Role.COMMENTS_HEADER, Role.COMMENT_ITEM, Role.TAIL_HEADER, Role.BIO_HEADER,
                      Role.REFERENCES_HEADER, Role.REVIEWS_HEADER, Role.CUT})
_THREAD_MARKS = frozenset({Role.COMMENT_ITEM, Role.AGE})
#: The headers whose section this stage takes, below an article.
_SECTION_ROLES = frozenset({Role.COMMENTS_HEADER, Role.TAIL_HEADER, Role.BIO_HEADER, Role.REFERENCES_HEADER,
                            Role.REVIEWS_HEADER, Role.CUT})
#: enum members read on per-line paths, as module globals (see `cleaner.labels`)
_COMMENTS_HEADER = Role.COMMENTS_HEADER
_COMMENT_ITEM = Role.COMMENT_ITEM
#: An author's bio under "About the author" is one paragraph of at most this many characters.
BIO_MAX_CHARS = 1000
#: A hashtag: "#" and a word with a letter ("#64153161" and "#1" are numbers, not tags), not
#: glued to the word before it ("C#", "(#123)" aside).
_HASHTAG = regex.compile(r"(?<![\w(])#([\w-]*[^\W\d_][\w-]*)")


def mark_comments_on_body(doc: Document, ctx: Context) -> None:
    """The comment threads of the body as the late stages leave it: a line those stages take
    out can stand between "name says:" and its timestamp, and a second cleaning of the output
    sees them side by side. Judged on the body view (the same blocks, the removed ones
    gone), as that cleaning judges them; skipped on a body with no thread mark."""
    body = doc.body()
    if any(b.role in _HEADERS for b in body):
        view = Document(body, meta=doc.meta, notes=doc.notes, extracted=doc.extracted, walked=doc.walked,
                        discussion=doc.discussion)
        mark_comments(view, ctx)


def mark_comments(doc: Document, ctx: Context) -> None:
    blocks = doc.blocks
    prose_above = 0  # body prose blocks above i, counted as we go: linear in the page
    # a comment header printed again and again ("Comments" or "5 comments" under every
    # teaser, "Comment" in every share bar) is a widget's label, which heads no thread
    printed = Counter([_label_key(b.key) for b in blocks if b.role is _COMMENTS_HEADER])
    i = 0
    while i < len(blocks):
        role = blocks[i].role
        if doc.discussion and role in (_COMMENT_ITEM, _COMMENTS_HEADER):
            role = None  # a discussion page's replies are its content
        if role is _COMMENTS_HEADER and printed[_label_key(blocks[i].key)] >= WIDGET_REPEATS:
            role = None
        if role is _COMMENT_ITEM and prose_above >= MIN_BODY_PROSE_ABOVE and _stamped(blocks, i, ctx):
            role = Role.COMMENTS_HEADER  # a thread with no header: its first "name says:" starts it
            blocks[i].mark(Label.CHROME, STAGE, "comment by a reader")
        if (role is None and prose_above >= MIN_BODY_PROSE_ABOVE and len(blocks[i].text) <= CREDIT_MAX_CHARS
                and i + 1 < len(blocks) and (blocks[i + 1].prose or not blocks[i + 1].is_body)
                and _a_credit_over_a_bio(blocks, i)):
            role = Role.BIO_HEADER  # a name over "Name is a content writer at ...": an author's box
            blocks[i].mark(Label.CHROME, STAGE, "author's name over the bio")
        if role in _SECTION_ROLES and prose_above >= MIN_BODY_PROSE_ABOVE:
            header = blocks[i].text
            if role is Role.CUT:
                for block in blocks[i + 1 :]:
                    block.mark(Label.CHROME, STAGE, f"after end-of-article marker {header!r}")
                return
            if role is Role.COMMENTS_HEADER:
                i = _consume_thread(doc, i, header, ctx)
            elif role is Role.REFERENCES_HEADER:
                i = _consume_references(doc, i, header)
            elif role is Role.REVIEWS_HEADER:
                i = _consume_reviews(doc, i, header, ctx)
            else:
                i = _consume_section(doc, i, header, bio=role is Role.BIO_HEADER)
            continue
        prose_above += blocks[i].is_body and blocks[i].prose
        i += 1


_NUMBER = regex.compile(r"\d+")


#: The one label every comment header holding a count shares (see `_label_key`).
_COUNTED = "<count>"


def _label_key(key: str) -> str:
    """A header's text, or one label for every header that holds a count: "5 comments",
    "14 comments" and "1 comment" are one label (a comment section prints its count once; a
    count printed under every item of a listing, singular or plural, heads no thread)."""
    return _COUNTED if _NUMBER.search(key) else key


#: A comment's timestamp line: short, with a number in it ("November 19, 2019 at 6:58 am").
STAMP_MAX_CHARS = 40
_DIGIT = regex.compile(r"\d")
#: A clock time: what a stamp holds besides a year or a numeric date (`HAS_YEAR`), a month's
#: name or an age.
_CLOCK = regex.compile(r"\b\d{1,2}:\d{2}\b")


def _commenter_over_stamp(blocks: list[Block], j: int, ctx: Context) -> bool:
    """Line j is a timestamp under a commenter's name ("Kent Bunn" over "December 18, 2025,
    10:49 pm"): the head of a comment in a thread."""
    block = blocks[j]
    return (j > 0 and block.gap == 0 and not blocks[j - 1].prose and len(blocks[j - 1].text.split()) <= COMMENTER_MAX_WORDS
            and _is_stamp(block.text, ctx))


#: A commenter's name over a timestamp is a few words at most ("Kent Bunn", "rogue1").
COMMENTER_MAX_WORDS = 4


#: A name of a few words (twelve characters each at most) and a timestamp on one line.
NAMED_STAMP_MAX_CHARS = COMMENTER_MAX_WORDS * 12 + STAMP_MAX_CHARS


def _named_stamp(text: str, ctx: Context) -> bool:
    """A comment's head on one line: the commenter's name, then a timestamp with a clock time
    ("Amy September 11, 2008 at 2:06 PM", "rogue1 · 12/03/2024 21:14"). An age alone is not
    enough: a sidebar's list of threads prints one on every line ("Recruitment Timeline 9h");
    nor is a label before the time: an e-mail's header quoted in an article ("Date: Thu, 23
    Dec 1999 12:31:55") is no commenter."""
    if len(text) > NAMED_STAMP_MAX_CHARS or not _DIGIT.search(text):
        return False
    words = text.split()
    for k in range(1, min(COMMENTER_MAX_WORDS, len(words) - 1) + 1):
        if ":" in words[k - 1]:
            return False  # a label ("Date: Thu, 23 Dec 1999 12:31:55"), not a name
        rest = " ".join(words[k:]).lstrip("·•|-– ")
        if _CLOCK.search(rest) is not None and _is_stamp(rest, ctx):
            return True
    return False


def _is_stamp(text: str, ctx: Context) -> bool:
    """A comment's timestamp: short, with a clock time, a numeric date, a year, a month's name
    or an age in it."""
    if len(text) > STAMP_MAX_CHARS or not _DIGIT.search(text):
        return False
    words = (w.strip(".,").casefold() for w in text.split())
    return (HAS_YEAR.search(text) is not None or _CLOCK.search(text) is not None
            or any(w in ctx.book.months for w in words) or ctx.book.is_age(text))


def _stamped(blocks: list[Block], i: int, ctx: Context) -> bool:
    """The line after a "name says:" line is a timestamp, as in every comment of a thread
    (and in no article, where "He says:" is followed by what he says; nor in a forum post
    quoting another, where a quote follows, or "View attachment 2028258" once the quote is
    gone as a repeat). Lines already removed do not count as "after"."""
    # the next line still in the body: a line the rules removed in between (image markup) is
    # gone when the result is cleaned again, and the verdict must be the same then
    following = next((b for b in blocks[i + 1 :] if b.is_body), None)
    return following is not None and _is_stamp(following.text, ctx)


def _consume_thread(doc: Document, start: int, header: str, ctx: Context) -> int:
    """Label the thread under a comment header; returns where the article resumes."""
    blocks = doc.blocks
    # a thread runs at least to its last "name says:" line, comment age ("2 days ago at
    # 07:52 am") or commenter's name over (or before) a timestamp, whatever long comments
    # look like (looked for from the page's end: threads end pages, and a page with several
    # headers is not read to its end for each)
    last_item = next((j for j in range(len(blocks) - 1, start - 1, -1)
                      if blocks[j].role in _THREAD_MARKS or _commenter_over_stamp(blocks, j, ctx)
                      or _named_stamp(blocks[j].text, ctx)), start)
    end = start + 1
    while end < len(blocks):
        run = prose_run(blocks, end, max_gap=RESUME_MAX_GAP)
        if end > last_item and run >= RESUME_PROSE_RUN and not _has_comment_furniture(doc, end, run):
            break
        end += 1
    if _is_the_discussion(blocks, start, end) or _a_section_of_the_text(doc, start, end, last_item):
        return start + 1
    for i in range(start + 1, end):
        blocks[i].mark(Label.CHROME, STAGE, f"comment thread under {header!r}")
    return end


def _is_the_discussion(blocks: list[Block], start: int, end: int) -> bool:
    """What a comment header heads is the page's own discussion (a forum thread under a
    "Join the conversation" prompt), not comments under an article, when no article
    paragraph stands above the header and it holds a good share of the page."""
    body = sum(len(b.text) for b in blocks if b.is_body)
    under = sum(len(b.text) for b in blocks[start + 1 : end] if b.is_body)
    return under > DISCUSSION_SHARE * body and not article_paragraph_above(blocks, start)


def _a_section_of_the_text(doc: Document, start: int, end: int, last_item: int) -> bool:
    """The header heads a section of the text ("Discussion" in a paper, between its results
    and its references): nothing under it marks a thread (no "name says:", no timestamp under
    a name, no age, no Reply or Like) and a paragraph follows it."""
    if last_item > start or end <= start + 1:
        return False
    first = next((b for b in doc.blocks[start + 1 : end] if b.is_body), None)
    return first is not None and first.prose and not _has_comment_furniture(doc, start + 1, end - start - 1)


def _has_comment_furniture(doc: Document, start: int, run: int) -> bool:
    """Ages or Reply/Like lines next to a prose run make it a comment, not the article."""
    lo, hi = max(0, start - 2), min(len(doc.blocks), start + run + 2)
    return any(doc.blocks[j].role in (Role.AGE, Role.COMMENT_FURNITURE) for j in range(lo, hi))


def _consume_section(doc: Document, start: int, header: str, *, bio: bool = False) -> int:
    """Label the short lines under a tail header; returns the first line not taken. Under a
    `bio` header ("About the author"), the author's bio goes too: the first paragraph after
    the name and role, up to `BIO_MAX_CHARS`."""
    blocks = doc.blocks
    for i in range(start + 1, len(blocks)):
        block = blocks[i]
        if block.role in _HEADERS:
            return i
        if block.prose:
            if not bio or len(block.text) > BIO_MAX_CHARS:
                return i
            bio = False  # one paragraph: what follows it is the next section
            block.mark(Label.CHROME, STAGE, f"author's bio under {header!r}")
            continue
        follower = blocks[i + 1] if i + 1 < len(blocks) else None
        if not bio and follower is not None and follower.gap == 0 and follower.prose:
            return i  # a crosshead of text that resumes below, not part of the section
        tags = _HASHTAG.findall(block.text)
        if tags:
            doc.meta.add_unique("tags", tags)
        block.mark(Label.CHROME, STAGE, f"under tail section {header!r}")
    return len(blocks)


#: A citation is one entry of a reference list: longer ones are paragraphs of a text.
CITATION_MAX_CHARS = 600
#: What a line of a reference list holds: a link or a DOI, an entry's number or mark ("[3]",
#: "12.", "↑", "^"), a year in brackets or closing a name ("(2019, February 26)", "Smith J.
#: 2024.", "2011 May 25;94(1):247-53"), a journal's volume, issue and pages, "(n.d.)", or the
#: date the source was read ("Accessed April 14, 2025").
_CITATION = regex.compile(
    r"https?://|\bwww\.|\bdoi:|^\s*(?:\[\d{1,3}\]|\d{1,3}\.\s|[↑^])|\(\s*(?:1[89]|20)\d\d\b|\b(?:1[89]|20)\d\d[a-z]?(?:[.;:]|\))|\b\d+\(\d+\):\s?\d"
    r"|\(n\.d\.\)|\b(?:accessed|retrieved|abgerufen|consulté|consultado|consultato|acesso em)\b",
    regex.IGNORECASE,
)


def is_citation(text: str) -> bool:
    """The line reads as an entry of a reference list (see `_CITATION`)."""
    return len(text) <= CITATION_MAX_CHARS and _CITATION.search(text) is not None


def _consume_references(doc: Document, start: int, header: str) -> int:
    """Label a reference list under its header: the citations, and a short line between two
    of them (an entry's title over its link), up to the next header. The header heads a
    section of the text instead ("Sources" over a paragraph on where the figures come from)
    when no citation follows it: nothing is taken then. An HTML page's list stays: its markup
    put it with the article (a wiki's footnotes, a paper's bibliography), and the extractor
    kept it there. Returns the first line not taken."""
    blocks = doc.blocks
    if doc.extracted:
        return start + 1
    end = next((i for i in range(start + 1, len(blocks)) if blocks[i].role in _HEADERS), len(blocks))
    body = [i for i in range(start + 1, end) if blocks[i].is_body]
    if not body or not is_citation(blocks[body[0]].text):
        return start + 1
    blocks[start].mark(Label.CHROME, STAGE, "header of a reference list")
    for n, i in enumerate(body):
        block = blocks[i]
        between = not block.prose and n + 1 < len(body) and is_citation(blocks[body[n + 1]].text)
        if not (is_citation(block.text) or between):
            return i
        block.mark(Label.CHROME, STAGE, f"citation under {header!r}")
    return end


#: A credit line is no longer than this: "Written by" and a name of four long words.
CREDIT_MAX_CHARS = 80
#: Between a credit and the bio under it, at most this many lines other stages removed.
CREDIT_BIO_GAP = 3
#: An author's name in a credit: two to four words, each capitalised ("Kelia Losa Reinoso",
#: "Z.B. Steele"), after "About", "By" or "Written by" at times, a role in brackets after it.
_CREDIT_NAME = regex.compile(
    r"(?:(?:About|By|Written by) )?(?P<name>\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){1,3})(?: \([^)]{1,40}\))?,?"
)
#: What an author's bio says of its author, in the third person: a trade ("is a content writer
#: at", "is the co-founder of") or a career ("has written for", "covers", "joined").
_BIO_CLAIM = regex.compile(
    r"(?:is|was) (?:a|an|the)\b[^.]{0,60}?\b(?:writer|editor|author|journalist|reporter|columnist|correspondent|"
    r"contributor|blogger|copywriter|founder|co-founder|cofounder|ceo|director|manager|specialist|strategist|"
    r"analyst|consultant|expert|coach|trainer|designer|marketer|photographer|researcher|professor|lecturer|"
    r"nutritionist|dietitian|therapist|attorney|lawyer|adviser|advisor|planner|scientist|enthusiast)s?\b"
    r"|(?:has|have) (?:been )?(?:written|writing|covered|covering)\b|writes (?:about|for)\b|covers\b|joined\b",
    regex.IGNORECASE,
)


def _a_credit_over_a_bio(blocks: list[Block], i: int) -> bool:
    """Line i is an author's name (a credit line other stages took counts too) over the
    author's bio, which starts with the first name and says what the author does
    (`_BIO_CLAIM`): an author's box with no header. The entries of a list in the same shape
    ("Python" over "Python is a versatile language") claim no trade, and a profile of a person
    is followed by more of the text's paragraphs, where a bio is followed by a short line (the
    next author's name, the page's furniture) or nothing."""
    text = blocks[i].text
    bio_at = i + 1
    while bio_at < len(blocks) and not blocks[bio_at].is_body and bio_at <= i + CREDIT_BIO_GAP:
        bio_at += 1
    if bio_at >= len(blocks) or bio_at > i + CREDIT_BIO_GAP or not blocks[bio_at].prose or not text[:1].isupper():
        return False  # no paragraph right under the line (the cheap tests first: this runs on every line)
    bio = blocks[bio_at].text
    first = bio.split(" ", 1)[0]
    if len(bio) > BIO_MAX_CHARS or first not in text:
        return False  # a bio starts with the author's first name (a cheap test before the regex)
    after = [bio_at, *(j for j in range(bio_at + 1, min(len(blocks), i + 4)) if blocks[j].is_body)][:2]
    match = _CREDIT_NAME.fullmatch(text)
    if match is None or first != match["name"].split()[0]:
        return False
    head = bio[: len(match["name"]) + 120]
    return _BIO_CLAIM.search(head) is not None and (len(after) < 2 or not blocks[after[1]].prose)


#: Under a reviews header, the first review's rating, badge or vote line comes within this
#: many lines; further down, or not at all, the header is a tab's label over the product's
#: description, or a section of the page.
REVIEW_FIRST_MARK_WITHIN = 6


def _consume_reviews(doc: Document, start: int, header: str, ctx: Context) -> int:
    """Label the customer reviews under a reviews header when a review's mark (a rating, a
    reviewer's badge, vote buttons: `Role.COMMENT_FURNITURE`) comes soon under it: they run
    as a comment thread does, to where the page's text resumes (`_consume_thread`); a review
    seldom repeats its marks, so the last mark is no end. With no mark soon under it the header
    takes nothing. Returns the first line not taken."""
    blocks = doc.blocks
    soon = blocks[start + 1 : start + 1 + REVIEW_FIRST_MARK_WITHIN]
    if not any(b.role is Role.COMMENT_FURNITURE for b in soon) or any(b.role in _HEADERS for b in soon):
        return start + 1
    blocks[start].mark(Label.CHROME, STAGE, "customer reviews header")
    return _consume_thread(doc, start, header, ctx)

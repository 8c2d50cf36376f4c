"""Bylines, wire footers and editor credits: out of the body, into metadata.

- "By Jane Roe and John Doe" (any language's byline prefix from the packs),
  alone or with a date on the same line ("By Jane Roe | March 3, 2023");
- "Huyen Le (According to AFP, Reuters)": authors plus the agencies the text
  was compiled from;
- wire footers and editor initials are matched by rule packs; when the rules
  stage labels one it reads it (`cleaner.readers.read_credit_line`): reporters
  and writers become authors, editors and initials ("(bms, sm)") become `editors`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from cleaner.features import looks_like_title
from cleaner.model import Block, Document, Label, Role, article_paragraph_above
from cleaner.readers import (
    ACCORDING,
    HAS_YEAR,
    NAME_LIST,
    NAME_START,
    is_role_line,
    opens_date,
    parse_date,
    split_meta_line,
    split_names,
    tidy_author,
)
from cleaner.rules import RuleBook
from cleaner.stages import Context

STAGE = "bylines"
BYLINE_MAX_CHARS = 140
#: What may follow the names on a byline, part by part: a section, a reading time, "6 comments".
TRAILER_MAX_WORDS = 5
#: A name printed alone beside a date is looked for among this many first body lines.
DATED_NAME_WITHIN = 400
#: ...whose digits are looked for this many lines at a time.
DIGIT_CHUNK = 32
NAME_LINE_MAX_CHARS = 60
#: A date line that may carry the author's name: "Jane Roe | Senior Writer | July 2, 2025".
DATED_LINE_MAX_CHARS = 80
#: A day without a year or a reading time is a short line ("September 30", "12 min read").
DAY_LINE_MAX_CHARS = 24
#: A name beside a date on one line has at most this many words ("Senate Passes Budget Bill"
#: beside a date is a teaser's headline).
DATED_NAME_MAX_WORDS = 3


def mark_bylines(doc: Document, ctx: Context) -> None:
    prefixes = tuple(sorted(ctx.book.byline_prefixes, key=len, reverse=True))
    starts = tuple(p.casefold() for p in prefixes)
    alone = {p.casefold().rstrip(" :") for p in prefixes}
    firsts = {start[:1] for start in starts}  # what a by-word, folded, starts with
    body = [b for b in doc.blocks if b.is_body]
    words = PageWords(body)
    declared = _declares_persons(doc, ctx.book)
    found = False
    for n, block in enumerate(body):
        if not block.is_body or len(block.text) > BYLINE_MAX_CHARS:
            continue
        text = block.text
        # cheap gates first: a compiled-from line ends with ")", a byline starts with a prefix
        # (and may run as long as a sentence: "Posted by jroe on Friday December 19, 2025 @08:00PM
        # from the hard-times dept."); most lines' first letter starts no by-word
        folded = text.casefold() if text[:1].casefold()[:1] in firsts else None
        opens = folded is not None and folded.startswith(starts)
        if block.prose and not opens:
            continue
        if text.endswith((")", ").")) and _according_line(doc, block):
            found = True
        elif folded is not None and folded.rstrip(" :") in alone and n + 1 < len(body):
            found = _split_byline(doc, block, body[n + 1], ctx, words) or found
        elif opens:
            credits_article = not declared or not article_paragraph_above(body, n)
            found = _byline(doc, block, prefixes, ctx, words, credits_article) or found
    if not found and not doc.meta.authors:
        _dated_name(doc, body, ctx, prefixes, words)


class PageWords:
    """The words the page's own prose prints in lower case, read once when first asked.

    A credit whose every word the page also writes in lower case is a phrase of the page
    ("Wedding Planning" beside "plan the wedding"), not a name: a person's name is not
    written in lower case in a paragraph ("Andrew King": the page may say "king", never
    "andrew"). This is the page's own lexicon, in any language."""

    def __init__(self, body: list[Block]) -> None:
        self._body = body
        self._prose: str | None = None
        self._seen: dict[str, bool] = {}

    def phrase(self, name: str, book: RuleBook) -> bool:
        """Every word of `name`, two words or more and no group's credit ("Our Editors"), is
        printed in lower case in the page's prose (a user name alone may be too: "thanosmano
        wrote")."""
        tokens = [t.casefold() for t in _WORD.findall(name) if len(t) > 2]
        if len(tokens) < 2 or tokens[-1] in book.group_words:
            return False
        return all(self._prints(token) for token in tokens)

    def _prints(self, word: str) -> bool:
        """The prose prints `word` in lower case as a word of its own (not inside an address,
        a handle or a slug: "jill-barshay", "jroe@site.com"). A few words are asked of a page,
        so each is searched for rather than every word of the page collected."""
        found = self._seen.get(word)
        if found is None:
            if self._prose is None:
                self._prose = "\n".join(b.text for b in self._body if b.prose)
            found = self._seen[word] = _stands_alone(word, self._prose)
        return found

    def names(self, names: list[str], book: RuleBook) -> list[str]:
        """The names that are not phrases of the page."""
        return [name for name in names if not self.phrase(name, book)]


_WORD = regex.compile(r"[^\W\d_]+")


def _stands_alone(word: str, text: str) -> bool:
    """`word` occurs in `text` as a word of running text (`str.find`: C speed over the page)."""
    at = text.find(word)
    while at != -1:
        before = text[at - 1] if at else " "
        after = text[at + len(word) : at + len(word) + 2]
        if (not before.isalnum() and before not in "@./-_") and not (after[:1].isalnum() or after[:1] in "@/-_"
                                                                     or (after[:1] == "." and after[1:].isalnum())):
            return True
        at = text.find(word, at + 1)
    return False



def _split_byline(doc: Document, by: Block, names: Block, ctx: Context, words: PageWords) -> bool:
    """"By" on a line of its own and the names on the next (a flattening split the byline)."""
    if names.gap > 1 or names.prose:
        return False
    authors, after = _leading_names(names.text.split(), ctx.book)
    authors = words.names(authors, ctx.book)
    if not authors or len(after.split()) > TRAILER_MAX_WORDS:
        return False
    by.mark(Label.BYLINE, STAGE, "byline (its by-word)")
    names.mark(Label.BYLINE, STAGE, "byline")
    doc.meta.add_unique("authors", authors)
    return True


def _dated_name(doc: Document, body: list[Block], ctx: Context, prefixes: tuple[str, ...], words: PageWords) -> None:
    """A page with no byline often prints the author's name next to the date: alone over or
    under it ("Jane Roe" over "January 21, 2025"), or on the date's line ("Jane Roe | Senior
    Writer | July 2, 2025", "Jane Roe July 3, 2025", "September 1st, 2023 By Jane Roe"), or
    under a labelled date ("Posted Dec 19, 2025"); a forum prints the poster's handle by the
    post's head ("11-29-2024, 09:03 AM #1"). The first such name is the author, and the
    first dated line that names no one ends the search: later pairs are commenters and
    cards. A name in an author box over its bio counts too (`_name_in_head`). The line stays
    where it is: taking it out would bring the next pair forward for a second cleaning of
    the output to take."""
    # every credit read here has a digit beside it or on it (a date, a day, a reading time,
    # a post's head) or a bio under it: other lines are passed over at the cost of one search.
    # `near[n + 2]` says whether line n holds a digit (False before the first line and after
    # the last); the flags are read in chunks as the search goes, which mostly ends early
    near = [False, False]
    dates: dict[int, str | None] = {}  # the lines' dates, read once each
    for n, block in enumerate(body[:DATED_NAME_WITHIN]):
        if block.prose or (len(block.text) > DATED_LINE_MAX_CHARS
                           and len(_IN_SECTIONS.split(block.text, maxsplit=1)[0]) > DATED_LINE_MAX_CHARS):
            continue  # a date line with its sections may run longer ("… By Jane Roe In Travel, Guides")
        while len(near) < n + 5:
            read = len(near) - 2
            near += [b.has_digit for b in body[read : read + DIGIT_CHUNK]] or [False, False, False]
        # with no digit near, only names over a bio or a role can be a credit (`_name_in_head`)
        if not (near[n] or near[n + 1] or near[n + 2] or near[n + 3] or near[n + 4]) and not (
                n + 1 < len(body) and _opens_with_a_name(block.text)
                and (body[n + 1].prose or is_role_line(body[n + 1].text, ctx.book))):
            continue
        # (every date read there has a year: a line without a digit is read no further)
        printed, date = _names_on_date_line(block.text, prefixes, ctx.book) if near[n + 2] else ([], None)
        if date and not printed:
            # the first dated line names no one ("Posted Dec 19, 2025"): the name is under it, or
            # any later name is a commenter's
            doc.meta.date = doc.meta.date or date
            under = _name_under_date(body, n, ctx)
            if under is not None:
                doc.meta.add_unique("authors", words.names(split_names(under.text), ctx.book))
            return
        if not printed and " " not in block.text:  # one word: a user name or nothing
            if _lone_handle(block.text, ctx) and not words.phrase(block.text, ctx.book):
                # a forum post's head: "11-29-2024, 09:03 AM #1" over (or under) its poster's handle
                beside = ([body[n - 1]] if n and block.gap <= 1 else []) + body[n + 1 : n + 2]
                head = next((b for b in beside if b.gap <= 1 and _post_head(b, ctx)), None)
                if head is not None:
                    doc.meta.add_unique("authors", [block.text])
                    doc.meta.date = doc.meta.date or _leading_date(split_meta_line(head.text)[0], ctx.book)
                    return
            continue
        if not printed:
            credited = _name_in_head(body, n, ctx, words, doc.blocks, dates)
            if credited is None:
                continue
            printed, date = credited
        printed = words.names(printed, ctx.book)  # "Jane Roe, Shipping Expert": the role is a phrase
        if printed and all(tidy_author(name, ctx.book) == name for name in printed):
            doc.meta.add_unique("authors", printed)
            doc.meta.date = doc.meta.date or date
        return


def _opens_with_a_name(text: str) -> bool:
    """A line that may be a credit's names: short, and opening with a name of two words or
    more (`NAME_START`). Its first letter a capital and a space in it are tested before the
    pattern: most lines of a page fail the one or the other."""
    first = text[:1]
    return (len(text) <= NAME_LINE_MAX_CHARS and first.isalpha() and not first.islower() and " " in text
            and NAME_START.match(text) is not None)


def _name_under_date(body: list[Block], n: int, ctx: Context) -> Block | None:
    """The line of names right under date line n, or under the headline that follows it
    ("April 18, 2024" over "Startup Lessons from 25 Years" over "Tim Enwall")."""
    for at in (n + 1, n + 2):
        line = body[at] if at < len(body) and body[at].gap <= 1 else None
        if line is None:
            return None
        if len(line.text) <= NAME_LINE_MAX_CHARS and _names_only(line.text, ctx):
            return line
        if at == n + 1 and not looks_like_title(line.text):
            return None
    return None


def _name_in_head(body: list[Block], n: int, ctx: Context, words: PageWords, blocks: list[Block],
                  dates: dict[int, str | None]) -> tuple[list[str], str | None] | None:
    """The names of line n and the date beside them, when the line is a credit in an
    article's head: only names, beside a date, a day or a reading time ("Jane Roe" over
    "January 21, 2025", "Jan 23", "11 min read"), or over a bio that starts with the first
    name ("Jane Roe" over "Jane is a growth analyst…"), or over a role in the article's head
    ("Jane Roe" over "Content Editor")."""
    block = body[n]
    if not _opens_with_a_name(block.text):
        return None
    may_hold_a_role = _may_hold_a_role(block.text, ctx.book)
    if not NAME_LIST.match(block.text) and not may_hold_a_role:
        return None  # neither names alone nor names and a role (`_names_with_role` reads none)
    up = _past_marks(body, n, -1)
    above = [body[up]] if up >= 0 and body[up + 1].gap <= 1 else []
    if above and up >= 1 and above[0].gap <= 1 and looks_like_title(above[0].text):
        above.append(body[up - 1])  # the date over the headline over the name
    down = _past_marks(body, n, 1)
    below = [b for b in body[down : down + 2] if b.gap <= 1]
    date = next((iso for iso in (_date_of(b, ctx, dates) for b in above + below) if iso), None)
    timed = date is not None or any(_day_or_reading_time(b.text, ctx) for b in above + below) or _beside_a_reading_time(
        blocks, block.index)
    # a role beside the name, on its line or under it, in the article's head (a team page lists
    # such pairs after its text; a menu of roles, "Email Marketer" over "Content Marketer", is
    # no credit)
    role_below = (bool(below) and is_role_line(below[0].text, ctx.book)
                  and not (len(below) > 1 and is_role_line(below[1].text, ctx.book)))
    # (a bio says what the author is or does after a name's words at most: cheap to look for
    # before any name is read)
    bio_below = (bool(below) and below[0].prose
                 and (_BIO_START.match(below[0].text) is not None or _FIRST_PERSON_BIO.match(below[0].text) is not None))
    if not (timed or role_below or bio_below or may_hold_a_role):
        return None  # nothing beside the line makes it a credit: its names are not read
    names, role_on_line = _names_with_role(block.text, ctx)
    if not names:
        return None  # "Sign In Get Started" over a date is no name: the search goes on
    first, *rest = names[0].split()
    # an author box closes the article: prose above it ("Pivot Table" over "Pivot is a feature…"
    # heads a section)
    bio = bio_below and bool(rest) and _opens_bio(below[0].text, names[0], first) and any(b.prose for b in body[:n])
    role = (role_on_line or role_below) and not article_paragraph_above(body, n)
    if not (timed or bio or role):
        return None
    if below and _names_only(below[0].text, ctx) and not (above and _date_of(above[0], ctx, dates)):
        return None  # "Order Now" over "Jane Roe" over the date: the name nearest the date
    if not words.names(names, ctx.book):
        return None  # "Wedding Planning" over a date, on a page about planning weddings
    return names, date


def _beside_a_reading_time(blocks: list[Block], index: int) -> bool:
    """The line right over or under the page's line `index` is a reading time the rules took
    out of the body ("Jane Roe" over "7 min read")."""
    return any(0 <= i < len(blocks) and blocks[i].role is Role.READING_TIME for i in (index - 1, index + 1))


def _names_with_role(text: str, ctx: Context) -> tuple[list[str], bool]:
    """The names of a line that is only names, or names and then their role ("Jane Roe, Print
    Managing Editor"); none for any other line. With them, whether the line prints a role."""
    if _names_only(text, ctx):
        return split_names(text), False
    if is_role_line(text, ctx.book) or not _may_hold_a_role(text, ctx.book):
        return [], False  # "Paid Social Marketer" is a role (a menu of them lists what a site hires)
    names, after = _names_then_rest(text, ctx.book)
    # "Founder at Oakywood", "(Content Manager)", "Contributing Writer | Strategy, Colony Sims"
    after = after.strip(" |·•–—-,")
    role = _AT_COMPANY.sub("", split_meta_line(after)[0]).strip(" ()") if after else ""
    if not names or not is_role_line(role, ctx.book, ROLES_MAX_WORDS):
        return [], False
    # "Chief Marketing Officer" is a role, not "Chief Marketing" and an officer
    if any(w.casefold() in ctx.book.role_modifiers for name in names for w in name.split()):
        return [], False
    return names, True


def _names_then_rest(text: str, book: RuleBook) -> tuple[list[str], str]:
    """The names a line opens with, up to its first role mark or role word, and the rest
    ("Jane Roe, Print Managing Editor" -> Jane Roe, "Print Managing Editor"); no names when
    what comes first is not only names."""
    at = min((i for i in (text.find(mark) for mark in _ROLE_MARKS) if i > 0), default=len(text))
    head, rest = text[:at], text[at:]
    tokens, role = _before_role(head.split(), book)
    if role:
        head, rest = " ".join(tokens), " ".join(role) + rest
    if not NAME_LIST.match(head):
        return [], ""
    names = [tidy_author(name, book) for name in split_names(head)]
    return (names, rest) if all(names) else ([], "")  # type: ignore[return-value]


def _may_hold_a_role(text: str, book: RuleBook) -> bool:
    """A role word after a name's first two words ("Jane Roe, MD", "Jane Roe (Content
    Manager)"): a line without one is names or nothing (`_names_with_role` needs it)."""
    return any(w.casefold().strip(".,:;()[]|") in book.byline_roles for w in text.split()[2:])


#: What stands between names and their role on one line ("Jane Roe, Editor", "Jane Roe | Editor").
_ROLE_MARKS = (", ", " | ", " · ", " • ", " – ", " — ", " - ", " (")
#: Where a role names the company it is held at: " at Oakywood".
_AT_COMPANY = regex.compile(r"\s+at\s+\p{Lu}.*$")


def _past_marks(body: list[Block], n: int, step: int) -> int:
    """The index of the next line from n in direction `step` (1 or -1) that holds a letter or
    a digit: a "•" or "|" a flattening left on a line of its own between a date and a name
    is no line of the head."""
    at = n + step
    while 0 <= at < len(body) and at != n + 3 * step and not any(c.isalnum() for c in body[at].text):
        at += step
    return at


#: A bio goes on after the author's first name with what the author is or does ("Jane is a
#: growth analyst"; "Power BI is a tool" names no person by a first name alone).
_BIO = regex.compile(r"\s+(?:is|was|has|writes|covers|joined|holds|leads)\s")
#: A bio's verb after one to four words (a name, or its first word).
_BIO_START = regex.compile(r"^\S+(?:\s+\S+){0,3}" + _BIO.pattern)
#: ...or speaks of the author in the first person ("I’m the founder of…").
_FIRST_PERSON_BIO = regex.compile(r"^(?:I[’']m|I am)\s")


def _opens_bio(text: str, name: str, first_name: str) -> bool:
    """`text` is a bio of `name`: it goes on after the full or the first name with what the
    author is or does, or it opens in the first person."""
    return (_BIO.match(text.removeprefix(name)) is not None or _BIO.match(text.removeprefix(first_name)) is not None
            or _FIRST_PERSON_BIO.match(text) is not None)


def _names_only(text: str, ctx: Context) -> bool:
    """The line is one or more names and nothing else ("Marketing Director" is a role)."""
    return _names_only_in(text, ctx.book)


def _date_of(block: Block, ctx: Context, dates: dict[int, str | None] | None = None) -> str | None:
    """The date of a date line, alone or as the first part of a meta line ("23.07.2025 · 6
    min read"), or before a reading time ("Nov 08, 2025 7 min read"). `dates` keeps the
    answers for one page by line (each line is asked about as the neighbour of several)."""
    if dates is None:
        return _read_date_of(block, ctx)
    key = block.index
    if key not in dates:
        dates[key] = _read_date_of(block, ctx)
    return dates[key]


def _read_date_of(block: Block, ctx: Context) -> str | None:
    text = block.text
    if len(text) > DATED_LINE_MAX_CHARS or not HAS_YEAR.search(text):
        return None  # every date read here has a year
    text = _READING_TIME_AFTER.sub("", text)
    first = split_meta_line(text)[0]
    # "30 January 2025 23:07 GMT 30 January 2025": printed, then updated (two dates and no more)
    two_dates = len(HAS_YEAR.findall(first)) == 2 and _opens_with_date_word(first.split(" ", 1)[0], ctx.book)
    return parse_date(text, ctx.book) or parse_date(first, ctx.book) or (_leading_date(first, ctx.book) if two_dates else None)


#: How long a post takes to read, as a head prints it beside the date.
_READING_TIME = regex.compile(r"(?i)\d+(?:\s*[–-]\s*\d+)?\s*(?:min|mins|minutes?)(?:\s+read(?:ing)?)?")
#: ...at the end of a date line, after its separator.
_READING_TIME_AFTER = regex.compile(r"\s*[·•|—–-]?\s*" + _READING_TIME.pattern + r"\s*$")


def _day_or_reading_time(text: str, ctx: Context) -> bool:
    """A head's line that has no year: a day of a month ("Jan 23", "9 June") or a reading
    time ("11 min read")."""
    if len(text) > DAY_LINE_MAX_CHARS:
        return False
    if _READING_TIME.fullmatch(text.strip()):
        return True
    words = text.casefold().replace(",", " ").replace(".", " ").split()
    return len(words) == 2 and any(w in ctx.book.months for w in words) and any(w.isdigit() and len(w) <= 2 for w in words)


def _post_head(block: Block, ctx: Context) -> bool:
    """A line that opens with a date and says no more than a post's head adds ("11-29-2024,
    09:03 AM #1", "June 14, 2024 1 yr in Kerbal Network")."""
    text = block.text
    return (len(text) <= DATED_LINE_MAX_CHARS and HAS_YEAR.search(text) is not None
            and (_date_of(block, ctx) is not None or _leading_date(split_meta_line(text)[0], ctx.book) is not None))


def _lone_handle(text: str, ctx: Context) -> bool:
    """A line that is one user name ("microfast", "ColdJ", "b.scherer") and nothing else."""
    return _handle_or_lower(text) and len(text) <= NAME_LINE_MAX_CHARS and tidy_author(text, ctx.book) == text


def _names_on_date_line(text: str, prefixes: tuple[str, ...], book: RuleBook) -> tuple[list[str], str | None]:
    """The names a date line credits, with its date: a part that is only names (or one user
    name) beside a part that is only a date ("Jane Roe | Senior Writer | July 2, 2025",
    "longshot · 03/03/2026 19:44"), names or one name the date follows on a line of one
    part ("Jane Roe July 3, 2025", "Susan December 9, 2024 0 Comments"), or a by-word after
    the date ("September 1st, 2023 By Jane Roe"); nothing for any other line."""
    if not HAS_YEAR.search(text):
        return [], None  # every date read here has a year: most short lines stop at this test
    parts = [part for part in split_meta_line(text) if not _READING_TIME.fullmatch(part.strip())]
    if len(parts) == 1:
        text = parts[0]  # "Kristian Larsen July 13, 2025 — 7 min read": the reading time aside
    elif len(parts) > 1:
        date = next((iso for iso in (parse_date(part, book) for part in parts) if iso), None)
        # "Dec 26, 2025 • Jane Roe in Project Management", "0 · by Jane Roe · Updated on 8 May 2026"
        bare = (_FILED_IN.sub("", _BY_WORD.sub("", part.strip())) for part in parts)
        named = (NAME_LIST.match(part) for part in bare if len(part.split()) <= DATED_NAME_MAX_WORDS)
        found = next((match for match in named if match), None) if date else None
        if found:
            return split_names(found.group("names")), date
        handle = parts[0].strip() if date and _handle_or_lower(parts[0].strip()) else ""
        if handle:
            return [handle], date  # "longshot · 03/03/2026 19:44"
        # "Posted on May 2, 2025 by Jane Roe (jroe) - 4 Comments": the first part is read alone
        text = _HANDLE_IN_BRACKETS.sub("", parts[0])
    tokens = text.split()
    if _opens_with_date_word(tokens[0], book):
        dated = _names_after_dates(tokens, book)  # "September 1, 2016 September 8, 2016 Jane Roe"
        if dated[0]:
            return dated
    one_word = (len(tokens) > 1 and (_handle(tokens[0]) or tokens[0].istitle()) and _opens_with_date_word(tokens[1], book)
                and not _opens_with_date_word(tokens[0], book))  # "30th March 2025": a day, no handle
    date = _leading_date(" ".join(tokens[1:]), book) if one_word else None
    if date and tidy_author(tokens[0], book) == tokens[0]:
        return tokens[:1], date  # "Susan December 9, 2024 0 Comments"
    # "Commented May 21, 2018", "Published August 7, 2023 by …": a label, not a name ("Mon," opens
    # the date itself, which the dates stage reads whole)
    labelled = date if date and tokens[0].casefold().strip(".,") not in book.weekdays else None
    names, after = _leading_names(tokens, book)
    date = _leading_date(after, book) if names and after else None
    if date:
        return names, date
    lowered = text.casefold()
    for prefix, spaced in zip(prefixes, _spaced(prefixes)):
        at = lowered.find(spaced)
        # "On January 12, 2025 January 22, 2025 By …": published, then updated
        date = (parse_date(text[:at], book) or _leading_date(_without_on(text[:at]), book)) if at > 0 else None
        if date:
            # "… By Jane Roe In Budget Travel, Guides": the sections the post is filed in end the line
            names, after = _names_after_prefix(_IN_SECTIONS.split(text[at + 1 :], maxsplit=1)[0], (prefix,), book)
            after = _HANDLE_AND_COMMENTS.sub("", after)  # "… by Jane Roe (jroe) - 4 Comments"
            handle = text[at + 1 + len(prefix) :].strip(" :")
            if not names and _handle_or_lower(handle) and tidy_author(handle, book) == handle:
                names, after = [handle], ""  # "Posted on July 1, 2024 by infuy": a user name after the date
            return (names, date) if names and not after else ([], None)
    return [], labelled


@lru_cache(maxsize=16)
def _spaced(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """Each by-word folded, between spaces, as it is searched for inside a line (the same
    few by-words for every line of every page)."""
    return tuple(" " + prefix.casefold() + " " for prefix in prefixes)


#: The author's handle in brackets after the name: " (jroe)".
_HANDLE_IN_BRACKETS = regex.compile(r"\s*\([^()\s]{1,30}\)\s*$")
#: What a dated byline may print after the name: the author's handle, the post's comment count.
_HANDLE_AND_COMMENTS = regex.compile(r"^(?:\([^()]{1,30}\))?\s*(?:[-–—|·•]\s*)?(?:\d+\s+comments?)?$", regex.IGNORECASE)
#: A part of a meta line that names the author after a lower-case by-word ("by Jane Roe").
_BY_WORD = regex.compile(r"^by\s+(?=\p{Lu})")
#: The section a post is filed in, after the author's name in a part of a meta line: " in Travel".
_FILED_IN = regex.compile(r"\s+(?:in|on behalf of)\s+\p{Lu}.*$")
#: Where the sections a post is filed in start, after its author: " In Budget Travel, Guides".
_IN_SECTIONS = regex.compile(r"\s+In(?:\s+(?=\p{Lu})|\s*$)")


def _without_on(text: str) -> str:
    """"On January 12, 2025" less its "On" (a date's own word, not a label)."""
    head, _space, rest = text.partition(" ")
    return rest if head.casefold() == "on" else text


def _according_line(doc: Document, block: Block) -> bool:
    found = ACCORDING.match(block.text)
    if not found:
        return False
    block.mark(Label.BYLINE, STAGE, "byline with the agencies the text was compiled from")
    doc.meta.add_unique("authors", split_names(found.group("names")))
    doc.meta.add_unique("agencies", split_names(found.group("agencies")))
    return True


def _declares_persons(doc: Document, book: RuleBook) -> bool:
    """The markup of an HTML page named its authors, persons and not a group ("Team Tiger
    Data"): a byline after the article's text has begun then credits a teaser or a related
    story ("By Jane Roe" under a headline in the list after the article). On a flattened
    page the first byline may be a card's too, so none is passed over."""
    return doc.extracted and any(
        not {w.casefold() for w in name.split()} & book.group_words for name in doc.meta.authors)


def _byline(doc: Document, block: Block, prefixes: tuple[str, ...], ctx: Context, words: PageWords,
            credits_article: bool = True) -> bool:
    """"By Jane Roe", possibly sharing the line with a date, an agency, a section or a reading
    time ("By Jane Roe | SEO | 8 min read", "By Jane Roe Published: Jan 29, 2025"). The line
    leaves the body either way; its names and date become the article's only when
    `credits_article` (see `_declares_persons`)."""
    parts = split_meta_line(block.text)
    head, agency = _split_agency(parts[0], ctx)
    authors, after = _names_after_prefix(head, prefixes, ctx.book)
    if not authors:
        authors = _one_name_beside_a_date(head, parts[1:], prefixes, ctx.book)
    authors = words.names(authors, ctx.book)  # "Jane Roe, Shipping Expert": the role is a phrase
    if not authors:
        return False  # "By Wine Region" over a page about wine regions: a heading
    if agency:
        doc.meta.add_unique("agencies", [agency])
    date = None
    for n, part in enumerate(([after] if after else []) + parts[1:]):
        part = _READING_TIME_AFTER.sub("", part) or part  # "November 18, 2025 6 min read"
        # "August 25, 2025 August 29, 2025": published, then updated
        opener = part.split(" ", 1)[0]
        iso = parse_date(part, ctx.book) or (_leading_date(part, ctx.book) if _opens_with_date_word(opener, ctx.book)
                                             or opener.casefold().strip(".,") in ctx.book.weekdays else None)
        if iso:
            date = date or iso
        elif (len(part.split()) > TRAILER_MAX_WORDS and not _opens_role(part, ctx.book) and not is_role_line(part, ctx.book, ROLES_MAX_WORDS)
              and (date is None or n == 0)):
            # a sentence goes on after the names: no byline; past a date, a long part is the
            # post's categories ("By Jane Roe | Mar 11, 2023 | Brakes, Brake Repair | 0 comments")
            return False
    if not credits_article:
        block.mark(Label.BYLINE, STAGE, "byline of another story (the article's authors are named above)")
        return True
    block.mark(Label.BYLINE, STAGE, "byline")
    doc.meta.add_unique("authors", authors)
    if date and not doc.meta.date:
        doc.meta.date = date
    return True


#: A credit's roles run to this many words ("Home and Digital Security Expert & Gadget Reviewer").
ROLES_MAX_WORDS = 8


def _opens_role(text: str, book: RuleBook) -> bool:
    """What follows the names is their role ("Executive Digital Editor and Master Gardener"):
    a role word, after at most two words that qualify it ("Business leaders said" is a
    sentence)."""
    for word in (w.casefold().strip(".,:") for w in text.split()[:3]):
        if word in book.byline_roles:
            return True
        if word not in book.role_modifiers:
            return False
    return False


def _split_agency(text: str, ctx: Context) -> tuple[str, str | None]:
    """"Maria Lopez, Associated Press" -> ("Maria Lopez", "Associated Press")."""
    pattern = ctx.book.agency_suffix
    found = pattern.search(text) if pattern is not None else None
    if found is None:
        return text, None
    return text[: found.start()], found.group("agency")


def _names_after_prefix(text: str, prefixes: tuple[str, ...], book: RuleBook) -> tuple[list[str], str]:
    """The names of "By Jane Roe and John Doe", also when the line goes on after them with
    a date, a role or a place ("By Jane Roe Updated Sep 5", "by Tracy Parker, Dietitian");
    none when what follows the by-word is not names ("BY THE NUMBERS" is a subheading, and
    stays in the body). With the names, what the line holds after them."""
    for prefix, tokens in _after_by_words(text, prefixes):
        names, after = _leading_names(tokens, book)
        if names:
            return names, after
        if len(tokens) == 1 and (" " in prefix.strip() or _handle(tokens[0])) and tidy_author(tokens[0], book) == tokens[0]:
            return tokens, ""  # "Thread starter SamuelMIz", "by ridwan123": one handle
        if (len(tokens) > 1 and _handle_or_lower(tokens[0]) and tidy_author(tokens[0], book) == tokens[0]
                and _opens_with_date_word(tokens[1], book) and _leading_date(" ".join(tokens[1:]), book)):
            return tokens[:1], " ".join(tokens[1:])  # "By thegrangehall February 16, 2026": a handle, then the date
        if len(tokens) > 2 and _handle(tokens[0]) and tokens[1].casefold() == "in" and tidy_author(tokens[0], book) == tokens[0]:
            return tokens[:1], ""  # "By MixmasterFred in Workshop Woodworking": a handle, then the section
        if (len(tokens) > 2 and (_handle(tokens[0]) or tokens[0].istitle() and tokens[0].isalpha()) and tokens[1].casefold() in ("on", "at")
                and tidy_author(tokens[0], book) == tokens[0] and _leading_date(" ".join(tokens[2:]), book)):
            # "Posted by BeauHD on Friday December 19, 2025", "Posted by David at December 16, 2025"
            return tokens[:1], " ".join(tokens[2:])
    return [], ""


def _one_name_beside_a_date(head: str, others: list[str], prefixes: tuple[str, ...], book: RuleBook) -> list[str]:
    """The one name of "by Amanda · Dec 20, 2025" or "by whova | Apr 21, 2025": a single word
    after the by-word is a name (a first name, a user name) when the byline's next part is a
    date; alone ("By Design", "by hand") it is a heading or a phrase."""
    if not others or _leading_date(others[0], book) is None or not _opens_with_date_word(others[0].split()[0], book):
        return []
    for _prefix, tokens in _after_by_words(head, prefixes):
        if (len(tokens) == 1 and tokens[0].isalpha() and (tokens[0][:1].isupper() or tokens[0].islower())
                and tidy_author(tokens[0], book) == tokens[0]):
            return tokens
    return []


def _after_by_words(text: str, prefixes: tuple[str, ...]) -> Iterator[tuple[str, list[str]]]:
    """Each by-word the line opens with ("By", "Posted by", "Written by:"), with the tokens
    after it; a by-word is a word: "Bystanders", "DISTRICT" open with none (no "Di" + "STRICT")."""
    lowered = text.casefold()
    for prefix in prefixes:
        if not lowered.startswith(prefix.casefold()):
            continue
        rest = text[len(prefix) :]
        if prefix[-1].isalpha() and rest[:1].isalnum():
            continue
        yield prefix, rest.lstrip(" :").split()


def _names_after_dates(tokens: list[str], book: RuleBook) -> tuple[list[str], str | None]:
    """The names a line prints after one or two dates it opens with ("September 1, 2016
    September 8, 2016 Jane Roe": published, updated, by), with the first date."""
    first: str | None = None
    at = 0
    for _date in range(2):
        found = next(((end, iso) for end in range(min(len(tokens), at + 6), at, -1)
                      if (iso := parse_date(" ".join(tokens[at:end]), book))), None)
        if found is None:
            break
        at, iso = found
        first = first or iso
    rest = " ".join(tokens[at:])
    if first and rest and _names_only_in(rest, book):
        return split_names(rest), first
    return [], None


def _names_only_in(text: str, book: RuleBook) -> bool:
    """`_names_only` with the rule book alone."""
    return bool(NAME_LIST.match(text)) and all(tidy_author(name, book) == name for name in split_names(text))


#: A date a line opens with is read from its first words, this many at most.
LEADING_DATE_MAX_WORDS = 6


def _leading_date(text: str, book: RuleBook) -> str | None:
    """The date `text` opens with, whatever follows it ("December 9, 2024 0 Comments")."""
    words = text.split()
    for end in range(min(len(words), LEADING_DATE_MAX_WORDS), 0, -1):
        found = parse_date(" ".join(words[:end]), book)
        if found:
            return found
    return None


def _opens_with_date_word(word: str, book: RuleBook) -> bool:
    """A date itself starts here (a digit, a month), not a date's label ("Last Updated")."""
    return word[:1].isdigit() or word.casefold().strip(".,") in book.months


def _handle_or_lower(part: str) -> bool:
    """One word that is a user name: a handle, or a name in lower case ("longshot")."""
    return " " not in part and (_handle(part) or (part.isalnum() and part.islower()))


def _handle(token: str) -> bool:
    """A user name, not a word: digits, dots or underscores in it, or capitals inside
    ("ridwan123", "b.scherer", "SamuelMIz"); "By Design" is a heading, "by hand" a phrase."""
    return any(c.isdigit() or c in "._" for c in token) or (any(c.isupper() for c in token[1:]) and not token.isupper())


def _leading_names(tokens: list[str], book: RuleBook) -> tuple[list[str], str]:
    """The names the tokens open with, and what follows them: the names end where a date
    begins ("Jane Roe Updated Sep 5", "Jane Roe December 2, 2025") or at a break
    (punctuation, a lower-case word, a digit, a role)."""
    dated = ""
    # a date read here has a year, and a year stands within one token: past the last token
    # holding one, only a date's label can open a date ("Updated Sep 5")
    # (and `_leading_date` reads six tokens at most)
    years = [n for n, token in enumerate(tokens) if HAS_YEAR.search(token)]
    last_year = years[-1] if years else -1
    for start in range(1, len(tokens)):  # a date from the second token on leaves no name of two words
        rest = " ".join(tokens[start:])
        if (opens_date(rest, book) or start <= last_year and (
                parse_date(rest, book) or (_opens_with_date_word(tokens[start], book)
                                           and any(start <= year < start + LEADING_DATE_MAX_WORDS for year in years)
                                           and _leading_date(rest, book)))):
            tokens, dated = tokens[:start], rest
            break
    tokens, role = _before_role(tokens, book)
    dated = " ".join(role + ([dated] if dated else []))
    for end in range(len(tokens), 1, -1):
        if end < len(tokens) and not _breaks(tokens[end - 1], tokens[end], book):
            continue
        found = NAME_LIST.match(" ".join(tokens[:end]).rstrip(",;:|–—-"))
        if found:
            names = [tidy_author(name, book) for name in split_names(found.group("names"))]
            if not all(names):
                return [], ""
            after = " ".join(tokens[end:] + ([dated] if dated else [])).strip(" ,;:|–—-")
            return names, after  # type: ignore[return-value]
    return [], ""


def _before_role(tokens: list[str], book: RuleBook) -> tuple[list[str], list[str]]:
    """The tokens before the first role and the words that qualify it: "Jane Roe Executive
    Digital Editor" is "Jane Roe" and "Executive Digital Editor"."""
    for at in range(2, len(tokens)):
        if tokens[at].casefold().strip(".,:") in book.byline_roles:
            start = at
            while start > 2 and tokens[start - 1].casefold() in book.role_modifiers:
                start -= 1
            return tokens[:start], tokens[start:]
    return tokens, []


def _breaks(last: str, nxt: str, book: RuleBook) -> bool:
    if last[-1:] in ",;:|–—-" or not nxt[:1].isalpha() or nxt[:1].islower():
        return True
    folded = nxt.casefold().strip(".,:")
    return (folded in book.months or folded in book.byline_roles or opens_date(nxt, book)
            or folded in book.page_words or folded in book.not_names)  # "Jane Roe View In Digital Edition"

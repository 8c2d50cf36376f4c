"""What a head line says: dates, names and credits, read the same way by every stage.

`parse_date` reads a line that is only a date ("19 November 2019", "Published Mar 21,
2023") as ISO 8601, with the date grammar of `cleaner.dateline` over the packs' month names
and label prefixes. `split_names` reads "A, B and C"; `read_credit_line` fills authors and
editors from a wire footer or editor initials ("(bms, sm)").
"""

from __future__ import annotations

import html
from functools import lru_cache

import regex

from cleaner.dateline import read_date
from cleaner.model import Block, Document
from cleaner.rules import RuleBook

DATE_MAX_CHARS = 80
HAS_YEAR = regex.compile(r"\b(?:1[89]\d\d|20\d\d)\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_SEPARATORS = regex.compile(r"\s+[|·•●⋅]\s+|\s+[-–—]\s+(?=\S)")


def parse_date(text: str, book: RuleBook) -> str | None:
    """ISO 8601 for a line that is only a date (after an optional label), else None.

    "Published 3 May 2021 Updated on: 4 May 2021" holds two labelled dates: the first, the
    publication, is the line's date."""
    text = text.strip(" |·•")
    if len(text) > DATE_MAX_CHARS or not HAS_YEAR.search(text):
        return None
    labels = book.date_prefixes
    if labels is None:
        return read_date(text, book.date_words)
    parts = [labels.sub("", part, count=1) for part in book.date_labels.split(labels.sub("", text, count=1))]
    dates = [read_date(part, book.date_words) for part in parts if part.strip()]
    return dates[0] if dates and all(dates) else None


def split_meta_line(text: str) -> list[str]:
    """Split a head line like "By Jane Roe | March 3, 2023" into its parts."""
    return [part for part in _SEPARATORS.split(text) if part.strip()]


_TOKEN = r"\p{Lu}[\p{L}\p{M}'’.-]+"  # two characters at least: "J." or "Le", never "A"
_PARTICLE = r"(?:de|da|di|do|dos|das|del|della|van|von|der|den|ter|le|la|du|bin|ibn|al|el|y|zu)"
_NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_TOKEN}){{1,3}}"
_NAMES = rf"{_NAME}(?:\s*(?:,\s*(?:and|und|et|y|e)\b|,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*{_NAME}){{0,5}}"
NAME_LIST = regex.compile(rf"^(?P<names>{_NAMES})$")
#: What a line opening with a name starts with: a name's first two words (what `NAME_LIST`
#: needs first; searched alone, nothing after them is tried).
NAME_START = regex.compile(rf"{_TOKEN}\s+(?:{_PARTICLE}\s+)*{_TOKEN}")
ACCORDING = regex.compile(
    rf"^(?P<names>{_NAMES})\s*\((?i:according to|compiled from|theo|selon|según|laut|secondo|segundo|via|with|from)\s+"
    r"(?P<agencies>[^()]{2,80})\)\.?$"
)
#: Lower-case words a name holds: "Ludwig van Beethoven", "Maria da Silva".
NAME_PARTICLES = frozenset(_PARTICLE[3:-1].split("|"))
_NAME_SPLIT = regex.compile(r"\s*(?:,\s*(?:and|und|et|y|e)\b|,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*")
_CREDIT_PART = regex.compile(
    r"(?P<role>additional reporting|reporting|writing|editing|compiled|research|graphics)\s+by\s+(?P<names>[^;()]+)",
    regex.IGNORECASE,
)
_INITIALS = regex.compile(r"[a-z]{1,4}(?:/[a-z]{1,4})?")
#: A site's address credited as an author ("ebb.org", "Paperium.net"): the site, not a name.
_DOMAIN = regex.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|info|gov|edu|co|uk|de|fr|es|it|nl|pt)$", regex.IGNORECASE)


def split_names(text: str) -> list[str]:
    """Names from "A, B and C"; all-capital names ("MARIA LOPEZ") are title-cased."""
    names = [n.strip(" .") for n in _NAME_SPLIT.split(text) if n.strip(" .")]
    return [n.title() if n.isupper() and len(n) > 4 else n for n in names]


def read_credit_line(doc: Document, block: Block) -> None:
    """Fill metadata from a footer or initials line the rules stage labelled as a byline."""
    text = block.text.strip()
    inner = text.strip("()").strip()
    if text.startswith("(") and all(_INITIALS.fullmatch(p.strip()) for p in inner.split(",")):
        doc.meta.add_unique("editors", [p.strip() for p in inner.split(",")])
        return
    for found in _CREDIT_PART.finditer(text):
        names = split_names(found.group("names"))
        field = "editors" if found.group("role").casefold() == "editing" else "authors"
        doc.meta.add_unique(field, names)

#: A credit that keeps going after the name: "Jane Roe - Staff Writer", "Jane Roe | March 3".
#: A name printed again in brackets, as forums print a display name and its handle.
_REPEATED_IN_BRACKETS = regex.compile(r"^(.+?)\s*\(\1\)$")
#: A day in digits glued to the end of a handle ("Yucy3/4/2025"): the post's date.
_GLUED_DAY = regex.compile(r"(?<=\p{L})\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}$")
_CREDIT_BREAK = regex.compile(r"\s+[|•·—–-]\s+|\s*[,;]\s+|\s*[|•·]\s*")
NAME_MAX_WORDS = 6
NAME_MAX_CHARS = 60


#: A tag is a word or a short phrase; longer "tags" are a description or a page's text that a
#: CMS put in its keywords field.
TAG_MAX_CHARS = 60
TAG_MAX_WORDS = 8
_TAG_PARTS = regex.compile(r"\s*[,;|]\s*")
_SENTENCE_BREAK = regex.compile(r"[.!?]\s+\p{Lu}")
#: Values a CMS prints for an empty field.
_NO_TAG = frozenset({"not set", "none", "null", "undefined", "n/a", "uncategorized", "uncategorised"})


def tidy_tags(values: list[str]) -> list[str]:
    """Tags as a reader would list them: a comma-joined keywords field split into its tags
    ("catering trends, food trends" is two), each once (case aside), without the values no
    tag holds: a number (an id), an address, a sentence-long text, an empty field's
    placeholder ("Not Set")."""
    tags: list[str] = []
    seen: set[str] = set()
    for value in values:
        if len(value) > TAG_MAX_CHARS and _SENTENCE_BREAK.search(value):
            continue  # sentences: the page's text or description, not a list of tags
        for part in _TAG_PARTS.split(value):
            tag = " ".join(part.split()).strip(" #-")
            folded = tag.casefold()
            if (not tag or folded in seen or folded in _NO_TAG or not any(c.isalpha() for c in tag)
                    or len(tag) > TAG_MAX_CHARS or len(tag.split()) > TAG_MAX_WORDS or "://" in tag or tag.startswith("www.")):
                continue
            seen.add(folded)
            tags.append(tag)
    return tags


#: A role on a line of its own is this many words at most ("Senior Garden Editor").
ROLE_LINE_MAX_WORDS = 3


#: Words that join two roles on one line ("Founder & Lead Reviewer").
_ROLE_JOINS = frozenset({"&", "and", "/"})


def is_role_line(text: str, book: RuleBook, max_words: int = ROLE_LINE_MAX_WORDS) -> bool:
    """A credit's role printed on a line of its own under the name ("Garden Editor", "Tech
    Reporter", "Staff Writer"): a few capitalised words (`max_words`; roles may be joined,
    "Founder & Lead Reviewer"), the last a role of the packs' `[bylines] roles`. Never a
    headline."""
    words = [w for w in text.split() if w not in _ROLE_JOINS]
    if not 1 <= len(words) <= max_words or not all(w[:1].isupper() for w in words):
        return False
    folded = " ".join(words).casefold()
    return folded in book.byline_roles or words[-1].casefold().strip(".,") in book.byline_roles


def tidy_author(text: str, book: RuleBook) -> str | None:
    """An author credit as the name it holds, or None when it holds none.

    Credits come glued to what surrounds them on the page: a label ("Author Jane Roe",
    "View all posts by Jane Roe"), a role ("Jane Roe - FullStack Editorial Team", "Jane Roe
    Founder"), a date ("Jane Roe Last Updated August 1", "Jane Roe December"), a forum
    counter ("JonB 6"). What is left must look like a name or a handle: letters, at most
    six words, none a word no name holds ("The Numbers"); or a group's credit ("The Diggs
    Team", "Our Editors")."""
    if "&" in text:
        text = html.unescape(text)
    text = " ".join(text.split()).strip(" .,;:|-–—•·&\"“”").lstrip("@")  # "@jroe": a handle
    text = _GLUED_DAY.sub("", _REPEATED_IN_BRACKETS.sub(r"\1", text))  # "jroe (jroe)", "Yucy3/4/2025"
    text = _without_label(text, book.byline_prefixes)
    if opens_date(text, book) or _is_date_label(text, book):
        return None  # "Updated March 3", "Updated": a date line
    text = _CREDIT_BREAK.split(text, maxsplit=1)[0]
    words = text.split()
    if 1 < len(words) <= NAME_MAX_WORDS and words[-1].casefold() in book.group_words:
        return text  # "The Diggs Team", "Podium Staff": a group is credited
    end = _name_end(words, book)
    words = words[:end]
    while len(words) > 1 and not any(c.isalpha() for c in words[-1]):
        words.pop()  # "Pup 1", "Vader 6": a post counter
    if len(words) == 2 and len(words[1]) == 1 and words[1].isupper() and words[0][:1].upper() == words[1]:
        words.pop()  # "Ejp55230 E": a handle and its avatar's letter
    name = " ".join(words).strip(" .,;:")
    if not name or not any(c.isalpha() for c in name) or len(name) > NAME_MAX_CHARS or len(words) > NAME_MAX_WORDS:
        return None
    folded = [w.casefold() for w in words]
    if (folded[0] in book.byline_roles and not _name_word(words[0])) or any(w in book.not_names for w in folded):
        return None  # "Author", "Staff"; "The Numbers"
    if len(folded) == 1 and (folded[0] in book.months or folded[0] in book.weekdays or _DOMAIN.match(name)):
        return None  # "Sat": a date's word; "ebb.org": a site
    if len(folded) == 1 and len(folded[0]) <= SHORT_WORD_CHARS and folded[0] in book.stopwords:
        return None  # "On" of "On January 12, 2025 By …": a word of the sentence, not a name
    if all(_page_word(w, book) for w in folded):
        return None  # "Use Case", "January Start", "Tuesdays Evenings": a site's label, not a name
    return name


def _page_word(word: str, book: RuleBook) -> bool:
    """A word of a site's own vocabulary or of a date (months and weekdays, "Tuesdays" too)."""
    word = word.strip(".,:;!?")
    singular = word.removesuffix("s")
    return any(w in book.page_words or w in book.months or w in book.weekdays for w in (word, singular))


#: "In" before a byline's sections (English, German, Italian), capitalised as the sections are.
_IN = "in"
#: A stop word this short alone is no credit ("On", "In"); longer ones may be names ("Will").
SHORT_WORD_CHARS = 3


def _name_end(words: list[str], book: RuleBook) -> int:
    """Where the name ends among `words`: before a role ("Tech Reporter", "Edited by"), a date
    ("December 2", "Last Updated August 1"; a month name ends a name only before a number, or
    last after two names: "Laura June Topolsky", "Theresa May", "Joshua Sokol May"), or a lower-case word after capitalised ones ("Aleš
    Vávra před", a particle aside)."""
    folded = [w.casefold().strip(".,:") for w in words]
    for n in range(1, len(words)):
        rest = " ".join(folded[n:])
        if (rest in book.byline_roles or rest.startswith(book.role_openings)) and not _name_word(words[n]):
            return n - 1 if n >= 3 and folded[n - 1] in book.role_modifiers else n
        month_ends = folded[n] in book.months and (words[n + 1][:1].isdigit() if n + 1 < len(words) else n >= 2)
        if month_ends or opens_date(" ".join(words[n:]), book):
            return n
        if words[n][:1].islower() and folded[n] not in NAME_PARTICLES and all(w[:1].isupper() for w in words[:n]):
            return n
        if folded[n] == _IN and n + 1 < len(words):
            return n  # "Jane Roe In Budget Travel": the sections it is filed in
    return len(words)


def _name_word(word: str) -> bool:
    """A short word printed as a name ("Ma" in "Rui Ma"), not as the credential it spells
    ("MA", "PhD")."""
    return len(word) <= 4 and word[:1].isupper() and word[1:].islower()


def opens_date(text: str, book: RuleBook) -> bool:
    """A date label ("Updated", "Le") followed by a date: a digit or a month name."""
    found = book.date_prefixes.match(text) if book.date_prefixes is not None else None
    if found is None:
        return False
    rest = text[found.end():]
    return any(c.isdigit() for c in rest) or any(w.casefold().strip(".,") in book.months for w in rest.split())


def _is_date_label(text: str, book: RuleBook) -> bool:
    found = book.date_prefixes.match(text) if book.date_prefixes is not None else None
    return found is not None and not text[found.end():].strip()


def _without_label(text: str, labels: tuple[str, ...]) -> str:
    """`text` less a leading byline label, matched as whole words ("By", never "Bystanders")."""
    lowered = text.casefold()
    folded, alone, starts = _folded_labels(labels)
    if lowered.rstrip(" :") in alone:
        return ""  # "Written By" alone: a label with no name
    if not lowered.startswith(starts):
        return text
    for label, folded_label in folded:
        size = len(label)
        if lowered.startswith(folded_label) and (not label[-1].isalpha() or text[size:size + 1] in (" ", ":")):
            return text[size:].lstrip(" :")
    return text


@lru_cache(maxsize=64)
def _folded_labels(labels: tuple[str, ...]) -> tuple[tuple[tuple[str, str], ...], frozenset[str], tuple[str, ...]]:
    """The labels, longest first, each with its folded form; the folded labels as a whole
    credit; and what a labelled credit starts with (once per rule book: every credit is read
    against the same labels)."""
    ordered = tuple((label, label.casefold()) for label in sorted(labels, key=len, reverse=True))
    return ordered, frozenset(f.rstrip(" :") for _label, f in ordered), tuple(f for _label, f in ordered)

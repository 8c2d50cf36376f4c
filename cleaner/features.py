"""Line features with no dependencies beyond the block, shared by every stage.

Kept in one place so that "prose", "sentence end", "title-like" and "list item" mean the
same thing in every stage, and so the thresholds are documented once:

- `is_prose`: long, and sentence-final (any closing mark) or very long;
- `ends_sentence`: a full stop, question or exclamation mark, closing quotes aside;
- `ends_clause`: that, or a colon or semicolon (a paragraph that runs on into a list);
- `looks_like_title`: short, one sentence, a headline's first and last characters;
- `line_key`: the form whole lines are compared in.
"""

from __future__ import annotations

import re
from itertools import repeat

import regex

#: A line at least this long that ends like a sentence reads as article prose.
PROSE_MIN_CHARS = 80
#: A line this long is prose whatever its ending (flattened paragraphs lose their last period).
PROSE_LONG_CHARS = 160
#: Lines longer than this are never compared whole against rule phrases.
KEY_MAX_CHARS = 300
#: The characters a prose line may end with (a sentence, a clause, closing quotes or brackets).
_TERMINAL = frozenset(".!?…:;)]\"'”’»›。！？")
_TRIM = " \t:.…!|•·-–—»›>*#"


def is_prose(text: str) -> bool:
    """A line that reads as article text: long, and sentence-final or very long."""
    size = len(text)
    if size >= PROSE_LONG_CHARS:
        return True
    # ten words need at least nine spaces; counting spaces is much cheaper than tokenising
    return size >= PROSE_MIN_CHARS and text[-1] in _TERMINAL and text.count(" ") >= 9


#: Sentences carry punctuation: prose has a mark at least every this many characters.
PUNCTUATION_EVERY = 400
# the standard library's `re` for a plain class: several times faster than `regex` here
_PUNCTUATION = re.compile(r"[.,;:!?。、，！？]")


def punctuated(text: str, size: int | None = None) -> bool:
    """A mark at least every `PUNCTUATION_EVERY` characters (of `size`, when the caller weighs
    characters its own way): sentences, not a menu, tag cloud or country list on one line."""
    size = len(text) if size is None else size
    if size < PUNCTUATION_EVERY:
        return _PUNCTUATION.search(text) is not None  # one mark: the first found will do
    return len(_PUNCTUATION.findall(text)) >= 1 + size // PUNCTUATION_EVERY


def line_key(text: str) -> str:
    """The form used for whole-line comparison: casefolded, trailing punctuation trimmed."""
    return " ".join(text.casefold().strip(_TRIM).split())


def normalized_line_key(text: str) -> str:
    """`line_key` of a normalized line (single spaces, none at the ends, see
    `stages.normalize`): trimming its ends cannot leave a run of spaces inside."""
    return text.casefold().strip(_TRIM)


#: Headlines are rarely longer than this; article paragraphs often are.
TITLE_MAX_CHARS = 160

#: A sentence ends with one of these, closing quotes and brackets (`_SENTENCE_CLOSERS`) aside.
_SENTENCE_MARKS = frozenset(".!?…。！？")
_SENTENCE_CLOSERS = "\"'”’»)"
_WORD = re.compile(r"\w+")  # stdlib re: several times faster than regex for \w+, same Unicode words
_LIST_ITEM = regex.compile(r"^(?:[-–—•*·▪►]|\d{1,2}[.)])\s+")
# A sentence boundary: terminal mark, optional closing quote, space, capital. A single
# capital before the period ("U.S. Senate", "J. Smith") is an abbreviation, not a boundary.
_SENTENCE_BREAK = regex.compile(r"(?<!\b\p{Lu})(?<!\b\d{1,3}\.?)(?<!\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|No|vs))[.!?…][\"'”’»]?\s+[\"'“‘«]?\p{Lu}")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def ends_sentence(text: str) -> bool:
    """Ends with a full stop, question or exclamation mark (closing quotes aside)."""
    bare = text.rstrip(_SENTENCE_CLOSERS)
    return bool(bare) and bare[-1] in _SENTENCE_MARKS


def continues_sentence(above: str, text: str) -> bool:
    """`text`, printed right under `above`, goes on with its sentence: a lower-case start after
    a line with no sentence end (a wrapped paragraph's or a poem's line break, or text split
    around a link). Such a line is a piece of a block, never a header or a block of its own."""
    return text[:1].islower() and not ends_sentence(above)


def is_list_item(text: str) -> bool:
    return bool(_LIST_ITEM.match(text))


def sentence_count(text: str) -> int:
    return 1 + len(_SENTENCE_BREAK.findall(text))


TITLE_MIN_WORDS = 2
TITLE_MAX_WORDS = 30
_CLAUSE_MARKS = _SENTENCE_MARKS | {":", ";"}
_CLAUSE_CLOSERS = _SENTENCE_CLOSERS + "]"


def ends_clause(text: str) -> bool:
    """Ends a sentence, or a clause that runs on (":", ";"), closing quotes and brackets aside."""
    bare = text.rstrip(_CLAUSE_CLOSERS)
    return bool(bare) and bare[-1] in _CLAUSE_MARKS


def looks_like_title(text: str, *, min_words: int = TITLE_MIN_WORDS, browser: bool = False) -> bool:
    """Shaped like a headline: short, one sentence, no list item, no trailing ":" or ",", no
    wire dateline. The headline part of a `browser` title may also ask a question or two
    ("What is X? Types of X"), never run statements together, and start with a capitalised
    name and a dash ("HRMS - Human Resource Management Software"): it opens no wire story."""
    # (the cheap tests first: most lines asked are no headline)
    if (len(text) > TITLE_MAX_CHARS or text.endswith((":", ",", ";"))
            or not (text[:1].isalnum() or text[:1] in "\"'“‘«¿¡" or browser and text[:1] in "[(<")):  # "[2025] Free Courses"
        return False
    if not min_words <= len(words(text)) <= TITLE_MAX_WORDS:
        return False
    if not browser and (is_list_item(text) or _DATELINE.match(text)):  # "5. Data Structures" heads a documentation page
        return False
    sentences = sentence_count(text)
    return sentences == 1 or browser and sentences <= TITLE_MAX_QUESTIONS and _asks(text)


#: A browser title holds at most this many sentences, questions among them.
TITLE_MAX_QUESTIONS = 3


def _asks(text: str) -> bool:
    return ("?" in text or "!" in text) and not text.endswith(".")


#: "SANTA FE, N.M. (AP) — A cat…": a wire story's first sentence, never its headline.
_DATELINE = regex.compile(r"\p{Lu}[\p{Lu} .,'’-]{1,40}(?:\s*\([\w .-]{1,20}\))?\s*[—–-]+\s")


#: Stripped from both ends of each word, so "Rutte," and "Rutte" and a list dash compare alike.
_WORD_EDGES = ".,;:!?\"'()[]{}“”‘’«»„…–—-•*·|#"


def _shingle_words(text: str) -> list[str]:
    """Casefolded words without surrounding punctuation. str.replace, str.split and str.strip
    run in C: about twice as fast as a regex tokenizer on this per-page hot path."""
    # hyphens and apostrophes join words ("two-layered", "Ukraine's"): split them as \w+ would
    pieces = text.casefold().replace("-", " ").replace("'", " ").replace("’", " ").split()
    stripped = list(map(str.strip, pieces, repeat(_WORD_EDGES, len(pieces))))  # map: no Python frame per word
    return list(filter(None, stripped)) if "" in stripped else stripped


def _shingles_of(tokens: list[str]) -> set[int]:
    """Word 3-grams, as their hashes: zip builds the tuples and map hashes them in C, and a set
    of small ints costs far less to build and to join than one of tuples. (Two different
    3-grams share a 64-bit hash about once in 10^19 pairs.)"""
    return set(map(hash, zip(tokens, tokens[1:], tokens[2:])))


def word_shingles(text: str) -> set[int]:
    """The word 3-grams of `text` (casefolded, punctuation aside), hashed: how near repeats
    are found (duplicates stage) and how much a candidate text says anew (HTML)."""
    return _shingles_of(_shingle_words(text))


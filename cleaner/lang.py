"""Language detection.

Two steps, cheapest first. The packaged stop-word lists (one per rule-pack
language) settle most pages in microseconds: when one language's stop words
clearly dominate the sample, that is the language. Otherwise py3langid (a
maintained classifier whose model ships in its wheel: no download) decides.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

import py3langid

#: Characters of text given to the classifier: enough for a stable guess, cheap per page.
SAMPLE_CHARS = 400
#: Characters in which stop words are counted: counting is cheap per word, and a sample the
#: length of a few paragraphs lets a page whose longest lines are a recipe's ingredients or a
#: match's scorers be told by its stop words, without the classifier (whose model takes
#: longer to load than a page to clean).
STOPWORD_SAMPLE_CHARS = 2000
MIN_SAMPLE_CHARS = 40
#: ...holding at least this many different words of two letters or more: a classifier asked
#: about "AAAAAAAA WE AAAAAAAAAA" still names a language, and a page and its own cleaned text
#: would then be reported in different languages.
MIN_SAMPLE_WORDS = 5
#: The classifier is only asked about samples with this many letters; shorter ones are decided
#: by the stop words or not at all (its guesses on a line or two of odd text are noise).
MIN_CLASSIFIER_LETTERS = 100
#: Stop words count only in text written in words: a sample whose letters run this long per
#: word on average (Chinese, Japanese, Thai: no spaces between words) is left to the classifier,
#: or a Japanese article quoting "Kindle for PC" would be English by its one "for".
STOPWORD_MAX_WORD_LETTERS = 12
#: Stop-word shortcut: the winner must cover this share of the sample's words... (calibrated on the
#: 217 fixture, seed and dev-set pages: it decided 198 and never disagreed with py3langid)
STOPWORD_MIN_SHARE = 0.08
#: ...and beat the runner-up by this factor.
STOPWORD_MARGIN = 3.0
_WORD = re.compile(r"[^\W\d_]+")  # letters only; stdlib re is faster here than regex


@cache
def _stopword_table() -> dict[str, str]:
    """word -> language, for words that are stop words in exactly one packaged language."""
    from cleaner.rules import builtin_packs

    owners: dict[str, set[str]] = {}
    for pack in builtin_packs():
        for language in pack.languages:
            for word in pack.stopwords:
                owners.setdefault(word, set()).add(language)
    return {word: next(iter(langs)) for word, langs in owners.items() if len(langs) == 1}


@cache
def stopwords_of(language: str) -> frozenset[str]:
    """Every stop word the packs hold for `language` (shared ones too); empty for a language
    without a pack."""
    from cleaner.rules import builtin_packs

    return frozenset(word for pack in builtin_packs() if language in pack.languages for word in pack.stopwords)


def page_stopwords(lines: list[str]) -> frozenset[str]:
    """The stop words of the language the lines are written in, when their stop words name a
    packed language (`by_stopwords` over `sample_for_language`); empty otherwise (a language
    without a pack, a page of figures), so that no line is judged by the stop words of
    another language."""
    language = by_stopwords(sample_for_language(lines))
    return stopwords_of(language) if language else frozenset()


#: `stopword_share` needs this many words.
STOPWORD_SHARE_MIN_WORDS = 5


def stopword_share(text: str, stopwords: frozenset[str]) -> float | None:
    """The share of the text's words that are stop words; None for fewer than
    `STOPWORD_SHARE_MIN_WORDS` words, too few to tell."""
    words = _WORD.findall(text.casefold())
    if len(words) < STOPWORD_SHARE_MIN_WORDS:
        return None
    return sum(1 for word in words if word in stopwords) / len(words)


@cache
def _stopword_languages() -> frozenset[str]:
    """The languages whose stop words the packs hold (`by_stopwords` can tell them)."""
    return frozenset(_stopword_table().values())


#: A line counts for the sample when at least this share of its characters (spaces aside) are
#: letters: a run of identifiers or figures ("H7868484a-db29-4baf-…", a price table) is long but
#: tells no language.
SAMPLE_MIN_LETTER_SHARE = 0.5


#: The bytes of A-Z and a-z: what `_worded` deletes from an ASCII line to count its letters.
_ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))


def _worded(line: str) -> bool:
    """Letters are at least `SAMPLE_MIN_LETTER_SHARE` of the line's head (its first
    `SAMPLE_CHARS`: enough to judge, and a megabyte-long line costs no more)."""
    head = line[:SAMPLE_CHARS]
    chars = len(head) - head.count(" ")
    if head.isascii():  # letters are A-Z and a-z: the bytes left when they are deleted, in C
        letters = len(head) - len(head.encode("ascii").translate(None, _ASCII_LETTERS))
    else:
        letters = sum(map(len, _WORD.findall(head)))
    return chars > 0 and letters >= SAMPLE_MIN_LETTER_SHARE * chars


def sample_for_language(lines: list[str], chars: int = STOPWORD_SAMPLE_CHARS) -> str:
    """The longest lines written in words first (the longest lines of all when none is), up to
    `chars`: prose tells the language better than menus do. `detect_sample` gives the
    classifier the first `SAMPLE_CHARS` of it."""
    ordered = sorted(lines, key=len, reverse=True)
    picked = _up_to(filter(_worded, ordered), chars) or _up_to(iter(ordered), chars)
    return " ".join(picked)[:chars]


def _up_to(lines: Iterator[str], chars: int) -> list[str]:
    """Lines in the order given until they hold `chars` characters."""
    picked: list[str] = []
    size = 0
    for line in lines:
        picked.append(line)
        size += len(line)
        if size >= chars:
            break
    return picked


def by_stopwords(sample: str) -> str | None:
    """The language whose stop words clearly dominate the sample; None when none does."""
    ranked, words = _stopword_ranking(sample)
    if not ranked:
        return None
    best, hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if hits >= STOPWORD_MIN_SHARE * words and hits >= STOPWORD_MARGIN * runner_up:
        return best
    return None


def _stopword_ranking(sample: str) -> tuple[list[tuple[str, int]], int]:
    """(language, stop words of it in the sample), most first, and the sample's word count;
    nothing for text not written in words. A name's particle between two capitalised words
    ("Richard von Weizsäcker", "Vincent van Gogh", "Leonardo da Vinci") is part of the name,
    not a word of the text's language."""
    table = _stopword_table()
    words = _WORD.findall(sample)
    if not words or sum(map(len, words)) > STOPWORD_MAX_WORD_LETTERS * len(words):
        return [], len(words)
    folded = " ".join(words).casefold().split(" ")  # word by word, in C: folding makes no space
    counts: Counter[str] = Counter(filter(None, map(table.get, folded)))  # C speed: particles taken back below
    if not NAME_PARTICLES.isdisjoint(folded):
        last = len(words) - 1
        for n, word in enumerate(folded):
            if (word in NAME_PARTICLES and 0 < n < last and words[n - 1][0].isupper() and words[n + 1][0].isupper()
                    and word in table):
                counts[table[word]] -= 1
    ranked = [(language, hits) for language, hits in counts.items() if hits > 0]
    return sorted(ranked, key=lambda item: item[1], reverse=True), len(words)


#: Particles of family names, written in lower case between a given name and a family name.
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "del", "della", "du", "dos", "das"})


#: A declared packed language is taken when its stop words lead the sample by at least this
#: many (a list of scores or ingredients holds few stop words, but those few are its language's).
DECLARED_LEAD_MIN_HITS = 2


def _declared_leads(sample: str, declared: str) -> bool:
    """The page declares a packed language and its stop words, though too few to decide
    alone, outnumber every other language's: two signals agree, and the classifier (whose
    model takes longer to load than a page to clean) is not asked."""
    ranked, _words = _stopword_ranking(sample)
    if not ranked or ranked[0][0] != declared:
        return False
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return ranked[0][1] >= DECLARED_LEAD_MIN_HITS and ranked[0][1] > runner_up


def detect_sample(sample: str, declared: str | None = None) -> str | None:
    """The language of a sample built by `sample_for_language`: told by its stop words when
    they decide, else the language the page declares (`<html lang>`: a language no pack
    covers, or a packed one whose stop words lead the sample), else the classifier's guess
    on the sample's first `SAMPLE_CHARS`. Whether there is enough text to tell is judged on
    those too (a page's longest line or two)."""
    head = sample[:SAMPLE_CHARS]
    if len(head) < MIN_SAMPLE_CHARS:
        return None
    words = _WORD.findall(head)
    letters = sum(map(len, words))
    if letters < MIN_SAMPLE_CHARS // 2 or len({w.casefold() for w in words if len(w) > 1}) < MIN_SAMPLE_WORDS:
        return None
    # the head first (a long sample's menus and lists dilute the share of stop words), then
    # the whole sample; a head not written in words (Chinese, Japanese) is not told by stop
    # words, whatever English the rest of the page quotes
    in_words = letters <= STOPWORD_MAX_WORD_LETTERS * len(words)
    quick = (by_stopwords(head) or by_stopwords(sample)) if in_words else None
    if quick:
        return quick
    primary = (declared or "").split("-")[0].split("_")[0].strip().lower()
    if 2 <= len(primary) <= 3 and primary.isascii() and primary.isalpha():
        if primary not in _stopword_languages():
            return primary  # a packed language its own stop words did not confirm is doubtful
        if in_words and _declared_leads(sample, primary):
            return primary
    if letters < MIN_CLASSIFIER_LETTERS:
        return None
    language, _score = py3langid.classify(head)
    return str(language)

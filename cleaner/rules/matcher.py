"""Matching lines against compiled packs: the per-line hot path.

A `RuleBook` reads a list of packs once: whole lines go into a dict, suffixes into one
`str.endswith` tuple, prefixes and patterns into an index by what a match must start with,
end with or hold (`cleaner.rules.prefilter`). A line costs one dict lookup, one index lookup
(its start and last character) and a few substring tests (the gate of its size); only the
few lines that fit some pattern run a regex, over just those patterns, each compiled when a
line first needs it. Strip rules compile to one regex each, searched anywhere in a block.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import regex

from cleaner.dateline import DateWords
from cleaner.deadline import NO_DEADLINE, Deadline
from cleaner.features import line_key
from cleaner.rules.prefilter import (
    WIDTH,
    first_strings,
    fold,
    fold_start,
    last_chars,
    min_width,
    repeated_char,
    required_strings,
)
from cleaner.rules.schema import PATTERN_TIMEOUT, Match, Pack, Rule


class RuleBook:
    """Compiled packs for one set of languages/sites: exact lines, suffixes and indexed patterns."""

    def __init__(self, packs: list[Pack]) -> None:
        self._exact: dict[str, Rule] = {}
        self._rules: list[Rule] = []
        self._patterns: list[str] = []
        self._suffixes: list[tuple[str, Rule]] = []
        self._alternatives: list[str] = []
        #: the folded start of a line -> the patterns that can match a line starting so
        self._by_start: dict[str, list[int]] = {}
        self._anywhere: list[int] = []  # patterns that may start with anything
        #: per pattern: the strings one of which every match holds, shortest first (None: unknown)
        self._needs: list[tuple[str, ...] | None] = []
        #: per pattern: a character every match holds at least n times, as (character, n)
        self._repeats: list[tuple[str, int] | None] = []
        #: per pattern: the characters one of which ends every match (None: any)
        self._ends: list[frozenset[str] | None] = []
        #: per pattern: the fewest characters a match spans
        self._widths: list[int] = []
        self._bucket_cache: dict[tuple[str, str], _Bucket] = {}
        self._start_numbers: dict[str, tuple[int, ...]] = {}
        #: the patterns a bucket holds -> the bucket (many line ends share one)
        self._bucket_of: dict[tuple[int, ...], _Bucket] = {}
        #: the candidate patterns of a line -> their alternation (compiled on first use)
        self._combined: dict[tuple[int, ...], regex.Pattern[str]] = {}
        self._has_user_patterns = False
        #: strip rules: (rule, one regex of everything it cuts), searched anywhere in a block
        self.strips: list[tuple[Rule, regex.Pattern[str]]] = []
        for pack in packs:
            for rule in pack.rules:
                if rule.action == "strip":
                    self.strips.append((rule, _strip_pattern(rule)))
                    continue
                for line in rule.lines:
                    self._exact.setdefault(line_key(line), rule)
                self._suffixes += [(suffix, rule) for suffix in rule.suffixes]
                for pattern in _prefix_patterns(rule.prefixes) + list(rule.patterns):
                    self._add_pattern(rule, pattern)
                    self._has_user_patterns |= pack.kind == "user"
        self._max_length = max((r.max_length for r in self._rules), default=0)
        self._suffix_tuple = tuple(suffix for suffix, _rule in self._suffixes)
        self.ages = _compile_any(p for pack in packs for p in pack.ages)
        age_starts = [first_strings(p) for pack in packs for p in pack.ages]
        #: what a relative age can start with, as one anchored search of a line's folded start
        #: (None: anything)
        self._age_start = None if None in age_starts else _start_search(frozenset().union(*age_starts))  # type: ignore[arg-type]
        #: a line's folded start -> whether an age can start so (`_age_start`, kept per start)
        self._age_start_seen: dict[str, bool] = {}
        self.date_prefixes = _compile_prefixes(p for pack in packs for p in pack.date_prefixes)
        #: where a second labelled date starts inside a line ("… Updated on: 4 May 2021")
        self.date_labels = _compile_labels(p for pack in packs for p in pack.date_prefixes)
        self.date_words = DateWords.from_lists(
            (p.date_months for p in packs if p.date_months),
            (w for p in packs for w in p.date_weekdays),
            (w for p in packs for w in p.date_words),
        )
        self.byline_prefixes = tuple(dict.fromkeys(p for pack in packs for p in pack.byline_prefixes))
        self.byline_roles = frozenset(r for pack in packs for r in pack.byline_roles)
        #: each role and a space: what a text that opens with a role starts with (one C call)
        self.role_openings = tuple(role + " " for role in sorted(self.byline_roles))
        self.role_modifiers = frozenset(w for pack in packs for w in pack.byline_role_modifiers)
        self.not_names = frozenset(w for pack in packs for w in pack.byline_not_names)
        self.group_words = frozenset(w for pack in packs for w in pack.byline_groups)
        self.page_words = frozenset(w for pack in packs for w in pack.byline_page_words)
        self.stopwords = frozenset(w for pack in packs for w in pack.stopwords)
        self.months = frozenset(name for pack in packs for month in pack.date_months for name in month.split())
        self.weekdays = frozenset(name for pack in packs for day in pack.date_weekdays for name in day.split())
        agencies = sorted({a for pack in packs for a in pack.agencies}, key=len, reverse=True)
        self.agencies = frozenset(a.casefold() for a in agencies)
        self.agency_suffix = (
            regex.compile(r"[\s,/|–—-]+(?P<agency>" + "|".join(regex.escape(a) for a in agencies) + r")\W*$", regex.IGNORECASE)
            if agencies
            else None
        )

    def _add_pattern(self, rule: Rule, pattern: str) -> None:
        number = len(self._rules)
        self._rules.append(rule)
        needs, repeats, ends, starts, width = _analysed(pattern)
        self._widths.append(width)
        self._patterns.append(pattern)
        self._alternatives.append(f"(?P<r{number}>{pattern})")
        self._needs.append(tuple(sorted(needs, key=len)) if needs else None)
        self._repeats.append(repeats)
        self._ends.append(ends)
        if starts is None:
            self._anywhere.append(number)
        else:
            for start in starts:
                self._by_start.setdefault(start, []).append(number)

    def match(self, text: str, key: str | None = None, deadline: Deadline = NO_DEADLINE) -> Match | None:
        """The first rule that claims this line, with its metadata captures.

        `key` is the line's `line_key`, when the caller already has it. User patterns run
        under `PATTERN_TIMEOUT` (a line they cannot decide in time is not matched); every
        pattern runs under the document's deadline, past which `DocumentTimeout` is raised.
        """
        key = line_key(text) if key is None else key
        rule = self._exact.get(key)
        if rule is not None:
            return Match(rule)
        if self._suffix_tuple and key.endswith(self._suffix_tuple):
            for suffix, rule in self._suffixes:
                if key.endswith(suffix) and len(text) <= rule.max_length:
                    return Match(rule)
        if not text or len(text) > self._max_length:
            return None
        candidates = self._candidates(text)
        if not candidates:
            return None
        timeout = _timeout(PATTERN_TIMEOUT if self._has_user_patterns else None, deadline)
        try:
            if len(candidates) == 1:
                number = candidates[0]
                own = self.pattern(number).match(text, timeout=timeout)
            else:
                number, own = self._first_of(candidates, text, timeout)
        except TimeoutError:
            deadline.check()
            return None
        if own is None:
            return None
        captures = {k: v for k, v in own.groupdict().items() if v}
        return Match(self._rules[number], captures)

    def pattern(self, number: int) -> regex.Pattern[str]:
        """Pattern `number`'s regex, compiled when a line first needs it (most patterns never
        run on a page, and compiling them all would be most of a process's start)."""
        return _compiled(self._patterns[number])

    def _candidates(self, text: str) -> tuple[int, ...]:
        """The patterns, in pack order, that can match the line: its start fits theirs (or they
        may start anywhere), so does its last character, it holds a string each needs, and
        their rule allows its length. Any other pattern fails anyway, or is refused after
        matching."""
        # (every line of a page comes here: the folding, the bucket's lookup and its gate are
        # written out rather than called, which is a sixth of the time a line takes)
        length = len(text)
        last = text.rstrip()[-1:]
        if length > LONG_LINE and self._bucket(_folded(text[:LONG_PROBE])[:WIDTH], last).longest < length:
            return ()  # a paragraph longer than any pattern its ends allow: not folded whole
        lowered = text.lower()
        if len(lowered) != length:
            lowered = fold(text)  # `_folded`
        start = lowered[:WIDTH]
        bucket = self._bucket_cache.get((start, last)) or self._bucket(start, last)
        if bucket.longest < length:
            return ()
        found = []
        for n, cap, needs, (mark, times) in bucket.guarded:  # longest cap first
            if cap < length:
                break
            if lowered.count(mark) >= times and (needs is None or _holds_any(lowered, needs)):
                found.append(n)
        if bucket.plain:
            # most lines hold no string the gate of their size needs, and try no plain pattern
            # (`_size_class`, written out)
            gate = bucket.gates[length if length < EXACT_SIZES else min(_PAST_EXACT + length.bit_length(), GATES - 1)]
            gate = gate or bucket.gate(length)
            for string in gate:
                if string in lowered:
                    break
            else:
                return tuple(found)
            for (n, cap, needs, _repeat), width in zip(bucket.plain, bucket.widths):
                if cap < length:
                    break
                if width <= length and (needs is None or _holds_any(lowered, needs)):
                    found.append(n)
        if len(found) > 1:
            found.sort()  # back in pack order
        return tuple(found)

    def _bucket(self, start: str, last: str) -> _Bucket:
        """The patterns a line whose lower-cased start is `start` and whose last character is
        `last` can match by its ends; kept per pair, the start as the line has it (its digits
        are made "0", `fold_start`, only when a pair is first met). Pairs are many (every line start meets
        many last characters), the sets of patterns they allow few: a bucket is built once
        per set and shared."""
        try:
            return self._bucket_cache[start, last]
        except KeyError:
            folded_last = last.casefold()
            ends = self._ends
            numbers = tuple(n for n in self._starting(fold_start(start))
                            if (end := ends[n]) is None or last in end or folded_last in end)
            bucket = self._bucket_of.get(numbers)
            if bucket is None:
                bucket = self._bucket_of[numbers] = _Bucket.of(
                    [(n, self._rules[n].max_length, self._needs[n], self._repeats[n]) for n in numbers], self._widths)
            if len(self._bucket_cache) < 100_000:
                self._bucket_cache[start, last] = bucket
            return bucket

    def _starting(self, start: str) -> tuple[int, ...]:
        """The patterns, in pack order, that a line starting with `start` can match by its
        start (kept per start)."""
        numbers = self._start_numbers.get(start)
        if numbers is None:
            index = self._by_start
            numbers = tuple(sorted({*self._anywhere, *(n for size in range(1, len(start) + 1) for n in index.get(start[:size], ()))}))
            if len(self._start_numbers) < 100_000:
                self._start_numbers[start] = numbers
        return numbers

    def _first_of(self, candidates: tuple[int, ...], text: str, timeout: float | None) -> tuple[int, regex.Match[str] | None]:
        """The first of several candidate patterns that matches, in one alternation (compiled on
        first use and kept: few combinations occur), then its own pattern for the captures."""
        combined = self._combined.get(candidates)
        if combined is None:
            combined = regex.compile("|".join(self._alternatives[n] for n in candidates), regex.IGNORECASE)
            self._combined[candidates] = combined
        found = combined.match(text, timeout=timeout)
        if found is None:
            return -1, None
        last = found.lastgroup or ""
        if last[:1] == "r" and last[1:].isdigit():
            number = int(last[1:])
        else:  # a metadata group ended last; find the rule's own group
            number = next(int(name[1:]) for name, value in found.groupdict().items()
                          if value is not None and name[:1] == "r" and name[1:].isdigit())
        return number, self.pattern(number).match(text, timeout=timeout)

    def strip_spans(self, text: str, deadline: Deadline = NO_DEADLINE) -> list[tuple[int, int, Rule]]:
        """What the strip rules cut from `text`: (start, end, rule), not overlapping, last first
        (so cutting them in order keeps the earlier offsets valid)."""
        spans: list[tuple[int, int, Rule]] = []
        timeout = _timeout(PATTERN_TIMEOUT, deadline)
        for rule, pattern in self.strips:
            try:
                spans += [(m.start(), m.end(), rule) for m in pattern.finditer(text, timeout=timeout) if m.end() > m.start()]
            except TimeoutError:
                deadline.check()
        kept: list[tuple[int, int, Rule]] = []
        for start, end, rule in sorted(spans, key=lambda s: (s[0], -s[1])):
            if not kept or start >= kept[-1][1]:
                kept.append((start, end, rule))
        return kept[::-1]

    def is_age(self, text: str) -> bool:
        """A relative age such as "3 hours ago" or "vor 2 Tagen" (chrome, never a date), alone
        or with where it was posted: "16 hours ago on iOS Blog", "2 days ago · Reuters"."""
        if self.ages is None or len(text) > 60:
            return False
        text = text.strip(" ·•|-")
        if self._age_start is not None and not self._age_can_start(_folded(text[:WIDTH])):
            return False  # no age starts so (a suffix of where it was posted moves no start)
        if _AGE_PLACE_MARK.search(text) is not None:  # most lines have no place to cut
            text = _AGE_PLACE.sub("", text)
        return len(text) <= 40 and bool(self.ages.fullmatch(text))

    def _age_can_start(self, start: str) -> bool:
        """An age can start with `start` (a line's first `WIDTH` characters, folded): one
        dict lookup for the starts met before, most lines' (few starts, many lines)."""
        found = self._age_start_seen.get(start)
        if found is None:
            found = self._age_start.match(start) is not None  # type: ignore[union-attr]
            if len(self._age_start_seen) < 100_000:
                self._age_start_seen[start] = found
        return found


#: Where a post was made, after its age: " on iOS Blog", " · Reuters", " | Sports" (up to 4 words),
#: or a time ("7H ago 08:51", "2 days ago at 07:52 am").
_AGE_PLACE = regex.compile(
    r"(?:(?:\s+(?:on|in|via|from)|\s*[·•|–—-])\s+[\w&.\x27’-]+(?:\s+[\w&.\x27’-]+){0,3}|(?:\s+at)?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)$"
)
#: What every such place holds: one search of it, which fails on nearly every line, spares
#: the substitution's try at every position of the line.
_AGE_PLACE_MARK = regex.compile(r"\s(?:on|in|via|from)\s|[·•|–—-]|\d:\d")


#: A pattern in a bucket: (number, length cap, the strings one of which it needs, a character
#: it needs n times).
_Entry = tuple[int, int, "tuple[str, ...] | None", "tuple[str, int] | None"]
#: A pattern that needs a mark n times: the same, the mark and n known.
_Guarded = tuple[int, int, "tuple[str, ...] | None", tuple[str, int]]


#: Lines are gated by size: a line shorter than `EXACT_SIZES` by its own length (most lines
#: are short), a longer one by its class of sizes from 2**(k-1) to 2**k - 1, the last class
#: every size from 2**(SIZE_BITS - 1) on. A size's gate leaves out the strings longer than
#: its lines, the patterns whose length cap they exceed and those no match of which is as
#: short (`min_width`).
EXACT_SIZES = 64
SIZE_BITS = 12
#: the class of a line of `length` >= EXACT_SIZES characters is _PAST_EXACT + its bit length
_PAST_EXACT = EXACT_SIZES - EXACT_SIZES.bit_length()
GATES = _PAST_EXACT + SIZE_BITS + 1


def _size_class(length: int) -> int:
    """The gate a line of `length` characters is tested with (`_Bucket.gates`; written out
    in `RuleBook._candidates`)."""
    return length if length < EXACT_SIZES else min(_PAST_EXACT + length.bit_length(), GATES - 1)


def _sizes_of(size_class: int) -> tuple[int, int | None]:
    """The smallest and largest size of a class (None: no largest)."""
    if size_class < EXACT_SIZES:
        return size_class, size_class
    bits = size_class - _PAST_EXACT
    return 1 << (bits - 1), (1 << bits) - 1 if size_class < GATES - 1 else None


class _Bucket:
    """The patterns a line's start and last character allow, in two groups: `guarded` ones,
    which need a mark such as "," several times (a count of it rules them out first), and
    `plain` ones, which the gate rules out together: a line holding none of the strings
    they need tries none of them.
    A guarded pattern's strings stay out of the gate: a keyword list needs a comma, which
    most sentences hold, but seven of them, which few do."""

    __slots__ = ("gates", "guarded", "longest", "plain", "widths")

    def __init__(self, guarded: tuple[_Guarded, ...], plain: tuple[_Entry, ...], longest: int,
                 widths: tuple[int, ...]) -> None:
        #: each group highest length cap first: a long line stops at the first pattern it outgrows
        self.guarded = guarded
        self.plain = plain
        self.longest = longest  # the highest length cap among them
        self.widths = widths  # the fewest characters a match of each plain entry spans
        #: per size class (`_size_class`), the strings a line must hold one of, built on
        #: first use (None: not yet; `gate`)
        self.gates: list[tuple[str, ...] | None] = [None] * GATES

    @classmethod
    def of(cls, entries: list[_Entry], widths: list[int]) -> _Bucket:
        """The bucket of `entries`; `widths` holds every pattern's `min_width` by number."""
        by_cap = sorted(entries, key=lambda entry: -entry[1])
        guarded = tuple((n, cap, needs, repeat) for n, cap, needs, repeat in by_cap if repeat and _is_mark(repeat[0]))
        plain = tuple(e for e in by_cap if not (e[3] and _is_mark(e[3][0])))
        return cls(guarded, plain, max((entry[1] for entry in entries), default=-1), tuple(widths[e[0]] for e in plain))

    def gate(self, length: int) -> tuple[str, ...]:
        """The strings a folded line of `length` characters must hold one of for some plain
        entry of its size to match it (`_gate`), built when first asked for. A line is tested
        for each with `in`: C's fast search per string costs less than one compiled
        alternation of them all, which tries every string at every position."""
        size_class = _size_class(length)
        gate = self.gates[size_class]
        if gate is None:
            gate = self.gates[size_class] = self._gate(size_class)
        return gate

    def _gate(self, size_class: int) -> tuple[str, ...]:
        """The fewest strings one of which a line of the class holds when some plain entry
        allowing its size can match it; the empty string, which every line holds, when such
        an entry needs no string."""
        smallest, largest = _sizes_of(size_class)
        allowing = [entry for entry, width in zip(self.plain, self.widths)
                    if entry[1] >= smallest and (largest is None or width <= largest)]
        if any(entry[2] is None for entry in allowing):
            return ("",)
        needed = _fewest({string for entry in allowing for string in entry[2] or ()})
        return tuple(string for string in needed if largest is None or len(string) <= largest)


def _fewest(strings: set[str]) -> tuple[str, ...]:
    """The strings a line must hold one of, less those that hold another of them ("cookie"
    answers for " uses cookies "): the same answer for fewer tests."""
    kept: list[str] = []
    for string in sorted(strings, key=len):
        if not any(shorter in string for shorter in kept):
            kept.append(string)
    return tuple(kept)


def _is_mark(char: str) -> bool:
    """Not a letter, digit or space: few lines hold one several times ("," seven times)."""
    return not char.isalnum() and not char.isspace()


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> regex.Pattern[str]:
    """A pattern's regex, once per process: every rule book (one per set of triggered site
    packs) holds the same language and common patterns."""
    return regex.compile(pattern, regex.IGNORECASE | regex.V0)


@lru_cache(maxsize=4096)
def _analysed(pattern: str) -> tuple[frozenset[str] | None, tuple[str, int] | None, frozenset[str] | None,
                                     frozenset[str] | None, int]:
    """What the index keeps of a pattern (the strings a match needs, a character it repeats,
    the characters it ends with, the strings it starts with, the fewest characters it spans),
    once per process."""
    return required_strings(pattern), repeated_char(pattern), last_chars(pattern), first_strings(pattern), min_width(pattern)


#: Lines longer than this are first judged by the start alone (`LONG_PROBE` characters of
#: it, folded, so that case rules that look ahead see what follows the start).
LONG_LINE = 300
LONG_PROBE = 32


def _folded(text: str) -> str:
    """`fold`, by one C call for nearly every line (those whose lower case keeps their length)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else fold(text)


def _holds_any(text: str, strings: tuple[str, ...]) -> bool:
    """`text` holds one of `strings`: substring tests (C's fast search), cheaper per pattern
    than a regex search over a line that holds none of them, which is most lines."""
    for string in strings:
        if string in text:
            return True
    return False


def _start_search(starts: frozenset[str]) -> re.Pattern[str]:
    """One anchored search for any of the folded `starts` (`fold_start`: each "0" stands for
    any decimal digit, which stdlib `\\d` matches, every Unicode one included)."""
    if not starts:
        return re.compile(r"(?!)")
    alternatives = (re.escape(start).replace("0", r"\d") for start in sorted(starts, key=len, reverse=True))
    return re.compile("|".join(alternatives))


def _timeout(limit: float | None, deadline: Deadline) -> float | None:
    """The `regex` timeout for one call: the pattern limit or the time the document has left."""
    left = deadline.remaining()
    if left is None:
        return limit
    return left if limit is None else min(limit, left)


def _strip_pattern(rule: Rule) -> regex.Pattern[str]:
    """One regex for everything a strip rule cuts, with the spaces around it."""
    def words(phrase: str) -> str:
        edge_start = r"\b" if phrase[:1].isalnum() else ""
        edge_end = r"\b" if phrase[-1:].isalnum() else ""
        return edge_start + regex.escape(phrase) + edge_end

    parts = [f"(?:{p})" for p in rule.patterns]
    parts += [r"\s*" + words(line) for line in rule.lines]
    parts += [r"^\s*" + words(prefix) + r"\s*" for prefix in rule.prefixes]
    parts += [r"\s*" + words(suffix) + r"\s*$" for suffix in rule.suffixes]
    return regex.compile("|".join(parts), regex.IGNORECASE | regex.V0)


def _prefix_patterns(prefixes: tuple[str, ...]) -> list[str]:
    return [regex.escape(p) + (r"\b" if p[-1:].isalnum() else "") for p in prefixes]


def _compile_any(patterns: Any) -> regex.Pattern[str] | None:
    items = list(dict.fromkeys(patterns))
    return regex.compile("|".join(f"(?:{p})" for p in items), regex.IGNORECASE) if items else None


def _compile_labels(prefixes: Any) -> regex.Pattern[str]:
    items = sorted(dict.fromkeys(prefixes), key=len, reverse=True)
    joined = "|".join(regex.escape(p) for p in items) or r"(?!)"
    return regex.compile(rf"\s+(?=(?:{joined})\b)", regex.IGNORECASE)


def _compile_prefixes(prefixes: Any) -> regex.Pattern[str] | None:
    items = sorted(dict.fromkeys(prefixes), key=len, reverse=True)
    if not items:
        return None
    joined = "|".join(regex.escape(p) for p in items)
    return regex.compile(rf"^(?:{joined})\b[:\s]*", regex.IGNORECASE)



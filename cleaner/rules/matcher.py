"""Matching lines against compiled packs: the per-line hot path.

A `RuleBook` compiles a list of packs once: whole lines go into a dict, suffixes into one
`str.endswith` tuple, prefixes and patterns into alternation regexes (one per first
character of the line and length tier), so a line costs one dict lookup and at most one
regex call. Strip rules compile to one regex each, searched anywhere in a block.
"""

from __future__ import annotations

from typing import Any

import regex

from cleaner.deadline import NO_DEADLINE, Deadline
from cleaner.features import line_key
from cleaner.firstchars import first_chars
from cleaner.rules.schema import PATTERN_TIMEOUT, Match, Pack, Rule


class RuleBook:
    """Compiled packs for one set of languages/sites: exact lines plus one alternation regex."""

    def __init__(self, packs: list[Pack]) -> None:
        self._exact: dict[str, Rule] = {}
        self._rules: list[Rule] = []
        self._own: list[regex.Pattern[str]] = []
        self._suffixes: list[tuple[str, Rule]] = []
        self._alternatives: list[str] = []
        self._starts: list[frozenset[str] | None] = []
        # first character of a line -> the alternation of the patterns that can start with it
        self._by_first: dict[tuple[str, int], regex.Pattern[str] | None] = {}
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
                    group = f"r{len(self._rules)}"
                    self._rules.append(rule)
                    self._own.append(regex.compile(pattern, regex.IGNORECASE | regex.V0))
                    self._alternatives.append(f"(?P<{group}>{pattern})")
                    self._starts.append(first_chars(pattern))
                    self._has_user_patterns |= pack.kind == "user"
        self._max_length = max((r.max_length for r in self._rules), default=0)
        self._suffix_tuple = tuple(suffix for suffix, _rule in self._suffixes)
        self.ages = _compile_any(p for pack in packs for p in pack.ages)
        self.date_prefixes = _compile_prefixes(p for pack in packs for p in pack.date_prefixes)
        self.byline_prefixes = tuple(dict.fromkeys(p for pack in packs for p in pack.byline_prefixes))
        agencies = sorted({a for pack in packs for a in pack.agencies}, key=len, reverse=True)
        self.agency_suffix = (
            regex.compile(r"[\s,/|–—-]+(?P<agency>" + "|".join(regex.escape(a) for a in agencies) + r")\W*$", regex.IGNORECASE)
            if agencies
            else None
        )

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
        combined = self._alternation_for(text[0], _length_tier(len(text)))
        if combined is None:
            return None
        timeout = _timeout(PATTERN_TIMEOUT if self._has_user_patterns else None, deadline)
        try:
            found = combined.match(text, timeout=timeout)
        except TimeoutError:
            deadline.check()
            return None
        if found is None:
            return None
        last = found.lastgroup or ""
        if last[:1] == "r" and last[1:].isdigit():
            number = int(last[1:])
        else:  # a metadata group ended last; find the rule's own group
            # (the alternation holds only some rules' groups, so look among those it has)
            number = next(int(name[1:]) for name, value in found.groupdict().items()
                          if value is not None and name[:1] == "r" and name[1:].isdigit())
        rule = self._rules[number]
        if len(text) > rule.max_length:
            return None
        try:
            own = self._own[number].match(text, timeout=timeout)
        except TimeoutError:
            deadline.check()
            own = None
        captures = {k: v for k, v in (own.groupdict() if own else {}).items() if v}
        return Match(rule, captures)

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

    def _alternation_for(self, first: str, tier: int) -> regex.Pattern[str] | None:
        """The patterns that can claim a line starting with `first` and `tier` chars long, in pack order.

        An alternative that cannot start with that character fails anyway, and one whose
        rule is capped below the line's length is refused after matching, so leaving both
        out changes no result while most lines try only a handful of patterns. Compiled
        on first use and kept: a few dozen (character, length) pairs cover most text.
        """
        try:
            return self._by_first[(first, tier)]
        except KeyError:
            chosen = [
                alternative
                for alternative, starts, rule in zip(self._alternatives, self._starts, self._rules)
                if (starts is None or first in starts) and rule.max_length >= tier
            ]
            compiled = regex.compile("|".join(chosen), regex.IGNORECASE) if chosen else None
            self._by_first[(first, tier)] = compiled
            return compiled

    def is_age(self, text: str) -> bool:
        """A relative age such as "3 hours ago" or "vor 2 Tagen" (chrome, never a date), alone
        or with where it was posted: "16 hours ago on iOS Blog", "2 days ago · Reuters"."""
        if self.ages is None or len(text) > 60:
            return False
        text = _AGE_PLACE.sub("", text.strip(" ·•|-"))
        return len(text) <= 40 and bool(self.ages.fullmatch(text))


#: Few tiers: each (first character, tier) pair is one compiled alternation, and compiling is
#: the main one-time cost of a rule book (the `regex` module parses patterns in Python).
_TIERS = (40, 80, 160, 300)
#: Where a post was made, after its age: " on iOS Blog", " · Reuters", " | Sports" (up to 4 words),
#: or a time ("7H ago 08:51", "2 days ago at 07:52 am").
_AGE_PLACE = regex.compile(
    r"(?:(?:\s+(?:on|in|via|from)|\s*[·•|–—-])\s+[\w&.\x27’-]+(?:\s+[\w&.\x27’-]+){0,3}|(?:\s+at)?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)$"
)


def _timeout(limit: float | None, deadline: Deadline) -> float | None:
    """The `regex` timeout for one call: the pattern limit or the time the document has left."""
    left = deadline.remaining()
    if left is None:
        return limit
    return left if limit is None else min(limit, left)


def _length_tier(length: int) -> int:
    """Round a line length down to a tier; only rules whose `max_length` reaches it may apply
    (an exact check against the line's own length still follows a match)."""
    below = 0
    for tier in _TIERS:
        if tier > length:
            break
        below = tier
    return below


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


def _compile_prefixes(prefixes: Any) -> regex.Pattern[str] | None:
    items = sorted(dict.fromkeys(prefixes), key=len, reverse=True)
    if not items:
        return None
    joined = "|".join(regex.escape(p) for p in items)
    return regex.compile(rf"^(?:{joined})\b[:\s]*", regex.IGNORECASE)



"""What must a regex match start with, or hold somewhere?

The rule book matches short lines against the packs' patterns, and nearly every line is
claimed by none of them. Knowing the first few characters each pattern can start with
(`(?:more|latest) (?:from|on)` starts with "mor" or "lat"; `\\d+ comments` with a digit)
lets it try, for a given line, only the patterns whose start fits the line's first
characters, usually none. A pattern that may start anywhere (`.{0,80}\\bby clicking here`)
usually holds a literal every match contains (`required_strings`): a substring test, far
cheaper than the regex, rules it out for most lines. The analysis is conservative: when in
doubt it answers a shorter start or None ("anything"), which only costs speed, never a
missed match.

Strings are compared folded (`fold`): a case-insensitive pattern's "More" and a line's
"MORE" both fold to "more".
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

#: How many characters of a line the index looks at.
WIDTH = 3
#: Past this many alternative starts a pattern is indexed by a shorter start.
MAX_STARTS = 256
#: Starts are compared with every decimal digit as "0": `\d` matches every Unicode digit
#: (Arabic-Indic, Devanagari, full-width...), not only 0-9, and one key for all of them keeps
#: the index small and a line starting "٣ comments" found.
_DIGIT = "0"


#: (start, open): the folded characters a match begins with; open when what follows is unknown.
_Starts = set[tuple[str, bool]]


@cache
def _digit_table() -> dict[int, str]:
    """Every decimal digit -> "0" (built on first use: 15 ms, when a rule book is compiled)."""
    return {c: _DIGIT for c in range(0x1FC00) if chr(c).isdecimal()}


def fold_start(start: str) -> str:
    """A line's folded start as the index keys it: decimal digits as "0" (letters are none)."""
    return start if start.isalpha() else start.translate(_digit_table())


def fold(text: str) -> str:
    """One character for one character, lower case: the form lines and starts are compared in."""
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    lower = char.lower()
    return lower if len(lower) == 1 else char


def first_strings(pattern: str, width: int = WIDTH) -> frozenset[str] | None:
    """The folded strings (up to `width` characters) every match of `pattern` starts with one
    of, or None when a match may start with anything."""
    parsed = _parse(pattern)
    if parsed is None:
        return None
    for size in range(width, 0, -1):
        starts = _of_sequence(list(parsed), size)
        if starts is not None:
            found = frozenset(s for s, _open in starts)
            return None if "" in found else found
    return None


def required_strings(pattern: str) -> frozenset[str] | None:
    """Folded strings of which every match of `pattern` holds at least one, or None.

    Of the literal runs the pattern cannot match without (outside optional parts), the set
    whose shortest member is longest: the most selective substring test."""
    parsed = _parse(pattern)
    if parsed is None:
        return None
    options = _required_in(list(parsed))
    usable = [o for o in options if o and min(len(s) for s in o) >= 1]
    if not usable:
        return None
    return max(usable, key=lambda o: min(len(s) for s in o))


def repeated_char(pattern: str) -> tuple[str, int] | None:
    """(character, n): every match of `pattern` holds the folded character at least n times
    (n >= 2), for the character needed most often, or None. A keyword line's seven commas are
    a cheaper test (`str.count`) than the pattern, and most lines fail it."""
    parsed = _parse(pattern)
    if parsed is None:
        return None
    counts = _char_counts(list(parsed))
    if not counts:
        return None
    char, times = max(counts.items(), key=lambda item: item[1])
    return (char, times) if times >= 2 else None


def last_chars(pattern: str) -> frozenset[str] | None:
    """The characters, in every case, one of which ends every match of `pattern` (spaces
    before its end aside), when the pattern is anchored at the line's end, or None. A line's
    last character `c` can end a match when `c` or `c.casefold()` is among them. "name says:" ends in
    a colon: a test of the line's last character rules out nearly every line, which a search
    for "says" (or "dit", "diz"...) anywhere in it would not."""
    parsed = _parse(pattern)
    if parsed is None or parsed.state.flags & re.MULTILINE:
        return None  # (?m): "$" before any line break inside the text
    items = list(parsed)
    if not items or str(items[-1][0]) != "AT" or str(items[-1][1]) not in ("AT_END", "AT_END_STRING"):
        return None
    return _last_of(items[:-1])


def _last_of(items: list[Any]) -> frozenset[str] | None:
    """What the last character of a sequence that ends a match can be (None: unknown)."""
    while items and _optional_space(items[-1]):
        items = items[:-1]  # a stripped line ends before any trailing space
    if not items:
        return None
    op, av = items[-1]
    name = str(op)
    if name == "LITERAL":
        return _every_case(chr(av))
    if name == "IN":
        chars = _of_set(av)
        if chars is None or _DIGIT in chars:
            return None  # "0" stands for any digit there
        return frozenset().union(*(_every_case(char) for char in chars))
    if name == "SUBPATTERN":
        return _last_of(list(av[-1]))
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
        return _last_of(list(av[2]))
    if name == "BRANCH":
        branches = [_last_of(list(alternative)) for alternative in av[1]]
        if any(b is None for b in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    return None


def _every_case(char: str) -> frozenset[str]:
    """`char` and every character case conversions lead to from it, with their case folds
    (a final sigma folds to the sigma a pattern spells)."""
    found = {char}
    for _round in range(2):
        found |= {c for x in found for c in (x.lower(), x.upper(), x.title(), x.casefold()) if len(c) == 1}
    return frozenset(found)


def _optional_space(item: Any) -> bool:
    """`\\s*` or ` *`: whitespace that may or may not be there."""
    op, av = item
    if str(op) not in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") or av[0] != 0:
        return False
    inner = list(av[2])
    if len(inner) != 1:
        return False
    inner_op, inner_av = inner[0]
    if str(inner_op) == "LITERAL":
        return chr(inner_av).isspace()
    if str(inner_op) == "IN":
        return all(str(o) == "CATEGORY" and str(a) == "CATEGORY_SPACE" or str(o) == "LITERAL" and chr(a).isspace()
                   for o, a in inner_av)
    return False


def _char_counts(items: list[Any]) -> dict[str, int]:
    """How many times each folded character occurs in every match of the sequence, at least."""
    counts: dict[str, int] = {}

    def add(more: dict[str, int], times: int = 1) -> None:
        for char, n in more.items():
            counts[char] = counts.get(char, 0) + n * times

    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            add({_fold_char(chr(av)): 1})
        elif name == "SUBPATTERN":
            add(_char_counts(list(av[-1])))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            add(_char_counts(list(av[2])), min(av[0], 1000))
        elif name == "BRANCH":
            per_branch = [_char_counts(list(alternative)) for alternative in av[1]]
            shared = set.intersection(*(set(b) for b in per_branch)) if per_branch else set()
            add({char: min(b[char] for b in per_branch) for char in shared})
    return counts


#: `regex`-only property classes, read as "any character" so the stdlib parser can read the
#: rest of the pattern (a superset: the analysis stays conservative).
_PROPERTY = re.compile(r"\\[pP]\{[^}]*\}")


def min_width(pattern: str) -> int:
    """The fewest characters a match of `pattern` spans (lookarounds span none): a line
    shorter than that cannot match. 0 when the stdlib parser cannot read the pattern, or when
    it names a `regex`-only property, which `_parse` reads as two characters."""
    if _PROPERTY.search(pattern):
        return 0
    tree = _parse(pattern)
    if tree is None:
        return 0
    try:
        return int(tree.getwidth()[0])
    except (re.error, TypeError, ValueError, OverflowError, RecursionError):
        return 0


@cache
def _parse(pattern: str) -> Any:
    """The stdlib parser's tree of `pattern` (read, never changed, by each analysis: kept)."""
    try:
        return sre_parse.parse(_PROPERTY.sub(r"\\w\\W", pattern), re.IGNORECASE)
    except (re.error, TypeError, ValueError, OverflowError, RecursionError):
        return None  # syntax only the `regex` module knows: no shortcut


def _required_in(items: list[Any]) -> list[frozenset[str]]:
    """Sets of folded strings, each of which has a member in every match of the sequence."""
    options: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            run += _fold_char(chr(av))
            continue
        if run:
            options.append(frozenset({run}))
            run = ""
        if name == "SUBPATTERN":
            options += _required_in(list(av[-1]))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            options += _required_in(list(av[2]))
        elif name == "ASSERT":  # what a lookahead (or lookbehind) needs, the line holds
            options += _required_in(list(av[1]))
        elif name == "BRANCH":
            per_branch = [_required_in(list(alternative)) for alternative in av[1]]
            if all(per_branch):
                best = [max(b, key=lambda o: min(len(s) for s in o)) for b in per_branch]
                options.append(frozenset().union(*best))
    if run:
        options.append(frozenset({run}))
    return options


def _of_sequence(items: list[Any], width: int) -> _Starts | None:
    """Starts of a sequence: each item's starts appended to those of the items before it."""
    result: _Starts = {("", False)}
    for item in items:
        if all(open_ or len(s) >= width for s, open_ in result):
            break
        op, av = item
        starts = _of_item(op, av, width)
        if starts is None:
            return None
        grown: _Starts = set()
        for head, open_ in result:
            if open_ or len(head) >= width:
                grown.add((head[:width], True))
                continue
            for tail, tail_open in starts:
                joined = head + tail
                grown.add((joined[:width], tail_open or len(joined) >= width))
        if len(grown) > MAX_STARTS:
            return None
        result = grown
    return result


def _of_item(op: Any, av: Any, width: int) -> _Starts | None:
    name = str(op)
    if name == "AT" or name in ("ASSERT", "ASSERT_NOT"):
        return {("", False)}  # anchors and lookarounds consume nothing
    if name == "LITERAL":
        return _cased(chr(av))
    if name == "IN":
        chars = _of_set(av)
        if chars is None:
            return {("", True)}
        return {s for char in chars for s in _cased(char)}
    if name == "SUBPATTERN":
        return _of_sequence(list(av[-1]), width)
    if name == "BRANCH":
        found: _Starts = set()
        for alternative in av[1]:
            starts = _of_sequence(list(alternative), width)
            if starts is None:
                return None
            found |= starts
        return found
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _high, inner = av
        once = _of_sequence(list(inner), width)
        if once is None:
            return None
        # one pass of the body, then anything (the start of a second pass is not followed)
        repeated = {(s, True) for s, _open in once}
        return repeated | {("", False)} if low == 0 else repeated
    return {("", True)}  # ANY, categories, backreferences...: anything may come next


def _cased(char: str) -> _Starts:
    """A case-insensitive character: every case of it, folded (a digit as "0")."""
    if char.isdecimal():
        return {(_DIGIT, False)}
    return {(_fold_char(c), False) for c in (char, char.lower(), char.upper(), char.casefold()) if len(c) == 1}


def _of_set(items: list[Any]) -> set[str] | None:
    found: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            found.add(chr(av))
        elif name == "RANGE" and av[1] - av[0] <= 64:
            found.update(chr(c) for c in range(av[0], av[1] + 1))
        elif name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
            found.add(_DIGIT)
        else:
            return None
    return found

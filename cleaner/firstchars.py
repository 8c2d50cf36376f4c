"""Which characters can a regex match start with?

The rule book matches every short line against one alternation of all pack
patterns; most alternatives fail on their first character. Knowing each
pattern's possible first characters lets the rule book try, for a given line,
only the patterns that can start with that line's first character. The
analysis is conservative: when in doubt it answers None ("any character"),
which only costs speed, never a missed match.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

_DIGITS = frozenset("0123456789")


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of `pattern` (case-insensitive) can start with, or None if any."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except (re.error, TypeError, ValueError, OverflowError, RecursionError):
        return None  # syntax only the `regex` module knows: no shortcut
    chars, nullable = _first_of_sequence(list(parsed))
    if chars is None or nullable:
        return None
    cased = set(chars)
    for char in chars:
        cased.update((char.lower(), char.upper(), char.casefold()))
    return frozenset(c for c in cased if len(c) == 1)


def _first_of_sequence(items: list[Any]) -> tuple[set[str] | None, bool]:
    found: set[str] = set()
    for item in items:
        chars, nullable = _first_of_item(*item)
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _first_of_item(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    name = str(op)
    if name == "AT" or name in ("ASSERT", "ASSERT_NOT"):
        return set(), True  # anchors and lookarounds consume nothing
    if name == "LITERAL":
        return {chr(av)}, False
    if name == "IN":
        return _first_of_set(av), False
    if name == "SUBPATTERN":
        return _first_of_sequence(list(av[-1]))
    if name == "BRANCH":
        found: set[str] = set()
        nullable = False
        for alternative in av[1]:
            chars, empty = _first_of_sequence(list(alternative))
            if chars is None:
                return None, False
            found |= chars
            nullable = nullable or empty
        return found, nullable
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _high, inner = av
        chars, nullable = _first_of_sequence(list(inner))
        return chars, nullable or low == 0
    return None, False  # ANY, categories, backreferences...: anything may come first


def _first_of_set(items: list[Any]) -> set[str] | None:
    found: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            found.add(chr(av))
        elif name == "RANGE" and av[1] - av[0] <= 256:
            found.update(chr(c) for c in range(av[0], av[1] + 1))
        elif name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
            found |= _DIGITS
        else:
            return None
    return found

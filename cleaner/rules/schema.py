"""What a rule pack is: `Rule`, `Pack`, and reading them from TOML with errors that name the
file and the line.

A pack is a TOML file (`cleaner/packs/*.toml`, the README's "Writing rules"). Each
`[[rules]]` entry groups phrases that share one reason, one label and one role:

- `lines`: the whole line, compared case-insensitively after trimming trailing
  punctuation ("No comments yet..." matches "no comments yet");
- `prefixes`: the line starts with the phrase at a word boundary;
- `suffixes`: the line ends with the phrase (compared like `lines`);
- `patterns`: regexes (the `regex` module) searched from the line start; named
  groups `site`, `source`, `tags`, `authors`, `agencies` fill metadata.

A rule with `action = "strip"` removes only what it matches, wherever it stands in a
paragraph, and keeps the rest ("Click here to subscribe." at the end of a paragraph):
its `patterns` are searched anywhere, its `lines` are phrases found anywhere (whole words),
its `prefixes` and `suffixes` are cut from the start and the end.

Packs also carry lexicons the stages read: relative ages, date and byline prefixes, stop
words, news agencies.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

import regex

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from cleaner.features import line_key
from cleaner.labels import Label, Role

#: Roles a rule may give the lines it matches (`Role`; "age" is the rules stage's own).
ROLES = frozenset(role.value for role in Role if role is not Role.AGE)
SCOPES = frozenset({"any", "head", "tail"})
ACTIONS = frozenset({"remove", "strip"})
META_GROUPS = ("site", "source", "tags", "authors", "agencies")
#: Regexes from user files run with this time limit (seconds): no ReDoS from a rules file.
PATTERN_TIMEOUT = 0.05


class RulesError(ValueError):
    """A rule pack could not be read; the message names the file and the place."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One `[[rules]]` entry: what it matches, what a match means, and why."""

    id: str
    reason: str
    label: Label = Label.CHROME
    role: Role = Role.DROP
    scope: str = "any"
    max_length: int = 120
    pack: str = ""
    action: str = "remove"  # "remove": the whole line leaves; "strip": only the matched text
    lines: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pack:
    name: str
    kind: str  # "common" | "language" | "site" | "user"
    languages: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    ages: tuple[str, ...] = ()
    date_prefixes: tuple[str, ...] = ()
    #: a date line's words: twelve strings of month names ("january jan"), weekdays, connectors
    date_months: tuple[str, ...] = ()
    date_weekdays: tuple[str, ...] = ()
    date_words: tuple[str, ...] = ()
    byline_prefixes: tuple[str, ...] = ()
    #: what a credit prints after the name ("Jane Roe, Staff Writer"): cut off the name
    byline_roles: tuple[str, ...] = ()
    #: what a role may carry in front ("Games Editor", "Senior Writer"): cut off with the role
    byline_role_modifiers: frozenset[str] = frozenset()
    #: words no name holds ("the", "of"): a credit holding one is a heading ("BY THE NUMBERS")
    byline_not_names: frozenset[str] = frozenset()
    #: the last word of a group credited as an author ("The Diggs Team")
    byline_groups: frozenset[str] = frozenset()
    #: a site's own words: a credit made of nothing else is a label ("Use Case", "Get Started")
    byline_page_words: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    agencies: tuple[str, ...] = ()
    path: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    rule: Rule
    captures: dict[str, str] = field(default_factory=dict)


def parse_pack(text: str, *, name: str, kind: str, path: str = "", check_patterns: bool = True) -> Pack:
    """Parse and validate one pack; errors name the file and, where known, the line.
    `check_patterns=False` leaves the patterns uncompiled: the packaged packs are checked by
    the test suite, and compiling every pattern would be most of a process's start (the
    rule book compiles a pattern when a line first needs it)."""
    where = path or name
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"{where}: not valid TOML: {error}") from None
    head = data.get("pack", {})
    if not isinstance(head, dict):
        raise RulesError(f"{where}: [pack] must be a table")
    rules = []
    for number, entry in enumerate(data.get("rules", []), 1):
        rules.append(_parse_rule(entry, number, head.get("name", name), where, text, check_patterns))
    return Pack(
        name=str(head.get("name", name)),
        kind=kind,
        languages=tuple(head.get("languages", ())),
        domains=tuple(d.casefold() for d in head.get("domains", ())),
        signatures=tuple(line_key(s) for s in head.get("signatures", ())),
        rules=tuple(rules),
        ages=tuple(_checked_patterns(data.get("ages", {}).get("patterns", []), where, text, check_patterns)),
        date_prefixes=tuple(data.get("dates", {}).get("prefixes", [])),
        date_months=_months(data.get("dates", {}).get("months", []), where, text),
        date_weekdays=tuple(str(w) for w in data.get("dates", {}).get("weekdays", [])),
        date_words=tuple(str(w) for w in data.get("dates", {}).get("words", [])),
        byline_prefixes=tuple(data.get("bylines", {}).get("prefixes", [])),
        byline_roles=tuple(str(r).casefold() for r in data.get("bylines", {}).get("roles", [])),
        byline_role_modifiers=frozenset(str(w).casefold() for w in data.get("bylines", {}).get("role_modifiers", [])),
        byline_not_names=frozenset(str(w).casefold() for w in data.get("bylines", {}).get("not_names", [])),
        byline_groups=frozenset(str(w).casefold() for w in data.get("bylines", {}).get("groups", [])),
        byline_page_words=frozenset(str(w).casefold() for w in data.get("bylines", {}).get("page_words", [])),
        stopwords=frozenset(w.casefold() for w in data.get("stopwords", {}).get("words", [])),
        agencies=tuple(data.get("agencies", {}).get("names", [])),
        path=path,
    )


def _months(names: Any, where: str, text: str) -> tuple[str, ...]:
    """Month names are twelve strings, January first, or none."""
    if not names:
        return ()
    if not isinstance(names, list) or len(names) != 12 or not all(isinstance(n, str) and n.strip() for n in names):
        raise RulesError(f"{where}:{_line_of(text, 'months')}: [dates] months must be 12 strings, January first")
    return tuple(names)


def _parse_rule(entry: Any, number: int, pack_name: str, where: str, text: str, check_patterns: bool) -> Rule:
    if not isinstance(entry, dict):
        raise RulesError(f"{where}: rule #{number} must be a table ([[rules]])")
    rule_id = str(entry.get("id", f"{pack_name}.{number}"))
    known = {"id", "reason", "label", "role", "scope", "max_length", "lines", "prefixes", "suffixes", "patterns", "action"}
    unknown = set(entry) - known
    if unknown:
        raise RulesError(
            f"{where}:{_line_of(text, rule_id)}: rule {rule_id!r} has unknown keys {sorted(unknown)}; "
            f"allowed: {sorted(known)}"
        )
    try:
        label = Label(entry.get("label", "chrome"))
    except ValueError:
        raise RulesError(f"{where}:{_line_of(text, rule_id)}: rule {rule_id!r}: unknown label") from None
    role, scope = entry.get("role", "drop"), entry.get("scope", "any")
    if role not in ROLES:
        raise RulesError(f"{where}:{_line_of(text, role)}: rule {rule_id!r}: role must be one of {sorted(ROLES)}")
    if scope not in SCOPES:
        raise RulesError(f"{where}:{_line_of(text, scope)}: rule {rule_id!r}: scope must be one of {sorted(SCOPES)}")
    action = entry.get("action", "remove")
    if action not in ACTIONS:
        raise RulesError(f"{where}:{_line_of(text, str(action))}: rule {rule_id!r}: action must be one of {sorted(ACTIONS)}")
    lines = tuple(str(x) for x in entry.get("lines", []) if action == "remove" or str(x).strip())
    prefixes = tuple(str(x) for x in entry.get("prefixes", []) if str(x))
    if action == "strip":  # cut as written (the match is case-insensitive)
        suffixes = tuple(str(x).strip() for x in entry.get("suffixes", []) if str(x).strip())
    else:
        suffixes = tuple(line_key(str(x)) for x in entry.get("suffixes", []) if line_key(str(x)))
    patterns = tuple(_checked_patterns(entry.get("patterns", []), where, text, check_patterns))
    if not (lines or prefixes or suffixes or patterns):
        raise RulesError(
            f"{where}:{_line_of(text, rule_id)}: rule {rule_id!r} has no lines, prefixes, suffixes or patterns"
        )
    return Rule(
        id=rule_id,
        reason=str(entry.get("reason", rule_id)),
        label=label,
        role=Role(role),
        scope=scope,
        max_length=int(entry.get("max_length", 120)),
        pack=pack_name,
        action=action,
        lines=lines,
        prefixes=prefixes,
        suffixes=suffixes,
        patterns=patterns,
    )


def _checked_patterns(patterns: list[Any], where: str, text: str, check: bool = True) -> list[str]:
    if not check:
        return [str(pattern) for pattern in patterns]
    checked = []
    for pattern in patterns:
        try:
            compiled = regex.compile(str(pattern))
        except regex.error as error:
            raise RulesError(f"{where}:{_line_of(text, str(pattern))}: bad pattern {pattern!r}: {error}") from None
        unknown = set(compiled.groupindex) - set(META_GROUPS)
        if unknown:
            raise RulesError(
                f"{where}:{_line_of(text, str(pattern))}: pattern {pattern!r} names groups {sorted(unknown)}; "
                f"only {list(META_GROUPS)} fill metadata"
            )
        checked.append(str(pattern))
    return checked


def _line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of `needle` in the file, for error messages."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle and needle in line:
            return number
    return 1


def never_matching(pack: Pack) -> list[str]:
    """Phrases and patterns of a pack that can never match: longer than their rule's
    `max_length` (a line longer than that is never tried). `lines` and strip rules are not
    capped."""
    warnings = []
    for rule in pack.rules:
        if rule.action == "strip":
            continue
        for kind, phrases in (("prefix", rule.prefixes), ("suffix", rule.suffixes)):
            warnings += [f"rule {rule.id!r}: {kind} {p!r} is {len(p)} characters, more than its max_length "
                         f"{rule.max_length}: it can never match" for p in phrases if len(p) > rule.max_length]
        for pattern in rule.patterns:
            shortest = _shortest_match(pattern)
            if shortest is not None and shortest > rule.max_length:
                warnings.append(f"rule {rule.id!r}: pattern {pattern!r} matches at least {shortest} characters, "
                                f"more than its max_length {rule.max_length}: it can never match")
    return warnings


def _shortest_match(pattern: str) -> int | None:
    """The fewest characters `pattern` can match, where the standard parser reads it."""
    try:
        import re._parser as parser  # the standard library's own pattern parser (3.11+)
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as parser  # type: ignore[no-redef]
    try:
        return int(parser.parse(pattern).getwidth()[0])
    except Exception:  # noqa: BLE001 - `regex`-only syntax: no estimate
        return None



"""Rule packs: chrome phrases and patterns as data.

A pack is a TOML file (see `cleaner/rules/*.toml` and the README). Packs are
per language (`lang/en.toml`...), per site (`sites/daily8.toml`) or common to
all pages (`common.toml`); users add their own with `--rules FILE`.

Each `[[rules]]` entry groups phrases that share one reason and one role:

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

Matching must stay cheap on the per-document hot path, so a rule book compiles
every pack once into a dict of exact lines and one alternation regex; a line
costs one dict lookup and at most one regex call.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from cleaner.deadline import NO_DEADLINE, Deadline
from cleaner.firstchars import first_chars
from cleaner.model import Label, Role
from cleaner.text import line_key

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
    id: str
    reason: str
    label: Label = Label.CHROME
    role: Role = Role.DROP
    scope: str = "any"
    max_length: int = 120
    pack: str = ""
    action: str = "remove"  # "remove": the whole line leaves; "strip": only the matched text


@dataclass(frozen=True)
class Pack:
    name: str
    kind: str  # "common" | "language" | "site" | "user"
    languages: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()
    #: (rule, whole lines, prefixes, suffixes, patterns)
    rules: tuple[tuple[Rule, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = ()
    ages: tuple[str, ...] = ()
    date_prefixes: tuple[str, ...] = ()
    byline_prefixes: tuple[str, ...] = ()
    stopwords: frozenset[str] = frozenset()
    agencies: tuple[str, ...] = ()
    path: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    rule: Rule
    captures: dict[str, str] = field(default_factory=dict)


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
            for rule, lines, prefixes, suffixes, patterns in pack.rules:
                if rule.action == "strip":
                    self.strips.append((rule, _strip_pattern(lines, prefixes, suffixes, patterns)))
                    continue
                for line in lines:
                    self._exact.setdefault(line_key(line), rule)
                self._suffixes += [(suffix, rule) for suffix in suffixes]
                for pattern in _prefix_patterns(prefixes) + list(patterns):
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


def _strip_pattern(lines: tuple[str, ...], prefixes: tuple[str, ...], suffixes: tuple[str, ...],
                   patterns: tuple[str, ...]) -> regex.Pattern[str]:
    """One regex for everything a strip rule cuts, with the spaces around it."""
    def words(phrase: str) -> str:
        edge_start = r"\b" if phrase[:1].isalnum() else ""
        edge_end = r"\b" if phrase[-1:].isalnum() else ""
        return edge_start + regex.escape(phrase) + edge_end

    parts = [f"(?:{p})" for p in patterns]
    parts += [r"\s*" + words(line) for line in lines]
    parts += [r"^\s*" + words(prefix) + r"\s*" for prefix in prefixes]
    parts += [r"\s*" + words(suffix) + r"\s*$" for suffix in suffixes]
    return regex.compile("|".join(parts), regex.IGNORECASE | regex.V0)


def never_matching(pack: Pack) -> list[str]:
    """Phrases and patterns of a pack that can never match: longer than their rule's
    `max_length` (a line longer than that is never tried). `lines` and strip rules are not
    capped."""
    warnings = []
    for rule, _lines, prefixes, suffixes, patterns in pack.rules:
        if rule.action == "strip":
            continue
        for kind, phrases in (("prefix", prefixes), ("suffix", suffixes)):
            warnings += [f"rule {rule.id!r}: {kind} {p!r} is {len(p)} characters, more than its max_length "
                         f"{rule.max_length}: it can never match" for p in phrases if len(p) > rule.max_length]
        for pattern in patterns:
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


# --------------------------------------------------------------------------- loading


def parse_pack(text: str, *, name: str, kind: str, path: str = "") -> Pack:
    """Parse and validate one pack; errors name the file and, where known, the line."""
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
        rules.append(_parse_rule(entry, number, head.get("name", name), where, text))
    return Pack(
        name=str(head.get("name", name)),
        kind=kind,
        languages=tuple(head.get("languages", ())),
        domains=tuple(d.casefold() for d in head.get("domains", ())),
        signatures=tuple(line_key(s) for s in head.get("signatures", ())),
        rules=tuple(rules),
        ages=tuple(_checked_patterns(data.get("ages", {}).get("patterns", []), where, text)),
        date_prefixes=tuple(data.get("dates", {}).get("prefixes", [])),
        byline_prefixes=tuple(data.get("bylines", {}).get("prefixes", [])),
        stopwords=frozenset(w.casefold() for w in data.get("stopwords", {}).get("words", [])),
        agencies=tuple(data.get("agencies", {}).get("names", [])),
        path=path,
    )


def _parse_rule(
    entry: Any, number: int, pack_name: str, where: str, text: str
) -> tuple[Rule, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
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
    patterns = tuple(_checked_patterns(entry.get("patterns", []), where, text))
    if not (lines or prefixes or suffixes or patterns):
        raise RulesError(
            f"{where}:{_line_of(text, rule_id)}: rule {rule_id!r} has no lines, prefixes, suffixes or patterns"
        )
    rule = Rule(
        id=rule_id,
        reason=str(entry.get("reason", rule_id)),
        label=label,
        role=Role(role),
        scope=scope,
        max_length=int(entry.get("max_length", 120)),
        pack=pack_name,
        action=action,
    )
    return rule, lines, prefixes, suffixes, patterns


def _checked_patterns(patterns: list[Any], where: str, text: str) -> list[str]:
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


@cache
def builtin_packs() -> tuple[Pack, ...]:
    """All packaged packs, read once per process (read-only afterwards)."""
    root = resources.files("cleaner") / "packs"
    packs = []
    for folder, kind in (("", "common"), ("lang", "language"), ("sites", "site")):
        base = root / folder if folder else root
        for item in sorted(base.iterdir(), key=lambda p: p.name):
            if item.name.endswith(".toml"):
                name = item.name[: -len(".toml")]
                packs.append(parse_pack(item.read_text("utf-8"), name=name, kind=kind, path=f"{folder}/{item.name}".lstrip("/")))
    return tuple(packs)


@cache
def load_user_pack(path: str) -> Pack:
    """A user rules file; cached by path so a batch reads it once per process."""
    file = Path(path)
    try:
        text = file.read_text("utf-8")
    except OSError as error:
        raise RulesError(f"{path}: cannot read rules file: {error.strerror}") from None
    return parse_pack(text, name=file.stem, kind="user", path=path)


@cache
def rulebook_for(sites: tuple[str, ...], user_files: tuple[str, ...]) -> RuleBook:
    """The compiled rule book for a set of triggered sites (cached: few combinations).

    Every language pack applies to every page, whatever its language. Chrome does not keep to
    the article's language (aggregators print English widgets on German pages, Portuguese
    comment boxes under English wire copy), and rules chosen by a language guess would make
    the result depend on that guess: a page and its own cleaned text can read as different
    languages, and cleaning would then not be idempotent. The rules are whole lines and
    anchored patterns, so one language's chrome does not match another's prose.
    """
    chosen: list[Pack] = [load_user_pack(p) for p in user_files]
    packs = builtin_packs()
    chosen += [p for p in packs if p.kind == "site" and p.name in sites]
    languages = [p for p in packs if p.kind == "language"]
    chosen += sorted(languages, key=lambda p: p.name != "en")  # English first, then by name
    chosen += [p for p in packs if p.kind == "common"]
    return RuleBook(chosen)


@cache
def packaged_languages() -> tuple[str, ...]:
    """The languages the packs cover, English first: the date parser reads all of them."""
    names = [lang for p in builtin_packs() if p.kind == "language" for lang in p.languages]
    return tuple(sorted(dict.fromkeys(names), key=lambda lang: lang != "en"))


@cache
def site_packs() -> tuple[Pack, ...]:
    return tuple(p for p in builtin_packs() if p.kind == "site")

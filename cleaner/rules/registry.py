"""Which packs apply: the packaged ones (read once per process), users' files, and the
compiled rule book for a set of triggered sites (cached: few combinations)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from cleaner.rules.matcher import RuleBook
from cleaner.rules.schema import Pack, RulesError, parse_pack

#: Files in `cleaner/packs/` that are not rule packs (the DOM pass reads its own).
NOT_RULE_PACKS = frozenset({"dom.toml"})


@cache
def builtin_packs() -> tuple[Pack, ...]:
    """All packaged packs, read once per process (read-only afterwards)."""
    root = resources.files("cleaner") / "packs"
    packs = []
    for folder, kind in (("", "common"), ("lang", "language"), ("sites", "site")):
        base = root / folder if folder else root
        for item in sorted(base.iterdir(), key=lambda p: p.name):
            if item.name.endswith(".toml") and item.name not in NOT_RULE_PACKS:
                name = item.name[: -len(".toml")]
                packs.append(parse_pack(item.read_text("utf-8"), name=name, kind=kind, path=f"{folder}/{item.name}".lstrip("/"),
                                        check_patterns=False))  # checked by the test suite
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


def triggered_sites(keys: Iterable[str], url: str | None) -> tuple[str, ...]:
    """Site packs apply when the URL is on their domain or one of their signature lines
    (`keys`: the page's line keys) is on the page."""
    packs = site_packs()
    if not packs:
        return ()
    host = (urlsplit(url).hostname or "").casefold() if url else ""
    present = set(keys)
    return tuple(
        p.name
        for p in packs
        if any(host == d or host.endswith("." + d) for d in p.domains) or present.intersection(p.signatures)
    )

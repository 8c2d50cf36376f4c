"""What a head line says: dates, names and credits, read the same way by every stage.

`parse_date` reads a line that is only a date ("19 November 2019", "Published Mar 21,
2023") as ISO 8601, with dateparser (a maintained, multi-language parser) and the label
prefixes of the rule packs. `split_names` reads "A, B and C"; `read_credit_line` fills
authors and editors from a wire footer or editor initials ("(bms, sm)"). Parsing a date is
the dearest thing a stage does per line, and the late stages ask about the same lines in
every round, so each line's answer is kept (per process, a bounded cache).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache, lru_cache

import regex
from dateparser.date import DateDataParser

from cleaner.model import Block, Document
from cleaner.rules import RuleBook, packaged_languages

DATE_MAX_CHARS = 80
_HAS_YEAR_OR_TIME = regex.compile(r"\b(?:1[89]\d\d|20\d\d)\b|\b\d{1,2}[:.h]\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_SEPARATORS = regex.compile(r"\s+[|·•]\s+|\s+[-–—]\s+(?=\S)")
_DATE_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "past"}


@cache
def _parser() -> DateDataParser:
    """One parser for all the packaged languages (it is expensive to build). Not the page's
    language alone: like the rules, a date line must read the same whatever the guess."""
    return DateDataParser(languages=list(packaged_languages()), settings=_DATE_SETTINGS)


def parse_date(text: str, book: RuleBook) -> str | None:
    """ISO 8601 for a line that is only a date (after an optional label), else None."""
    text = text.strip(" |·•")
    if len(text) > DATE_MAX_CHARS or not _HAS_YEAR_OR_TIME.search(text):
        return None
    if book.date_prefixes is not None:
        text = book.date_prefixes.sub("", text, count=1)
    return _parse_bare_date(text)


@lru_cache(maxsize=4096)
def _parse_bare_date(text: str) -> str | None:
    try:
        data = _parser().get_date_data(text)
    except (ValueError, OverflowError, TypeError, LookupError):
        return None
    found = data.date_obj
    if found is None or data.period not in ("day", "time") or not _full_date(data):
        return None
    return _iso(found, "time" in (getattr(data, "parts", ()) or ()) or _has_time(text))


def _full_date(data: object) -> bool:
    parts = getattr(data, "parts", None)
    return parts is None or {"day", "month", "year"} <= set(parts)


def _has_time(text: str) -> bool:
    return bool(regex.search(r"\b\d{1,2}[:h]\d\d\b", text))


def _iso(moment: datetime, with_time: bool) -> str:
    if not with_time:
        return moment.date().isoformat()
    return moment.isoformat()


def split_meta_line(text: str) -> list[str]:
    """Split a head line like "By Jane Roe | March 3, 2023" into its parts."""
    return [part for part in _SEPARATORS.split(text) if part.strip()]


_TOKEN = r"\p{Lu}[\p{L}\p{M}'’.-]+"  # two characters at least: "J." or "Le", never "A"
_PARTICLE = r"(?:de|da|di|do|dos|das|del|della|van|von|der|den|ter|le|la|du|bin|ibn|al|el|y|zu)"
_NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_TOKEN}){{1,3}}"
_NAMES = rf"{_NAME}(?:\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*{_NAME}){{0,5}}"
NAME_LIST = regex.compile(rf"^(?P<names>{_NAMES})$")
ACCORDING = regex.compile(
    rf"^(?P<names>{_NAMES})\s*\((?i:according to|compiled from|theo|selon|según|laut|secondo|segundo|via|with|from)\s+"
    r"(?P<agencies>[^()]{2,80})\)\.?$"
)
_NAME_SPLIT = regex.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*")
_CREDIT_PART = regex.compile(
    r"(?P<role>additional reporting|reporting|writing|editing|compiled|research|graphics)\s+by\s+(?P<names>[^;()]+)",
    regex.IGNORECASE,
)
_INITIALS = regex.compile(r"[a-z]{1,4}(?:/[a-z]{1,4})?")


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

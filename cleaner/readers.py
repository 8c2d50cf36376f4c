"""What a head line says: dates, names and credits, read the same way by every stage.

`parse_date` reads a line that is only a date ("19 November 2019", "Published Mar 21,
2023") as ISO 8601, with the date grammar of `cleaner.dateline` over the packs' month names
and label prefixes. `split_names` reads "A, B and C"; `read_credit_line` fills authors and
editors from a wire footer or editor initials ("(bms, sm)").
"""

from __future__ import annotations

import regex

from cleaner.dateline import read_date
from cleaner.model import Block, Document
from cleaner.rules import RuleBook

DATE_MAX_CHARS = 80
_HAS_YEAR = regex.compile(r"\b(?:1[89]\d\d|20\d\d)\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_SEPARATORS = regex.compile(r"\s+[|·•]\s+|\s+[-–—]\s+(?=\S)")


def parse_date(text: str, book: RuleBook) -> str | None:
    """ISO 8601 for a line that is only a date (after an optional label), else None.

    "Published 3 May 2021 Updated on: 4 May 2021" holds two labelled dates: the first, the
    publication, is the line's date."""
    text = text.strip(" |·•")
    if len(text) > DATE_MAX_CHARS or not _HAS_YEAR.search(text):
        return None
    labels = book.date_prefixes
    if labels is None:
        return read_date(text, book.date_words)
    parts = [labels.sub("", part, count=1) for part in book.date_labels.split(labels.sub("", text, count=1))]
    dates = [read_date(part, book.date_words) for part in parts if part.strip()]
    return dates[0] if dates and all(dates) else None


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

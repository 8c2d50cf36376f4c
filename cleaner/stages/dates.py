"""Publication dates at the head of the page.

A short line near the top that is only a date ("19 November 2019", "Mon,
November 18, 2019 at 12:42 PM UTC", "Published Mar 21, 2023") fills `date` as
ISO 8601 and leaves the body. Parsing is dateparser's (a maintained,
multi-language parser); the label prefixes ("Published", "Mis à jour le") come
from the rule packs. Relative ages ("3 hours ago") are chrome, never a date:
the rules stage has already labelled them.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

import regex
from dateparser.date import DateDataParser

from cleaner.model import Document, Label
from cleaner.rules import RuleBook, packaged_languages
from cleaner.stages import Context

STAGE = "dates"
#: Only this many blocks at the top are searched for the publication date.
HEAD_BLOCKS = 12
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


def mark_dates(doc: Document, ctx: Context) -> None:
    # a date the HTML's metadata gave: only a line carrying its year is worth parsing (on text,
    # every date line at the head goes, as a second cleaning would see them)
    known_year = doc.meta.date[:4] if doc.meta.date and doc.extracted else None
    for block in [b for b in doc.blocks if b.is_body][:HEAD_BLOCKS]:
        if block.prose:
            break
        if known_year and known_year not in block.text:
            continue  # the date is known; only a line carrying it is worth parsing
        iso = parse_date(block.text, ctx.book)
        if iso is None:
            continue
        block.mark(Label.DATE, STAGE, "publication date")
        doc.meta.date = doc.meta.date or iso


def split_meta_line(text: str) -> list[str]:
    """Split a head line like "By Jane Roe | March 3, 2023" into its parts."""
    return [part for part in _SEPARATORS.split(text) if part.strip()]

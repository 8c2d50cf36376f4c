"""Bylines, wire footers and editor credits: out of the body, into metadata.

- "By Jane Roe and John Doe" (any language's byline prefix from the packs),
  alone or with a date on the same line ("By Jane Roe | March 3, 2023");
- "Huyen Le (According to AFP, Reuters)": authors plus the agencies the text
  was compiled from;
- wire footers and editor initials are matched by rule packs; when the rules
  stage labels one it reads it (`cleaner.readers.read_credit_line`): reporters
  and writers become authors, editors and initials ("(bms, sm)") become `editors`.
"""

from __future__ import annotations

from cleaner.model import Block, Document, Label
from cleaner.readers import ACCORDING, NAME_LIST, parse_date, split_meta_line, split_names
from cleaner.stages import Context

STAGE = "bylines"
BYLINE_MAX_CHARS = 140


def mark_bylines(doc: Document, ctx: Context) -> None:
    prefixes = tuple(sorted(ctx.book.byline_prefixes, key=len, reverse=True))
    starts = tuple(p.casefold() for p in prefixes)
    for block in doc.blocks:
        if not block.is_body or len(block.text) > BYLINE_MAX_CHARS or block.prose:
            continue
        text = block.text
        # cheap gates first: a compiled-from line ends with ")", a byline starts with a prefix
        if text.endswith((")", ").")) and _according_line(doc, block):
            continue
        if text.casefold().startswith(starts):
            _byline(doc, block, prefixes, ctx)


def _according_line(doc: Document, block: Block) -> bool:
    found = ACCORDING.match(block.text)
    if not found:
        return False
    block.mark(Label.BYLINE, STAGE, "byline with the agencies the text was compiled from")
    doc.meta.add_unique("authors", split_names(found.group("names")))
    doc.meta.add_unique("agencies", split_names(found.group("agencies")))
    return True


def _byline(doc: Document, block: Block, prefixes: tuple[str, ...], ctx: Context) -> bool:
    """"By Jane Roe", possibly sharing the line with a date or an agency."""
    authors: list[str] = []
    date: str | None = None
    for part in split_meta_line(block.text):
        part, agency = _split_agency(part, ctx)
        names = _names_after_prefix(part, prefixes)
        if names and agency:
            doc.meta.add_unique("agencies", [agency])
        if names:
            authors += names
            continue
        iso = parse_date(part, ctx.book) if authors else None
        if iso:
            date = date or iso
            continue
        return False
    if not authors:
        return False
    block.mark(Label.BYLINE, STAGE, "byline")
    doc.meta.add_unique("authors", authors)
    if date and not doc.meta.date:
        doc.meta.date = date
    return True


def _split_agency(text: str, ctx: Context) -> tuple[str, str | None]:
    """"Maria Lopez, Associated Press" -> ("Maria Lopez", "Associated Press")."""
    pattern = ctx.book.agency_suffix
    found = pattern.search(text) if pattern is not None else None
    if found is None:
        return text, None
    return text[: found.start()], found.group("agency")


def _names_after_prefix(text: str, prefixes: tuple[str, ...]) -> list[str]:
    lowered = text.casefold()
    for prefix in prefixes:
        if not lowered.startswith(prefix.casefold()):
            continue
        rest = text[len(prefix) :]
        if prefix[-1].isalpha() and rest[:1].isalpha() and not rest[:1].isupper():
            continue  # "Bystanders", not "By Standers"
        rest = rest.lstrip(" :")
        found = NAME_LIST.match(rest.strip())
        if found:
            return split_names(found.group("names"))
    return []

"""Publication dates at the head of the page.

A short line near the top that is only a date ("19 November 2019", "Mon,
November 18, 2019 at 12:42 PM UTC", "Published Mar 21, 2023") fills `date` as
ISO 8601 and leaves the body. When the rounds have settled without one, the lines around
the head of what is left still say it (`date_near_the_head`): the metadata is read from
them, the labels stay as they are. The month names and the label prefixes
("Published", "Mis à jour le") come from the rule packs (`cleaner.readers.parse_date`). Relative ages ("3 hours ago") are chrome, never a date:
the rules stage has already labelled them.
"""

from __future__ import annotations

from cleaner.model import Block, Document, Label
from cleaner.readers import parse_date
from cleaner.stages import Context

STAGE = "dates"
#: Only this many blocks at the top are searched for the publication date.
HEAD_BLOCKS = 12


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


def date_near_the_head(doc: Document, ctx: Context) -> None:
    """The date of a page whose head gave none, read from the lines around that head:
    the first `HEAD_BLOCKS` lines of the body, past its first paragraph ("Feb 2, 2023" under
    the standfirst), then the lines right above it, nearest first. A flattened page prints its
    headline, date and byline above the article, and the main-span stage can take them with
    the menus when the article's run of prose starts below them; a date further away belongs
    to something else (a sidebar's list, a comment, the footer's copyright). Metadata only:
    a line stays where the other stages put it."""
    if doc.meta.date:
        return
    blocks = doc.blocks
    body = [n for n, b in enumerate(blocks) if b.is_body]
    if not body:
        return
    # above the body: the page's own lines, not what an HTML page's passes took (the DOM
    # pass's subtrees, the extractor's leftovers stand ahead of its text, wherever they were)
    above = [b for b in blocks[: body[0]] if not b.off_the_page][-HEAD_BLOCKS:]
    doc.meta.date = _first_date([blocks[n] for n in body[:HEAD_BLOCKS]] + above[::-1], ctx)


def _first_date(blocks: list[Block], ctx: Context) -> str | None:
    for block in blocks:
        iso = parse_date(block.text, ctx.book)
        if iso is not None:
            return iso
    return None

"""Publication dates at the head of the page.

A short line near the top that is only a date ("19 November 2019", "Mon,
November 18, 2019 at 12:42 PM UTC", "Published Mar 21, 2023") fills `date` as
ISO 8601 and leaves the body. The month names and the label prefixes
("Published", "Mis à jour le") come from the rule packs (`cleaner.readers.parse_date`). Relative ages ("3 hours ago") are chrome, never a date:
the rules stage has already labelled them.
"""

from __future__ import annotations

from cleaner.model import Document, Label
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

"""Authors are names: every credit gathered (bylines, the page's markup, trafilatura's guess)
is read as the name it holds before it is reported.

Credits reach `authors` from several places and come glued to what the page printed around
them: "Author Jane Roe", "Jane Roe - Staff Writer", "Jane Roe December", "JonB 6", or
"Jane Roe; John Doe" in one string. `cleaner.readers.tidy_author` keeps the name and
refuses what holds none ("Updated March", "The Numbers"); an organisation the markup declares
as the author keeps its whole name (`Document.organisations`); a wire agency credited as the
author ("AFP") is reported among the agencies; the rest keep their order.
"""

from __future__ import annotations

from cleaner.model import Document
from cleaner.readers import tidy_author
from cleaner.stages import Context


def tidy_authors(doc: Document, ctx: Context) -> None:
    meta = doc.meta
    credits, meta.authors = meta.authors, []
    names = [name for name in (part if part in doc.organisations else tidy_author(part, ctx.book)
                               for credit in credits for part in credit.split(";")) if name]
    meta.add_unique("authors", [name for name in names if name.casefold() not in ctx.book.agencies])
    meta.add_unique("agencies", [name for name in names if name.casefold() in ctx.book.agencies])

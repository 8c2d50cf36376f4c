"""The leading headline becomes the title, not body.

A flattened page often starts with its headline. The first body block is
taken as the title when it is shaped like one (short, one sentence, not a
list item, not ending in ":" or ",") *and* the next body block is a paragraph
longer than any title may be. The second condition makes the stage
idempotent: whatever becomes the first block after the title is removed is
longer than `TITLE_MAX_CHARS`, so cleaning the output again finds no title.
"""

from __future__ import annotations

from cleaner.model import Document, Label
from cleaner.stages import Context
from cleaner.stages.shape import TITLE_MAX_CHARS, is_list_item, is_prose, sentence_count, words

STAGE = "title"
TITLE_MIN_WORDS = 2
TITLE_MAX_WORDS = 30


def looks_like_title(text: str) -> bool:
    count = len(words(text))
    return (
        len(text) <= TITLE_MAX_CHARS
        and TITLE_MIN_WORDS <= count <= TITLE_MAX_WORDS
        and not text.endswith((":", ",", ";"))
        and not is_list_item(text)
        and sentence_count(text) == 1
        and (text[:1].isalnum() or text[:1] in "\"'“‘«¿¡")
    )


def mark_title(doc: Document, ctx: Context) -> None:
    body = [b for b in doc.blocks if b.is_body]
    if len(body) < 2:
        return
    first, second = body[0], body[1]
    if not looks_like_title(first.text):
        return
    if len(second.text) <= TITLE_MAX_CHARS or not is_prose(second.text):
        return
    first.mark(Label.TITLE, STAGE, "leading headline")
    doc.meta.title = doc.meta.title or first.text

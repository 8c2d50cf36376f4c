"""Cheap shape features of a line, shared by the stages.

Kept in one place so that "prose", "title-like" and "list item" mean the same
thing in every stage, and so the thresholds are documented once.
"""

from __future__ import annotations

import regex

from cleaner.model import Block

#: A line at least this long that ends like a sentence reads as article prose.
PROSE_MIN_CHARS = 80
#: A line this long is prose whatever its ending (flattened paragraphs lose their last period).
PROSE_LONG_CHARS = 160
#: Headlines are rarely longer than this; article paragraphs often are.
TITLE_MAX_CHARS = 160

_TERMINAL = regex.compile(r"[.!?…:;)\]\"'”’»›。！？]$")
_WORD = regex.compile(r"\w+")
_LIST_ITEM = regex.compile(r"^(?:[-–—•*·▪►]|\d{1,2}[.)])\s+")
# A sentence boundary: terminal mark, optional closing quote, space, capital. A single
# capital before the period ("U.S. Senate", "J. Smith") is an abbreviation, not a boundary.
_SENTENCE_BREAK = regex.compile(r"(?<!\b\p{Lu})(?<!\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|No|vs))[.!?…][\"'”’»]?\s+[\"'“‘«]?\p{Lu}")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_prose(text: str) -> bool:
    """A line that reads as article text: long, and sentence-final or very long."""
    size = len(text)
    if size >= PROSE_LONG_CHARS:
        return True
    return size >= PROSE_MIN_CHARS and bool(_TERMINAL.search(text)) and len(words(text)) >= 10


def is_list_item(text: str) -> bool:
    return bool(_LIST_ITEM.match(text))


def sentence_count(text: str) -> int:
    return 1 + len(_SENTENCE_BREAK.findall(text))


def prose_run(blocks: list[Block], start: int) -> int:
    """How many prose blocks follow each other from `start` with no blank line between them."""
    count = 0
    for i in range(start, len(blocks)):
        block = blocks[i]
        if not is_prose(block.text) or (count and block.gap):
            break
        count += 1
    return count


def body_prose_before(blocks: list[Block], index: int) -> int:
    """Body prose blocks above `index`: a tail widget needs an article above it."""
    return sum(1 for b in blocks[:index] if b.is_body and is_prose(b.text))

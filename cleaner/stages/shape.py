"""Cheap shape features of a line, shared by the stages.

Kept in one place so that "prose", "title-like" and "list item" mean the same
thing in every stage, and so the thresholds are documented once.
"""

from __future__ import annotations

import re

import regex

from cleaner.model import Block
from cleaner.text import is_prose

__all__ = ["ends_sentence", "is_list_item", "is_prose", "prose_run", "sentence_count", "words"]

#: Headlines are rarely longer than this; article paragraphs often are.
TITLE_MAX_CHARS = 160

_SENTENCE_END = regex.compile(r"[.!?…。！？][\"'”’»)]*$")
_WORD = re.compile(r"\w+")  # stdlib re: several times faster than regex for \w+, same Unicode words
_LIST_ITEM = regex.compile(r"^(?:[-–—•*·▪►]|\d{1,2}[.)])\s+")
# A sentence boundary: terminal mark, optional closing quote, space, capital. A single
# capital before the period ("U.S. Senate", "J. Smith") is an abbreviation, not a boundary.
_SENTENCE_BREAK = regex.compile(r"(?<!\b\p{Lu})(?<!\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|No|vs))[.!?…][\"'”’»]?\s+[\"'“‘«]?\p{Lu}")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def ends_sentence(text: str) -> bool:
    """Ends with a full stop, question or exclamation mark (closing quotes aside)."""
    return bool(_SENTENCE_END.search(text))


def is_list_item(text: str) -> bool:
    return bool(_LIST_ITEM.match(text))


def sentence_count(text: str) -> int:
    return 1 + len(_SENTENCE_BREAK.findall(text))


def prose_run(blocks: list[Block], start: int, limit: int = 8, max_gap: int = 0) -> int:
    """How many prose blocks (up to `limit`) follow each other from `start`, with at most
    `max_gap` blank lines between two of them."""
    count = 0
    for i in range(start, min(len(blocks), start + limit)):
        block = blocks[i]
        if not block.prose or (count and block.gap > max_gap):
            break
        count += 1
    return count

"""Line-level text features with no dependencies, shared by the model and the stages."""

from __future__ import annotations

import regex

#: A line at least this long that ends like a sentence reads as article prose.
PROSE_MIN_CHARS = 80
#: A line this long is prose whatever its ending (flattened paragraphs lose their last period).
PROSE_LONG_CHARS = 160
#: Lines longer than this are never compared whole against rule phrases.
KEY_MAX_CHARS = 300
_TERMINAL = regex.compile(r"[.!?…:;)\]\"'”’»›。！？]$")
_SPACE = regex.compile(r"\s")
_TRIM = " \t:.…!|•·-–—»›>*#"


def is_prose(text: str) -> bool:
    """A line that reads as article text: long, and sentence-final or very long."""
    size = len(text)
    if size >= PROSE_LONG_CHARS:
        return True
    # ten words need at least nine spaces; counting spaces is much cheaper than tokenising
    return size >= PROSE_MIN_CHARS and bool(_TERMINAL.search(text)) and text.count(" ") >= 9


def line_key(text: str) -> str:
    """The form used for whole-line comparison: casefolded, trailing punctuation trimmed."""
    return " ".join(text.casefold().strip(_TRIM).split())

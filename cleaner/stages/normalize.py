"""Normalize text and split it into blocks.

Scraped text carries CRLF, non-breaking and zero-width spaces, stray HTML
entities and decomposed Unicode. All later stages compare lines with each
other (duplicates, captions printed twice, teasers repeating the title), so
they must see one canonical form. Paragraph boundaries (blank lines) are kept
as the block `gap`.
"""

from __future__ import annotations

import html
import unicodedata

import regex

from cleaner.model import Block

# Runs of spaces, and any space that should read as a plain one (tab, NBSP, thin, ideographic...).
_SPACES = regex.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters and C0/C1 controls other than newline: they only get in the way of comparison.
_DROPPED = regex.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
_ENTITY = regex.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LINE_BREAKS = regex.compile(r"\r\n?|[\u2028\u2029\u0085]")


def _unescape(match: regex.Match[str]) -> str:
    return html.unescape(match.group(0))


def normalize_text(text: str) -> str:
    """Return the canonical form of `text`: NFC, plain spaces, `\\n` line ends, stripped lines.

    Idempotent: `normalize_text(normalize_text(x)) == normalize_text(x)`. Entities are
    unescaped before the other steps so that an entity for a space or a control
    character is normalized like the real thing.
    """
    while "&" in text:  # "&amp;lt;" needs two rounds; each round shortens the text
        unescaped = _ENTITY.sub(_unescape, text)
        if unescaped == text:
            break
        text = unescaped
    if "\r" in text or not text.isascii():
        text = _LINE_BREAKS.sub("\n", text)
    text = _DROPPED.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def split_blocks(text: str) -> list[Block]:
    """One block per non-empty line of normalized text, remembering blank lines before it."""
    blocks: list[Block] = []
    gap = 0
    for line in text.split("\n"):
        if not line:
            gap += 1
            continue
        blocks.append(Block(index=len(blocks), text=line, gap=gap if blocks else 0))
        gap = 0
    return blocks

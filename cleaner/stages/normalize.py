"""Normalize text and split it into blocks.

Scraped text carries CRLF, non-breaking and zero-width spaces, icon fonts'
private-use glyphs, stray HTML entities and decomposed Unicode. All later stages compare lines with each
other (duplicates, captions printed twice, teasers repeating the title), so
they must see one canonical form. Paragraph boundaries (blank lines) are kept
as the block `gap`.
"""

from __future__ import annotations

import html
import re
import unicodedata

from cleaner.model import Block

_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# One translation table (C speed): other line separators become "\n"; invisible characters
# (zero-width, soft hyphen, BOM) and control characters other than tab and newline vanish;
# every other whitespace character (NBSP, thin, ideographic, tab...: what `str.isspace` and
# `str.split` know; none lies above U+3000) becomes a plain space.
_TABLE: dict[int, str | None] = {ord(c): "\n" for c in "\r\u2028\u2029\u0085"}
_TABLE.update({ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"})
_TABLE.update({c: None for c in [*range(0x09), *range(0x0E, 0x1C), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0)]})
_TABLE.update({c: " " for c in range(0x3001) if chr(c).isspace() and chr(c) not in " \n" and c not in _TABLE})
# An icon font's glyphs are private-use characters: no text, and on a flattened page a line
# of them alone stands between a byline and its date
_PRIVATE_USE = (0xE000, 0xF8FF)
_TABLE.update({c: None for c in range(_PRIVATE_USE[0], _PRIVATE_USE[1] + 1)})
# Whether the table has anything to do. The standard library's `re` scans a plain character
# class several times faster than `regex`; this runs on every page, so it is worth it.
_NEEDS_TABLE = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE) if not _PRIVATE_USE[0] <= c <= _PRIVATE_USE[1])
    + f"{chr(_PRIVATE_USE[0])}-{chr(_PRIVATE_USE[1])}]")


def _unescape(match: re.Match[str]) -> str:
    return html.unescape(match.group(0))


# Mojibake: UTF-8 bytes read as Latin-1 or Windows-1252 by a scraper ("weâ€™ve" for "we've",
# "cafÃ©" for "café"). A UTF-8 character of two to four bytes becomes a lead letter (Â to ô)
# and one to three continuation characters, which are 0x80-0xBF read as Latin-1 (C1 controls,
# then symbols from the no-break space to "¿") or as Windows-1252 (its "€" to "Ÿ" at 0x80-0x9F).
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_BYTE_OF = {c: c.encode("cp1252")[0] for c in _CP1252_HIGH} | {chr(b): b for b in range(0x80, 0x100)}
_CONTINUATION = "[\u0080-\u00bf" + re.escape(_CP1252_HIGH) + "]"
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}|[\u00f0-\u00f4]{_CONTINUATION}{{3}}")
#: What every sequence starts with: one search for it (a character class, which `re` scans
#: several times faster than the alternation) clears nearly every page before `findall`.
_MOJIBAKE_START = re.compile(f"[\u00c2-\u00f4]{_CONTINUATION}")
#: A text is read back as UTF-8 when this many of its sequences decode: one could be a symbol
#: after a capital letter ("Ø²"), a page of them is a wrong decoding.
MOJIBAKE_MIN = 2


def _read_back(sequence: str) -> str:
    """The character the sequence's bytes spell in UTF-8, or the sequence when they spell none."""
    try:
        return bytes(_BYTE_OF[c] for c in sequence).decode("utf-8")
    except UnicodeDecodeError:
        return sequence


def repair_mojibake(text: str) -> str:
    """`text` with its UTF-8 characters read back, when a scraper decoded them as Latin-1 or
    Windows-1252 (as ftfy does for the common case: the bytes are recovered exactly, so the
    repair is sure when they decode). The sequences that do not decode stay as they are."""
    if text.isascii() or _MOJIBAKE_START.search(text) is None:
        return text
    found = _MOJIBAKE.findall(text)
    if sum(_read_back(f) != f for f in found[:50]) < MOJIBAKE_MIN:
        return text
    # to its fixed point, so the repair is idempotent: text decoded wrongly twice ("cafÃƒÂ©")
    # needs two rounds, and each round that changes the text shortens it
    repaired = _MOJIBAKE.sub(lambda match: _read_back(match.group(0)), text)
    return repaired if repaired == text else repair_mojibake(repaired)


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
    text = repair_mojibake(text)  # before the table, which deletes the C1 controls it reads
    # whether the table or composition changed characters: only they can bring the pieces of
    # a mojibake sequence together (spaces are no part of one)
    joined = _NEEDS_TABLE.search(text) is not None
    if joined:
        text = _translated(text.replace("\r\n", "\n"))
    if not text.isascii():
        composed = unicodedata.normalize("NFC", text)
        joined = joined or composed != text
        text = composed
    # whole-text passes of C string methods (several times faster than a regex substitution
    # or a split and join per line, and linear in any line length): runs of spaces become one,
    # and lines lose the spaces at their ends
    while "  " in text:
        text = text.replace("  ", " ")
    if " \n" in text:
        text = text.replace(" \n", "\n")
    if "\n " in text:
        text = text.replace("\n ", "\n")
    text = text.strip(" ")
    if not joined:
        return text
    # the table may have joined mojibake a control character split ("Â\x1b¡Â¡"): read back
    # then, normalizing the result again, so that a second normalization finds nothing to do
    repaired = repair_mojibake(text)
    return text if repaired == text else normalize_text(repaired)


#: A page needing the table holds few of its characters (a CR, a no-break space, a tab): up
#: to this many kinds are replaced one by one, each by a C search over the page, several
#: times faster than `str.translate` with a table, which looks up every character.
REPLACE_KINDS_MAX = 8


def _translated(text: str) -> str:
    """`text.translate(_TABLE)`, by `str.replace` when few kinds of its characters are in the
    table (the same result: no replacement is itself in the table)."""
    kinds = set(_NEEDS_TABLE.findall(text))
    if len(kinds) > REPLACE_KINDS_MAX:
        return text.translate(_TABLE)
    for char in kinds:
        text = text.replace(char, _TABLE[ord(char)] or "")
    return text


def split_blocks(text: str) -> list[Block]:
    """One block per non-empty line of normalized text, remembering blank lines before it."""
    blocks: list[Block] = []
    gap = 0
    for line in text.split("\n"):
        if not line:
            gap += 1
            continue
        blocks.append(Block(len(blocks), line, gap if blocks else 0))  # (positional: a faster call)
        gap = 0
    return blocks

"""Blocks repeated, or nearly repeated, inside the document.

Exact repeats (after case, punctuation and spacing are ignored) keep their
first copy. Near repeats are found with word 3-gram shingles in one pass over
a hash index, so the cost is linear in the document, never pairwise:

- a list item ("- ...") whose shingles mostly occur in other blocks restates
  them (key-point bullets), so the bullet goes, wherever it stands;
- a paragraph whose shingles mostly occur in *earlier* blocks repeats them,
  so the later copy goes.

`Config.keep_near_duplicates` keeps near repeats (exact ones still go).
"""

from __future__ import annotations

from cleaner.model import Block, Document, Label
from cleaner.stages import Context
from cleaner.stages.shape import is_list_item, words

STAGE = "duplicates"
SHINGLE = 3
#: Share of a block's shingles found elsewhere that makes it a near repeat.
NEAR_CONTAINMENT = 0.5
#: Blocks shorter than this (in words) are only compared exactly: short lines repeat legitimately.
NEAR_MIN_WORDS = 12
EXACT_MIN_CHARS = 20


def _tokens(text: str) -> list[str]:
    return words(text.casefold())


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    """Word 3-grams; zip builds the tuples in C, which matters on the per-page hot path."""
    return set(zip(*(tokens[i:] for i in range(SHINGLE))))


def mark_duplicates(doc: Document, ctx: Context) -> None:
    body = [b for b in doc.blocks if b.is_body]
    tokens = [_tokens(b.text) for b in body]
    title_key = " ".join(_tokens(doc.meta.title)) if doc.meta.title else None  # known early from HTML metadata
    _mark_exact(body, tokens, title_key)
    if not ctx.config.keep_near_duplicates:
        kept = [(b, t) for b, t in zip(body, tokens) if b.is_body]
        _mark_near([b for b, _ in kept], [t for _, t in kept])


def _mark_exact(body: list[Block], tokens: list[list[str]], title_key: str | None) -> None:
    seen: set[str] = {title_key} if title_key else set()
    for block, words_of_block in zip(body, tokens):
        if len(block.text) < EXACT_MIN_CHARS:
            continue
        key = " ".join(words_of_block)
        if key in seen:
            block.mark(Label.DUPLICATE, STAGE, "repeats an earlier block")
        else:
            seen.add(key)


def _mark_near(body: list[Block], tokens: list[list[str]]) -> None:
    shingles = [_shingles(t) for t in tokens]
    bullets = [is_list_item(b.text) for b in body]
    in_paragraphs: set[tuple[str, ...]] = set()
    for group, bullet in zip(shingles, bullets):
        if not bullet:
            in_paragraphs |= group
    earlier_paragraphs: set[tuple[str, ...]] = set()
    earlier_bullets: set[tuple[str, ...]] = set()
    for block, group, bullet in zip(body, shingles, bullets):
        big_enough = len(group) >= NEAR_MIN_WORDS - SHINGLE + 1
        if bullet:
            shared = sum(1 for s in group if s in in_paragraphs or s in earlier_bullets)
            if big_enough and shared / len(group) >= NEAR_CONTAINMENT:
                block.mark(Label.DUPLICATE, STAGE, "list item restating other paragraphs")
                continue
            earlier_bullets |= group
        else:
            shared = sum(1 for s in group if s in earlier_paragraphs)
            if big_enough and shared / len(group) >= NEAR_CONTAINMENT:
                block.mark(Label.DUPLICATE, STAGE, "nearly repeats earlier paragraphs")
                continue
            earlier_paragraphs |= group

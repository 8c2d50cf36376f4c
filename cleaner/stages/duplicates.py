"""Blocks repeated, or nearly repeated, inside the document.

Exact repeats (case, spacing and surrounding punctuation aside) keep their
first copy (a short item of an HTML page's list keeps every copy: two pricing
plans list the same feature; so does a long paragraph an HTML article restates
between paragraphs printed once). Near repeats are found with word 3-gram
shingles in one pass over a hash index, so the cost is linear in the
document, never pairwise:

- a list item ("- ...") whose shingles mostly occur in other blocks restates
  them (key-point bullets), so the bullet goes, wherever it stands;
- a paragraph whose shingles mostly occur in *earlier* blocks repeats them,
  so the later copy goes.

`Config.keep_near_duplicates` (and `favor="recall"`) keeps near repeats (exact ones still go).
"""

from __future__ import annotations

from collections import Counter

from cleaner.deadline import Deadline, checked
from cleaner.features import is_list_item, line_key, normalized_line_key, word_shingles
from cleaner.labels import Kind
from cleaner.model import Block, Document, Label, continues_line_above
from cleaner.stages import Context

STAGE = "duplicates"
SHINGLE = 3
#: Share of a bullet's shingles found in paragraphs that makes it a restatement.
NEAR_CONTAINMENT = 0.5
#: Share of a paragraph's shingles found in earlier paragraphs that makes it a near repeat:
#: higher, because similar paragraphs (recipes, match reports) are common and are content.
NEAR_PARAGRAPH_CONTAINMENT = 0.8
#: A block printed this many times is repeated by design; all its copies are kept.
DESIGNED_REPEATS = 3
#: Blocks shorter than this (in words) are only compared exactly: short lines repeat legitimately.
NEAR_MIN_WORDS = 12
#: Longer blocks (a whole page on one line) are only compared exactly: shingling megabytes of
#: one line would cost memory for nothing, since no paragraph is that long.
NEAR_MAX_CHARS = 20_000
#: Shorter lines repeat legitimately (embed signatures, refrains, table cells): only longer ones count.
EXACT_MIN_CHARS = 50
#: A paragraph of this many characters or more, printed twice between paragraphs printed once,
#: is the text's own (see `_restated_in_the_text`).
RESTATED_MIN_CHARS = 150
#: An item of a page's list shorter than this (in words) is one feature of a plan or a
#: product, which the next plan's list may print again: every copy is content.
LIST_FEATURE_MAX_WORDS = 25


def mark_duplicates(doc: Document, ctx: Context) -> None:
    body = [b for b in doc.blocks if b.is_body]
    title_key = _exact_key(doc.meta.title) if doc.meta.title else None  # known early from HTML metadata
    # to its own fixed point: a copy that leaves can free the line under it, which went on
    # with its sentence and is now a block of its own (a second cleaning would judge it so)
    while _mark_exact(doc.blocks, body, title_key, doc.extracted):
        body = [b for b in body if b.is_body]
    # Near repeats only need one look: removing blocks can only lower a block's overlap with
    # the others, so a later round (or a second cleaning of the output) would find none new.
    if not ctx.config.keeps_near_duplicates and not doc.extracted and not doc.state.near_duplicates_checked:
        doc.state.near_duplicates_checked = True
        # blocks too short to be near repeats are never tokenised (a space count is much cheaper)
        candidates = [
            b for b in body if b.is_body and NEAR_MIN_WORDS - 1 <= b.text.count(" ") and len(b.text) <= NEAR_MAX_CHARS
        ]
        shingles = [word_shingles(b.text) for b in checked(candidates, ctx.deadline)]
        _mark_near(candidates, shingles, ctx.deadline)


def _exact_key(text: str) -> str:
    """Case, spacing and surrounding punctuation aside: `Block.key`, without its length cap.
    (Huge blocks are only casefolded: normalize already made their spacing canonical.)"""
    return line_key(text) if len(text) <= NEAR_MAX_CHARS else text.casefold()


def _block_key(text: str) -> str:
    """`_exact_key` of a block's text, which normalize made single-spaced (as `Block.key` is
    read): no spaces to join again."""
    return normalized_line_key(text) if len(text) <= NEAR_MAX_CHARS else text.casefold()


def _mark_exact(blocks: list[Block], body: list[Block], title_key: str | None, html: bool = False) -> bool:
    """Mark second copies. A block printed three times or more is kept in every copy: that is
    repetition by design (meal plans, schedules, refrains), and deciding per block keeps the
    decision the same when other stages remove other blocks. On an `html` page's extracted
    body, a long paragraph restated in the running text stays (`_restated_in_the_text`).
    Blocks too long for `Block.key` keep their key in `Block.long_key` between the rounds this
    stage runs in. True when it marked a copy."""
    printed = []
    for block in body:
        if len(block.text) < EXACT_MIN_CHARS:
            continue
        key = block.key or block.long_key
        if not key:
            key = block.long_key = _block_key(block.text)
        printed.append((block, key))
    # only a key printed twice (or the title's) can mark a copy: the other blocks need no
    # closer look, and they are nearly all of a page
    twice = {key for key, count in Counter(key for _block, key in printed).items() if count > 1}
    if title_key:
        twice.add(title_key)
    keys = [(block, key) for block, key in printed if key in twice and not (
        block.verbatim or _continues_a_sentence(blocks, block) or _a_feature(block))]
    if not keys:
        return False
    restated = _restated_in_the_text(body, title_key) if html else set()
    counts = Counter(key for _block, key in keys)
    seen: set[str] = {title_key} if title_key else set()
    marked = False
    for block, key in keys:
        if key in seen and counts[key] < DESIGNED_REPEATS and key not in restated:
            block.mark(Label.DUPLICATE, STAGE, "repeats an earlier block")
            marked = True
        seen.add(key)
    return marked


def _restated_in_the_text(body: list[Block], title_key: str | None) -> set[str]:
    """The keys of long paragraphs printed again in the running text of an HTML page's
    extracted body, each copy between paragraphs printed once: an article restating its
    point keeps both copies, while a teaser card repeats its headline (or the page's title)
    and its blurb together, and a block rendered twice prints its copies side by side. Only
    paragraphs: a quoted post in a thread (`Kind.QUOTE`) or a table printed twice is a repeat."""
    keys = [block.key or block.long_key or _block_key(block.text) for block in body]
    printed = Counter(keys)
    if title_key:
        printed[title_key] += 1
    restated: set[str] = set()
    alone_nowhere: set[str] = set()  # a copy of these stands beside another repeat
    for n, (block, key) in enumerate(zip(body, keys)):
        if printed[key] < 2 or len(block.text) < RESTATED_MIN_CHARS:
            continue
        neighbours = keys[max(n - 1, 0) : n] + keys[n + 1 : n + 2]
        if block.kind is not Kind.PARAGRAPH or any(printed[other] >= 2 for other in neighbours):
            alone_nowhere.add(key)
        else:
            restated.add(key)
    return restated - alone_nowhere - {title_key}


def _a_feature(block: Block) -> bool:
    """A short item of a list in the page's markup (HTML): pricing plans and product cards
    print the same feature in each plan's list ("Unlimited storage", "Free returns within 30
    days"). Flattened text has no markup to tell such lists."""
    return block.listed and block.text.count(" ") < LIST_FEATURE_MAX_WORDS - 1


def _continues_a_sentence(blocks: list[Block], block: Block) -> bool:
    """The line goes on with the sentence of the body line right above it: a piece of a
    paragraph is no block of its own, and two paragraphs may share one."""
    i = block.index
    return i > 0 and blocks[i - 1].is_body and continues_line_above(blocks, i)


def _mark_near(body: list[Block], shingles: list[set[int]], deadline: Deadline) -> None:
    bullets = [is_list_item(b.text) for b in body]
    in_paragraphs: set[int] = set()  # (only bullets ask, and most pages have none this long)
    if any(bullets):
        for group, bullet in zip(shingles, bullets):
            if not bullet:
                in_paragraphs |= group
    earlier_paragraphs: set[int] = set()
    earlier_bullets: set[int] = set()
    for block, group, bullet in checked(zip(body, shingles, bullets), deadline):
        big_enough = len(group) >= NEAR_MIN_WORDS - SHINGLE + 1
        if bullet:
            shared = len(group & in_paragraphs) + len((group - in_paragraphs) & earlier_bullets)
            if big_enough and shared / len(group) >= NEAR_CONTAINMENT:
                block.mark(Label.DUPLICATE, STAGE, "list item restating other paragraphs")
                continue
            earlier_bullets |= group
        else:
            shared = len(group & earlier_paragraphs)
            if big_enough and shared / len(group) >= NEAR_PARAGRAPH_CONTAINMENT:
                block.mark(Label.DUPLICATE, STAGE, "nearly repeats earlier paragraphs")
                continue
            earlier_paragraphs |= group


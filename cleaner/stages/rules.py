"""Apply the rule packs: whole lines, prefixes and patterns from the TOML data.

This stage labels lines a pack names; structural stages (teasers, comments)
then read the role it leaves on the block (`Block.role`), e.g. a related header.

Rules scoped to the head or the tail of the text ("(bms, sm)" closes an
article, it does not open one) depend on their neighbours, and neighbours
change as later stages remove blocks. So their matches are only noted here and
decided by `apply_scoped_rules`, which runs after the other removals, on the
body as it will be printed; cleaning the output again then sees the same
neighbours and decides the same way.
"""

from __future__ import annotations

import regex

from cleaner.deadline import checked
from cleaner.model import Block, Document, Kind, Label, Role, continues_line_above
from cleaner.readers import read_credit_line, tidy_tags
from cleaner.rules import Match, Rule
from cleaner.stages import Context

STAGE = "rules"
SCOPED_STAGE = "scoped-rules"
_TAG_SPLIT = regex.compile(r"\s*[,;|]\s*|\s+(?=#)")

#: enum members read on per-line paths, as module globals (see `cleaner.labels`)
_CODE = Kind.CODE


def apply_rules(doc: Document, ctx: Context) -> None:
    book = ctx.book
    for i, block in enumerate(checked(doc.blocks, ctx.deadline)):
        if block.kind is _CODE:  # `Block.verbatim`, read as the field on this per-line path
            continue
        if book.strips and block.is_body:
            _strip(block, book.strip_spans(block.text, ctx.deadline))
        if not block.is_body:
            continue
        found = book.match(block.text, block.key, ctx.deadline)
        if found is None:
            if len(block.text) <= 40 and book.is_age(block.text):
                block.mark(Label.CHROME, STAGE, "relative age")
                block.role = Role.AGE
            continue
        if found.rule.role in _SECTION_HEADERS and continues_line_above(doc.blocks, i) and doc.blocks[i - 1].is_body:
            # "... read more about directives." split at a link: no section starts here (a line
            # above that already left the body is not there for a second cleaning either)
            continue
        if found.rule.role in _DECIDED_BY_WHAT_FOLLOWS:
            block.role = found.rule.role  # chrome only over what must follow it: comments stage
            continue
        if found.rule.scope != "any":
            block.scoped = found
            continue
        _apply(doc, block, found)


#: Roles of lines that open a section of the page (the structural stages take what follows).
_SECTION_HEADERS = frozenset({Role.RELATED_HEADER, Role.READ_ALSO, Role.COMMENTS_HEADER, Role.TAIL_HEADER, Role.BIO_HEADER,
                              Role.REFERENCES_HEADER, Role.REVIEWS_HEADER, Role.CUT})
#: Roles of lines that are chrome only when the lines after them say so ("name says:" over a
#: timestamp, "Sources" over a citation, "Reviews" over a review's rating): the comments
#: stage decides, the rules stage only names the role.
_DECIDED_BY_WHAT_FOLLOWS = frozenset({Role.COMMENT_ITEM, Role.REFERENCES_HEADER, Role.REVIEWS_HEADER})


def _strip(block: Block, spans: list[tuple[int, int, Rule]]) -> None:
    """Cut what strip rules matched (last first, so the earlier offsets stay valid)."""
    for start, end, rule in spans:
        block.strip(start, end, rule.label, STAGE, rule.reason, rule.id)


def apply_scoped_rules(doc: Document, ctx: Context) -> None:
    """Decide head/tail-scoped matches on the body that is left."""
    body = [b for b in doc.blocks if b.is_body]
    seen_prose = False
    for n, block in enumerate(body):
        found = block.scoped
        if found is not None:
            scope = found.rule.scope
            if (scope == "head" and not seen_prose) or (scope == "tail" and _ends_a_run(body, n)):
                _apply(doc, block, found, SCOPED_STAGE)
                continue
        seen_prose = seen_prose or block.prose


def _ends_a_run(body: list[Block], n: int) -> bool:
    """A tail line closes the text above it: next comes nothing, a break, or a non-prose line."""
    if n + 1 >= len(body):
        return True
    here, nxt = body[n], body[n + 1]
    return nxt.index != here.index + 1 or nxt.gap > 0 or not nxt.prose


def _apply(doc: Document, block: Block, found: Match, stage: str = STAGE) -> None:
    rule = found.rule
    block.mark(rule.label, stage, rule.reason, rule.id)
    block.role = rule.role
    _take_captures(doc, found.captures)
    if rule.label is Label.BYLINE:
        read_credit_line(doc, block)


def _take_captures(doc: Document, captures: dict[str, str]) -> None:
    meta = doc.meta
    if "site" in captures and not meta.site:
        meta.site = captures["site"].strip()
    if "source" in captures and not meta.source:
        meta.source = captures["source"].strip()
    if "tags" in captures:
        meta.add_unique("tags", tidy_tags([t.lstrip("#") for t in _TAG_SPLIT.split(captures["tags"]) if t.strip("# ")]))
    if "authors" in captures:
        meta.add_unique("authors", [captures["authors"]])
    if "agencies" in captures:
        meta.add_unique("agencies", _TAG_SPLIT.split(captures["agencies"]))

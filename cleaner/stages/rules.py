"""Apply the rule packs: whole lines, prefixes and patterns from the TOML data.

This stage only labels lines a pack names; structural stages (teasers,
comments) then read the roles it leaves as hints, e.g. a "related-header".
"""

from __future__ import annotations

import regex

from cleaner.model import Document, Label
from cleaner.stages import Context
from cleaner.stages.shape import is_prose

STAGE = "rules"
_TAG_SPLIT = regex.compile(r"\s*[,;|]\s*|\s+(?=#)")


def apply_rules(doc: Document, ctx: Context) -> None:
    blocks = doc.blocks
    prose = [is_prose(b.text) for b in blocks]
    first_prose = prose.index(True) if True in prose else len(blocks)
    for i, block in enumerate(blocks):
        if not block.is_body:
            continue
        found = ctx.book.match(block.text)
        if found is None:
            if ctx.book.is_age(block.text):
                block.mark(Label.CHROME, STAGE, "relative age")
                doc.hints[i] = ("age", "age")
            continue
        rule = found.rule
        if rule.scope == "head" and i > first_prose:
            continue
        if rule.scope == "tail" and not _ends_a_run(blocks, prose, i):
            continue
        block.mark(rule.label, STAGE, f"{rule.reason} [{rule.id}]")
        doc.hints[i] = (rule.role, rule.id)
        _take_captures(doc, found.captures)


def _ends_a_run(blocks: list, prose: list[bool], i: int) -> bool:
    """A tail line closes the text above it: nothing, a blank line or non-prose follows."""
    nxt = i + 1
    return nxt >= len(blocks) or blocks[nxt].gap > 0 or not prose[nxt]


def _take_captures(doc: Document, captures: dict[str, str]) -> None:
    meta = doc.meta
    if "site" in captures and not meta.site:
        meta.site = captures["site"].strip()
    if "source" in captures and not meta.source:
        meta.source = captures["source"].strip()
    if "tags" in captures:
        meta.add_unique("tags", [t.lstrip("#") for t in _TAG_SPLIT.split(captures["tags"]) if t.strip("# ")])
    if "authors" in captures:
        meta.add_unique("authors", [captures["authors"]])
    if "agencies" in captures:
        meta.add_unique("agencies", _TAG_SPLIT.split(captures["agencies"]))

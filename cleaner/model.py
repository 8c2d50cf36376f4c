"""The document model: an ordered list of labelled blocks.

Stages never delete text. They *label* blocks (jusText-style) and record which
stage decided and why (ftfy-style explanations), so every removal can be
explained and the output is just a projection of the labelled list.
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from cleaner import markdown
from cleaner.features import KEY_MAX_CHARS, continues_sentence, is_prose, normalized_line_key
from cleaner.labels import LIST_KINDS, Kind, Label, Role
from cleaner.rules.schema import Match

__all__ = ["Article", "Block", "BodyBlock", "Document", "Kind", "Label", "Metadata", "Removal", "Role", "RoundState", "Span", "Teaser",
           "article_paragraph_above", "continues_line_above", "prose_run"]


#: A decimal digit (the standard library's `re`: a faster search than `regex`'s).
_DIGIT = re.compile(r"\d")

#: enum members read on per-line paths, as module globals (see `cleaner.labels`)
_BODY = Label.BODY
_CODE = Kind.CODE


@dataclass(frozen=True, slots=True)
class Span:
    """Text removed from inside a block (a strip rule), with who removed it and why."""

    text: str
    label: Label
    stage: str
    reason: str
    rule: str | None = None


@dataclass(slots=True, init=False)
class Block:
    """One line (text input) or paragraph (HTML input) of the page.

    `gap` counts the blank lines before the block: teaser cards and comment
    items are separated by blank lines, article paragraphs usually are not,
    so the gap is a cheap structural signal for the stages.
    """

    index: int
    text: str
    gap: int = 0
    label: Label = Label.BODY
    stage: str | None = None
    reason: str | None = None
    #: computed once: every stage asks whether a line is prose, many compare whole lines
    prose: bool = field(init=False)
    key: str = field(init=False)
    #: whether the text holds a decimal digit, once asked (`has_digit`; None: not yet)
    digit_seen: bool | None = field(init=False, default=None)
    #: `label is BODY`, kept as a plain attribute because stages ask it in every loop
    is_body: bool = field(init=False)
    #: spans removed from inside the block, in the order they left (the block stays)
    stripped: list[Span] = field(init=False, default_factory=list)
    #: the id of the rule that removed the block, when a rule did
    rule: str | None = field(init=False, default=None)
    #: what the rules stage recognised the line as (read by the structural stages)
    role: Role | None = field(init=False, default=None)
    #: a head- or tail-scoped rule match, decided late by `apply_scoped_rules`
    scoped: Match | None = field(init=False, default=None)
    #: the comparison key of a block too long for `key` (duplicates stage, computed once)
    long_key: str | None = field(init=False, default=None)
    #: the block's own weight in the main-span run (mainspan stage, computed once)
    weight: float | None = field(init=False, default=None)
    #: (rule id, reason) when the DOM pass removed this subtree of an HTML page before
    #: extraction (the `dom` stage labels it)
    dom_rule: tuple[str, str] | None = field(init=False, default=None)
    #: a block of an HTML page that the extractor's choice does not hold (the `extractor`
    #: stage labels it; only looked for when an explanation is asked for, `Config.explain`)
    left_out: bool = field(init=False, default=False)
    #: the block's shape on the page (HTML: from the markup; text: a paragraph)
    kind: Kind = Kind.PARAGRAPH
    #: a heading's level (1-6), a list item's depth, a code line's indentation
    level: int = 0
    #: the cells of a table row, as printed (`text` joins them with spaces)
    cells: tuple[str, ...] | None = None

    def __init__(self, index: int, text: str, gap: int = 0, label: Label = Label.BODY, stage: str | None = None,
                 reason: str | None = None, kind: Kind = Kind.PARAGRAPH, level: int = 0,
                 cells: tuple[str, ...] | None = None) -> None:
        # written out (one call per block, not a generated __init__ and a __post_init__):
        # a page has hundreds of blocks and every one is built this way
        self.index, self.text, self.gap = index, text, gap
        self.kind, self.level, self.cells = kind, level, cells
        self.label, self.stage, self.reason = label, stage, reason
        self.prose = is_prose(text)
        self.key = normalized_line_key(text) if len(text) <= KEY_MAX_CHARS else ""
        self.digit_seen = None
        self.is_body = label is _BODY
        self.stripped = []
        self.rule = self.role = self.scoped = self.long_key = self.weight = self.dom_rule = None
        self.left_out = False

    @property
    def off_the_page(self) -> bool:
        """What an HTML page's passes took before the text stages (the DOM pass, the
        extractor): such blocks stand ahead of the page's text, not where they were printed."""
        return self.dom_rule is not None or self.left_out

    @property
    def has_digit(self) -> bool:
        """The text holds a decimal digit: dates, figures, counters and table rows do, and
        several stages ask, some in every round. Searched when first asked (most long
        lines never are), then kept."""
        seen = self.digit_seen
        if seen is None:
            seen = self.digit_seen = _DIGIT.search(self.text) is not None
        return seen

    @property
    def verbatim(self) -> bool:
        """A line of code the page prints as it is: the text stages judge prose and page
        furniture, and a code line (markup, "}", a repeated call) is neither."""
        return self.kind is _CODE

    @property
    def listed(self) -> bool:
        """An item of a list in the page's markup (HTML): flattened text has no markup to say
        so (a line's dash may start a list item or a sentence)."""
        return self.kind in LIST_KINDS

    def mark(self, label: Label, stage: str, reason: str, rule: str | None = None) -> None:
        """Label the block; the first decision wins so explanations stay stable."""
        if self.is_body:
            self.label, self.stage, self.reason, self.rule = label, stage, reason, rule
            self.is_body = label is _BODY

    def strip(self, start: int, end: int, label: Label, stage: str, reason: str, rule: str | None = None) -> None:
        """Remove `text[start:end]` from the block and record it; the rest of the block stays.
        A block left with nothing but spaces and punctuation leaves the body whole."""
        self.stripped.append(Span(self.text[start:end].strip(), label, stage, reason, rule))
        # only text at and after `start` moves, so earlier offsets of the same text stay valid
        left, right = self.text[:start].rstrip(), self.text[end:].lstrip()
        self.text = f"{left} {right}" if left and right else left or right
        self.prose = is_prose(self.text)
        self.key = normalized_line_key(self.text) if len(self.text) <= KEY_MAX_CHARS else ""
        self.digit_seen = None
        self.weight = None  # the main span weighs what is left
        if not self.key and len(self.text) <= KEY_MAX_CHARS:
            self.mark(label, stage, f"{reason} (nothing left)", rule)


def continues_line_above(blocks: list[Block], i: int) -> bool:
    """Block i goes on with the sentence of the line printed right above it (no blank line
    between): a piece of a paragraph, never a block or a section header of its own."""
    return i > 0 and blocks[i].gap == 0 and continues_sentence(blocks[i - 1].text, blocks[i].text)


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


#: One prose line this long is an article's paragraph, even alone (see `article_paragraph_above`).
ARTICLE_PARAGRAPH_CHARS = 300


def article_paragraph_above(blocks: list[Block], start: int) -> bool:
    """Some line above `start` prints an article's paragraph: two prose lines in a row (one
    blank line apart at most), or one prose line of `ARTICLE_PARAGRAPH_CHARS`. A header with
    none above it heads the page's own content (a hub's stories, a forum's thread): the
    teasers and blurbs above it are one prose line each."""
    for i in range(start):
        block = blocks[i]
        if block.is_body and block.prose and (
            len(block.text) >= ARTICLE_PARAGRAPH_CHARS or prose_run(blocks, i, max_gap=1) >= 2
        ):
            return True
    return False


@dataclass(slots=True)
class Removal:
    """A block that left the body, with the stage and the human reason."""

    text: str
    label: str
    stage: str
    reason: str
    index: int
    #: the id of the rule that removed it, when a rule did (None for heuristic stages)
    rule: str | None = None
    #: a span cut from inside a kept block, not the whole block
    span: bool = False


@dataclass
class Metadata:
    """Metadata gathered by the stages while they label blocks."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    source: str | None = None
    site: str | None = None
    language: str | None = None
    captions: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    url: str | None = None
    description: str | None = None

    def add_unique(self, name: str, values: list[str] | tuple[str, ...]) -> None:
        """Append values to a list field, keeping first-seen order and no repeats."""
        current: list[str] = getattr(self, name)
        seen = {v.casefold() for v in current}
        for value in values:
            value = value.strip()
            if value and value.casefold() not in seen:
                current.append(value)
                seen.add(value.casefold())


@dataclass(slots=True)
class Teaser:
    """One related-article card: where it came from, its headline and snippet."""

    source: str | None
    headline: str | None
    snippet: str | None


@dataclass
class RoundState:
    """Work a late stage need not redo in a later round (never a decision it revisits)."""

    #: near duplicates were looked for (once is enough: removals only lower overlaps)
    near_duplicates_checked: bool = False
    #: the positions of the lines that may be captions, found on the captions stage's first
    #: run (a block's text and role do not change in the late rounds)
    caption_candidates: list[int] | None = None
    #: the positions of a slideshow's captions, found on the same first run
    slide_captions: set[int] | None = None


@dataclass
class Document:
    """The working state that flows through the pipeline."""

    blocks: list[Block]
    meta: Metadata = field(default_factory=Metadata)
    notes: list[str] = field(default_factory=list)
    #: the blocks are an extractor's paragraphs (HTML input), not a page's own lines
    extracted: bool = False
    #: HTML whose extractor's choice lost to the page's own blocks, walked in page order: a
    #: whole page less its DOM chrome, which the main-span stage judges as it judges text
    walked: bool = False
    #: the page declares itself a discussion thread (HTML: schema.org DiscussionForumPosting
    #: or QAPage): its replies are its content, not comments under an article
    discussion: bool = False
    #: authors the page's markup declares as organisations: their names are taken whole, not
    #: read as a person's ("Friends of the Harbour" is not "Friends")
    organisations: frozenset[str] = frozenset()
    #: teaser cards found on the page, for attributing the original publisher
    teasers: list[Teaser] = field(default_factory=list)
    #: the body's leading headline the title stage took (a flattened page's browser title is
    #: weighed against it once the stages are done)
    leading_headline: str | None = None
    #: what the stages that run in every late round keep between rounds (never output)
    state: RoundState = field(default_factory=lambda: RoundState())

    def role(self, index: int) -> Role | None:
        """The role of the block at `index`, None outside the page."""
        return self.blocks[index].role if 0 <= index < len(self.blocks) else None

    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.is_body]

    def body_text(self) -> str:
        """Join the body, keeping the input's structure: lines that followed each other
        stay on consecutive lines; a blank line or removed text between them becomes a
        blank line. Cleaning the output again therefore sees the same neighbours."""
        parts: list[str] = []
        previous = -2
        for block in self.blocks:
            if not block.is_body:
                continue
            if parts:
                parts.append("\n" if block.index == previous + 1 and block.gap == 0 else "\n\n")
            parts.append(block.text)
            previous = block.index
        return "".join(parts)


@dataclass(frozen=True, slots=True)
class BodyBlock:
    """One kept block of the article, with its shape: what Markdown output is printed from."""

    text: str
    kind: Kind = Kind.PARAGRAPH
    #: a heading's level (1-6), a list item's depth, a code line's indentation
    level: int = 0
    #: the cells of a table row
    cells: tuple[str, ...] | None = None


@dataclass
class Article(Metadata):
    """The typed result of `clean`: the body text, every `Metadata` field, and what was removed.
    `blocks` holds the body block by block with its shape (headings, list items, table rows,
    code lines); records (`to_dict`) leave it out, since `text` prints the same words."""

    text: str = ""
    removed: list[Removal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    blocks: list[BodyBlock] = field(default_factory=list, repr=False)

    def to_dict(self, *, explain: bool = True) -> dict[str, Any]:
        """A JSON-ready dict, the text first; `explain=False` leaves out the removed blocks."""
        data: dict[str, Any] = {"text": self.text}
        for f in fields(self):
            name = f.name
            if name in ("text", "blocks") or (name == "removed" and not explain):
                continue
            value = getattr(self, name)
            if name == "removed":
                value = [asdict(r) for r in value]
            elif isinstance(value, list):
                value = list(value)  # the record is the caller's to change
            data[name] = value
        return data

    def to_markdown(self) -> str:
        """The article as Markdown (what `--format md` prints): the title as `#`, a line of
        facts, then the body with its shape: headings by level, nested lists, pipe tables,
        fenced code, block quotes, blank lines between paragraphs."""
        return markdown.document(self.title, [", ".join(self.authors), self.date or "", self.source or self.site or ""],
                                 self.blocks)

    @classmethod
    def from_document(cls, doc: Document) -> Article:
        """The article a labelled document prints: its body, a copy of every metadata field,
        and the removed blocks."""
        removed = []  # (`_value_`: the member's value without the `value` property's call)
        for b in doc.blocks:
            if b.stripped:
                removed += [Removal(s.text, s.label._value_, s.stage, s.reason, b.index, s.rule, span=True)
                            for s in b.stripped]
            if not b.is_body:
                removed.append(Removal(b.text, b.label._value_, b.stage or "", b.reason or "", b.index, b.rule))
        meta = {f.name: copy(getattr(doc.meta, f.name)) for f in fields(Metadata)}
        blocks = [BodyBlock(b.text, b.kind, b.level, b.cells) for b in doc.blocks if b.is_body]
        return cls(text=doc.body_text(), removed=removed, notes=list(doc.notes), blocks=blocks, **meta)

"""Markdown from kept blocks and their shape: `Article.to_markdown` and `--format md`.

It sits below the model (it knows blocks only by their shape, `Shaped`), so the article can
print itself and the output layer renders through the same call.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from cleaner.features import is_list_item
from cleaner.labels import LIST_KINDS, Kind

__all__ = ["Shaped", "body_lines", "document"]


class Shaped(Protocol):
    """What Markdown needs of a block: its text and shape."""

    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def level(self) -> int: ...
    @property
    def cells(self) -> tuple[str, ...] | None: ...


#: Runs of these kinds print line after line; every other block is a paragraph of its own.
_RUNS = {Kind.LIST_ITEM: "list", Kind.ORDERED_ITEM: "list", Kind.TABLE_HEADER: "table", Kind.TABLE_ROW: "table",
         Kind.CODE: "code", Kind.QUOTE: "quote"}
#: A paragraph starting so would read as Markdown syntax: it is escaped.
_MARKUP_START = ("#", ">", "```", "|")


def document(title: str | None, facts: Iterable[str], blocks: Sequence[Shaped]) -> str:
    """A whole article: the title as `#`, a line of facts (authors, date, source), then the body
    block by block with its shape (headings, nested lists, tables, fenced code, quotes);
    paragraphs are separated by blank lines, the rows of a list, table or code run are not."""
    lines = []
    if title:
        lines += [f"# {title}", ""]
    shown = [fact for fact in facts if fact]
    if shown:
        lines += ["*" + " · ".join(shown) + "*", ""]
    lines += body_lines(blocks, headings_from=2 if title else 1)
    return "\n".join(lines).rstrip() + "\n"


def body_lines(blocks: Sequence[Shaped], headings_from: int = 1) -> list[str]:
    """The body's Markdown lines. Headings are printed from level `headings_from` down (2
    under a title, which is the only level-1 heading)."""
    lines: list[str] = []
    previous = None  # the run the last block belonged to
    for block in blocks:
        run = _RUNS.get(block.kind) or ("list" if is_list_item(block.text) else None)
        if previous == "code" and run != "code":
            lines.append("```")
        if lines and (run is None or run != previous):
            lines.append("")
        if run == "code" and previous != "code":
            lines.append("```")
        if run == "table" and previous != "table":
            lines += _table_head(block)
        elif run == "table":
            lines.append(_table_row(block))
        else:
            lines.append(_markdown_line(block, headings_from))
        previous = run
    if previous == "code":
        lines.append("```")
    return lines


def _markdown_line(block: Shaped, headings_from: int) -> str:
    text, kind = block.text, block.kind
    if kind is Kind.HEADING:
        return "#" * min(6, max(block.level, headings_from)) + " " + text
    if kind in LIST_KINDS:
        item = text.removeprefix("- ")
        return "  " * block.level + ("1. " if kind is Kind.ORDERED_ITEM else "- ") + item
    if kind is Kind.CODE:
        return " " * block.level + text
    if kind is Kind.QUOTE:
        return "> " + text
    return "\\" + text if text.startswith(_MARKUP_START) else text


def _table_row(block: Shaped) -> str:
    cells = block.cells or (block.text,)
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _table_head(block: Shaped) -> list[str]:
    """A table's first row and the rule under it (Markdown tables need a header row; a table
    without header cells gets its first row as the header)."""
    width = len(block.cells or (block.text,))
    return [_table_row(block), "|" + " --- |" * width]

"""The shape of an extracted HTML article's blocks, read from trafilatura's XML.

trafilatura hands back its choice as a small XML tree (`head rend="h2"`, `p`, `list`/`item`,
`table`/`row`/`cell`, `code`, `quote`, `lb` for a line break) and as plain text, one line per
paragraph, which loses the shape: headings, list depth, table cells, code indentation. The
blocks are the plain text's lines (what the text stages have always seen, so their decisions do
not change); `shape_blocks` gives each its `Kind`, level and cells from the tree, matching
lines to the tree's blocks in order. A line the tree does not explain stays a paragraph.
"""

from __future__ import annotations

from typing import Any

from cleaner.labels import Kind
from cleaner.model import Block, BodyBlock
from cleaner.stages.normalize import normalize_text

#: trafilatura's line-break element (a `<br>` of the page): the text after it is a new line.
_LINE_BREAK = "lb"
#: How many of the tree's blocks a line may skip to find its own (a block the plain text
#: printed differently, joined or split, is skipped; the rest stay aligned).
LOOKAHEAD = 8


def shape_blocks(blocks: list[Block], body: Any) -> None:
    """Give each of `blocks` (the plain text's lines) the kind, level and cells of the block
    of trafilatura's `body` that prints as the same line."""
    shapes: list[BodyBlock] = []
    for element in body:
        _read(element, shapes)
        _add_text(shapes, element.tail, Kind.PARAGRAPH)
    j = 0
    for block in blocks:
        text = block.text
        for k in range(j, min(len(shapes), j + LOOKAHEAD)):
            shape = shapes[k]
            if shape.text == text:
                j = k + 1
            elif text in shape.text:
                j = k  # one line of a block the plain text printed on several lines
            else:
                continue
            block.kind, block.level, block.cells = shape.kind, shape.level, shape.cells
            break


def _read(element: Any, blocks: list[BodyBlock], depth: int = 0) -> None:
    tag = element.tag
    if tag == "head":
        for line in _lines(element):
            _add_text(blocks, line, Kind.HEADING, _heading_level(element.get("rend")))
    elif tag == "list":
        kind = Kind.ORDERED_ITEM if element.get("rend") == "ol" else Kind.LIST_ITEM
        for item in element:
            if item.tag == "item":
                _read_item(item, blocks, kind, depth)
            else:
                _read(item, blocks, depth)
    elif tag == "table":
        _read_table(element, blocks)
    elif tag == "code":
        _read_code(element, blocks)
    elif tag == "quote":
        _read_quote(element, blocks, depth)
    else:
        for line in _lines(element):
            _add_text(blocks, line, Kind.PARAGRAPH)


#: trafilatura's elements that print as blocks of their own inside a quote.
_BLOCK_TAGS = frozenset({"p", "head", "list", "table", "code", "quote"})


def _read_quote(quote: Any, blocks: list[BodyBlock], depth: int) -> None:
    """A block quote: its text and paragraphs are quotes, while the code, lists and tables it
    holds keep their own kind (a quoted write-up's code sample stays code, line by line)."""
    if not any(child.tag in _BLOCK_TAGS for child in quote):
        for line in _lines(quote):
            _add_text(blocks, line, Kind.QUOTE)
        return
    _add_text(blocks, quote.text, Kind.QUOTE)
    for child in quote:
        if child.tag in ("code", "list", "table"):
            _read(child, blocks, depth)
        else:
            for line in _lines(child):
                _add_text(blocks, line, Kind.QUOTE)
        _add_text(blocks, child.tail, Kind.QUOTE)


def _read_item(item: Any, blocks: list[BodyBlock], kind: Kind, depth: int) -> None:
    """A list item: its own text as one block ("- " and the text, as trafilatura prints it),
    then its nested lists one level deeper."""
    own, nested = [item.text or ""], []
    for child in item:
        if child.tag == "list":
            nested.append(child)
        else:
            own.append(" ".join(_lines(child)))
        own.append(child.tail or "")
    # one line, as the plain text prints it: an item's paragraph ("<item><p>Name</p></item>")
    # comes after the item's own newline
    text = " ".join(normalize_text(" ".join(own)).split())
    if text:
        blocks.append(BodyBlock("- " + text, kind, depth))
    for child in nested:
        _read(child, blocks, depth + 1)


def _read_table(table: Any, blocks: list[BodyBlock]) -> None:
    for row in table.iter("row"):
        cells = tuple(c for c in (normalize_text(" ".join(cell.itertext())) for cell in row.iter("cell")) if c)
        if not cells:
            continue
        header = any(cell.get("role") == "head" for cell in row.iter("cell"))
        kind = Kind.TABLE_HEADER if header else Kind.TABLE_ROW
        blocks.append(BodyBlock(" ".join(cells), kind, cells=cells))


def _read_code(code: Any, blocks: list[BodyBlock]) -> None:
    """Preformatted code, a block per line with its indentation kept as the level."""
    for line in "".join(code.itertext()).expandtabs(4).split("\n"):
        text = normalize_text(line)
        if text:
            blocks.append(BodyBlock(text, Kind.CODE, len(line) - len(line.lstrip(" "))))


def _lines(element: Any) -> list[str]:
    """The element's text, split where it holds a line break."""
    lines, current = [], [element.text or ""]
    for child in element.iter():
        if child is element:
            continue
        if child.tag == _LINE_BREAK:
            lines.append("".join(current))
            current = [child.tail or ""]
        else:
            current.append(child.text or "")
            current.append(child.tail or "")
    lines.append("".join(current))
    return lines


def _add_text(blocks: list[BodyBlock], text: str | None, kind: Kind, level: int = 0) -> None:
    line = " ".join(normalize_text(text).split()) if text else ""
    if line:
        blocks.append(BodyBlock(line, kind, level))


def _heading_level(rend: str | None) -> int:
    if rend and len(rend) == 2 and rend[0] == "h" and rend[1] in "123456":
        return int(rend[1])
    return 2

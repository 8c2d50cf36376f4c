"""Image residue and captions.

Flattened pages keep image markup ("![]() |") and often print a caption twice
(once in a table cell with a trailing pipe, once clean). The caption goes to
`Article.captions` once; no copy stays in the body. A caption is recognised by
following image residue, by being printed twice in a row, or by ending in a
photo credit ("Photo: AFP", "Foto: Reprodução", "/Getty Images").
"""

from __future__ import annotations

import re

import regex

from cleaner.model import Block, Document, Label, Role
from cleaner.stages import Context

STAGE = "captions"
CAPTION_MAX_CHARS = 400
#: A photo credit sits at the end of a caption; only this much of a line is searched for one.
CREDIT_TAIL_CHARS = 120
#: Removed lines a caption's twin may sit behind.
TWIN_MAX_SKIP = 3
#: Every credit form has one of these marks: one C-level search skips the credit regex on most lines.
_CREDIT_MARKS = re.compile(r"[:(/©]| [Bb]y | [Cc]ourtesy ")
_CREDIT = regex.compile(
    r"(?:\b(?:Photo|Photos|Foto|Fotos|Ảnh|Image|Picture|Pictures|Credit|Credits|Bild|Bildquelle|Crédit photo|"
    r"Crédits photo|Fotografía|Imagen|Illustration|Video)(?:\s+(?:by|de|von|di|par))?\s*:\s*[^.;]{2,80}\.?|"
    r"\((?:Photo|Foto|Image|Picture|Credit)\b[^)]{2,80}\)\.?|"
    r"/\s*(?:Getty Images|AFP|Reuters|AP Photo|AP|Shutterstock|EPA|dpa|Alamy|iStock)\)?\.?|"
    r"\b(?:Photo|Picture|Image) (?:by|courtesy of) [^.;]{2,60}\.?|"
    r"(?<!\w)©\s*[\w .'’/-]{2,60}(?:,\s*\d{4})?)\s*\|?$",
    regex.IGNORECASE,
)


def mark_captions(doc: Document, ctx: Context) -> None:
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if not block.is_body or len(block.text) > CAPTION_MAX_CHARS:
            continue
        after_image = i > 0 and blocks[i - 1].role is Role.IMAGE_MARKUP
        piped = block.text.endswith("|")
        tail = block.text[-CREDIT_TAIL_CHARS:]
        credited = _CREDIT_MARKS.search(tail) is not None and _CREDIT.search(tail) is not None
        if not (credited or after_image or piped):
            continue  # most lines: no sign of a caption, no need to look for a twin
        twin = _twin_after(blocks, i)
        if not (credited or (after_image and piped) or twin):
            continue
        caption = block.text.strip(" |")
        block.mark(Label.CAPTION, STAGE, "image caption" + (" (printed twice)" if twin else ""))
        doc.meta.add_unique("captions", [caption])
        if twin:
            twin.mark(Label.DUPLICATE, STAGE, "second copy of an image caption")


def _twin_after(blocks: list[Block], i: int) -> Block | None:
    """The next kept block when it repeats this one (pipes and spacing aside). Lines the rules
    already removed in between (image markup) do not separate the twins: cleaning the result
    again would see them side by side."""
    j = i + 1
    while j < len(blocks) and not blocks[j].is_body and j - i <= TWIN_MAX_SKIP:
        j += 1
    if j >= len(blocks) or not blocks[j].is_body:
        return None
    nxt = blocks[j]
    # block keys are casefolded with pipes and spacing trimmed: cheap to compare, already computed
    if nxt.key and nxt.key == blocks[i].key:
        return nxt
    return None

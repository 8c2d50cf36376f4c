"""Image residue and captions.

Flattened pages keep image markup ("![]() |") and often print a caption twice
(once in a table cell with a trailing pipe, once clean). The caption goes to
`Article.captions` once; no copy stays in the body. A caption is recognised by
following image residue, by being printed twice in a row, or by ending in a
photo credit ("Photo: AFP", "Foto: Reprodução", "/Getty Images"). The captions of a
slideshow printed whole carry its counter ("- 3/50 Kicking up a skink Down Under ..."):
`SLIDES_MIN` lines or more counting up to one total are its slides.
"""

from __future__ import annotations

import itertools
import re

import regex

from cleaner.model import Block, Document, Label, Role
from cleaner.stages import Context

STAGE = "captions"

#: enum members read on per-line paths, as module globals (see `cleaner.labels`)
_IMAGE_MARKUP = Role.IMAGE_MARKUP
CAPTION_MAX_CHARS = 400
#: A photo credit sits at the end of a caption; only this much of a line is searched for one.
CREDIT_TAIL_CHARS = 120
#: Removed lines a caption's twin may sit behind.
TWIN_MAX_SKIP = 3
#: Every credit form holds one of these words or marks (searched in the lower-cased tail): one
#: C-level search skips the credit regex on nearly every line.
_CREDIT_MARKS = re.compile(
    r"photo|foto|ảnh|image|picture|credit|crédit|bild|illustration|video|©|"
    r"/\s*(?:getty|afp|reuters|ap|shutterstock|epa|dpa|alamy|istock)"
)
#: A slide's counter at the start of its caption: "3/50", "- 3 / 50".
_SLIDE = re.compile(r"(?:[-•*]\s+)?(\d{1,3})\s?/\s?(\d{1,3})\s+\S")
#: A slideshow shows at least this many slides, counting up to one total...
SLIDES_MIN = 4
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
    candidates = doc.state.caption_candidates
    if candidates is None:
        candidates = doc.state.caption_candidates = _candidates(blocks)
    slides = doc.state.slide_captions
    if slides is None:
        slides = doc.state.slide_captions = _slides(blocks)
    for i in sorted(slides):
        block = blocks[i]
        if block.is_body:
            block.mark(Label.CAPTION, STAGE, "slideshow caption")
            doc.meta.add_unique("captions", [block.text])
    for i in candidates:
        block = blocks[i]
        if not block.is_body:
            continue
        text = block.text
        after_image = i > 0 and blocks[i - 1].role is _IMAGE_MARKUP
        piped = text.endswith("|")
        credited = _credited(text)
        if not (credited or after_image or piped):
            continue
        twin = _twin_after(blocks, i)
        if not (credited or (after_image and piped) or twin):
            continue
        caption = text.strip(" |")
        block.mark(Label.CAPTION, STAGE, "image caption" + (" (printed twice)" if twin else ""))
        doc.meta.add_unique("captions", [caption])
        if twin:
            twin.mark(Label.DUPLICATE, STAGE, "second copy of an image caption")


def _candidates(blocks: list[Block]) -> list[int]:
    """The positions of the lines that may be captions: those with a sign of their own (a
    credit, a table cell's pipe) and those under image markup, or under a line a scoped rule
    may yet take as image markup. Everything else is no caption in any round, so the later
    rounds look at these lines only."""
    found = []
    for i, block in enumerate(blocks):
        if not block.is_body or block.verbatim or len(block.text) > CAPTION_MAX_CHARS:
            continue
        above = blocks[i - 1] if i else None
        under_image = above is not None and (
            above.role is _IMAGE_MARKUP or (above.scoped is not None and above.scoped.rule.role is _IMAGE_MARKUP)
        )
        if under_image or block.text.endswith("|") or _credited(block.text):
            found.append(i)
    return found


def _slides(blocks: list[Block]) -> set[int]:
    """The positions of a slideshow's captions: lines that start with a counter ("3/50"),
    counting up in page order to one total of `SLIDES_MIN` or more, `SLIDES_MIN` of them at
    least. Fractions are no counters: a recipe's "1/2 cup" and "1/4 teaspoon" do not count up
    to one total."""
    by_total: dict[int, list[tuple[int, int]]] = {}
    for i, block in enumerate(blocks):
        if block.is_body and block.text[:1] in "-•*0123456789":
            match = _SLIDE.match(block.text)
            if match:
                number, total = int(match.group(1)), int(match.group(2))
                if 0 < number <= total and total >= SLIDES_MIN:
                    by_total.setdefault(total, []).append((i, number))
    found: set[int] = set()
    for lines in by_total.values():
        numbers = [number for _i, number in lines]
        if len(lines) >= SLIDES_MIN and all(a < b for a, b in itertools.pairwise(numbers)):
            found.update(i for i, _number in lines)
    return found


def _credited(text: str) -> bool:
    tail = text[-CREDIT_TAIL_CHARS:]
    # every credit holds a colon, a bracket, a slash, "©" or "by" between spaces ("Photo by …"):
    # substring tests clear most lines before any search
    if not (":" in tail or "(" in tail or "/" in tail or "©" in tail):
        folded = tail.casefold()
        if " by " not in folded and "courtesy of" not in folded:
            return False
    return _CREDIT_MARKS.search(tail.lower()) is not None and _CREDIT.search(tail) is not None


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

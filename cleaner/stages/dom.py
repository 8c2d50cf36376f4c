"""HTML: the subtrees the DOM pass removed before extraction (`cleaner.dom.strip_chrome`),
and the page's blocks the extractor's choice left out.

The page's furniture (navigation, share bars, comment sections, consent banners) leaves the
HTML tree before trafilatura reads it, so that its text never mixes into the article. Each
removed subtree still becomes a block carrying the rule that took it (`Block.dom_rule`);
this stage labels those blocks, so `explain` lists what left the page as it does on text.
"""

from __future__ import annotations

from cleaner.model import Document, Label
from cleaner.stages import Context

STAGE = "dom"


def mark_dom_removals(doc: Document, ctx: Context) -> None:
    for block in doc.blocks:
        if block.dom_rule is not None:
            rule_id, reason = block.dom_rule
            block.mark(Label.CHROME, STAGE, reason, rule_id)


EXTRACTOR_STAGE = "extractor"


def mark_left_out(doc: Document, ctx: Context) -> None:
    """The page's own blocks (paragraphs of 40 characters or more, not mostly links) that
    trafilatura's choice does not hold: its comments, its related lists, a sidebar's text,
    or a section it missed. Present only when an explanation was asked for (`Config.explain`):
    finding them costs a walk of the page."""
    for block in doc.blocks:
        if block.left_out:
            block.mark(Label.CHROME, EXTRACTOR_STAGE, "not in the main content the extractor chose")

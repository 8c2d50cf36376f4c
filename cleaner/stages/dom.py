"""HTML: the subtrees the DOM pass removed before extraction (`cleaner.dom.strip_chrome`).

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

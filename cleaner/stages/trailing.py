"""Headlines appended after the article.

Pages often end with a few linked headlines of other stories, with no header above them;
flattened, they are short title-shaped lines after the last paragraph. Lines at the very end
of the body that look like titles (no closing full stop, several words, not list items)
and follow a prose paragraph leave the body. All of them go in one pass, so a second
cleaning finds a prose paragraph at the end and removes nothing more.
"""

from __future__ import annotations

from cleaner.features import ends_sentence, looks_like_title, words
from cleaner.model import Document, Label
from cleaner.stages import Context

STAGE = "trailing"
#: Fewer words than this is a sign-off or a label, which other rules judge.
MIN_WORDS = 4
#: More trailing headlines than this is no longer an appendix: leave them.
MAX_LINES = 5


def mark_trailing_headlines(doc: Document, ctx: Context) -> None:
    body = [b for b in doc.blocks if b.is_body]
    tail = []
    for block in reversed(body):
        text = block.text
        if block.prose or ends_sentence(text) or len(words(text)) < MIN_WORDS or not looks_like_title(text):
            break
        tail.append(block)
    if not tail or len(tail) > MAX_LINES or len(tail) == len(body):
        return
    before = body[len(body) - len(tail) - 1]
    if not (before.prose and ends_sentence(before.text)):
        return
    for block in tail:
        block.mark(Label.CHROME, STAGE, "headline appended after the article")

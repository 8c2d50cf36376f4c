"""Runs of one-to-three-word lines: menus, category and tag clouds, language pickers.

Flattened navigation is a long run of very short lines with no sentence in it ("Home",
"Politics", "Economy", ...). Article text, even lists inside it, does not look like that:
ingredient and score lists carry numbers, lists of points carry more words. A run of at
least `MIN_RUN` such lines leaves the body, unless it is lists of an extracted HTML
article's markup, with the labels over them.
"""

from __future__ import annotations

from itertools import pairwise

from cleaner.model import Block, Document, Kind, Label
from cleaner.stages import Context

STAGE = "linkruns"
MIN_RUN = 8
MAX_WORDS = 3
MAX_CHARS = 30


def _navigation_like(block: Block) -> bool:
    text = block.text
    return (
        len(text) <= MAX_CHARS
        and not block.verbatim
        and text.count(" ") < MAX_WORDS
        and not block.has_digit
        and text[-1:] not in ".!?:;,\"'”’)"
    )


#: An index shows at least this many of its letters.
INDEX_MIN_LETTERS = 3


def _an_index(run: list[Block]) -> bool:
    """The run is an alphabetical index, the page's content ("A", "Adapters", "Anchors", "B",
    "Bands"…): letters in order, each over entries of its own. A bar of letters alone ("A",
    "B", "C"…) is navigation."""
    letters = [n for n, block in enumerate(run) if len(block.text) == 1 and block.text.isalpha() and block.text.isupper()]
    if len(letters) < INDEX_MIN_LETTERS:
        return False
    printed = [run[n].text for n in letters]
    in_order = printed == sorted(set(printed))
    over_entries = all(n + 1 not in letters for n in letters[:-1])  # the last may end the run
    return in_order and over_entries


def mark_link_runs(doc: Document, ctx: Context) -> None:
    run: list[Block] = []
    above: Block | None = None  # the body line above the run
    for block in [*doc.body(), None]:
        if block is not None and _navigation_like(block):
            run.append(block)
            continue
        if (len(run) >= MIN_RUN and not _an_index(run) and not _lists_of_an_extracted_article(doc, run)
                and not _introduced(above)):
            for member in run:
                member.mark(Label.CHROME, STAGE, f"run of {len(run)} one-to-three-word lines (navigation)")
        run = []
        above = block


def _introduced(above: Block | None) -> bool:
    """A sentence of the text right above the run introduces it ("Below are my favourite
    categories for grouping like with like:"): the run is the text's own list, not a menu."""
    return above is not None and above.prose and above.text.endswith(":")


def _lists_of_an_extracted_article(doc: Document, run: list[Block]) -> bool:
    """On HTML the extractor chose, a run of list items is a list the page's markup put in
    its content (sponsors thanked, the teams of a league, each brand's materials under its
    name, a table's short rows): the DOM pass already took the lists that are menus by their
    links and names. A line outside a list counts as the label of the list right under it ("Aventura" over
    "- organic cotton", "- hemp"), and so does the run's last line (a label whose list is
    longer than the run's lines). Flattened text has no such markup, and blocks the
    page's own walk gave carry no list shape."""
    if not doc.extracted or doc.walked:
        return False
    # the run is consecutive body lines: the line under each member is the next member
    return any(_in_a_list(b) for b in run) and all(_in_a_list(b) or _in_a_list(below) for b, below in pairwise(run))


def _in_a_list(block: Block) -> bool:
    """An item of a list or a row of a table in the page's markup: a table of short rows
    ("Load map", "Quick bar Twinsen") is a list of the page's too."""
    return block.listed or block.kind is Kind.TABLE_ROW

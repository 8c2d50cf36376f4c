"""The article as the densest run of prose on a whole flattened page.

A page flattened to text keeps its menus, section indexes, footers and link lists
around the article. Each line gets a weight: article prose counts for its length,
a line of four words or more that is no prose (a code line, a parameter, a list
entry; a long line that ends no sentence and holds few stop words of the page's
language, jusText's strongest signal; markup printed as text) costs `ITEM_COST`, any
other line `LINE_COST`. The article is the run of lines with the largest total weight (Kadane's maximum subarray, one pass): headings and short
lines inside it stay, since the prose around them outweighs their cost, while a
menu of forty short lines, or a teaser list whose snippets are each fenced by a
headline, a source and a date, costs more than it brings. The rows of a table and the
entries of a list that a sentence of the text introduces (ending in a colon) cost nothing:
they neither extend nor break a run, but a table right under the run's last line (a tour's
dates, a race's results) ends the article and stays with it. jusText reaches the same effect
with its context pass over classified paragraphs.

Not every page's content is prose. Listings, threads of short posts, product pages
and review tables hold items: lines of a few words, prices, spec lines. When the
prose run is light (under `MIN_ARTICLE_WEIGHT`), or when the lines of four words or
more it would cut outweigh the run itself (the run is an intro or a blurb beside the
items), the page is weighed again as items (`_items_weights`: items count, short
lines cost little, removed lines still fence) and the cut goes around the heaviest
run of items, with its heading.

Guards, because losing article text is worse than keeping furniture:
- a page with no article run is cut around its items only when that run holds half
  of them; a page whose items are spread out is kept whole;
- the stage only cuts when at least `MIN_CUT_BLOCKS` lines (kept or already
  removed by other stages) fall outside the run, so an article that is already
  clean (or a cleaned text cleaned again) is left alone;
- a prose run of `ARTICLE_MIN_CHARS` or more is an article: it is never traded for the
  run of items around it (a shop's catalogue menus, a teaser grid);
- a run that is a blurb (under `BLURB_MAX_CHARS`, and under `BLURB_SHARE` of the
  body's text) is no article: the page's content has another shape (a listing's tiles
  whose names other stages fenced off) and the page is kept as it is;
- prose outside the run is only cut while it stays under `UNCLEAR_CUT_SHARE` of
  the page's prose; otherwise (an article split by a large embedded block, or no
  article at all) everything from the first line of prose to the last is kept,
  and only the furniture around it goes;
- the chosen run of a page, cleaned again, is the whole of itself: the stage is
  idempotent (see `mark_main_span`).
"""

from __future__ import annotations

import re
from collections import Counter, deque

import regex

from cleaner.features import PROSE_LONG_CHARS, PROSE_MIN_CHARS, ends_clause, looks_like_title, punctuated
from cleaner.lang import page_stopwords, stopword_share
from cleaner.model import Block, Document, Label
from cleaner.stages import Context

STAGE = "mainspan"
#: What a line that is not article prose costs the run that holds it (in characters of prose).
LINE_COST = 40
#: Fewer lines than this outside the best run: the text is not wrapped in page furniture.
MIN_CUT_BLOCKS = 5
#: Cutting more than this share of the page's prose is reported in the explain trace.
SHORT_RESULT_SHARE = 0.3
#: The best run must hold this much prose to be taken for an article.
MIN_ARTICLE_WEIGHT = 150
#: A run of prose shorter than this (in characters)...
BLURB_MAX_CHARS = 1000
#: ...holding less than this share of the page's text is a blurb over content of another
#: shape, not an article (see `_outside_heaviest_run`).
BLURB_SHARE = 0.05
#: A prose run this long (in characters) is an article: it is never traded for a run of
#: items around it (see `_items_instead`).
ARTICLE_MIN_CHARS = 3000
#: Prose outside the best run beyond this share of all prose: other heavy runs are article too.
MAX_CUT_PROSE_SHARE = 0.5
#: A cut of more than this share of the prose (and no more than `MAX_CUT_PROSE_SHARE`), when
#: the page's items do not explain it, is no clear article either: the prose is kept from its
#: first line to its last.
UNCLEAR_CUT_SHARE = 0.4
SENTENCE_MIN = 40
#: A line of this many words or more is content even when it is no sentence: a list entry,
#: a product's or a thread's title, a spec line ("Duration: 2 to 6 months"); menus, buttons
#: and labels are shorter.
ITEM_MIN_WORDS = 4
#: In the items view, what a short line (a label, a button, a price) costs: little, since
#: items carry such lines between them; menus of many of them are fenced by `linkruns`.
SHORT_LINE_COST = 10
#: An item line holds fewer words than this unless it is punctuated like sentences.
ITEM_MAX_WORDS = 40
#: An item counts for half its length up to this many characters: a long spec line or
#: title is still one item.
ITEM_MAX_CHARS = 120
#: What a line of `ITEM_MIN_WORDS` or more that is no prose costs the prose run: little (a
#: code line, a parameter, a list entry of the article); shorter lines cost `LINE_COST`.
ITEM_COST = 10
#: What a line another stage removed costs the run that would hold it: more than a short line
#: no stage knows (a crosshead of the article, a label), since a rule or a stage that named it
#: furniture makes it surer evidence of where the article ends. A removed copy of a paragraph
#: costs `LINE_COST`: it repeats content rather than fences it.
FENCE_COST = 2 * LINE_COST
#: A removed line printed this many times or more on the page ("Reply", "Quote" under every
#: post) separates items of one list rather than fencing the content off...
FENCE_REPEATS = 3
#: ...so it costs little, where other removed lines cost `LINE_COST`.
REPEATED_FENCE_COST = 10
#: A short line right above the run of items is its heading ("Description", "Features").
ITEMS_HEADING_MAX_CHARS = 40
#: A pattern of two to five lines repeated this many times in a row is a grid of tiles...
TILE_REPEATS = 3
#: The lengths of a tile's pattern, in lines...
TILE_PERIODS = (2, 3, 4, 5)
#: ...of which patterns of this many lines or more may vary in one line: the item's name.
NAME_FREE_PERIOD = 3
#: ...and its short lines count this much in the items view (see `_in_tiles`).
TILE_GAIN = 5
#: Consecutive short lines with figures from this many on are a table.
TABLE_MIN_ROWS = 3
#: A line cut short with "…" this long is an article paragraph cut by a paywall, not a snippet.
TRUNCATED_ARTICLE_MIN = 200
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
#: Where CJK characters may stand: from Hangul's first block (U+1100) on, less the
#: punctuation, symbols and arrows of U+2000-U+2E7F (a curly quote sends no line to `_CJK`).
_PAST_LATIN = re.compile("[\u1100-\u1fff\u2e80-\U0010ffff]")


def _size(text: str) -> int:
    """Characters, with each CJK character counted three times: one carries about a word."""
    cjk = len(_CJK.findall(text)) if not text.isascii() and _PAST_LATIN.search(text) else 0
    return len(text) + 2 * cjk


#: A long line that ends no sentence, with fewer stop words than this share of its words, is
#: no prose of the page's language: a spec line, a credits line ("Director_Oh Kyeong Taek,
#: Writer_..."), keywords, names. Article sentences hold a third or more; jusText's threshold
#: for a bad paragraph is 0.30 (measured on the dev pages: lines under 0.15 are half
#: furniture by weight, those above a sixth).
THIN_STOPWORD_SHARE = 0.15


def weight(text: str, stopwords: frozenset[str] = frozenset()) -> int:
    """A line's worth to the run that holds it: its size if it reads as prose, else a cost.
    With the `stopwords` of the page's language, a long line that ends no sentence and holds
    few of them (`THIN_STOPWORD_SHARE`) is an item, not prose."""
    size = _size(text)
    if text[:1] == "<" and _markup(text):
        return -ITEM_COST  # a page's markup printed as text: a "Republish this story" box's code
    if not punctuated(text, size):
        if size < PROSE_MIN_CHARS and is_item(text):
            return -ITEM_COST  # a list entry of a few words: lists seldom punctuate their entries
        return -LINE_COST  # a menu or a tag cloud flattened into one line: words, no sentences
    if text.endswith(("...", "…")):
        # cut short: teaser snippets are (short ones); so is a paywalled article's last paragraph
        return size // 4 if size >= TRUNCATED_ARTICLE_MIN else -LINE_COST
    ends = ends_clause(text)
    if size >= PROSE_LONG_CHARS or (size >= PROSE_MIN_CHARS and ends):
        if not ends and stopwords and _thin(text, stopwords):
            return -ITEM_COST
        return size
    if size >= SENTENCE_MIN and ends and text.count(" ") >= 5:
        return size // 2  # a short sentence: article-like, but menus have some too
    if is_item(text):
        return -ITEM_COST
    return -LINE_COST


#: A line that opens with a tag and holds this many tags in its first `MARKUP_HEAD_CHARS` is
#: markup printed as text (the code a "Republish this story" box offers: the whole article
#: in <h1> and <p> tags), not prose, however long.
MARKUP_MIN_TAGS = 5
MARKUP_HEAD_CHARS = 2000
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]{0,200})?>")

#: enum members read on per-line paths, as module globals (see `cleaner.labels`)
_DUPLICATE = Label.DUPLICATE


def _markup(text: str) -> bool:
    """The line holds `MARKUP_MIN_TAGS` tags or more near its start."""
    return len(_TAG.findall(text[:MARKUP_HEAD_CHARS])) >= MARKUP_MIN_TAGS


def _thin(text: str, stopwords: frozenset[str]) -> bool:
    """Fewer than `THIN_STOPWORD_SHARE` of the line's words are `stopwords` (a line of too
    few words to tell is not thin)."""
    share = stopword_share(text, stopwords)
    return share is not None and share < THIN_STOPWORD_SHARE


def _runs(weights: list[int]) -> list[tuple[int, int, int]]:
    """Maximal positive runs as (total, start, end), found by Kadane's scan: a run restarts
    wherever the running total has dropped to zero or below."""
    runs: list[tuple[int, int, int]] = []
    best, total, start, best_start, best_end = 0, 0, 0, 0, -1
    for i, w in enumerate(weights):
        if total <= 0:
            if best_end >= 0:
                runs.append((best, best_start, best_end))
            total, start, best, best_end = w, i, 0, -1
        else:
            total += w
        if total > best:
            best, best_start, best_end = total, start, i
    if best_end >= 0:
        runs.append((best, best_start, best_end))
    return runs


def line_weights(blocks: list[Block]) -> list[int]:
    """Weights of lines in order. Lines other stages removed count as the furniture they are
    (a teaser's source and age line still fence its snippet; `_fence_cost`), except one
    printed three times or more ("Reply" under every post), which separates the items of one
    list and costs little. Rows of a table and entries of a list a sentence introduces weigh
    nothing (`_zero_a_table`, `_introduced_lists_cost_nothing`). Snippets cut short one after
    another are a teaser list, however long each one is. Each line's own weight is kept on
    the block (`Block.weight`) between the rounds of a document.

    One pass over the lines finds the tables' rows, the colons and the cut lines with the
    weights (the stage asks for a page's weights in every round)."""
    weights: list[int] = []
    repeats = Counter([b.key for b in blocks if not b.is_body])
    rows: list[int] = []  # the run of table rows that ends here
    colons: list[int] = []
    cut_short: set[int] = set()
    for n, b in enumerate(blocks):
        last = b.text[-1:]
        if last == ":":
            colons.append(n)
        elif last == "…" or last == "." and b.text.endswith("..."):
            cut_short.add(n)
        if not b.is_body:
            weights.append(_fence_cost(b, repeats[b.key]))
        else:
            own = b.weight
            if own is None:
                own = b.weight = weight(b.text)
            own = int(own)
            weights.append(own)
            # rows of a table (or results, a schedule) are short lines with figures, several
            # in a row: neither prose nor menu, they neither extend nor break a run
            if own < 0 and b.has_digit:
                rows.append(n)
                continue
        if rows:
            _zero_a_table(rows, weights)
            rows = []
    _zero_a_table(rows, weights)
    _introduced_lists_cost_nothing(blocks, weights, colons)
    for n in cut_short:
        if n - 1 in cut_short or n + 1 in cut_short:
            weights[n] = -LINE_COST
    return weights


def _fence_cost(block: Block, printed: int) -> int:
    """What a removed line costs the run that would hold it: `FENCE_COST`, a copy of a
    paragraph `LINE_COST`, a line printed `FENCE_REPEATS` times or more little."""
    if printed >= FENCE_REPEATS:
        return -REPEATED_FENCE_COST
    return -LINE_COST if block.label is _DUPLICATE else -FENCE_COST


def _zero_a_table(run: list[int], weights: list[int]) -> None:
    """A run of `TABLE_MIN_ROWS` rows (body lines with a figure and a negative weight) or
    more is a table: its rows weigh nothing."""
    if len(run) >= TABLE_MIN_ROWS:
        for row in run:
            weights[row] = 0


#: A row of a table that ends an article holds this many words at least: a tour's date and
#: hall, a runner and a time; an archive's "December (54)" is a menu entry.
TABLE_ROW_MIN_WORDS = 3


def _a_row_of_a_table(block: Block, weight: int) -> bool:
    """The line is a body line of a table (`_zero_a_table`) with a few words in it."""
    return (block.is_body and weight == 0 and block.has_digit
            and block.text.count(" ") >= TABLE_ROW_MIN_WORDS - 1)


#: A sentence ending in a colon introduces at most this many list entries.
INTRODUCED_LIST_MAX = 20


def _introduced_lists_cost_nothing(blocks: list[Block], weights: list[int], colons: list[int]) -> None:
    """The entries of a list a sentence of the text introduces ("...for the following
    reasons:"), short lines without sentence marks, are the text's own: like a table's rows
    they neither extend nor break the run, up to the next line of prose. `colons` are the
    positions of the lines that end with one."""
    n = 0  # the first line no list took
    for at in colons:
        block = blocks[at]
        if at < n or not (block.is_body and block.text.count(" ") >= ITEM_MIN_WORDS - 1):
            continue
        n = at + 1
        end = min(n + INTRODUCED_LIST_MAX, len(blocks))
        while n < end and blocks[n].is_body and weights[n] <= 0:
            weights[n] = 0
            n += 1


def mark_main_span(doc: Document, ctx: Context) -> None:
    """Cut what lies outside the heaviest run, judged first with the removed lines in place
    (they fence teaser snippets), then, if that finds no clear article, on the body alone.

    Why both, and in that order: cleaning the output again sees only the body. A run chosen
    with the removed lines in place stays whole then (their costs are gone and every weight
    can only rise), and so does a run chosen on the body alone; a page left whole by both
    judgements is the same body the second cleaning judges."""
    if doc.extracted and not doc.walked:
        return  # trafilatura already chose the article's paragraphs on the HTML page
    body = [b for b in doc.blocks if b.is_body]
    _weigh(body)
    for lines in (doc.blocks, body):
        outside = _outside_heaviest_run(lines, doc.notes, alone=lines is body)
        if outside:
            for block in outside:
                _mark_outside(block)
            break
        if outside is not None:
            break  # the run holds the whole body: judged on the body alone, it would too


def _weigh(body: list[Block]) -> None:
    """Weigh the body's lines once (`Block.weight`), with the stop words of the page's
    language (none when they name no packed language), which are looked up only when a long
    line that ends no sentence needs them: a later round finds the lines weighed. A strip
    leaves its block to be weighed again (`Block.strip`)."""
    stopwords: frozenset[str] | None = None  # named once, and only for a line that asks
    for block in body:
        if block.weight is not None:
            continue
        own = weight(block.text)
        if own > 0 and not ends_clause(block.text):  # a long line that ends no sentence
            if stopwords is None:
                stopwords = page_stopwords([b.text for b in body])
            own = weight(block.text, stopwords)
        block.weight = own


def _outside_heaviest_run(lines: list[Block], notes: list[str], *, alone: bool, depth: int = 0) -> list[Block] | None:
    """The body lines to cut around the heaviest run of `lines`; [] when the run holds the
    whole body; None when a guard says keep the page as it is. Judged on the body `alone`,
    prose that is spread out keeps everything from its first line to its last, and only
    the furniture around that goes. A cut around the page's items is taken only when the
    body it leaves, judged again, is kept whole (`_settled`): it weighs the whole run
    against what lies around it, which removed lines between them can tip."""
    weights = line_weights(lines)
    runs = _runs(weights)
    if not runs:
        return None
    total, start, end = max(runs)
    if total < MIN_ARTICLE_WEIGHT:
        # no run of prose stands out: a listing, a thread of short posts, a table, a form
        around_items = _outside_items_run(lines, weights, spread_guard=True)
        return around_items if _settled(lines, around_items, depth) else None
    while end + 1 < len(lines) and _a_row_of_a_table(lines[end + 1], weights[end + 1]):
        end += 1  # the table that ends the article is the article's
    above = start - 1
    while above >= 0 and not lines[above].is_body:
        above -= 1  # over the byline and date lines other stages took
    if above >= 0 and looks_like_title(lines[above].text):
        start = above  # the headline right above the article stays, for the title stage to judge
    outside = _around(lines, start, end)
    if not outside:
        return None if outside is None else []
    prose, cut_prose = _prose_cut(lines, weights, outside)
    if prose and cut_prose > MAX_CUT_PROSE_SHARE * prose:
        # judged again on the body alone, which says what is kept
        return _around_prose(lines, weights, notes, cut_prose, prose) if alone else None
    kept = sum(len(b.text) for b in lines[start : end + 1] if b.is_body)
    around_items = _items_instead(lines, weights, outside, kept, notes, depth)
    if around_items is not None:
        return around_items
    if prose and cut_prose > UNCLEAR_CUT_SHARE * prose:
        return _around_prose(lines, weights, notes, cut_prose, prose) if alone else None
    page = kept + sum(len(lines[n].text) for n in outside)
    if kept < BLURB_MAX_CHARS and kept < BLURB_SHARE * page:
        # a blurb is no article: the page's content is the rest, in a shape the weights do not
        # read (a listing's tiles, a table of short cells), and the page stays as it is
        _note(notes, f"{STAGE}: the prose run holds {kept} of the page's {page} characters: a blurb, no cut")
        return None
    if prose and cut_prose > SHORT_RESULT_SHARE * prose:
        _note(notes, f"{STAGE}: short result: the article run holds {prose - cut_prose} of the page's {prose} characters of prose")
    return [lines[n] for n in outside]


def _items_instead(lines: list[Block], weights: list[int], outside: list[int], kept: int, notes: list[str],
                   depth: int) -> list[Block] | None:
    """The cut around the page's items when the lines of content a prose cut would drop
    (`outside`) outweigh the `kept` characters of the prose run: the run is an intro or a
    sidebar's blurb, the page's content its items. None when the prose cut stands, as it
    always does for a run of `ARTICLE_MIN_CHARS` or more: that is an article, and the items
    around it are the page's menus, teasers and grids."""
    if kept >= ARTICLE_MIN_CHARS:
        return None
    item_lines = [n for n in outside if is_item(lines[n].text)]
    tiles = None
    if sum(len(lines[n].text) for n in outside) > kept:  # else no items run can tip it
        tiles = _in_tiles(lines)  # short lines count when they are tiles of a grid
        items = set(item_lines)
        item_lines = [n for n in outside if tiles[n] or n in items]
    if sum(len(lines[n].text) for n in item_lines) <= kept:
        return None  # the items run cannot tip it
    # counted inside the run of items only: that run is the body a second cleaning judges,
    # so it takes this decision again on the same lines
    items_run = _heaviest_items_run(lines, weights, tiles)
    low, high = items_run if items_run else (0, -1)
    content_cut = sum(len(lines[n].text) for n in item_lines if low <= n <= high)
    if content_cut <= kept:
        return None
    around_items = _outside_items_run(lines, weights, spread_guard=False, run=items_run)
    if around_items is None or not _settled(lines, around_items, depth):
        return None
    _note(notes, f"{STAGE}: the prose run holds {kept} characters, the lines of content around it {content_cut}: cut around the page's items instead")
    return around_items


#: How deep `_settled` looks: the body a cut leaves, and the body a cut of that one would.
SETTLE_DEPTH = 2


def _settled(lines: list[Block], outside: list[Block] | None, depth: int) -> bool:
    """Cleaning what the cut leaves again cuts nothing more: the body left (also when the cut
    is empty but removed lines stood between), judged as a second cleaning judges it (as it
    is, then alone), is kept whole."""
    if outside is None or depth >= SETTLE_DEPTH:
        return True
    cut = {id(block) for block in outside}
    left = [b for b in lines if b.is_body and id(b) not in cut]
    if len(left) == len(lines):
        return True  # nothing cut, nothing removed: the same judgement again
    for alone in (False, True):
        again = _outside_heaviest_run(left, [], alone=alone, depth=depth + 1)
        if again is not None:
            return not again
    return True


def _around(lines: list[Block], start: int, end: int) -> list[int] | None:
    """The body lines outside the run `start`..`end`: [] when there are none, None when too
    few lines lie outside the run for a page wrapped in furniture (lines other stages
    already removed count towards that too)."""
    outside = [n for n, b in enumerate(lines) if b.is_body and not start <= n <= end]
    if outside and len(lines) - (end + 1 - start) < MIN_CUT_BLOCKS:
        return None
    return outside


def _prose_cut(lines: list[Block], weights: list[int], outside: list[int]) -> tuple[int, int]:
    """The page's prose and the prose a cut of `outside` would take, as the weights count it."""
    prose = sum(w for b, w in zip(lines, weights) if b.is_body and w > 0)
    return prose, sum(weights[n] for n in outside if weights[n] > 0)


def _around_prose(lines: list[Block], weights: list[int], notes: list[str], cut_prose: int, prose: int) -> list[Block] | None:
    """No clear article: the furniture around the prose goes (see `_outside_envelope`)."""
    around = _outside_envelope(lines, weights)
    held = "from its first line to its last" if around else "all"
    _note(notes, f"{STAGE}: the page's prose is spread out; kept it {held} rather than cut {cut_prose} of {prose} characters")
    return around


def _outside_envelope(body: list[Block], weights: list[int]) -> list[Block] | None:
    """The lines before the page's first line of prose (less its headline) and after its
    last: the menus and footers around prose that is spread out. Nothing of any weight is
    cut, so the body left holds the same runs and the same prose, and a second cleaning
    judges it spread out again, with nothing outside its first and last prose lines."""
    positive = [n for n, w in enumerate(weights) if w > 0]
    if not positive:
        return None
    first, last = positive[0], positive[-1]
    if first > 0 and looks_like_title(body[first - 1].text):
        first -= 1
    outside = [n for n in range(len(body)) if not first <= n <= last]
    if len(outside) < MIN_CUT_BLOCKS:
        return None
    return [body[n] for n in outside]


def is_item(text: str) -> bool:
    """Content by its length in words, prose or not (see `ITEM_MIN_WORDS`); but a line of
    more than `ITEM_MAX_WORDS` words with no sentence in it is a list flattened into one line
    (the towns or postcodes a business serves, a menu), not an item (`punctuated`)."""
    spaces = text.count(" ")
    return spaces >= ITEM_MIN_WORDS - 1 and (spaces < ITEM_MAX_WORDS or punctuated(text))


def _items_weights(lines: list[Block], weights: list[int], tiles: list[bool] | None = None) -> list[int]:
    """The weights of a page whose content is items (a listing, a thread, a product's specs,
    a review table): prose as before, each item line a share of its length, the short lines
    of a grid of tiles a little, other short lines cost a little, and so do the entries of a
    table of contents (`_contents_entries`); removed lines still fence."""
    items = []
    if tiles is None:
        tiles = _in_tiles(lines)
    between = _between_tiles(lines, tiles)
    toc = _contents_entries(lines)
    for n, (block, own, tile) in enumerate(zip(lines, weights, tiles)):
        if not block.is_body:
            # a removed line between two tiles (a chart's "#2") separates items of one grid
            items.append(-REPEATED_FENCE_COST if between[n] else -LINE_COST)
        elif own > 0:
            items.append(own)
        elif toc[n]:
            items.append(-SHORT_LINE_COST)
        elif is_item(block.text):
            items.append(min(len(block.text), ITEM_MAX_CHARS) // 2)
        elif tile:
            items.append(TILE_GAIN)
        else:
            items.append(-SHORT_LINE_COST)
    return items


_SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})+\.?\s")


def _contents_entries(lines: list[Block]) -> list[bool]:
    """flags[n]: line n is a numbered section's name ("2.14 Remarks and exercises") next to
    another: a table of contents, which points to the content rather than holds it."""
    numbered = [b.is_body and _SECTION_NUMBER.match(b.text) is not None for b in lines]
    return [flag and ((n > 0 and numbered[n - 1]) or (n + 1 < len(lines) and numbered[n + 1]))
            for n, flag in enumerate(numbered)]


def _between_tiles(lines: list[Block], tiles: list[bool]) -> list[bool]:
    """flags[n]: the body lines nearest before and after line n are both tiles."""
    flags = [False] * len(lines)
    last_tile = False  # the nearest body line above is a tile
    pending: list[int] = []  # removed lines since that body line
    for n, block in enumerate(lines):
        if not block.is_body:
            pending.append(n)
            continue
        if last_tile and tiles[n]:
            for m in pending:
                flags[m] = True
        pending = []
        last_tile = tiles[n]
    return flags


def _shape(block: Block) -> tuple[bool, int, bool]:
    """What a tile's line looks like: a figure in it, its words (up to 4), a sentence end."""
    text = block.text
    return (block.has_digit, min(text.count(" ") + 1, 4), text[-1:] in ".!?")


def _in_tiles(lines: list[Block]) -> list[bool]:
    """Lines of a repeated pattern of two to five lines (a product grid's name, price and
    rating, a schedule's team, time and place, a chart's title, year and rating), at least
    `TILE_REPEATS` times over: items, however short. Each tile's name may take any shape ("Nine",
    "A Winter in the Old Town"): a pattern of three lines or more holds when its other lines
    repeat their shapes. A pattern of one line (a menu: every line alike) is no tile."""
    body = [n for n, b in enumerate(lines) if b.is_body]
    shapes = [_shape(lines[n]) for n in body]
    flags = [False] * len(lines)
    for period in TILE_PERIODS:
        span = period * TILE_REPEATS
        # the positions whose shape changed since the last period, in the window, and how many
        # of them fall on each line of the pattern (k mod period): the lines that vary
        misses: deque[int] = deque()
        per_line = [0] * period
        varying = 0
        run = 0
        flagged = -1  # the last position flagged in this period's pass
        for k in range(period, len(shapes)):
            if shapes[k] != shapes[k - period]:
                misses.append(k)
                if not per_line[k % period]:
                    varying += 1  # a line of the pattern that varied nowhere in the window now does
                per_line[k % period] += 1
            while misses and misses[0] <= k - (span - period):
                gone = misses.popleft() % period
                per_line[gone] -= 1
                if not per_line[gone]:
                    varying -= 1
            run = run + 1
            if misses and (period < NAME_FREE_PERIOD or varying > 1):
                run = k - misses[-1]  # the pattern restarts after a line that breaks it
            if run >= span - period:
                start = k - span + 1
                # the lines other than the free one differ among themselves: a list of lines
                # all alike but for a year now and then (an archive's months) is no tile
                if len({shapes[j] for j in range(start, start + period) if not per_line[j % period]}) > 1:
                    for j in range(max(start, flagged + 1), k + 1):
                        flags[body[j]] = True
                    flagged = k
    return flags


def _heaviest_items_run(lines: list[Block], weights: list[int], tiles: list[bool] | None = None) -> tuple[int, int] | None:
    runs = _runs(_items_weights(lines, weights, tiles))
    if not runs:
        return None
    _total, start, end = max(runs)
    return start, end


def _outside_items_run(lines: list[Block], weights: list[int], *, spread_guard: bool,
                       run: tuple[int, int] | None = None) -> list[Block] | None:
    """The body lines to cut around the heaviest run of items (the page's menus, footers
    and prompts); None when no cut is due: the prose run's guards, and, with `spread_guard`
    (a page with no article run to anchor it), when the run leaves out half the items."""
    run = run or _heaviest_items_run(lines, weights)
    if run is None:
        return None
    start, end = run
    above = start - 1
    if above >= 0 and lines[above].is_body and len(lines[above].text) <= ITEMS_HEADING_MAX_CHARS and not ends_clause(lines[above].text):
        start = above
    outside = _around(lines, start, end)
    if not outside:
        return None if outside is None else []
    prose, cut_prose = _prose_cut(lines, weights, outside)
    if prose and cut_prose > MAX_CUT_PROSE_SHARE * prose:
        return None
    if spread_guard:
        items = sum(len(b.text) for b in lines if b.is_body and is_item(b.text))
        if sum(len(lines[n].text) for n in outside if is_item(lines[n].text)) > MAX_CUT_PROSE_SHARE * items:
            return None  # the items are spread out: no one run of them is the content
    return [lines[n] for n in outside]


def _note(notes: list[str], note: str) -> None:
    if note not in notes:  # the stage runs in every round of the late stages
        notes.append(note)


def _mark_outside(block: Block) -> None:
    block.mark(Label.CHROME, STAGE, "outside the article's run of prose (page furniture)")

"""Properties that must hold for any input (hypothesis)."""

from __future__ import annotations

import json
import os
import re

from expectations import FIXTURES
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cleaner import CleanerError, clean
from cleaner.cli import app
from cleaner.stages.normalize import normalize_text

# Lines from our fixture pages: realistic material for documents hypothesis assembles.
LINES = sorted(
    {line for page in (FIXTURES / "pages").glob("*.txt") for line in page.read_text("utf-8").splitlines() if line}
)
SPACE = re.compile(r"\s+")

documents = st.one_of(
    st.text(max_size=2000),
    st.lists(st.sampled_from(LINES), max_size=40).map("\n".join),
    st.lists(st.one_of(st.sampled_from(LINES), st.text(max_size=80), st.just("")), max_size=30).map("\n".join),
)
#: 2,000 examples per property in CI (`make test`); CLEANER_EXAMPLES=10000 for a longer hunt.
EXAMPLES = int(os.environ.get("CLEANER_EXAMPLES", "2000"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Article paragraphs from our clean fixture pages (nothing in them may ever be removed).
PARAGRAPHS = sorted({
    line
    for page in (FIXTURES / "pages").glob("clean_*.txt")
    for line in page.read_text("utf-8").splitlines()
    if len(line) >= 120
})


def squash(text: str) -> str:
    return SPACE.sub(" ", normalize_text(text)).strip()


@SETTINGS
@given(st.one_of(documents, st.binary(max_size=3000)))
def test_clean_never_raises(data):
    try:
        clean(data)
    except CleanerError:
        pass


@SETTINGS
@given(documents)
@example("![]()\ntAG")  # a section header under a line the rules took out: no sentence goes on
# a copy that leaves frees the line under it, which went on with its sentence: a repeat too
@example("A000000A00000000000000000A00000000000000000000000A0000000000000000A0\nA000000A00000000000000000A00000000000000000000000A0000000000000000A0\na000000A00000000000000000A00000000000000000000000A0000000000000000A0")
@example("00000Â\x1b¡Â¡")  # a control character between two mojibake sequences, gone after one pass
def test_idempotent(text):
    once = clean(text).text
    assert clean(once).text == once


@SETTINGS
@given(documents)
def test_body_is_made_of_input_text_in_input_order(text):
    source = squash(text)
    position = 0
    for block in clean(text).text.split("\n\n"):
        if not block:
            continue
        found = source.find(squash(block), position)
        assert found >= 0, block
        position = found


@SETTINGS
@given(st.lists(st.sampled_from(PARAGRAPHS), min_size=2, max_size=8, unique=True), st.sampled_from(["\n", "\n\n"]))
def test_a_clean_article_comes_back_whole(paragraphs, separator):
    """Articles assembled from clean paragraphs (several languages, any order): nothing is removed."""
    text = separator.join(paragraphs)
    article = clean(text)
    assert article.text == text
    assert article.removed == []


@settings(max_examples=max(EXAMPLES // 10, 50), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_the_cli_gives_the_library_result(text):
    """The command line on stdin (JSONL out) prints exactly what the library returns."""
    result = CliRunner().invoke(app, ["clean", "-", "--format", "jsonl", "-q"], input=text.encode("utf-8", "replace"))
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 0:
        record = json.loads(result.stdout.splitlines()[0]) if result.stdout.strip() else {"text": ""}
        assert record["text"] == clean(text.encode("utf-8", "replace")).text


def _every_pattern_in_order(book, text):
    """The rule book's answer found the slow way: every pattern tried, in pack order."""
    for number, rule in enumerate(book._rules):
        if len(text) <= rule.max_length and book.pattern(number).match(text):
            return rule.id
    return None


_BOOK_LINES = st.one_of(
    st.sampled_from(LINES),
    st.text(max_size=60),
    # the packs' own vocabulary in any case and order: near misses of the rules
    st.lists(st.sampled_from(["Read", "more", "MORE:", "from", "3", "comments", "by clicking here", "©", "2024",
                              "Follow", "us", "on", "Facebook", "wrote", "(bms, sm)", "#tag", "Kommentare", "–", "AFP",
                              "min read", "İ", "ß", "Share", "this", "Related:", "٣", "１２", "says:", "ΟΔΟΣ", ",", "seo,"]),
             max_size=8).map(" ".join),
)


@SETTINGS
@given(_BOOK_LINES)
def test_the_rule_index_never_misses_a_pattern(text):
    """The start and substring index only skips patterns that cannot match: the first rule
    whose pattern claims a line is the same as trying every pattern in order."""
    from cleaner.rules import rulebook_for

    book = rulebook_for((), ())
    found = book.match(text, key="\x00")  # a key no whole-line rule has: patterns only
    assert (found.rule.id if found else None) == _every_pattern_in_order(book, text)


def test_the_rule_index_never_misses_a_pattern_on_the_fixture_lines():
    from cleaner.rules import rulebook_for

    book = rulebook_for((), ())
    for text in LINES:
        found = book.match(text, key="\x00")
        assert (found.rule.id if found else None) == _every_pattern_in_order(book, text), text


@SETTINGS
@given(st.one_of(_BOOK_LINES, st.sampled_from(["3 hours ago", "vor 2 Tagen", "hace 3 horas", "2 days ago · Reuters",
                                               "Yesterday", "il y a 5 min", "16 hours ago on iOS Blog", "· 12m",
                                               "7H ago 08:51", "2 days ago at 07:52 am", "5 min ago | Sports",
                                               "3 days ago via Reuters", "1 hour ago – AP"])))
def test_the_age_index_never_misses_an_age(text):
    from cleaner.rules import rulebook_for
    from cleaner.rules.matcher import _AGE_PLACE

    book = rulebook_for((), ())
    bare = _AGE_PLACE.sub("", text.strip(" ·•|-"))
    assert book.is_age(text) == (len(text) <= 60 and len(bare) <= 40 and bool(book.ages.fullmatch(bare)))


_CREDIT_PIECES = st.lists(st.sampled_from(["The", "mayor", "opens", "the", "bridge.", "Photo:", "PHOTO", "by", "By",
                                           "courtesy", "of", "AFP", "(Photo", "Reuters)", "/", "/Getty", "Images",
                                           "©", "2024", "Jane", "Roe", "|", "Foto:", "Image", "credit:", "ſ", "Courteſy",
                                           "Bildquelle:", "dpa", "Video", ":", ")", "."]), max_size=14).map(" ".join)


@SETTINGS
@given(st.one_of(_CREDIT_PIECES, st.sampled_from(LINES), st.text(max_size=140)))
def test_the_credit_gate_never_turns_away_a_credit(text):
    """The substring tests ahead of the credit search only turn away lines it would not match."""
    from cleaner.stages.captions import _CREDIT, _CREDIT_MARKS, CREDIT_TAIL_CHARS, _credited

    tail = text[-CREDIT_TAIL_CHARS:]
    assert _credited(text) == (_CREDIT_MARKS.search(tail.lower()) is not None and _CREDIT.search(tail) is not None)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(["a", " ", "\n", "\r", "\t", "\xa0", "\u2028", "\u200b", "\xad", "\x07",
                                         "\x85", "\u3000", "\ufeff", "\ue000", "é"]), max_size=60))
def test_the_table_is_applied_alike_by_replacing_or_translating(text):
    """Normalize replaces the few kinds of characters a page needs the table for one by one,
    and translates past `REPLACE_KINDS_MAX` kinds: both give what the table says."""
    from cleaner.stages.normalize import _TABLE, _translated

    assert _translated(text) == text.translate(_TABLE)

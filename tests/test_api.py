"""The library API: typed results, options, pickling, threads, errors."""

from __future__ import annotations

import gzip
import json
import pickle
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest
from expectations import FIXTURES

from cleaner import Article, Cleaner, Config, InputTooLarge, clean

PAGE = (FIXTURES / "pages" / "agg_daily8_comments.txt").read_text("utf-8")


def test_article_is_typed_and_serialisable():
    article = clean(PAGE)
    assert isinstance(article, Article)
    data = article.to_dict()
    assert json.loads(json.dumps(data))["title"] == article.title
    assert {"text", "title", "authors", "date", "source", "site", "language", "captions", "tags", "removed"} <= set(data)
    assert all({"text", "stage", "reason"} <= set(r) for r in data["removed"])
    assert "removed" not in article.to_dict(explain=False)


def test_bytes_gzip_and_str_agree():
    raw = PAGE.encode("utf-8")
    assert clean(raw).text == clean(PAGE).text == clean(gzip.compress(raw)).text


def test_cleaner_is_picklable_and_reusable_in_processes():
    cleaner = Cleaner(Config(keep_near_duplicates=True))
    clone = pickle.loads(pickle.dumps(cleaner))
    assert clone.config == cleaner.config
    with ProcessPoolExecutor(max_workers=2) as pool:
        texts = list(pool.map(_clean_text, [PAGE] * 4))
    assert texts == [clean(PAGE).text] * 4


def _clean_text(page: str) -> str:
    return Cleaner().clean(page).text


def test_thread_safe_and_deterministic():
    pages = sorted((FIXTURES / "pages").glob("*.txt"))
    expected = [clean(p.read_bytes()).to_dict() for p in pages]
    cleaner = Cleaner()
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda p: cleaner.clean(p.read_bytes()).to_dict(), pages * 3))
    assert got == expected * 3


def test_unknown_option_is_a_clear_error():
    with pytest.raises(TypeError, match="unknown option"):
        clean("text", keep_everything=True)


def test_too_large_input_is_a_typed_error():
    with pytest.raises(InputTooLarge):
        clean("x" * 2000, max_input_bytes=1000)


@pytest.mark.parametrize("data", ["", "   \n\n ", b"", b"\x00\x01\x02\xff" * 100, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 20])
def test_empty_and_binary_inputs_give_an_empty_result(data):
    article = clean(data)
    assert article.text == ""


def test_url_names_the_site_when_no_rule_does():
    page = (FIXTURES / "pages" / "clean_en_science.txt").read_text("utf-8")
    assert clean(page, url="https://www.example.org/science/a").site == "example.org"
    assert clean(page).site is None


def test_favor_recall_keeps_every_line_balanced_keeps_and_more():
    """Recall skips the stages that remove by shape or position: on the fixture pages whose
    article a main-span cut frames, it keeps the lines that cut removes, and never loses one
    balanced keeps."""
    balanced, recall = Cleaner(), Cleaner(Config(favor="recall"))
    framed = 0
    for page in sorted((FIXTURES / "pages").glob("*.txt")):
        text = page.read_text("utf-8")
        kept, article = balanced.clean(text), recall.clean(text)
        assert set(kept.text.splitlines()) <= set(article.text.splitlines()), page.name
        cut = {r.text for r in kept.removed if r.stage == "mainspan"}
        if cut:
            framed += 1
            assert cut <= set(article.text.splitlines()), page.name
            assert not any(r.stage == "mainspan" for r in article.removed)
    assert framed >= 5


def test_favor_is_checked_when_the_config_is_made():
    with pytest.raises(ValueError, match="favor must be one of precision, balanced, recall"):
        Config(favor="everything")
    assert Config.from_options(favor="precision").favor == "precision"

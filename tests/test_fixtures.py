"""Our own sample pages: each must come out exactly as its expected output."""

from __future__ import annotations

import importlib.util

import pytest
from expectations import FIXTURES, load, problems

from cleaner import clean

SPECS = sorted((FIXTURES / "expected").glob("*.json"))


def test_enough_fixtures_in_enough_languages():
    languages = {load(p)["expected"].get("language", "en") for p in SPECS}
    assert len(SPECS) >= 30
    assert len(languages) >= 4, languages


def test_generated_files_match_their_sources():
    spec = importlib.util.spec_from_file_location("build", FIXTURES / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.build(check=True) == [], "run `python fixtures/build.py` after editing fixtures/src"


@pytest.mark.parametrize("spec_path", SPECS, ids=lambda p: p.stem)
def test_fixture_comes_out_as_expected(spec_path):
    spec = load(spec_path)
    article = clean((FIXTURES / "pages" / spec["input"]).read_bytes())
    assert problems(spec, article, exact_body=True) == []


@pytest.mark.parametrize("spec_path", [p for p in SPECS if p.stem.startswith(("clean_", "hard_negative_"))],
                         ids=lambda p: p.stem)
def test_clean_pages_and_hard_negatives_keep_every_body_line(spec_path):
    spec = load(spec_path)
    article = clean((FIXTURES / "pages" / spec["input"]).read_bytes())
    kept = [line for line in article.text.splitlines() if line]
    body = [line["text"] for line in spec["lines"] if line["label"] == "body"]
    assert kept == body
    if spec_path.stem.startswith("clean_"):  # nothing to remove: the page comes back as it was
        assert article.text == (FIXTURES / "pages" / spec["input"]).read_text("utf-8").strip()
        assert article.removed == []

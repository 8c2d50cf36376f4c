"""The four seed pages, judged by their line labels and by the shared scorer."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import needs_shared
from expectations import SHARED, load, problems

from cleaner import clean

SEED_SPECS = sorted((SHARED / "seeds" / "expected").glob("*.json")) if (SHARED / "seeds").is_dir() else []


@needs_shared
@pytest.mark.parametrize("spec_path", SEED_SPECS, ids=lambda p: p.stem)
def test_seed_labels_hold(spec_path):
    spec = load(spec_path)
    article = clean((SHARED / "seeds" / spec["input"]).read_bytes())
    assert problems(spec, article, exact_body=False) == []


@needs_shared
@pytest.mark.parametrize("spec_path", SEED_SPECS, ids=lambda p: p.stem)
def test_seed_metadata(spec_path):
    spec = load(spec_path)
    expected = spec["expected"]
    article = clean((SHARED / "seeds" / spec["input"]).read_bytes())
    for name in ("title", "authors", "date", "source", "site"):
        want = expected.get(name)
        assert getattr(article, name) == want, name
    if "agencies" in expected:
        assert article.agencies == expected["agencies"]


@needs_shared
def test_cli_output_scores_94_of_94(tmp_path):
    """The issue's own check: `cleaner clean ../shared/seeds --format jsonl` scored by score.py."""
    out = tmp_path / "out.jsonl"
    with out.open("w") as handle:
        subprocess.run(
            [sys.executable, "-m", "cleaner.cli", "clean", str(SHARED / "seeds"), "--format", "jsonl"],
            stdout=handle,
            check=True,
        )
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 4 and all("path" in r and "text" in r for r in records)
    scored = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), "seeds", str(out)], capture_output=True, text=True, check=False
    )
    assert scored.stdout.strip().splitlines()[-1] == "seeds: 94/94 checks hold", scored.stdout

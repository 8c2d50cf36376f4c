"""Scoring helper shared by the dev-set benchmarks: records through ../shared/tools/score.py."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORE = ROOT.parent / "shared" / "tools" / "score.py"


def score(records: list[dict], label: str) -> str:
    """score.py's scrapinghub line for `records` ({"path", "text"} each), labelled."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    out = subprocess.run([sys.executable, str(SCORE), "scrapinghub", handle.name], capture_output=True, text=True, check=False)
    Path(handle.name).unlink()
    return f"{label:12} " + out.stdout.strip().splitlines()[-1].replace("scrapinghub ", "")
